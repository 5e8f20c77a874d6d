import { NavLink, Outlet, useNavigate } from 'react-router'
import { useAuth, useCurrentUser } from '../auth/authContext'
import { canManageUsers } from '../auth/permissions'
import { ROLE_LABEL } from '../labels'

/** The frame of every signed-in page: navigation, who is signed in, and sign out. */
export function AppLayout() {
  const user = useCurrentUser()
  const { logout } = useAuth()
  const navigate = useNavigate()

  async function signOut() {
    await logout()
    void navigate('/login', { replace: true })
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          Test Management
        </NavLink>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Dashboard
          </NavLink>
          {canManageUsers(user.role) && <NavLink to="/users">Users</NavLink>}
          <NavLink to="/account">Sessions &amp; tokens</NavLink>
        </nav>
        <div className="who">
          <span>
            {user.username} <span className="role">({ROLE_LABEL[user.role]})</span>
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  )
}
