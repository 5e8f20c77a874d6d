import { useEffect } from 'react'
import { useSubscription } from 'urql'
import { SuiteChangedDocument, type SuiteChangedSubscription } from '../../gql/graphql'

export type SuiteChange = SuiteChangedSubscription['testSuiteChanged']
export type LiveState = 'connecting' | 'live' | 'unavailable'

/**
 * Listens to `testSuiteChanged(id)` over the WebSocket and calls `onChange` for every change (made by
 * anyone, through any service). `onChange` should be stable (useCallback).
 */
export function useSuiteLiveUpdates(suiteId: string | undefined, onChange: (change: SuiteChange) => void): LiveState {
  const [{ data, error, stale, fetching }] = useSubscription({
    query: SuiteChangedDocument,
    variables: { id: suiteId ?? '' },
    pause: !suiteId,
  })

  useEffect(() => {
    if (data) onChange(data.testSuiteChanged)
  }, [data, onChange])

  if (error) return 'unavailable'
  return fetching || stale || data ? 'live' : 'connecting'
}
