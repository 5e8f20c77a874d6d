import { formatWholePercent } from '../../format'
import { HEIGHT, MARGIN, WIDTH, linePath, percentPlot, xLabelAnchor } from './geometry'

export interface Series {
  key: string
  label: string
  values: (number | null)[]
  /** A dashed line without point markers (a plan), rather than measured points. */
  dashed?: boolean
}

interface LineChartProps {
  /** What the picture shows in one sentence: its accessible name. */
  summary: string
  xLabels: string[]
  /** What each point's tooltip names it by (a day, a run). */
  pointLabels: string[]
  series: Series[]
  format: (value: number) => string
}

/** Percentages (0-100) over a sequence of days or runs, as lines; the legend names each series. */
export function LineChart({ summary, xLabels, pointLabels, series, format }: LineChartProps) {
  const plot = percentPlot(xLabels.length)
  return (
    <div className="line-chart">
      <svg viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`} role="img" aria-label={summary} className="chart-svg">
        {plot.yTicks.map((tick) => (
          <g key={tick} className="chart-grid">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={plot.y(tick)} y2={plot.y(tick)} />
            <text x={MARGIN.left - 6} y={plot.y(tick)} dy="0.32em" textAnchor="end">
              {formatWholePercent(tick)}
            </text>
          </g>
        ))}
        {plot.xTicks.map((index) => (
          <text key={index} className="chart-axis-label" x={plot.x(index)} y={HEIGHT - 8} textAnchor={xLabelAnchor(index, xLabels.length)}>
            {xLabels[index]}
          </text>
        ))}
        {series.map((line) => (
          <g key={line.key} className={`chart-series chart-series-${line.key}`} data-series={line.key}>
            <path d={linePath(line.values, plot)} className={line.dashed ? 'chart-line chart-line-dashed' : 'chart-line'} />
            {!line.dashed &&
              line.values.map((value, index) =>
                value === null ? null : (
                  <circle key={index} className="chart-point" cx={plot.x(index)} cy={plot.y(value)} r={3}>
                    <title>{`${pointLabels[index] ?? ''}: ${line.label} ${format(value)}`}</title>
                  </circle>
                ),
              )}
          </g>
        ))}
      </svg>
      <ul className="chart-legend">
        {series.map((line) => (
          <li key={line.key} className={`chart-legend-${line.key}${line.dashed ? ' chart-legend-dashed' : ''}`}>
            {line.label}
          </li>
        ))}
      </ul>
    </div>
  )
}
