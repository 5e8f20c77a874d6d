import { errorCodesOfBody } from './graphqlErrors'

/**
 * Operations whose UNAUTHENTICATED answer is about the credentials they carry, not the session:
 * signing in and renewing. They never trigger a refresh. (A wrong current password for
 * ChangeMyPassword is BAD_USER_INPUT; its UNAUTHENTICATED is an expired session like anyone's.)
 */
const NO_RETRY_OPERATIONS: ReadonlySet<string> = new Set(['Login', 'RefreshSession'])

export interface AuthFetchOptions {
  fetch: typeof fetch
  /** Renews the session cookies; resolves to false (or null) when the session cannot be renewed. */
  refresh: () => Promise<unknown>
  /** Called when the session is gone for good: the refresh failed or the retry was still refused. */
  onSessionExpired: () => void
}

function operationNameOf(init: RequestInit | undefined): string | undefined {
  if (typeof init?.body !== 'string') return undefined
  try {
    const body: unknown = JSON.parse(init.body)
    if (typeof body === 'object' && body !== null && 'operationName' in body) {
      return typeof body.operationName === 'string' ? body.operationName : undefined
    }
  } catch {
    // Not JSON: not a GraphQL request of ours.
  }
  return undefined
}

/** Whether a GraphQL response says the caller is not signed in (HTTP 401 or `extensions.code`). */
export async function isUnauthenticated(response: Response): Promise<boolean> {
  if (response.status === 401) return true
  if (!(response.headers.get('content-type') ?? '').includes('json')) return false
  try {
    const body: unknown = await response.clone().json()
    return errorCodesOfBody(body).includes('UNAUTHENTICATED')
  } catch {
    return false
  }
}

/**
 * A fetch for the GraphQL client: when a request comes back UNAUTHENTICATED it renews the session
 * once (the refresh cookie travels by itself) and replays the request; if that is not enough the
 * session has expired.
 */
export function createAuthFetch({ fetch: send, refresh, onSessionExpired }: AuthFetchOptions): typeof fetch {
  return async (input, init) => {
    const response = await send(input, init)
    const operation = operationNameOf(init)
    if ((operation !== undefined && NO_RETRY_OPERATIONS.has(operation)) || !(await isUnauthenticated(response))) {
      return response
    }
    if (!(await refresh())) {
      onSessionExpired()
      return response
    }
    const retried = await send(input, init)
    if (await isUnauthenticated(retried)) onSessionExpired()
    return retried
  }
}
