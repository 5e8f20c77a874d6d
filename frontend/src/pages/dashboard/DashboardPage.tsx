import { useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { useMutation, useQuery } from 'urql'
import { SUITE_LIST_CONTEXT } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { useCurrentUser } from '../../auth/authContext'
import { canManageSuites } from '../../auth/permissions'
import { ErrorMessage } from '../../components/ErrorMessage'
import { SuiteForm, type SuiteFormValues } from '../../components/SuiteForm'
import { CreateTestSuiteDocument, SuiteStatusCountsDocument, type TestSuiteStatus } from '../../gql/graphql'
import { SUITE_STATUS_LABEL } from '../../labels'
import { filterFromSearchParams, filterKey } from './suiteFilter'
import { SuiteFilters } from './SuiteFilters'
import { SuiteList } from './SuiteList'

export function DashboardPage() {
  const user = useCurrentUser()
  const [searchParams] = useSearchParams()
  const filter = filterFromSearchParams(searchParams)

  return (
    <>
      <div className="page-title">
        <h1>Dashboard</h1>
      </div>
      <StatusCounts />
      <section aria-labelledby="suites-title" className="section">
        <div className="section-title">
          <h2 id="suites-title">Test suites</h2>
        </div>
        {canManageSuites(user.role) && <NewSuite />}
        <SuiteFilters filter={filter} />
        <SuiteList key={filterKey(filter)} filter={filter} />
      </section>
    </>
  )
}

const COUNT_KEYS: Record<TestSuiteStatus, 'preparation' | 'inProgress' | 'suspended' | 'completed'> = {
  PREPARATION: 'preparation',
  IN_PROGRESS: 'inProgress',
  SUSPENDED: 'suspended',
  COMPLETED: 'completed',
}

/** How many suites are in each status; each tile filters the list below. */
function StatusCounts() {
  const [{ data, error }] = useQuery({ query: SuiteStatusCountsDocument, context: SUITE_LIST_CONTEXT })
  return (
    <section aria-label="Suites by status" className="status-counts">
      <ErrorMessage message={describeError(error)} />
      {(Object.keys(COUNT_KEYS) as TestSuiteStatus[]).map((status) => (
        <Link key={status} to={`/?status=${status}`} className={`count-tile suite-${status.toLowerCase()}`}>
          <span className="count">{data ? data[COUNT_KEYS[status]].totalCount : '–'}</span>
          <span className="count-label">{SUITE_STATUS_LABEL[status]}</span>
        </Link>
      ))}
    </section>
  )
}

function NewSuite() {
  const [open, setOpen] = useState(false)
  const [{ error }, createSuite] = useMutation(CreateTestSuiteDocument)
  const navigate = useNavigate()

  async function create(values: SuiteFormValues) {
    const result = await createSuite({ input: values })
    if (result.data) void navigate(`/suites/${result.data.createTestSuite.id}`)
  }

  if (!open) {
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        New suite
      </button>
    )
  }
  return (
    <div className="panel">
      <h3>New suite</h3>
      <SuiteForm submitLabel="Create suite" onSubmit={create} onCancel={() => setOpen(false)} />
      <ErrorMessage message={describeError(error)} />
    </div>
  )
}
