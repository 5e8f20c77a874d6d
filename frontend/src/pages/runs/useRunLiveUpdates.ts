import { useEffect } from 'react'
import { useSubscription } from 'urql'
import { RunChangedDocument, type RunChangedSubscription } from '../../gql/graphql'
import type { LiveState } from '../suite/useSuiteLiveUpdates'

export type RunChange = RunChangedSubscription['testRunChanged']

/**
 * Listens to `testRunChanged(id)` over the WebSocket and calls `onChange` for every change to the run
 * (results recorded by others, by CI through any service). `onChange` should be stable (useCallback).
 */
export function useRunLiveUpdates(runId: string | undefined, onChange: (change: RunChange) => void): LiveState {
  const [{ data, error, stale, fetching }] = useSubscription({
    query: RunChangedDocument,
    variables: { id: runId ?? '' },
    pause: !runId,
  })

  useEffect(() => {
    if (data) onChange(data.testRunChanged)
  }, [data, onChange])

  if (error) return 'unavailable'
  return fetching || stale || data ? 'live' : 'connecting'
}
