import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { useMutation, useQuery } from 'urql'
import { DASHBOARD_CONTEXT } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { useCurrentUser } from '../../auth/authContext'
import { canManageSuites } from '../../auth/permissions'
import { ErrorMessage } from '../../components/ErrorMessage'
import { ProgressBar } from '../../components/ProgressBar'
import { SuiteForm, type SubmittedSuite } from '../../components/SuiteForm'
import { delayCountedIn, formatCount } from '../../format'
import { CreateTestSuiteDocument, DashboardDocument, type DashboardQuery } from '../../gql/graphql'
import { SUITE_STATUSES } from '../../labels'
import { filterFromSearchParams, filterKey } from './suiteFilter'
import { SuiteFilters } from './SuiteFilters'
import { SuiteList } from './SuiteList'

export function DashboardPage() {
  const user = useCurrentUser()
  const [searchParams] = useSearchParams()
  const filter = filterFromSearchParams(searchParams)
  const { t } = useTranslation()

  return (
    <>
      <div className="page-title">
        <h1>{t('dashboard.title')}</h1>
      </div>
      <Overview />
      <section aria-labelledby="suites-title" className="section">
        <div className="section-title">
          <h2 id="suites-title">{t('dashboard.testSuites')}</h2>
        </div>
        {canManageSuites(user.role) && <NewSuite />}
        <SuiteFilters filter={filter} />
        <SuiteList key={filterKey(filter)} filter={filter} />
      </section>
    </>
  )
}

/** The figures over every suite, from one query; each status tile filters the list below. */
function Overview() {
  const [{ data, error }] = useQuery({ query: DashboardDocument, context: DASHBOARD_CONTEXT })
  const dashboard = data?.dashboard
  const timeZone = data?.organisation.timeZone
  const { t } = useTranslation()
  return (
    <>
      <ErrorMessage message={describeError(error)} />
      <StatusCounts dashboard={dashboard} />
      <section aria-label={t('dashboard.overallProgressSection')} className="overview">
        <div className="count-tile overview-progress">
          <span className="count-label">{t('dashboard.overallProgress')}</span>
          {dashboard ? <ProgressBar percent={dashboard.overallProgress} label={t('dashboard.progressOfAllSuites')} /> : <span className="count">–</span>}
        </div>
        <div className="count-tile">
          <span className="count">{dashboard ? formatCount(dashboard.caseCount) : '–'}</span>
          <span className="count-label">{t('dashboard.testCases')}</span>
        </div>
        <div className={`count-tile${dashboard?.delayedCaseCount ? ' delayed' : ''}`} title={timeZone && delayCountedIn(timeZone)}>
          <span className="count">{dashboard ? formatCount(dashboard.delayedCaseCount) : '–'}</span>
          <span className="count-label">{t('dashboard.delayedCases')}</span>
          {timeZone && <span className="count-note">{t('dashboard.countedIn', { timeZone })}</span>}
        </div>
      </section>
    </>
  )
}

function StatusCounts({ dashboard }: { dashboard: DashboardQuery['dashboard'] | undefined }) {
  const counts = new Map(dashboard?.suitesByStatus.map(({ status, count }) => [status, count]))
  const { t } = useTranslation()
  return (
    <section aria-label={t('dashboard.suitesByStatus')} className="status-counts">
      {SUITE_STATUSES.map((status) => (
        <Link key={status} to={`/?status=${status}`} className={`count-tile suite-${status.toLowerCase()}`}>
          <span className="count">{formatCount(counts.get(status))}</span>
          <span className="count-label">{t(`suiteStatus.${status}`)}</span>
        </Link>
      ))}
    </section>
  )
}

function NewSuite() {
  const [open, setOpen] = useState(false)
  const [{ error }, createSuite] = useMutation(CreateTestSuiteDocument)
  const navigate = useNavigate()
  const { t } = useTranslation()

  async function create(values: SubmittedSuite) {
    const result = await createSuite({ input: values })
    if (result.data) void navigate(`/suites/${result.data.createTestSuite.id}`)
  }

  if (!open) {
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        {t('dashboard.newSuite')}
      </button>
    )
  }
  return (
    <div className="panel">
      <h3>{t('dashboard.newSuite')}</h3>
      <SuiteForm submitLabel={t('dashboard.createSuite')} onSubmit={create} onCancel={() => setOpen(false)} />
      <ErrorMessage message={describeError(error)} />
    </div>
  )
}
