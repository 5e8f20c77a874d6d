import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { chooseLanguage, currentLanguage } from '../i18n/i18n'
import { LANGUAGES, type Language } from '../i18n/language'

/** Picks the UI language; the choice is remembered in this browser (a preference, not part of the session). */
export function LanguageSwitcher() {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={currentLanguage()} onChange={(event) => void chooseLanguage(event.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </div>
  )
}
