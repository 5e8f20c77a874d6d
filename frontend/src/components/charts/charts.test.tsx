import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { BurnUpChart } from './BurnUpChart'
import { PassRateChart } from './PassRateChart'
import { RunResultsChart } from './RunResultsChart'

describe('the charts and their text alternatives', () => {
  it('draws the burn-up with a point per measured day and the same figures in a table', () => {
    const { container } = render(
      <BurnUpChart
        points={[
          { day: '2026-03-10', actual: 20, planned: 50 },
          { day: '2026-03-11', actual: null, planned: 100 },
        ]}
      />,
    )
    const picture = screen.getByRole('img', { name: 'Progress on Mar 10, 2026: 20.0%, planned 50.0%.' })
    expect(picture.querySelectorAll('.chart-point')).toHaveLength(1)
    expect(picture.querySelectorAll('path.chart-line')).toHaveLength(2)
    const table = screen.getByRole('table', { name: 'Burn-up' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((row) => row.textContent)).toEqual(['Mar 10, 202620.0%50.0%', 'Mar 11, 2026–100.0%'])
    expect(container.querySelector('details summary')).toHaveTextContent('Show the figures as a table')
  })

  it('draws the pass rate of each run', () => {
    render(
      <PassRateChart
        runs={[{ day: '2026-03-11', passRate: 50, completion: 100, run: { id: 'r1', name: 'first', status: 'COMPLETED' } }]}
      />,
    )
    const picture = screen.getByRole('img', { name: /Latest: first on Mar 11, 2026, pass rate 50\.0%/ })
    expect(picture.querySelectorAll('.chart-point')).toHaveLength(2)
    expect(within(screen.getByRole('table', { name: 'Pass rate of the runs' })).getByRole('rowheader', { name: 'first' })).toBeInTheDocument()
  })

  it('says so instead of drawing when no run has started', () => {
    render(<PassRateChart runs={[]} />)
    expect(screen.getByText('No run has started yet.')).toBeInTheDocument()
    expect(screen.queryByRole('img')).toBeNull()
  })

  it("stacks a run's results in one bar, summed up for screen readers", () => {
    render(
      <RunResultsChart
        runName="Nightly"
        counts={[
          { result: 'PASSED', count: 3 },
          { result: 'FAILED', count: 1 },
          { result: 'SKIPPED', count: 0 },
        ]}
      />,
    )
    const bar = screen.getByRole('img', { name: '4 entries: Passed 3 and Failed 1.' })
    expect([...bar.querySelectorAll('rect')].map((rect) => rect.getAttribute('width'))).toEqual(['75', '25'])
    expect(within(screen.getByRole('table', { name: 'Results of Nightly' })).getAllByRole('row')).toHaveLength(4)
  })
})
