import { useTranslation } from 'react-i18next'

interface ErrorMessageProps {
  message: string | null
  /** Offered for a stale version: load the latest data again. */
  onReload?: () => void
}

export function ErrorMessage({ message, onReload }: ErrorMessageProps) {
  const { t } = useTranslation()
  if (!message) return null
  return (
    <div className="error" role="alert">
      <span>{message}</span>
      {onReload && (
        <button type="button" className="link-button" onClick={onReload}>
          {t('common.reload')}
        </button>
      )}
    </div>
  )
}
