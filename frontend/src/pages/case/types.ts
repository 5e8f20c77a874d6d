import type { CaseDetailQuery } from '../../gql/graphql'

export type CaseDetail = NonNullable<CaseDetailQuery['testCase']>
