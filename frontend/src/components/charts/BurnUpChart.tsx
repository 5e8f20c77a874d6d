import { useTranslation } from 'react-i18next'
import { formatDate, formatPercent, formatShortDate } from '../../format'
import { DataTable } from './DataTable'
import { LineChart } from './LineChart'
import { burnUpSeries, burnUpSummary, burnUpTable, type ProgressPoint } from './chartData'

/** A suite's burn-up: measured progress per day against the plan (docs/charts.md). */
export function BurnUpChart({ points }: { points: ProgressPoint[] }) {
  const { t } = useTranslation()
  const summary = burnUpSummary(points)
  return (
    <figure className="chart" data-chart="burn-up">
      <figcaption>
        <h3>{t('charts.burnUp.title')}</h3>
        <p className="muted">{summary}</p>
      </figcaption>
      {points.length > 0 && (
        <LineChart
          summary={summary}
          xLabels={points.map((point) => formatShortDate(point.day))}
          pointLabels={points.map((point) => formatDate(point.day))}
          series={burnUpSeries(points)}
          format={formatPercent}
        />
      )}
      {points.length > 0 && <DataTable {...burnUpTable(points)} />}
    </figure>
  )
}
