import type { SuiteDetailQuery } from '../../gql/graphql'

export type SuiteDetail = NonNullable<SuiteDetailQuery['testSuite']>
export type GroupDetail = SuiteDetail['groups'][number]
export type CaseSummary = GroupDetail['cases'][number]
