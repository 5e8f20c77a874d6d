import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { CaseStatusBadge, DelayBadge, PriorityBadge } from '../../components/Badges'
import { formatHours } from '../../format'
import type { CaseSummary } from './types'

/** `timeZone`: the organisation's, in which delays are counted. */
export function CaseRows({ cases, timeZone }: { cases: readonly CaseSummary[]; timeZone: string }) {
  const { t } = useTranslation()
  if (cases.length === 0) return <p className="muted">{t('group.noCasesYet')}</p>
  return (
    <ul className="case-rows">
      {cases.map((testCase) => (
        <li key={testCase.id} className="case-row">
          <Link to={`/cases/${testCase.id}`} className="case-title">
            {testCase.title}
          </Link>
          <span className="case-facts">
            <CaseStatusBadge status={testCase.status} />
            <PriorityBadge priority={testCase.priority} />
            <span className="effort" title={t('group.effortTitle')}>
              {formatHours(testCase.actualEffort)}
              {testCase.plannedEffort !== null && ` / ${formatHours(testCase.plannedEffort)}`}
            </span>
            <DelayBadge isDelayed={testCase.isDelayed} delayDays={testCase.delayDays} timeZone={timeZone} />
          </span>
        </li>
      ))}
    </ul>
  )
}
