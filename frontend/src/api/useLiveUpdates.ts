import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { useEffect } from 'react'
import { useSubscription } from 'urql'

export type LiveState = 'connecting' | 'live' | 'unavailable'

/**
 * Listens to a `...Changed(id)` subscription over the WebSocket and calls `onChange` with what `pick`
 * takes out of every event (a change made by anyone, through any service). `pick` and `onChange` should
 * be stable (module functions, useCallback).
 */
export function useLiveUpdates<Data, Change>(
  query: TypedDocumentNode<Data, { id: string }>,
  id: string | undefined,
  pick: (data: Data) => Change,
  onChange: (change: Change) => void,
): LiveState {
  const [{ data, error, stale, fetching }] = useSubscription({ query, variables: { id: id ?? '' }, pause: !id })

  useEffect(() => {
    if (data) onChange(pick(data))
  }, [data, pick, onChange])

  if (error) return 'unavailable'
  return fetching || stale || data ? 'live' : 'connecting'
}
