import { stringifyDocument } from '@urql/core'
import { RefreshSessionDocument, type SessionUserFragment } from '../gql/graphql'
import { withCrossTabLock } from './crossTabLock'
import { GRAPHQL_PATH } from './endpoint'

/** The Web Lock every tab of the app takes around a refresh. */
export const REFRESH_LOCK = 'tcm-session-refresh'

export type RefreshSession = () => Promise<SessionUserFragment | null>

/**
 * Renews the session through `refreshSession` (the server rotates the HttpOnly refresh cookie and
 * sets a new access cookie). Calls made while one is in flight share it, so a burst of expired
 * requests rotates the refresh token once; and the tabs of the browser take turns (a cross-tab lock),
 * so no tab presents a refresh cookie that another has just rotated.
 */
export function createSessionRefresher(
  send: typeof fetch,
  serialise: <T>(task: () => Promise<T>) => Promise<T> = (task) => withCrossTabLock(REFRESH_LOCK, task),
): RefreshSession {
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
    pending ??= serialise(refreshOnce).finally(() => {
      pending = null
    })
    return pending
  }
}
