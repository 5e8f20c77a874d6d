import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from './en.json'
import ja from './ja.json'
import { initialLanguage, LANGUAGES, storeLanguagePreference, type Language } from './language'

/** The catalogues; ja must have every key of en (the types here, and `catalogues.test.ts` for extra keys). */
const resources = {
  en: { translation: en },
  ja: { translation: ja satisfies typeof en },
} as const

export const i18n = i18next.createInstance()

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  // Only a catalogue bug could miss a key (catalogues.test.ts); English then beats showing the key.
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  initAsync: false,
})

/** `<html lang>` tells screen readers and fonts which language the page is in; the tab's title follows too. */
function followLanguage(language: string) {
  document.documentElement.lang = language
  document.title = i18n.t('app.name')
}
followLanguage(i18n.language)
i18n.on('languageChanged', followLanguage)

/** The language the UI shows now. */
export function currentLanguage(): Language {
  return i18n.language === 'ja' ? 'ja' : 'en'
}

/** Switches the UI and remembers the choice in this browser. */
export async function chooseLanguage(language: Language): Promise<void> {
  storeLanguagePreference(language)
  await i18n.changeLanguage(language)
}
