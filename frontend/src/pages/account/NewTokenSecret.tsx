import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'

interface NewTokenSecretProps {
  name: string
  secret: string
  onDone: () => void
}

/** The new token's secret, shown this once: it lives only in this component's props until dismissed. */
export function NewTokenSecret({ name, secret, onDone }: NewTokenSecretProps) {
  const id = useId()
  const [copied, setCopied] = useState(false)
  const { t } = useTranslation()

  async function copy() {
    await navigator.clipboard.writeText(secret)
    setCopied(true)
  }

  return (
    <div className="card token-secret" role="region" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('account.tokenCreated', { name })}</h3>
      <p>{t('account.copyNow')}</p>
      <label htmlFor={id}>{t('account.secret')}</label>
      <input id={id} readOnly value={secret} onFocus={(event) => event.target.select()} className="secret" />
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          {copied ? t('account.copied') : t('account.copy')}
        </button>
        <button type="button" className="primary" onClick={onDone}>
          {t('account.stored')}
        </button>
      </div>
    </div>
  )
}
