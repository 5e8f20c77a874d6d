import { delayCountedIn } from '../format'
import type { Priority, TestCaseStatus, TestSuiteStatus } from '../gql/graphql'
import { CASE_STATUS_LABEL, PRIORITY_LABEL, SUITE_STATUS_LABEL } from '../labels'

export function SuiteStatusBadge({ status }: { status: TestSuiteStatus }) {
  return <span className={`badge suite-${status.toLowerCase()}`}>{SUITE_STATUS_LABEL[status]}</span>
}

export function CaseStatusBadge({ status }: { status: TestCaseStatus }) {
  return <span className={`badge case-${status.toLowerCase()}`}>{CASE_STATUS_LABEL[status]}</span>
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={`badge priority-${priority.toLowerCase()}`}>{PRIORITY_LABEL[priority]}</span>
}

/** `timeZone`: the organisation's (IANA name), shown because it decides which day is today. */
export function DelayBadge({ isDelayed, delayDays, timeZone }: { isDelayed: boolean; delayDays: number; timeZone: string }) {
  if (!isDelayed) return null
  return (
    <span className="badge delayed" title={delayCountedIn(timeZone)}>
      Delayed {delayDays} {delayDays === 1 ? 'day' : 'days'} ({timeZone})
    </span>
  )
}
