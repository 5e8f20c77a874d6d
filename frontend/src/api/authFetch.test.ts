import { describe, expect, it, vi } from 'vitest'
import { fakeGraphQL, jsonResponse, unauthenticated } from '../test/fakeGraphQL'
import { createAuthFetch, isUnauthenticated } from './authFetch'

function post(operationName: string): RequestInit {
  return { method: 'POST', body: JSON.stringify({ operationName, query: '{ x }', variables: {} }) }
}

const suites = () => ({ data: { testSuites: { totalCount: 3 } } })

describe('createAuthFetch', () => {
  it('passes a successful answer through without refreshing', async () => {
    const server = fakeGraphQL({ SuiteList: suites })
    const refresh = vi.fn(() => Promise.resolve(true))
    const authFetch = createAuthFetch({ fetch: server.fetch, refresh, onSessionExpired: vi.fn() })

    const response = await authFetch('/graphql', post('SuiteList'))

    expect(await response.json()).toEqual(suites())
    expect(refresh).not.toHaveBeenCalled()
  })

  it('refreshes once and replays the request after UNAUTHENTICATED', async () => {
    const server = fakeGraphQL({ SuiteList: [unauthenticated, suites] })
    const refresh = vi.fn(() => Promise.resolve(true))
    const onSessionExpired = vi.fn()
    const authFetch = createAuthFetch({ fetch: server.fetch, refresh, onSessionExpired })

    const response = await authFetch('/graphql', post('SuiteList'))

    expect(await response.json()).toEqual(suites())
    expect(refresh).toHaveBeenCalledTimes(1)
    expect(server.calls).toEqual(['SuiteList', 'SuiteList'])
    expect(onSessionExpired).not.toHaveBeenCalled()
  })

  it('ends the session when the refresh fails, and does not replay', async () => {
    const server = fakeGraphQL({ SuiteList: unauthenticated })
    const onSessionExpired = vi.fn()
    const authFetch = createAuthFetch({ fetch: server.fetch, refresh: () => Promise.resolve(null), onSessionExpired })

    const response = await authFetch('/graphql', post('SuiteList'))

    expect(await response.json()).toEqual(unauthenticated())
    expect(server.calls).toEqual(['SuiteList'])
    expect(onSessionExpired).toHaveBeenCalledTimes(1)
  })

  it('replays only once: still refused after a refresh means the session is gone', async () => {
    const server = fakeGraphQL({ SuiteList: unauthenticated })
    const refresh = vi.fn(() => Promise.resolve(true))
    const onSessionExpired = vi.fn()
    const authFetch = createAuthFetch({ fetch: server.fetch, refresh, onSessionExpired })

    await authFetch('/graphql', post('SuiteList'))

    expect(refresh).toHaveBeenCalledTimes(1)
    expect(server.calls).toEqual(['SuiteList', 'SuiteList'])
    expect(onSessionExpired).toHaveBeenCalledTimes(1)
  })

  it('renews an expired session for ChangeMyPassword too: a wrong password is BAD_USER_INPUT, not UNAUTHENTICATED', async () => {
    const changed = () => ({ data: { changeMyPassword: true } })
    const server = fakeGraphQL({ ChangeMyPassword: [unauthenticated, changed] })
    const refresh = vi.fn(() => Promise.resolve(true))
    const authFetch = createAuthFetch({ fetch: server.fetch, refresh, onSessionExpired: vi.fn() })

    const response = await authFetch('/graphql', post('ChangeMyPassword'))

    expect(await response.json()).toEqual(changed())
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it.each(['Login', 'RefreshSession'])('never refreshes for %s', async (operation) => {
    const server = fakeGraphQL({ [operation]: unauthenticated })
    const refresh = vi.fn(() => Promise.resolve(true))
    const onSessionExpired = vi.fn()
    const authFetch = createAuthFetch({ fetch: server.fetch, refresh, onSessionExpired })

    await authFetch('/graphql', post(operation))

    expect(refresh).not.toHaveBeenCalled()
    expect(onSessionExpired).not.toHaveBeenCalled()
  })

  it('leaves other errors alone', async () => {
    const forbidden = () => ({ data: null, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] })
    const server = fakeGraphQL({ DeleteUser: forbidden })
    const refresh = vi.fn(() => Promise.resolve(true))
    const authFetch = createAuthFetch({ fetch: server.fetch, refresh, onSessionExpired: vi.fn() })

    const response = await authFetch('/graphql', post('DeleteUser'))

    expect(await response.json()).toEqual(forbidden())
    expect(refresh).not.toHaveBeenCalled()
  })
})

describe('isUnauthenticated', () => {
  it('recognises HTTP 401 and the UNAUTHENTICATED code, and leaves the body readable', async () => {
    expect(await isUnauthenticated(new Response('', { status: 401 }))).toBe(true)
    const response = jsonResponse(unauthenticated())
    expect(await isUnauthenticated(response)).toBe(true)
    expect(await response.json()).toEqual(unauthenticated())
    expect(await isUnauthenticated(jsonResponse({ data: { me: null } }))).toBe(false)
    expect(await isUnauthenticated(new Response('<html>', { headers: { 'content-type': 'text/html' } }))).toBe(false)
  })
})
