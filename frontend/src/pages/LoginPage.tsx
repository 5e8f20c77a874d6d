import { useState, type SubmitEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { useAuth } from '../auth/authContext'
import { safeReturnPath } from '../auth/returnPath'
import { ErrorMessage } from '../components/ErrorMessage'
import { Field } from '../components/Field'
import { LanguageSwitcher } from '../components/LanguageSwitcher'
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
  const { t } = useTranslation()

  if (state.status === 'checking') return <Loading label={t('auth.checkingSession')} />
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
        <h1 id="login-title">{t('auth.signIn')}</h1>
        {state.notice && !error && <p className="notice">{t(state.notice)}</p>}
        <Field label={t('auth.username')}>
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
        <Field label={t('auth.password')}>
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
          {busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
        {import.meta.env.DEV && <DemoCredentials />}
      </form>
      <LanguageSwitcher />
    </main>
  )
}

/** Only in development builds: the seeded demo account. */
function DemoCredentials() {
  const { t } = useTranslation()
  return (
    <p className="demo-credentials">
      {t('auth.demoAccount')} <code>demo_user</code> / <code>password</code>
    </p>
  )
}
