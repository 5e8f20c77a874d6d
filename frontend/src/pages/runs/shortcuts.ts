// The execution view's keyboard shortcuts: one key per result, and one to move on.

import type { RecordableResult } from './resultRules'

export type ShortcutAction = { kind: 'record'; result: RecordableResult } | { kind: 'next' }

/** The key that moves to the next entry without recording anything. */
export const NEXT_KEY = 'n'

/** Key (as `KeyboardEvent.key`, lower case) to action, in the order the help lists them. */
export const SHORTCUTS: readonly { key: string; action: ShortcutAction }[] = [
  { key: 'p', action: { kind: 'record', result: 'PASSED' } },
  { key: 'f', action: { kind: 'record', result: 'FAILED' } },
  { key: 'b', action: { kind: 'record', result: 'BLOCKED' } },
  { key: 's', action: { kind: 'record', result: 'SKIPPED' } },
  { key: 'r', action: { kind: 'record', result: 'RETEST' } },
  { key: NEXT_KEY, action: { kind: 'next' } },
]

/** The key that records a result (shown on its button). */
export function keyOf(result: RecordableResult): string {
  const found = SHORTCUTS.find(({ action }) => action.kind === 'record' && action.result === result)
  if (!found) throw new Error(`No shortcut records ${result}`)
  return found.key
}

/** Where a key is text, not a command: form fields, editable content, and anything inside a dialog. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], dialog')) return true
  return target instanceof HTMLElement && target.isContentEditable
}

interface KeyPress {
  key: string
  target: EventTarget | null
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  repeat: boolean
  isComposing: boolean
  defaultPrevented: boolean
}

/**
 * The action a key press asks for, or null: never while typing (a comment, an input method composing),
 * never with Ctrl, Cmd or Alt (the browser's own shortcuts), never for a held-down key repeating.
 */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.defaultPrevented || press.repeat || press.isComposing) return null
  if (press.ctrlKey || press.metaKey || press.altKey) return null
  if (isTypingTarget(press.target)) return null
  const key = press.key.toLowerCase()
  return SHORTCUTS.find((shortcut) => shortcut.key === key)?.action ?? null
}
