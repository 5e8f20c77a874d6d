import { useTranslation } from 'react-i18next'
import { formatPercent } from '../../format'
import { DataTable } from './DataTable'
import { LineChart } from './LineChart'
import { passRateSeries, passRateSummary, passRateTable, runDayLabels, type ChartedRun } from './chartData'

/** The pass rate and completion of a suite's started runs, oldest first (docs/charts.md). */
export function PassRateChart({ runs }: { runs: ChartedRun[] }) {
  const { t } = useTranslation()
  const summary = passRateSummary(runs)
  return (
    <figure className="chart" data-chart="pass-rate">
      <figcaption>
        <h3>{t('charts.passRate.title')}</h3>
        <p className="muted">{summary}</p>
      </figcaption>
      {runs.length > 0 && (
        <LineChart
          summary={summary}
          xLabels={runDayLabels(runs)}
          pointLabels={runs.map((run) => run.run.name)}
          series={passRateSeries(runs)}
          format={formatPercent}
        />
      )}
      {runs.length > 0 && <DataTable {...passRateTable(runs)} />}
    </figure>
  )
}
