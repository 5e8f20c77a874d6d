import { useTranslation } from 'react-i18next'

/** The end of every edit form: the problem that stopped the submit (announced), then submit and cancel. */
export function FormFooter({ problem, busy, submitLabel, onCancel }: { problem: string | null; busy: boolean; submitLabel: string; onCancel?: () => void }) {
  const { t } = useTranslation()
  return (
    <>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </>
  )
}
