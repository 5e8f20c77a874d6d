import { describe, expect, it, vi } from 'vitest'
import { createWebSocketRetry, SessionExpiredError } from './webSocketRetry'

const noSleep = () => Promise.resolve()

describe('createWebSocketRetry', () => {
  it('renews the session before reconnecting after an auth close', async () => {
    const refresh = vi.fn(() => Promise.resolve({ id: 'u1', username: 'demo_user', role: 'ADMIN' as const }))
    const retry = createWebSocketRetry(refresh, vi.fn(), noSleep)

    expect(retry.shouldRetry({ code: 4401, reason: 'Unauthorized' })).toBe(true)
    await retry.retryWait(0)

    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('ends the session when renewing fails', async () => {
    const onSessionExpired = vi.fn()
    const retry = createWebSocketRetry(() => Promise.resolve(null), onSessionExpired, noSleep)

    retry.shouldRetry({ code: 4401, reason: 'Unauthorized' })

    await expect(retry.retryWait(0)).rejects.toBeInstanceOf(SessionExpiredError)
    expect(onSessionExpired).toHaveBeenCalledTimes(1)
  })

  it.each([1006, 4403])('only backs off after a %i close (a new session would not help)', async (code) => {
    const refresh = vi.fn(() => Promise.resolve(null))
    const sleep = vi.fn(noSleep)
    const retry = createWebSocketRetry(refresh, vi.fn(), sleep)

    retry.shouldRetry({ code, reason: '' })
    await retry.retryWait(3)

    expect(refresh).not.toHaveBeenCalled()
    expect(sleep).toHaveBeenCalledWith(4000)
  })
})
