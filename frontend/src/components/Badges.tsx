import { delayCountedIn } from '../format'
import type { Priority, RunResult, TestCaseStatus, TestRunStatus, TestSuiteStatus } from '../gql/graphql'
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

export function RunStatusBadge({ status }: { status: TestRunStatus }) {
  const { t } = useTranslation()
  return <span className={`badge run-${status.toLowerCase()}`}>{t(`runStatus.${status}`)}</span>
}

/** A symbol beside the colour, so that results differ without colour too (the text says it in words). */
const RESULT_SYMBOL = {
  UNTESTED: '○',
  PASSED: '✓',
  FAILED: '✗',
  BLOCKED: '⊘',
  SKIPPED: '↷',
  RETEST: '↻',
} as const satisfies Record<RunResult, string>

export function ResultBadge({ result }: { result: RunResult }) {
  const { t } = useTranslation()
  return (
    <span className={`badge result result-${result.toLowerCase()}`}>
      <span aria-hidden="true">{RESULT_SYMBOL[result]} </span>
      {t(`runResult.${result}`)}
    </span>
  )
}
