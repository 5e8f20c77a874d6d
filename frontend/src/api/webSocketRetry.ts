import type { RefreshSession } from './sessionRefresher'

/** The graphql-transport-ws close code for "no valid session" (also sent when it expires or is revoked). */
const UNAUTHORIZED = 4401
const MAX_WAIT_MS = 10_000

function closeCodeOf(errOrCloseEvent: unknown): number | undefined {
  if (typeof errOrCloseEvent !== 'object' || errOrCloseEvent === null || !('code' in errOrCloseEvent)) return undefined
  return typeof errOrCloseEvent.code === 'number' ? errOrCloseEvent.code : undefined
}

export class SessionExpiredError extends Error {
  constructor() {
    super('The session has expired')
    this.name = 'SessionExpiredError'
  }
}

/**
 * How the subscription socket reconnects: after a close for lack of authentication it renews the
 * session first (the upgrade request then carries the new access cookie); other drops just back off.
 */
export function createWebSocketRetry(refresh: RefreshSession, onSessionExpired: () => void, sleep = delay) {
  let renewBeforeRetry = false
  return {
    shouldRetry: (errOrCloseEvent: unknown): boolean => {
      const code = closeCodeOf(errOrCloseEvent)
      if (code === UNAUTHORIZED) renewBeforeRetry = true
      return true
    },
    retryWait: async (retries: number): Promise<void> => {
      if (renewBeforeRetry) {
        renewBeforeRetry = false
        if (!(await refresh())) {
          onSessionExpired()
          throw new SessionExpiredError()
        }
        return
      }
      await sleep(Math.min(500 * 2 ** retries, MAX_WAIT_MS))
    },
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
