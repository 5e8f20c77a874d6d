import { describe, expect, it } from 'vitest'
import { i18n } from '../../i18n/i18n'
import {
  burnUpSeries,
  burnUpSummary,
  burnUpTable,
  passRateSeries,
  passRateSummary,
  passRateTable,
  resultsSummary,
  resultsTable,
  type ChartedRun,
  type ProgressPoint,
} from './chartData'
import { linePath, percentPlot, stackSegments, xLabelAnchor, xTickIndexes } from './geometry'

const POINTS: ProgressPoint[] = [
  { day: '2026-03-10', actual: 20, planned: 10 },
  { day: '2026-03-11', actual: 46.4, planned: 20 },
  { day: '2026-03-12', actual: null, planned: 30 },
]

const RUNS: ChartedRun[] = [
  { day: '2026-03-11', passRate: 50, completion: 100, run: { id: 'r1', name: 'first', status: 'COMPLETED' } },
  { day: '2026-03-13', passRate: 100, completion: 33.3, run: { id: 'r2', name: 'second', status: 'IN_PROGRESS' } },
]

describe('burn-up data', () => {
  it('has the measured line (ending at today) and the plan as two series', () => {
    expect(burnUpSeries(POINTS).map((series) => [series.key, series.values, series.dashed ?? false])).toEqual([
      ['actual', [20, 46.4, null], false],
      ['planned', [10, 20, 30], true],
    ])
  })

  it('sums up the latest measured day against its plan', () => {
    expect(burnUpSummary(POINTS)).toBe('Progress on Mar 11, 2026: 46.4%, planned 20.0%.')
    expect(burnUpSummary([{ day: '2026-04-01', actual: null, planned: 50 }])).toBe(
      'The suite starts on Apr 1, 2026: no progress measured yet.',
    )
    expect(burnUpSummary([])).toBe('No data yet.')
  })

  it('lists every day in its table, a dash where nothing is measured', () => {
    const table = burnUpTable(POINTS)
    expect(table.columns).toEqual(['Day', 'Actual progress', 'Planned progress'])
    expect(table.rows).toEqual([
      ['Mar 10, 2026', '20.0%', '10.0%'],
      ['Mar 11, 2026', '46.4%', '20.0%'],
      ['Mar 12, 2026', '–', '30.0%'],
    ])
  })

  it('speaks Japanese when the UI does', async () => {
    await i18n.changeLanguage('ja')
    expect(burnUpSummary(POINTS)).toBe('2026/03/11の進捗: 46.4%(計画 20.0%)。')
    expect(burnUpTable(POINTS).rows[2]).toEqual(['2026/03/12', '–', '30.0%'])
  })
})

describe('pass-rate data', () => {
  it('has pass rate and completion per run, oldest first', () => {
    expect(passRateSeries(RUNS).map((series) => [series.key, series.values])).toEqual([
      ['passRate', [50, 100]],
      ['completion', [100, 33.3]],
    ])
  })

  it('sums up the latest run and tables every run', () => {
    expect(passRateSummary(RUNS)).toBe('Runs shown: 2. Latest: second on Mar 13, 2026, pass rate 100.0%, completion 33.3%.')
    expect(passRateSummary([])).toBe('No run has started yet.')
    expect(passRateTable(RUNS).rows).toEqual([
      ['first', 'Mar 11, 2026', 'Completed', '50.0%', '100.0%'],
      ['second', 'Mar 13, 2026', 'In progress', '100.0%', '33.3%'],
    ])
  })
})

describe('run results data', () => {
  const counts = [
    { result: 'UNTESTED' as const, count: 1 },
    { result: 'PASSED' as const, count: 2 },
    { result: 'FAILED' as const, count: 1 },
    { result: 'BLOCKED' as const, count: 0 },
  ]

  it('names the results that occur, with their counts', () => {
    expect(resultsSummary(counts)).toBe('4 entries: Untested 1, Passed 2, and Failed 1.')
    expect(resultsSummary([{ result: 'PASSED', count: 0 }])).toBe('This run has no entries.')
  })

  it('tables every result with its share', () => {
    expect(resultsTable(counts, 'Nightly').rows).toEqual([
      ['Untested', '1', '25.0%'],
      ['Passed', '2', '50.0%'],
      ['Failed', '1', '25.0%'],
      ['Blocked', '0', '0.0%'],
    ])
    expect(resultsTable(counts, 'Nightly').caption).toBe('Results of Nightly')
  })

  it('stacks the non-empty results side by side over the whole bar', () => {
    expect(stackSegments(counts.map((count) => ({ key: count.result, count: count.count })))).toEqual([
      { key: 'UNTESTED', count: 1, offset: 0, width: 25 },
      { key: 'PASSED', count: 2, offset: 25, width: 50 },
      { key: 'FAILED', count: 1, offset: 75, width: 25 },
    ])
    expect(stackSegments([{ key: 'PASSED', count: 0 }])).toEqual([])
  })
})

describe('geometry', () => {
  it('breaks a line where a value is missing', () => {
    const plot = percentPlot(4)
    expect(linePath([0, 100, null, 50], plot)).toBe(
      `M${plot.x(0).toFixed(1)},${plot.y(0).toFixed(1)}L${plot.x(1).toFixed(1)},${plot.y(100).toFixed(1)}M${plot.x(3).toFixed(1)},${plot.y(50).toFixed(1)}`,
    )
    expect(plot.yTicks).toEqual([0, 20, 40, 60, 80, 100])
  })

  it('labels at most six days along x, the first and the last included', () => {
    expect(xTickIndexes(3)).toEqual([0, 1, 2])
    expect(xTickIndexes(29)).toEqual([0, 6, 11, 17, 22, 28])
    expect([0, 1, 2].map((index) => xLabelAnchor(index, 3))).toEqual(['start', 'middle', 'end'])
    expect(xLabelAnchor(0, 1)).toBe('middle')
  })
})
