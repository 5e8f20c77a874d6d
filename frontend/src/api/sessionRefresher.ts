import { stringifyDocument } from '@urql/core'
import { RefreshSessionDocument, type SessionUserFragment } from '../gql/graphql'
import { GRAPHQL_PATH } from './endpoint'

export type RefreshSession = () => Promise<SessionUserFragment | null>

/**
 * Renews the session through `refreshSession` (the server rotates the HttpOnly refresh cookie and
 * sets a new access cookie). Calls made while one is in flight share it, so a burst of expired
 * requests rotates the refresh token once.
 */
export function createSessionRefresher(send: typeof fetch): RefreshSession {
  const body = JSON.stringify({
    operationName: 'RefreshSession',
    query: stringifyDocument(RefreshSessionDocument),
    variables: {},
  })

  async function refreshOnce(): Promise<SessionUserFragment | null> {
    try {
      const response = await send(GRAPHQL_PATH, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body,
      })
      if (!response.ok) return null
      const result = (await response.json()) as { data?: { refreshSession?: SessionUserFragment | null } | null }
      return result.data?.refreshSession ?? null
    } catch {
      return null
    }
  }

  let pending: Promise<SessionUserFragment | null> | null = null
  return () => {
    pending ??= refreshOnce().finally(() => {
      pending = null
    })
    return pending
  }
}
