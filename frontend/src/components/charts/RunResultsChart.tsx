import { useTranslation } from 'react-i18next'
import { formatCount } from '../../format'
import { DataTable } from './DataTable'
import { resultsSummary, resultsTable, type ResultCount } from './chartData'
import { stackSegments } from './geometry'

const BAR_HEIGHT = 24

/** A run's entries per result as one stacked bar, with a legend and a table (docs/charts.md). For a run
 * page: `<RunResultsChart runName={run.name} counts={run.counts} />` (TestRun.counts). */
export function RunResultsChart({ runName, counts }: { runName: string; counts: ResultCount[] }) {
  const { t } = useTranslation()
  const summary = resultsSummary(counts)
  const segments = stackSegments(counts.map((count) => ({ key: count.result, count: count.count })))
  return (
    <figure className="chart" data-chart="run-results">
      <figcaption>
        <h3>{t('charts.runResults.title', { name: runName })}</h3>
        <p className="muted">{summary}</p>
      </figcaption>
      {segments.length > 0 && (
        <svg viewBox={`0 0 100 ${String(BAR_HEIGHT)}`} preserveAspectRatio="none" role="img" aria-label={summary} className="chart-bar">
          {segments.map((segment) => (
            <rect key={segment.key} className={`chart-result chart-result-${segment.key}`} x={segment.offset} width={segment.width} y={0} height={BAR_HEIGHT}>
              <title>{`${t(`runResult.${segment.key}`)}: ${formatCount(segment.count)}`}</title>
            </rect>
          ))}
        </svg>
      )}
      <ul className="chart-legend">
        {segments.map((segment) => (
          <li key={segment.key} className={`chart-legend-result chart-result-${segment.key}`}>
            {t(`runResult.${segment.key}`)} {formatCount(segment.count)}
          </li>
        ))}
      </ul>
      <DataTable {...resultsTable(counts, runName)} />
    </figure>
  )
}
