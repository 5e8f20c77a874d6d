import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { useMutation, useQuery } from 'urql'
import { RUN_LIST_CONTEXT } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { useCurrentUser } from '../../auth/authContext'
import { canManageRuns } from '../../auth/permissions'
import { RunStatusBadge } from '../../components/Badges'
import { EmptyState } from '../../components/EmptyState'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Loading } from '../../components/Loading'
import { ProgressBar } from '../../components/ProgressBar'
import { formatDateTime, formatPercent } from '../../format'
import { CreateTestRunDocument, SuiteRunsDocument, type CreateTestRunInput, type SuiteRunsQuery } from '../../gql/graphql'
import { useSuiteLiveUpdates, type SuiteChange } from '../suite/useSuiteLiveUpdates'
import type { SuiteDetail } from '../suite/types'
import { NewRunForm } from './NewRunForm'

const PAGE_SIZE = 10

type RunSummary = SuiteRunsQuery['testRuns']['edges'][number]['node']

/** The suite page's runs: newest first, a page at a time, and (Managers, Admins) a new run from a selection. */
export function SuiteRunsSection({ suite }: { suite: SuiteDetail }) {
  const user = useCurrentUser()
  const { t } = useTranslation()
  const [creating, setCreating] = useState(false)
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  const after = cursors[cursors.length - 1] ?? null
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: SuiteRunsDocument,
    variables: { suiteId: suite.id, first: PAGE_SIZE, after },
    context: RUN_LIST_CONTEXT,
  })
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute])
  // Results recorded anywhere (people, CI) change the figures shown here.
  const onSuiteChange = useCallback(
    (change: SuiteChange) => {
      if (change.kind.startsWith('RUN_')) reload()
    },
    [reload],
  )
  useSuiteLiveUpdates(suite.id, onSuiteChange)
  const [created, createRun] = useMutation(CreateTestRunDocument)
  const navigate = useNavigate()

  async function create(input: CreateTestRunInput) {
    const result = await createRun({ input }, RUN_LIST_CONTEXT)
    if (!result.data) return false
    void navigate(`/runs/${result.data.createTestRun.id}`)
    return true
  }

  const mayCreate = canManageRuns(user.role) && suite.status !== 'COMPLETED'
  return (
    <section className="section" aria-labelledby="runs-title">
      <div className="section-title">
        <h2 id="runs-title">{t('runs.title')}</h2>
        {mayCreate && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('runs.newRun')}
          </button>
        )}
      </div>
      {creating && (
        <div className="panel">
          <NewRunForm suiteId={suite.id} groups={suite.groups} onSubmit={create} onCancel={() => setCreating(false)} />
          <ErrorMessage message={describeError(created.error)} />
        </div>
      )}
      {!data ? (
        fetching ? (
          <Loading label={t('runs.loadingRuns')} />
        ) : (
          <ErrorMessage message={describeError(error)} onReload={reload} />
        )
      ) : data.testRuns.totalCount === 0 ? (
        <EmptyState title={t('runs.noRunsYet')}>{canManageRuns(user.role) ? t('runs.noRunsYetHint') : t('runs.managerCreatesRuns')}</EmptyState>
      ) : (
        <>
          <ErrorMessage message={describeError(error)} onReload={reload} />
          <ul className="run-list">
            {data.testRuns.edges.map(({ node }) => (
              <RunListItem key={node.id} run={node} />
            ))}
          </ul>
          {(cursors.length > 1 || data.testRuns.pageInfo.hasNextPage) && (
            <nav className="pagination" aria-label={t('runs.runPages')}>
              <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                {t('common.previous')}
              </button>
              <button
                type="button"
                disabled={!data.testRuns.pageInfo.hasNextPage || !data.testRuns.pageInfo.endCursor}
                onClick={() => setCursors([...cursors, data.testRuns.pageInfo.endCursor])}
              >
                {t('common.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  )
}

function RunListItem({ run }: { run: RunSummary }) {
  const { t } = useTranslation()
  return (
    <li className="card run-item">
      <div className="suite-item-head">
        <Link to={`/runs/${run.id}`} className="suite-name">
          {run.name}
        </Link>
        <RunStatusBadge status={run.status} />
      </div>
      <p className="meta">
        {run.label && <span>{t('runs.labelValue', { label: run.label })}</span>}
        <span>{t('common.caseCount', { count: run.entryCount })}</span>
        <span>{t('runs.passRateValue', { rate: formatPercent(run.passRate) })}</span>
        <span>{t('runs.createdAt', { when: formatDateTime(run.createdAt) })}</span>
      </p>
      <ProgressBar percent={run.completion} label={t('runs.completionOf', { name: run.name })} />
    </li>
  )
}
