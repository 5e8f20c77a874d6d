import { describe, expect, it, vi } from 'vitest'
import { fakeGraphQL, requestBody, unauthenticated } from '../test/fakeGraphQL'
import { createSessionRefresher } from './sessionRefresher'

const user = { id: 'u1', username: 'demo_user', role: 'ADMIN' }

describe('createSessionRefresher', () => {
  it('posts refreshSession to /graphql with same-origin credentials and returns the user', async () => {
    const server = fakeGraphQL({ RefreshSession: () => ({ data: { refreshSession: user } }) })
    const refresh = createSessionRefresher(server.fetch)

    expect(await refresh()).toEqual(user)
    const [url, init] = server.fetch.mock.calls[0] ?? []
    expect(url).toBe('/graphql')
    expect(init?.credentials).toBe('same-origin')
    expect(requestBody(init).query).toContain('refreshSession')
  })

  it('shares one refresh between callers that ask at the same time', async () => {
    const server = fakeGraphQL({ RefreshSession: () => ({ data: { refreshSession: user } }) })
    const refresh = createSessionRefresher(server.fetch)

    const results = await Promise.all([refresh(), refresh(), refresh()])

    expect(results).toEqual([user, user, user])
    expect(server.calls).toEqual(['RefreshSession'])
    await refresh()
    expect(server.calls).toEqual(['RefreshSession', 'RefreshSession'])
  })

  it('answers null when the refresh cookie is refused or the network fails', async () => {
    expect(await createSessionRefresher(fakeGraphQL({ RefreshSession: unauthenticated }).fetch)()).toBeNull()
    expect(await createSessionRefresher(vi.fn<typeof fetch>(() => Promise.reject(new TypeError('offline'))))()).toBeNull()
  })

  it('refreshes inside the cross-tab lock, so the tabs of a browser take turns', async () => {
    const events: string[] = []
    const server = fakeGraphQL({
      RefreshSession: () => {
        events.push('refresh')
        return { data: { refreshSession: user } }
      },
    })
    const serialise = async <T>(task: () => Promise<T>): Promise<T> => {
      events.push('lock')
      const result = await task()
      events.push('unlock')
      return result
    }
    const refresh = createSessionRefresher(server.fetch, serialise)

    expect(await refresh()).toEqual(user)
    expect(events).toEqual(['lock', 'refresh', 'unlock'])
  })
})
