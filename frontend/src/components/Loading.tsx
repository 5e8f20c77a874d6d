import { useTranslation } from 'react-i18next'

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation()
  return (
    <p className="loading" role="status" aria-live="polite">
      {label ?? t('common.loading')}…
    </p>
  )
}
