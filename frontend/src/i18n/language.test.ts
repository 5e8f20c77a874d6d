import { afterEach, describe, expect, it, vi } from 'vitest'
import { initialLanguage, intlLocale, languageFromBrowser, storeLanguagePreference } from './language'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('languageFromBrowser', () => {
  it("takes the first of the browser's languages that the UI speaks", () => {
    expect(languageFromBrowser(['ja-JP', 'en-US'])).toBe('ja')
    expect(languageFromBrowser(['fr-FR', 'JA', 'en'])).toBe('ja')
    expect(languageFromBrowser(['en-GB', 'ja'])).toBe('en')
  })

  it('falls back to English', () => {
    expect(languageFromBrowser(['de-DE', 'fr'])).toBe('en')
    expect(languageFromBrowser([])).toBe('en')
  })
})

describe('initialLanguage', () => {
  it("follows the browser on a first visit, and the stored choice after that", () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ja-JP', 'en'])
    expect(initialLanguage()).toBe('ja')

    storeLanguagePreference('en')
    expect(initialLanguage()).toBe('en')
  })

  it('ignores a stored value it does not know', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ja'])
    window.localStorage.setItem('tcm.language', 'xx')
    expect(initialLanguage()).toBe('ja')
  })
})

describe('intlLocale', () => {
  it("uses the browser's own variant of the chosen language for Intl", () => {
    expect(intlLocale('en', ['ja-JP', 'en-GB'])).toBe('en-GB')
    expect(intlLocale('ja', ['en-US'])).toBe('ja')
  })
})
