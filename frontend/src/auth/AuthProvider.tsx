import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { Provider as UrqlProvider } from 'urql'
import { createApiConnection, type ApiConnection } from '../api/apiConnection'
import { describeError } from '../api/graphqlErrors'
import { createSessionRefresher } from '../api/sessionRefresher'
import { i18n } from '../i18n/i18n'
import { LoginDocument, LogoutDocument, MeDocument } from '../gql/graphql'
import { AuthContext, type Auth, type AuthState } from './authContext'

/**
 * Holds who is signed in and the GraphQL client. The session itself is two HttpOnly cookies that
 * only the server reads; this provider learns the user from `me`, renews the session when `me` is
 * empty, and starts a fresh client (with an empty cache) whenever the user signs out or the session
 * ends.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' })
  const [refresh] = useState(() => createSessionRefresher((input, init) => fetch(input, init)))
  const [connection, setConnection] = useState<ApiConnection>(() => newConnection())

  function newConnection(): ApiConnection {
    return createApiConnection(refresh, () => {
      setState((current) => {
        if (current.status === 'signedIn') return { status: 'anonymous', notice: 'auth.sessionEnded' }
        return current.status === 'checking' ? { status: 'anonymous' } : current
      })
      replaceConnection()
    })
  }

  function replaceConnection() {
    setConnection((previous) => {
      previous.close()
      return newConnection()
    })
  }

  const { client } = connection

  useEffect(() => {
    let cancelled = false
    async function findUser() {
      const result = await client.query(MeDocument, {}, { requestPolicy: 'network-only' }).toPromise()
      if (result.data?.me) {
        setIfCurrent({ status: 'signedIn', user: result.data.me })
      } else if (result.error?.networkError) {
        setIfCurrent({ status: 'anonymous', notice: 'errors.unreachable' })
      } else {
        const user = await refresh()
        setIfCurrent(user ? { status: 'signedIn', user } : { status: 'anonymous' })
      }
    }
    function setIfCurrent(next: AuthState) {
      if (!cancelled) setState((current) => (current.status === 'checking' ? next : current))
    }
    void findUser()
    return () => {
      cancelled = true
    }
    // Only the first client asks: later clients are made after an explicit sign-in or sign-out.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const login = useCallback(
    async (username: string, password: string) => {
      const result = await client.mutation(LoginDocument, { username, password }).toPromise()
      if (result.data?.login) {
        setState({ status: 'signedIn', user: result.data.login })
        return null
      }
      return describeError(result.error, {
        UNAUTHENTICATED: i18n.t('auth.wrongCredentials'),
        BAD_USER_INPUT: i18n.t('auth.wrongCredentials'),
        RATE_LIMITED: i18n.t('auth.tooManyAttempts'),
      })
    },
    [client],
  )

  const logout = useCallback(async () => {
    await client.mutation(LogoutDocument, {}).toPromise()
    setState({ status: 'anonymous' })
    replaceConnection()
    // replaceConnection only uses state setters and `refresh`, which never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client])

  const auth = useMemo<Auth>(() => ({ state, login, logout }), [state, login, logout])

  return (
    <AuthContext.Provider value={auth}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </AuthContext.Provider>
  )
}
