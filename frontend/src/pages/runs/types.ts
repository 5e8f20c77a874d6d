import type { RunDetailQuery } from '../../gql/graphql'

export type RunDetail = NonNullable<RunDetailQuery['testRun']>
export type RunEntryDetail = RunDetail['entries'][number]
export type ResultRecordDetail = RunEntryDetail['results'][number]

/** Results can be recorded: the run is open and its suite is not completed (docs/domain-runs.md). */
export function isRecordable(run: RunDetail): boolean {
  return (run.status === 'PLANNED' || run.status === 'IN_PROGRESS') && run.suite.status !== 'COMPLETED'
}
