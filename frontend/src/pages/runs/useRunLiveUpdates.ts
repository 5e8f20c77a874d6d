import { useLiveUpdates, type LiveState } from '../../api/useLiveUpdates'
import { RunChangedDocument, type RunChangedSubscription } from '../../gql/graphql'

export type RunChange = RunChangedSubscription['testRunChanged']

const runChange = (data: RunChangedSubscription): RunChange => data.testRunChanged

/** `onChange` for every change to the run (`testRunChanged`: results by others, by CI through any
 * service); it should be stable (useCallback). */
export function useRunLiveUpdates(runId: string | undefined, onChange: (change: RunChange) => void): LiveState {
  return useLiveUpdates(RunChangedDocument, runId, runChange, onChange)
}
