// The suite page's charts, loaded on demand (React.lazy in SuitePage): the burn-up, the pass rate of the
// suite's runs and the latest run's results (docs/charts.md).

import { useTranslation } from 'react-i18next'
import { useQuery } from 'urql'
import { describeError } from '../../api/graphqlErrors'
import { BurnUpChart } from '../../components/charts/BurnUpChart'
import { PassRateChart } from '../../components/charts/PassRateChart'
import { RunResultsChart } from '../../components/charts/RunResultsChart'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Loading } from '../../components/Loading'
import { SuiteChartsDocument } from '../../gql/graphql'

export default function SuiteCharts({ suiteId }: { suiteId: string }) {
  const { t } = useTranslation()
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SuiteChartsDocument, variables: { id: suiteId } })
  const suite = data?.testSuite
  const latest = suite?.runPassRates.at(-1)
  return (
    <section className="section" aria-labelledby="charts-title">
      <div className="section-title">
        <h2 id="charts-title">{t('charts.title')}</h2>
      </div>
      {!suite ? (
        fetching ? (
          <Loading label={t('charts.loading')} />
        ) : (
          <ErrorMessage message={describeError(error)} onReload={() => reexecute({ requestPolicy: 'network-only' })} />
        )
      ) : (
        <div className="chart-grid-layout">
          <BurnUpChart points={suite.progressHistory} />
          <PassRateChart runs={suite.runPassRates} />
          {latest && <RunResultsChart runName={latest.run.name} counts={latest.run.counts} />}
        </div>
      )}
    </section>
  )
}
