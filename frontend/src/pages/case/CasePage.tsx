import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { useQuery } from 'urql'
import { CASE_DETAIL_CONTEXT } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { useCurrentUser } from '../../auth/authContext'
import { canManageSuites } from '../../auth/permissions'
import { CaseStatusBadge, DelayBadge, PriorityBadge } from '../../components/Badges'
import { EmptyState } from '../../components/EmptyState'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Loading } from '../../components/Loading'
import { formatHours } from '../../format'
import { CaseDetailDocument } from '../../gql/graphql'
import { LiveIndicator } from '../suite/LiveIndicator'
import { useSuiteLiveUpdates } from '../suite/useSuiteLiveUpdates'
import { CaseSettings } from './CaseSettings'
import { CaseWorkflow } from './CaseWorkflow'
import { EffortSection } from './EffortSection'
import { HistoryTimeline } from './HistoryTimeline'

export function CasePage() {
  const { caseId = '' } = useParams()
  const user = useCurrentUser()
  const { t } = useTranslation()
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: CaseDetailDocument,
    variables: { id: caseId },
    context: CASE_DETAIL_CONTEXT,
  })
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute])
  const testCase = data?.testCase
  const live = useSuiteLiveUpdates(testCase?.group.suite.id, reload)

  if (!data) {
    return fetching ? <Loading label={t('case.loading')} /> : <ErrorMessage message={describeError(error)} onReload={reload} />
  }
  if (!testCase) {
    return <EmptyState title={t('case.notFound')}>{t('suite.mayHaveBeenDeleted')}</EmptyState>
  }
  const { group } = testCase
  const { timeZone } = data.organisation

  return (
    <>
      <ErrorMessage message={describeError(error)} onReload={reload} />
      <header className="entity-header">
        <nav aria-label={t('app.breadcrumb')} className="breadcrumb">
          <Link to="/">{t('app.dashboard')}</Link> <span aria-hidden="true">›</span>{' '}
          <Link to={`/suites/${group.suite.id}`}>{group.suite.name}</Link> <span aria-hidden="true">›</span> <span>{group.name}</span>
        </nav>
        <div className="page-title">
          <h1>{testCase.title}</h1>
          <CaseStatusBadge status={testCase.status} />
        </div>
        {testCase.description && <p className="description">{testCase.description}</p>}
        <p className="meta">
          <PriorityBadge priority={testCase.priority} />
          <span>{t('case.planned', { hours: testCase.plannedEffort === null ? t('common.notSet') : formatHours(testCase.plannedEffort) })}</span>
          <span>{t('case.actual', { hours: formatHours(testCase.actualEffort) })}</span>
          <DelayBadge isDelayed={testCase.isDelayed} delayDays={testCase.delayDays} timeZone={timeZone} />
        </p>
        {canManageSuites(user.role) && <CaseSettings testCase={testCase} onReload={reload} />}
      </header>
      <LiveIndicator state={live} />
      <CaseWorkflow testCase={testCase} onReload={reload} />
      <HistoryTimeline history={testCase.history} />
      <EffortSection testCase={testCase} timeZone={timeZone} />
    </>
  )
}
