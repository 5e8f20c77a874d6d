// What the charts show, shaped from the GraphQL answers (docs/charts.md): series for the pictures and
// the sentences and tables that are their text alternatives. Every text goes through the catalogues
// (`charts.*`), every date and number through src/format.ts.

import type { RunResult, TestRunStatus } from '../../gql/graphql'
import { formatCount, formatDate, formatList, formatPercent, formatShortDate } from '../../format'
import { i18n } from '../../i18n/i18n'
import type { TableData } from './DataTable'
import type { Series } from './LineChart'

export interface ProgressPoint {
  day: string
  actual: number | null
  planned: number
}

export interface ChartedRun {
  day: string
  passRate: number
  completion: number
  run: { id: string; name: string; status: TestRunStatus }
}

export interface ResultCount {
  result: RunResult
  count: number
}

const NO_VALUE = '–'

function percentOrDash(value: number | null): string {
  return value === null ? NO_VALUE : formatPercent(value)
}

export function burnUpSeries(points: ProgressPoint[]): Series[] {
  return [
    { key: 'actual', label: i18n.t('charts.burnUp.actual'), values: points.map((point) => point.actual) },
    { key: 'planned', label: i18n.t('charts.burnUp.planned'), values: points.map((point) => point.planned), dashed: true },
  ]
}

/** The latest day with a measured progress, compared with the plan of that day. */
export function burnUpSummary(points: ProgressPoint[]): string {
  const latest = points.filter((point) => point.actual !== null).at(-1)
  if (!latest || latest.actual === null) {
    const first = points[0]
    return first ? i18n.t('charts.burnUp.notStarted', { day: formatDate(first.day) }) : i18n.t('charts.noData')
  }
  return i18n.t('charts.burnUp.summary', {
    day: formatDate(latest.day),
    actual: formatPercent(latest.actual),
    planned: formatPercent(latest.planned),
  })
}

export function burnUpTable(points: ProgressPoint[]): TableData {
  return {
    caption: i18n.t('charts.burnUp.title'),
    columns: [i18n.t('charts.day'), i18n.t('charts.burnUp.actual'), i18n.t('charts.burnUp.planned')],
    rows: points.map((point) => [formatDate(point.day), percentOrDash(point.actual), formatPercent(point.planned)]),
  }
}

export function passRateSeries(runs: ChartedRun[]): Series[] {
  return [
    { key: 'passRate', label: i18n.t('charts.passRate.passRate'), values: runs.map((run) => run.passRate) },
    { key: 'completion', label: i18n.t('charts.passRate.completion'), values: runs.map((run) => run.completion) },
  ]
}

export function passRateSummary(runs: ChartedRun[]): string {
  const latest = runs.at(-1)
  if (!latest) return i18n.t('charts.passRate.none')
  return i18n.t('charts.passRate.summary', {
    count: runs.length,
    name: latest.run.name,
    day: formatDate(latest.day),
    passRate: formatPercent(latest.passRate),
    completion: formatPercent(latest.completion),
  })
}

export function passRateTable(runs: ChartedRun[]): TableData {
  return {
    caption: i18n.t('charts.passRate.title'),
    columns: [
      i18n.t('charts.passRate.run'),
      i18n.t('charts.day'),
      i18n.t('common.status'),
      i18n.t('charts.passRate.passRate'),
      i18n.t('charts.passRate.completion'),
    ],
    rows: runs.map((run) => [
      run.run.name,
      formatDate(run.day),
      i18n.t(`runStatus.${run.run.status}`),
      formatPercent(run.passRate),
      formatPercent(run.completion),
    ]),
  }
}

/** Axis labels of runs: their days, short. */
export function runDayLabels(runs: ChartedRun[]): string[] {
  return runs.map((run) => formatShortDate(run.day))
}

export function resultsSummary(counts: ResultCount[]): string {
  const total = counts.reduce((sum, count) => sum + count.count, 0)
  if (total === 0) return i18n.t('charts.runResults.empty')
  const parts = counts
    .filter((count) => count.count > 0)
    .map((count) => i18n.t('charts.runResults.part', { count: count.count, result: i18n.t(`runResult.${count.result}`) }))
  return i18n.t('charts.runResults.summary', { total, parts: formatList(parts) })
}

export function resultsTable(counts: ResultCount[], runName: string): TableData {
  const total = counts.reduce((sum, count) => sum + count.count, 0)
  return {
    caption: i18n.t('charts.runResults.title', { name: runName }),
    columns: [i18n.t('charts.runResults.result'), i18n.t('charts.runResults.entries'), i18n.t('charts.runResults.share')],
    rows: counts.map((count) => [
      i18n.t(`runResult.${count.result}`),
      formatCount(count.count),
      formatPercent(total === 0 ? 0 : (count.count * 100) / total),
    ]),
  }
}
