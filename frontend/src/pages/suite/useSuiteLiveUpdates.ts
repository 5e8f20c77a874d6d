import { useLiveUpdates, type LiveState } from '../../api/useLiveUpdates'
import { SuiteChangedDocument, type SuiteChangedSubscription } from '../../gql/graphql'

export type SuiteChange = SuiteChangedSubscription['testSuiteChanged']

const suiteChange = (data: SuiteChangedSubscription): SuiteChange => data.testSuiteChanged

/** `onChange` for every change to the suite (`testSuiteChanged`); it should be stable (useCallback). */
export function useSuiteLiveUpdates(suiteId: string | undefined, onChange: (change: SuiteChange) => void): LiveState {
  return useLiveUpdates(SuiteChangedDocument, suiteId, suiteChange, onChange)
}
