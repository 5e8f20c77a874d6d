import { useState } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: SuiteListDocument,
    variables: { filter, first: PAGE_SIZE, after },
    context: SUITE_LIST_CONTEXT,
  })

  if (!data) {
    return fetching ? <Loading label={t('dashboard.loadingSuites')} /> : <ErrorMessage message={describeError(error)} onReload={() => reexecute({ requestPolicy: 'network-only' })} />
  }
  const { edges, pageInfo, totalCount } = data.testSuites
  const firstIndex = (cursors.length - 1) * PAGE_SIZE

  if (totalCount === 0) {
    return filterKey(filter) === '' ? (
      <EmptyState title={t('dashboard.noSuitesYet')}>{t('dashboard.noSuitesYetHint')}</EmptyState>
    ) : (
      <EmptyState title={t('dashboard.noSuitesMatch')}>{t('dashboard.noSuitesMatchHint')}</EmptyState>
    )
  }

  return (
    <>
      <ErrorMessage message={describeError(error)} />
      <p className="list-summary" aria-live="polite">
        {t('dashboard.showing', { first: firstIndex + 1, last: firstIndex + edges.length, count: totalCount })}
      </p>
      <ul className="suite-list">
        {edges.map(({ node }) => (
          <SuiteListItem key={node.id} suite={node} />
        ))}
      </ul>
      <nav className="pagination" aria-label={t('dashboard.suitePages')}>
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('common.previous')}
        </button>
        <button
          type="button"
          disabled={!pageInfo.hasNextPage || !pageInfo.endCursor}
          onClick={() => setCursors([...cursors, pageInfo.endCursor])}
        >
          {t('common.next')}
        </button>
      </nav>
    </>
  )
}

function SuiteListItem({ suite }: { suite: SuiteSummary }) {
  const { t } = useTranslation()
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
          {t('common.groupCount', { count: suite.groupCount })} · {t('common.caseCount', { count: suite.caseCount })}
        </span>
      </p>
      <ProgressBar percent={suite.progress} label={t('dashboard.progressOf', { name: suite.name })} />
    </li>
  )
}
