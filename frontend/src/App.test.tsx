import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from './App'
import { AuthProvider } from './auth/AuthProvider'
import { chooseLanguage } from './i18n/i18n'
import { fakeGraphQL, unauthenticated, type FakeServer } from './test/fakeGraphQL'

const demoUser = { id: 'u1', username: 'demo_user', role: 'ADMIN' }
const noSessions = () => ({ data: { mySessions: [] } })
const noTokens = () => ({ data: { myApiTokens: [] } })

function renderApp(server: FakeServer, url: string) {
  vi.stubGlobal('fetch', server.fetch)
  return render(
    <MemoryRouter initialEntries={[url]}>
      <AuthProvider>
        <App />
      </AuthProvider>
    </MemoryRouter>,
  )
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('signing in', () => {
  it('sends an anonymous visitor to Login and back to the page they asked for', async () => {
    const server = fakeGraphQL({
      Me: () => ({ data: { me: null } }),
      RefreshSession: unauthenticated,
      Login: () => ({ data: { login: demoUser } }),
      MySessions: noSessions,
      MyApiTokens: noTokens,
    })
    renderApp(server, '/account')

    const username = await screen.findByLabelText('Username')
    await userEvent.type(username, 'demo_user')
    await userEvent.type(screen.getByLabelText('Password'), 'password{Enter}')

    expect(await screen.findByRole('heading', { name: 'Sessions & API tokens' })).toBeInTheDocument()
    expect(server.calls.slice(0, 3)).toEqual(['Me', 'RefreshSession', 'Login'])
  })

  it('renews an expired access cookie silently on start', async () => {
    const server = fakeGraphQL({
      Me: () => ({ data: { me: null } }),
      RefreshSession: () => ({ data: { refreshSession: demoUser } }),
      MySessions: noSessions,
      MyApiTokens: noTokens,
    })
    renderApp(server, '/account')

    expect(await screen.findByRole('heading', { name: 'Sessions & API tokens' })).toBeInTheDocument()
    expect(screen.getByText('demo_user')).toBeInTheDocument()
  })

  it('says plainly when the credentials are wrong', async () => {
    const server = fakeGraphQL({
      Me: () => ({ data: { me: null } }),
      RefreshSession: unauthenticated,
      Login: unauthenticated,
    })
    renderApp(server, '/login')

    await userEvent.type(await screen.findByLabelText('Username'), 'demo_user')
    await userEvent.type(screen.getByLabelText('Password'), 'wrong{Enter}')

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password')
    expect(server.calls).not.toContain('MySessions')
  })
})

describe('in Japanese', () => {
  it('signs in with Japanese labels and says what went wrong in Japanese', async () => {
    await chooseLanguage('ja')
    const server = fakeGraphQL({
      Me: () => ({ data: { me: null } }),
      RefreshSession: unauthenticated,
      Login: unauthenticated,
    })
    renderApp(server, '/login')

    expect(await screen.findByRole('heading', { name: 'ログイン' })).toBeInTheDocument()
    await userEvent.type(screen.getByLabelText('ユーザー名'), 'demo_user')
    await userEvent.type(screen.getByLabelText('パスワード'), 'wrong{Enter}')

    expect(await screen.findByRole('alert')).toHaveTextContent('ユーザー名またはパスワードが違うか、アカウントが無効になっています。')
  })

  it('switches from the login page, and the signed-in pages follow', async () => {
    const server = fakeGraphQL({
      Me: () => ({ data: { me: null } }),
      RefreshSession: unauthenticated,
      Login: () => ({ data: { login: demoUser } }),
      MySessions: noSessions,
      MyApiTokens: noTokens,
    })
    renderApp(server, '/account')

    await userEvent.selectOptions(await screen.findByLabelText('Language'), 'ja')
    await userEvent.type(screen.getByLabelText('ユーザー名'), 'demo_user')
    await userEvent.type(screen.getByLabelText('パスワード'), 'password{Enter}')

    expect(await screen.findByRole('heading', { name: 'セッションと API トークン' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'ダッシュボード' })).toBeInTheDocument()
    expect(screen.getByText('(管理者)')).toBeInTheDocument()
    expect(screen.getByLabelText('言語')).toHaveValue('ja')
  })
})

describe('a session that ends while in use', () => {
  it('does not tell a first-time visitor that their session ended', async () => {
    const server = fakeGraphQL({ Me: unauthenticated, RefreshSession: unauthenticated })
    renderApp(server, '/')

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument()
    expect(screen.queryByText(/Your session has ended/)).not.toBeInTheDocument()
  })

  it('refreshes once, then returns to Login with a notice when the refresh is refused', async () => {
    const server = fakeGraphQL({
      Me: () => ({ data: { me: demoUser } }),
      RefreshSession: unauthenticated,
      MySessions: unauthenticated,
      MyApiTokens: unauthenticated,
    })
    renderApp(server, '/account')

    expect(await screen.findByText(/Your session has ended/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument()
    expect(server.calls.filter((name) => name === 'RefreshSession').length).toBeGreaterThanOrEqual(1)
  })
})
