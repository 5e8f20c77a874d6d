import { useState, type SubmitEvent } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { useAuth } from '../auth/authContext'
import { safeReturnPath } from '../auth/returnPath'
import { ErrorMessage } from '../components/ErrorMessage'
import { Field } from '../components/Field'
import { Loading } from '../components/Loading'

export function LoginPage() {
  const { state, login } = useAuth()
  const [searchParams] = useSearchParams()
  const navigate = useNavigate()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const next = safeReturnPath(searchParams.get('next'))

  if (state.status === 'checking') return <Loading label="Checking your session" />
  if (state.status === 'signedIn') return <Navigate to={next} replace />

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    setBusy(true)
    const failure = await login(username.trim(), password)
    setBusy(false)
    if (failure) {
      setError(failure)
      return
    }
    void navigate(next, { replace: true })
  }

  return (
    <main id="main" className="login-page">
      <form className="card login-card" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
        <h1 id="login-title">Sign in</h1>
        {state.notice && !error && <p className="notice">{state.notice}</p>}
        <Field label="Username">
          {(id) => (
            <input
              id={id}
              name="username"
              autoComplete="username"
              required
              autoFocus
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          )}
        </Field>
        <Field label="Password">
          {(id) => (
            <input
              id={id}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <ErrorMessage message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {import.meta.env.DEV && <DemoCredentials />}
      </form>
    </main>
  )
}

/** Only in development builds: the seeded demo account. */
function DemoCredentials() {
  return (
    <p className="demo-credentials">
      Demo account: <code>demo_user</code> / <code>password</code>
    </p>
  )
}
