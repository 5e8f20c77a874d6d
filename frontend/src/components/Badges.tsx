import { delayCountedIn } from '../format'
import type { Priority, TestCaseStatus, TestSuiteStatus } from '../gql/graphql'
import { useTranslation } from 'react-i18next'

export function SuiteStatusBadge({ status }: { status: TestSuiteStatus }) {
  const { t } = useTranslation()
  return <span className={`badge suite-${status.toLowerCase()}`}>{t(`suiteStatus.${status}`)}</span>
}

export function CaseStatusBadge({ status }: { status: TestCaseStatus }) {
  const { t } = useTranslation()
  return <span className={`badge case-${status.toLowerCase()}`}>{t(`caseStatus.${status}`)}</span>
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation()
  return <span className={`badge priority-${priority.toLowerCase()}`}>{t(`priority.${priority}`)}</span>
}

/** `timeZone`: the organisation's (IANA name), shown because it decides which day is today. */
export function DelayBadge({ isDelayed, delayDays, timeZone }: { isDelayed: boolean; delayDays: number; timeZone: string }) {
  const { t } = useTranslation()
  if (!isDelayed) return null
  return (
    <span className="badge delayed" title={delayCountedIn(timeZone)}>
      {t('delay.badge', { count: delayDays, timeZone })}
    </span>
  )
}
