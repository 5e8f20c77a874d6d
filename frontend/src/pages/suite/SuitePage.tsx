import { Suspense, lazy, useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { useQuery } from 'urql'
import { SUITE_DETAIL_CONTEXT } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { useCurrentUser } from '../../auth/authContext'
import { canManageSuites } from '../../auth/permissions'
import { EmptyState } from '../../components/EmptyState'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Loading } from '../../components/Loading'
import { SuiteDetailDocument } from '../../gql/graphql'
import { SuiteRunsSection } from '../runs/SuiteRunsSection'
import { GroupList } from './GroupList'
import { LiveIndicator } from './LiveIndicator'
import { NewGroup } from './NewGroup'
import { SuiteHeader } from './SuiteHeader'
import { useSuiteLiveUpdates } from './useSuiteLiveUpdates'

// Charts load on demand: their code stays out of the first page's budget (docs/charts.md).
const SuiteCharts = lazy(() => import('./SuiteCharts'))

export function SuitePage() {
  const { suiteId = '' } = useParams()
  const user = useCurrentUser()
  const { t } = useTranslation()
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: SuiteDetailDocument,
    variables: { id: suiteId },
    context: SUITE_DETAIL_CONTEXT,
  })
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute])
  const live = useSuiteLiveUpdates(suiteId, reload)

  if (!data) {
    return fetching ? <Loading label={t('suite.loading')} /> : <ErrorMessage message={describeError(error)} onReload={reload} />
  }
  const suite = data.testSuite
  if (!suite) {
    return <EmptyState title={t('suite.notFound')}>{t('suite.mayHaveBeenDeleted')}</EmptyState>
  }
  const manage = canManageSuites(user.role)

  return (
    <>
      <ErrorMessage message={describeError(error)} onReload={reload} />
      <SuiteHeader suite={suite} manage={manage} onReload={reload} />
      <LiveIndicator state={live} />
      <section className="section" aria-labelledby="groups-title">
        <div className="section-title">
          <h2 id="groups-title">{t('suite.groups')}</h2>
        </div>
        {suite.groups.length === 0 ? (
          <EmptyState title={t('suite.noGroupsYet')}>{manage ? t('suite.addFirstGroup') : t('suite.managerAddsGroups')}</EmptyState>
        ) : (
          <GroupList suiteId={suite.id} groups={suite.groups} timeZone={data.organisation.timeZone} manage={manage} onReload={reload} />
        )}
        {manage && <NewGroup suiteId={suite.id} />}
      </section>
      <SuiteRunsSection suite={suite} />
      <Suspense fallback={<Loading label={t('charts.loading')} />}>
        <SuiteCharts suiteId={suite.id} />
      </Suspense>
    </>
  )
}
