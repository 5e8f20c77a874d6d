import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'

// The build's tests run in node, without a DOM and so without a UI language.
const i18n = typeof window === 'undefined' ? null : (await import('../i18n/i18n')).i18n

// Tests read English unless they switch; a test's choice of language never leaks into the next one.
beforeEach(async () => {
  if (!i18n) return
  window.localStorage.clear()
  await i18n.changeLanguage('en')
})

afterEach(() => {
  cleanup()
})
