// The UI language: a preference of this browser, never part of the session (see docs/decisions/0011-spa-i18n.md).

export const LANGUAGES = ['en', 'ja'] as const
export type Language = (typeof LANGUAGES)[number]

const PREFERENCE_KEY = 'tcm.language'

function isLanguage(value: string | null | undefined): value is Language {
  return LANGUAGES.includes(value as Language)
}

/** The first supported language among the browser's, by primary subtag ("ja-JP" is Japanese); English otherwise. */
export function languageFromBrowser(browserLanguages: readonly string[]): Language {
  for (const tag of browserLanguages) {
    const primary = tag.split('-')[0]?.toLowerCase()
    if (isLanguage(primary)) return primary
  }
  return 'en'
}

function storage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    // Storage can be switched off in the browser; the language then lasts for the page's life.
    return null
  }
}

/** The stored choice, or the browser's languages on a first visit. */
export function initialLanguage(): Language {
  const stored = storage()?.getItem(PREFERENCE_KEY)
  if (isLanguage(stored)) return stored
  return languageFromBrowser(navigator.languages.length > 0 ? navigator.languages : [navigator.language])
}

export function storeLanguagePreference(language: Language): void {
  storage()?.setItem(PREFERENCE_KEY, language)
}

/**
 * The locale for `Intl`: the browser's own variant of the chosen language when it has one (en-GB keeps its
 * day-month order), else the bare language.
 */
export function intlLocale(language: Language, browserLanguages: readonly string[] = navigator.languages): string {
  return browserLanguages.find((tag) => tag.split('-')[0]?.toLowerCase() === language) ?? language
}
