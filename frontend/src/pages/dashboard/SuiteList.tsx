import { useState } from 'react'
import { Link } from 'react-router'
import { useQuery } from 'urql'
import { SUITE_LIST_CONTEXT } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { SuiteStatusBadge } from '../../components/Badges'
import { EmptyState } from '../../components/EmptyState'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Loading } from '../../components/Loading'
import { ProgressBar } from '../../components/ProgressBar'
import { formatDateWindow } from '../../format'
import { SuiteListDocument, type SuiteListQuery, type TestSuiteFilter } from '../../gql/graphql'
import { filterKey } from './suiteFilter'

const PAGE_SIZE = 20

type SuiteSummary = SuiteListQuery['testSuites']['edges'][number]['node']

/** One page of suites at a time; the cursors of the pages already seen make "Previous" possible. */
export function SuiteList({ filter }: { filter: TestSuiteFilter }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  const after = cursors[cursors.length - 1] ?? null
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: SuiteListDocument,
    variables: { filter, first: PAGE_SIZE, after },
    context: SUITE_LIST_CONTEXT,
  })

  if (!data) {
    return fetching ? <Loading label="Loading suites" /> : <ErrorMessage message={describeError(error)} onReload={() => reexecute({ requestPolicy: 'network-only' })} />
  }
  const { edges, pageInfo, totalCount } = data.testSuites
  const firstIndex = (cursors.length - 1) * PAGE_SIZE

  if (totalCount === 0) {
    return filterKey(filter) === '' ? (
      <EmptyState title="No suites yet.">Managers and admins create suites with “New suite”.</EmptyState>
    ) : (
      <EmptyState title="No suites match.">Change or clear the filter.</EmptyState>
    )
  }

  return (
    <>
      <ErrorMessage message={describeError(error)} />
      <p className="list-summary" aria-live="polite">
        Showing {firstIndex + 1}–{firstIndex + edges.length} of {totalCount} {totalCount === 1 ? 'suite' : 'suites'}
      </p>
      <ul className="suite-list">
        {edges.map(({ node }) => (
          <SuiteListItem key={node.id} suite={node} />
        ))}
      </ul>
      <nav className="pagination" aria-label="Pages of suites">
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous
        </button>
        <button
          type="button"
          disabled={!pageInfo.hasNextPage || !pageInfo.endCursor}
          onClick={() => setCursors([...cursors, pageInfo.endCursor])}
        >
          Next
        </button>
      </nav>
    </>
  )
}

function SuiteListItem({ suite }: { suite: SuiteSummary }) {
  return (
    <li className="card suite-item">
      <div className="suite-item-head">
        <Link to={`/suites/${suite.id}`} className="suite-name">
          {suite.name}
        </Link>
        <SuiteStatusBadge status={suite.status} />
      </div>
      {suite.description && <p className="muted clamp">{suite.description}</p>}
      <p className="meta">
        <span>{formatDateWindow(suite.estimatedStartDate, suite.estimatedEndDate)}</span>
        <span>
          {suite.groupCount} {suite.groupCount === 1 ? 'group' : 'groups'} · {suite.caseCount} {suite.caseCount === 1 ? 'case' : 'cases'}
        </span>
      </p>
      <ProgressBar percent={suite.progress} label={`Progress of ${suite.name}`} />
    </li>
  )
}
