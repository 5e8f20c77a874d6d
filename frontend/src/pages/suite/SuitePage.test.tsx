import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { fakeGraphQL } from '../../test/fakeGraphQL'
import { renderWithApi } from '../../test/renderWithApi'
import { SuitePage } from './SuitePage'
import type { CaseSummary } from './types'

function testCase(id: string, delayDays: number): CaseSummary {
  return {
    id,
    title: `Case ${id}`,
    status: 'TESTING',
    priority: 'MEDIUM',
    plannedEffort: 2,
    actualEffort: 1,
    isDelayed: delayDays > 0,
    delayDays,
  }
}

const suiteDetail = () => ({
  data: {
    organisation: { timeZone: 'Asia/Tokyo' },
    testSuite: {
      id: 's1',
      name: 'Release 1',
      description: null,
      status: 'IN_PROGRESS',
      allowedTransitions: ['COMPLETED', 'SUSPENDED'],
      estimatedStartDate: '2026-11-01',
      estimatedEndDate: '2026-11-30',
      requireEffortComment: false,
      progress: 50,
      groupCount: 1,
      caseCount: 2,
      version: 3,
      groups: [
        {
          id: 'g1',
          name: 'Login',
          description: null,
          displayOrder: 0,
          progress: 50,
          caseCount: 2,
          version: 1,
          cases: [testCase('late', 2), testCase('onTime', 0)],
        },
      ],
    },
  },
})

const suiteRuns = () => ({
  data: {
    testRuns: {
      totalCount: 1,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [
        {
          node: {
            id: 'run1',
            name: 'Nightly 42',
            label: 'build 2.4.1',
            status: 'IN_PROGRESS',
            entryCount: 4,
            completion: 50,
            passRate: 75,
            createdAt: '2026-11-28T10:00:00Z',
            version: 3,
          },
        },
      ],
    },
  },
})

describe('SuitePage', () => {
  it("shows each delayed case's delay with the organisation's time zone it is counted in", async () => {
    renderWithApi(<SuitePage />, fakeGraphQL({ SuiteDetail: suiteDetail, SuiteRuns: suiteRuns }), { role: 'TESTER', path: '/suites/:suiteId', url: '/suites/s1' })

    const lateRow = (await screen.findByRole('link', { name: 'Case late' })).closest('li') as HTMLElement
    const badge = within(lateRow).getByText('Delayed 2 days (Asia/Tokyo)')
    expect(badge).toHaveAttribute('title', "Days past the suite's end date, counted in Asia/Tokyo")

    const onTimeRow = screen.getByRole('link', { name: 'Case onTime' }).closest('li') as HTMLElement
    expect(within(onTimeRow).queryByText(/Delayed/)).not.toBeInTheDocument()
  })

  it('loads the charts on demand with their figures from the suite', async () => {
    const server = fakeGraphQL({
      SuiteDetail: suiteDetail,
      SuiteCharts: ({ id }) => ({
        data: {
          testSuite: {
            id,
            progressHistory: [
              { day: '2026-11-01', actual: 10, planned: 50 },
              { day: '2026-11-02', actual: 25, planned: 100 },
            ],
            runPassRates: [
              {
                day: '2026-11-02',
                passRate: 75,
                completion: 100,
                run: { id: 'r1', name: 'Nightly', status: 'COMPLETED', counts: [{ result: 'PASSED', count: 3 }, { result: 'FAILED', count: 1 }] },
              },
            ],
          },
        },
      }),
    })
    renderWithApi(<SuitePage />, server, { role: 'TESTER', path: '/suites/:suiteId', url: '/suites/s1' })

    expect(await screen.findByRole('img', { name: 'Progress on Nov 2, 2026: 25.0%, planned 100.0%.' })).toBeInTheDocument()
    expect(within(screen.getByRole('table', { name: 'Burn-up' })).getAllByRole('row')).toHaveLength(3)
    expect(screen.getByRole('img', { name: /Latest: Nightly on Nov 2, 2026, pass rate 75\.0%/ })).toBeInTheDocument()
    expect(screen.getByRole('img', { name: '4 entries: Passed 3 and Failed 1.' })).toBeInTheDocument()
    expect(server.calls).toContain('SuiteCharts')
  })

  it("lists the suite's runs with status, label, completion and pass rate; testers create none", async () => {
    renderWithApi(<SuitePage />, fakeGraphQL({ SuiteDetail: suiteDetail, SuiteRuns: suiteRuns }), { role: 'TESTER', path: '/suites/:suiteId', url: '/suites/s1' })

    const runs = await screen.findByRole('region', { name: 'Test runs' })
    const item = (await within(runs).findByRole('link', { name: 'Nightly 42' })).closest('li') as HTMLElement
    expect(item).toHaveTextContent('In progress')
    expect(item).toHaveTextContent('Label: build 2.4.1')
    expect(item).toHaveTextContent('Pass rate 75.0%')
    expect(within(item).getByRole('progressbar', { name: 'Completion of Nightly 42' })).toHaveAttribute('aria-valuetext', '50.0%')
    expect(within(runs).queryByRole('button', { name: 'New run' })).not.toBeInTheDocument()
  })
})
