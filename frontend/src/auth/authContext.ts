import { createContext, useContext } from 'react'
import type { SessionUserFragment } from '../gql/graphql'

/** Why Login shows a notice; a catalogue key, so it is written in the language shown at the time. */
export type SignInNotice = 'auth.sessionEnded' | 'errors.unreachable'

export type AuthState =
  | { status: 'checking' }
  | { status: 'anonymous'; notice?: SignInNotice }
  | { status: 'signedIn'; user: SessionUserFragment }

export interface Auth {
  state: AuthState
  /** Resolves to an error message, or null once signed in. */
  login: (username: string, password: string) => Promise<string | null>
  logout: () => Promise<void>
}

export const AuthContext = createContext<Auth | null>(null)

export function useAuth(): Auth {
  const auth = useContext(AuthContext)
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>')
  return auth
}

/** The signed-in user; only for pages behind <RequireAuth>. */
export function useCurrentUser(): SessionUserFragment {
  const { state } = useAuth()
  if (state.status !== 'signedIn') throw new Error('useCurrentUser needs a signed-in user')
  return state.user
}
