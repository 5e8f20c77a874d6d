import { useEffect, useRef } from 'react'
import { shortcutFor, type ShortcutAction } from './shortcuts'

/** Calls `onAction` for each shortcut pressed anywhere on the page (shortcuts.ts says when a key is not one). */
export function useShortcuts(enabled: boolean, onAction: (action: ShortcutAction) => void): void {
  // The latest handler, without re-adding the listener on every render.
  const handler = useRef(onAction)
  useEffect(() => {
    handler.current = onAction
  })

  useEffect(() => {
    if (!enabled) return
    function onKeyDown(event: KeyboardEvent) {
      const action = shortcutFor(event)
      if (!action) return
      event.preventDefault()
      handler.current(action)
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [enabled])
}
