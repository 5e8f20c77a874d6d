import { NavLink, Outlet, useNavigate } from 'react-router'
import { useAuth, useCurrentUser } from '../auth/authContext'
import { canManageUsers } from '../auth/permissions'
import { useTranslation } from 'react-i18next'
import { LanguageSwitcher } from './LanguageSwitcher'

/** The frame of every signed-in page: navigation, who is signed in, and sign out. */
export function AppLayout() {
  const user = useCurrentUser()
  const { logout } = useAuth()
  const navigate = useNavigate()
  const { t } = useTranslation()

  async function signOut() {
    await logout()
    void navigate('/login', { replace: true })
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          {t('app.name')}
        </NavLink>
        <nav aria-label={t('app.mainNavigation')}>
          <NavLink to="/" end>
            {t('app.dashboard')}
          </NavLink>
          {canManageUsers(user.role) && <NavLink to="/users">{t('app.users')}</NavLink>}
          <NavLink to="/account">{t('app.sessionsAndTokens')}</NavLink>
        </nav>
        <div className="who">
          <LanguageSwitcher />
          <span>
            {user.username} <span className="role">({t(`role.${user.role}`)})</span>
          </span>
          <button type="button" onClick={() => void signOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  )
}
