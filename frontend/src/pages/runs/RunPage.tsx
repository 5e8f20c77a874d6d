import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { useQuery } from 'urql'
import { RUN_DETAIL_CONTEXT } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { RunStatusBadge } from '../../components/Badges'
import { EmptyState } from '../../components/EmptyState'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Loading } from '../../components/Loading'
import { formatDateTime } from '../../format'
import { RunDetailDocument } from '../../gql/graphql'
import { LiveIndicator } from '../suite/LiveIndicator'
import { RunExecution } from './RunExecution'
import { RunStatusActions } from './RunStatusActions'
import { RunSummary } from './RunSummary'
import type { RunDetail } from './types'
import { useRunLiveUpdates, type RunChange } from './useRunLiveUpdates'

/** A run: its summary and the execution view, kept live with the run's change events. Loaded lazily (App.tsx). */
export function RunPage() {
  const { runId = '' } = useParams()
  const { t } = useTranslation()
  const [{ data, fetching, error }, reexecute] = useQuery({ query: RunDetailDocument, variables: { id: runId }, context: RUN_DETAIL_CONTEXT })
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute])
  const [news, setNews] = useState('')
  // Versions this page's own results produced: their events are not news to announce.
  const ownVersions = useRef(new Set<number>())
  const onChange = useCallback(
    (change: RunChange) => {
      reload()
      if (change.kind === 'RUN_RESULTS_RECORDED' && !ownVersions.current.has(change.version)) setNews(t('runs.newResults'))
    },
    [reload, t],
  )
  const live = useRunLiveUpdates(runId, onChange)
  const onRecorded = useCallback((version: number) => ownVersions.current.add(version), [])

  if (!data) {
    return fetching ? <Loading label={t('runs.loadingRun')} /> : <ErrorMessage message={describeError(error)} onReload={reload} />
  }
  const run = data.testRun
  if (!run) {
    return <EmptyState title={t('runs.notFound')}>{t('suite.mayHaveBeenDeleted')}</EmptyState>
  }

  return (
    <>
      <ErrorMessage message={describeError(error)} onReload={reload} />
      <RunHeader run={run} onReload={reload} />
      <LiveIndicator state={live} />
      <p className="visually-hidden" aria-live="polite">
        {news}
      </p>
      <RunSummary run={run} />
      <RunExecution run={run} onRecorded={onRecorded} />
    </>
  )
}

function RunHeader({ run, onReload }: { run: RunDetail; onReload: () => void }) {
  const { t } = useTranslation()
  return (
    <header className="entity-header">
      <nav aria-label={t('app.breadcrumb')} className="breadcrumb">
        <Link to="/">{t('app.dashboard')}</Link> <span aria-hidden="true">›</span> <Link to={`/suites/${run.suite.id}`}>{run.suite.name}</Link>
      </nav>
      <div className="page-title">
        <h1>{run.name}</h1>
        <RunStatusBadge status={run.status} />
      </div>
      {run.description && <p className="description">{run.description}</p>}
      <p className="meta">
        {run.label && <span>{t('runs.labelValue', { label: run.label })}</span>}
        <span>{t('runs.createdBy', { name: run.createdBy?.username ?? t('common.deletedUser'), when: formatDateTime(run.createdAt) })}</span>
        {run.startedAt && <span>{t('runs.startedAt', { when: formatDateTime(run.startedAt) })}</span>}
        {run.completedAt && <span>{t('runs.closedAt', { when: formatDateTime(run.completedAt) })}</span>}
        {run.drivesWorkflow && <span>{t('runs.drivesWorkflow')}</span>}
      </p>
      <RunStatusActions run={run} onReload={onReload} />
    </header>
  )
}
