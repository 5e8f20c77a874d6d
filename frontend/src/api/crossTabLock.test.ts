import { describe, expect, it } from 'vitest'
import { withCrossTabLock } from './crossTabLock'

describe('withCrossTabLock', () => {
  it('holds the named Web Lock while the task runs, and one task waits for the other', async () => {
    const held: string[] = []
    let queue = Promise.resolve()
    const locks = {
      request: (name: string, task: () => Promise<unknown>) => {
        const run = queue.then(async () => {
          held.push(`take ${name}`)
          const result = await task()
          held.push(`release ${name}`)
          return result
        })
        queue = run.then(() => undefined)
        return run
      },
    } as unknown as LockManager
    const order: string[] = []
    await Promise.all([
      withCrossTabLock('refresh', () => Promise.resolve(order.push('first')), locks),
      withCrossTabLock('refresh', () => Promise.resolve(order.push('second')), locks),
    ])
    expect(held).toEqual(['take refresh', 'release refresh', 'take refresh', 'release refresh'])
    expect(order).toEqual(['first', 'second'])
  })

  it('runs the task at once where the browser has no Web Locks', async () => {
    expect(await withCrossTabLock('refresh', () => Promise.resolve(42), undefined)).toBe(42)
  })
})
