import { describe, expect, it } from 'vitest'
import { shortcutFor } from './shortcuts'

function press(key: string, target: EventTarget | null = document.body, extra: Partial<Parameters<typeof shortcutFor>[0]> = {}) {
  return shortcutFor({ key, target, ctrlKey: false, metaKey: false, altKey: false, repeat: false, isComposing: false, defaultPrevented: false, ...extra })
}

describe('shortcutFor', () => {
  it('maps one key to each result and N to the next entry, in either case', () => {
    expect(press('p')).toEqual({ kind: 'record', result: 'PASSED' })
    expect(press('F')).toEqual({ kind: 'record', result: 'FAILED' })
    expect(press('b')).toEqual({ kind: 'record', result: 'BLOCKED' })
    expect(press('s')).toEqual({ kind: 'record', result: 'SKIPPED' })
    expect(press('r')).toEqual({ kind: 'record', result: 'RETEST' })
    expect(press('n')).toEqual({ kind: 'next' })
    expect(press('x')).toBeNull()
    expect(press('Enter')).toBeNull()
  })

  it('leaves keys alone while typing, in a dialog, composing, held down or with a modifier', () => {
    const page = document.body.appendChild(document.createElement('div'))
    const textarea = page.appendChild(document.createElement('textarea'))
    const input = page.appendChild(document.createElement('input'))
    const dialogButton = page.appendChild(document.createElement('dialog')).appendChild(document.createElement('button'))
    const button = page.appendChild(document.createElement('button'))

    expect(press('f', textarea)).toBeNull()
    expect(press('p', input)).toBeNull()
    expect(press('p', dialogButton)).toBeNull()
    expect(press('p', document.body, { isComposing: true })).toBeNull()
    expect(press('p', document.body, { repeat: true })).toBeNull()
    expect(press('p', document.body, { ctrlKey: true })).toBeNull()
    expect(press('p', document.body, { metaKey: true })).toBeNull()
    expect(press('p', document.body, { altKey: true })).toBeNull()
    expect(press('p', document.body, { defaultPrevented: true })).toBeNull()
    // A focused button (after Tab) still takes the keys.
    expect(press('p', button)).toEqual({ kind: 'record', result: 'PASSED' })
    page.remove()
  })
})
