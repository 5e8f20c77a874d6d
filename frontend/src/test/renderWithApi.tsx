import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { MemoryRouter, Route, Routes } from 'react-router'
import { Client, Provider, cacheExchange, fetchExchange, subscriptionExchange } from 'urql'
import { vi } from 'vitest'
import { AuthContext, type Auth } from '../auth/authContext'
import type { Role } from '../gql/graphql'
import { requestBody, type FakeServer } from './fakeGraphQL'

interface Options {
  role?: Role
  /** The route pattern the element is mounted at, and the URL shown. */
  path?: string
  url?: string
}

/** Live updates that stay open and never deliver, like a WebSocket on which nothing changes. */
const silentSubscriptions = subscriptionExchange({ forwardSubscription: () => ({ subscribe: () => ({ unsubscribe: () => undefined }) }) })

/** Renders a signed-in page with a real urql client whose network is the fake server. */
export function renderWithApi(ui: ReactElement, server: FakeServer, { role = 'ADMIN', path = '/', url = '/' }: Options = {}) {
  const client = new Client({ url: '/graphql', fetch: server.fetch, preferGetMethod: false, exchanges: [cacheExchange, fetchExchange, silentSubscriptions] })
  const auth: Auth = {
    state: { status: 'signedIn', user: { id: 'me', username: 'someone', role } },
    login: vi.fn(() => Promise.resolve(null)),
    logout: vi.fn(() => Promise.resolve()),
  }
  return render(
    <AuthContext.Provider value={auth}>
      <Provider value={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path={path} element={ui} />
            <Route path="*" element={<p>Navigated away</p>} />
          </Routes>
        </MemoryRouter>
      </Provider>
    </AuthContext.Provider>,
  )
}

/** The variables the fake server received for the n-th call of an operation. */
export function variablesOf(server: FakeServer, operationName: string, index = 0): Record<string, unknown> | undefined {
  const bodies = server.fetch.mock.calls
    .map(([, init]) => requestBody(init))
    .filter((body) => body.operationName === operationName)
  return bodies[index]?.variables
}
