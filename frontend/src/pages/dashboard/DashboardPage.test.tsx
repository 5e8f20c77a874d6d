import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { i18n } from '../../i18n/i18n'
import { fakeGraphQL } from '../../test/fakeGraphQL'
import { renderWithApi, variablesOf } from '../../test/renderWithApi'
import { DashboardPage } from './DashboardPage'

const dashboard = () => ({
  data: {
    organisation: { timeZone: 'Asia/Tokyo' },
    dashboard: {
      suitesByStatus: [
        { status: 'PREPARATION', count: 2 },
        { status: 'IN_PROGRESS', count: 5 },
        { status: 'COMPLETED', count: 1 },
        { status: 'SUSPENDED', count: 0 },
      ],
      overallProgress: 42.9,
      caseCount: 31,
      delayedCaseCount: 3,
    },
  },
})

function suite(id: string) {
  return {
    node: {
      id,
      name: `Suite ${id}`,
      description: null,
      status: 'IN_PROGRESS',
      estimatedStartDate: '2026-11-01',
      estimatedEndDate: '2026-11-30',
      progress: 37.5,
      groupCount: 2,
      caseCount: 4,
    },
  }
}

function page(ids: string[], hasNextPage: boolean, endCursor: string | null) {
  return () => ({ data: { testSuites: { totalCount: ids.length === 0 ? 0 : 21, pageInfo: { hasNextPage, endCursor }, edges: ids.map(suite) } } })
}

describe('DashboardPage', () => {
  it('shows counts by status and the suites with their progress', async () => {
    renderWithApi(<DashboardPage />, fakeGraphQL({ Dashboard: dashboard, SuiteList: page(['a', 'b'], false, null) }), { role: 'TESTER' })

    expect(await screen.findByRole('link', { name: 'Suite a' })).toHaveAttribute('href', '/suites/a')
    const tiles = screen.getByRole('region', { name: 'Suites by status' })
    expect(await within(tiles).findByRole('link', { name: /5\s*In progress/ })).toHaveAttribute('href', '/?status=IN_PROGRESS')
    expect(within(tiles).getByRole('link', { name: /0\s*Suspended/ })).toBeInTheDocument()
    expect(screen.getByRole('progressbar', { name: 'Progress of Suite a' })).toHaveAttribute('aria-valuenow', '37.5')
    expect(screen.getByText('Showing 1–2 of 21 suites')).toBeInTheDocument()
  })

  it('speaks Japanese: statuses, counts and dates', async () => {
    await i18n.changeLanguage('ja')
    renderWithApi(<DashboardPage />, fakeGraphQL({ Dashboard: dashboard, SuiteList: page(['a', 'b'], false, null) }), { role: 'TESTER' })

    expect(await screen.findByRole('link', { name: 'Suite a' })).toBeInTheDocument()
    const tiles = screen.getByRole('region', { name: 'ステータス別スイート数' })
    expect(await within(tiles).findByRole('link', { name: /5\s*実施中/ })).toBeInTheDocument()
    expect(within(tiles).getByRole('link', { name: /2\s*準備中/ })).toBeInTheDocument()
    expect(screen.getByText('21 件中 1～2 件を表示')).toBeInTheDocument()
    expect(screen.getAllByText('2026/11/01 ～ 2026/11/30')).toHaveLength(2)
    expect(screen.getAllByText('2 グループ · 4 ケース')).toHaveLength(2)
  })

  it('shows the overall progress, the number of cases and how many are delayed, from one query', async () => {
    const server = fakeGraphQL({ Dashboard: dashboard, SuiteList: page(['a'], false, null) })
    renderWithApi(<DashboardPage />, server, { role: 'TESTER' })

    const overview = screen.getByRole('region', { name: 'Overall progress' })
    expect(await within(overview).findByRole('progressbar', { name: 'Progress of all suites' })).toHaveAttribute('aria-valuenow', '42.9')
    expect(overview).toHaveTextContent(/31\s*Test cases\s*3\s*Delayed cases/)
    expect(within(overview).getByText('Delayed cases').parentElement).toHaveClass('delayed')
    expect(server.calls.filter((name) => name === 'Dashboard')).toHaveLength(1)
  })

  it("names the organisation's time zone the delayed cases are counted in", async () => {
    renderWithApi(<DashboardPage />, fakeGraphQL({ Dashboard: dashboard, SuiteList: page(['a'], false, null) }), { role: 'TESTER' })

    const overview = screen.getByRole('region', { name: 'Overall progress' })
    const tile = (await within(overview).findByText('Counted in Asia/Tokyo')).parentElement
    expect(tile).toHaveTextContent(/3\s*Delayed cases\s*Counted in Asia\/Tokyo/)
    expect(tile).toHaveAttribute('title', "Days past the suite's end date, counted in Asia/Tokyo")
  })

  it('marks nothing as late when no case is delayed', async () => {
    const onTime = () => ({ data: { ...dashboard().data, dashboard: { ...dashboard().data.dashboard, delayedCaseCount: 0 } } })
    renderWithApi(<DashboardPage />, fakeGraphQL({ Dashboard: onTime, SuiteList: page(['a'], false, null) }))

    const overview = screen.getByRole('region', { name: 'Overall progress' })
    await within(overview).findByRole('progressbar', { name: 'Progress of all suites' })
    expect(overview).toHaveTextContent(/0\s*Delayed cases/)
    expect(within(overview).getByText('Delayed cases').parentElement).not.toHaveClass('delayed')
  })

  it('hides suite creation from a tester and shows it to a manager', async () => {
    const server = () => fakeGraphQL({ Dashboard: dashboard, SuiteList: page(['a'], false, null) })
    const tester = renderWithApi(<DashboardPage />, server(), { role: 'TESTER' })
    await screen.findByRole('link', { name: 'Suite a' })
    expect(screen.queryByRole('button', { name: 'New suite' })).not.toBeInTheDocument()
    tester.unmount()

    renderWithApi(<DashboardPage />, server(), { role: 'MANAGER' })
    expect(await screen.findByRole('button', { name: 'New suite' })).toBeInTheDocument()
  })

  it('pages forward with the end cursor and back again', async () => {
    const server = fakeGraphQL({ Dashboard: dashboard, SuiteList: [page(['a'], true, 'cursor-1'), page(['b'], false, null), page(['a'], true, 'cursor-1')] })
    renderWithApi(<DashboardPage />, server)

    await screen.findByRole('link', { name: 'Suite a' })
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(await screen.findByRole('link', { name: 'Suite b' })).toBeInTheDocument()
    expect(variablesOf(server, 'SuiteList', 1)).toMatchObject({ first: 20, after: 'cursor-1' })
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled()

    await userEvent.click(screen.getByRole('button', { name: 'Previous' }))
    expect(await screen.findByRole('link', { name: 'Suite a' })).toBeInTheDocument()
  })

  it('sends the filter from the form, submitted with Enter', async () => {
    const server = fakeGraphQL({ Dashboard: dashboard, SuiteList: page([], false, null) })
    renderWithApi(<DashboardPage />, server)

    await userEvent.type(screen.getByLabelText('Search'), 'release{Enter}')

    expect(await screen.findByText('No suites match.')).toBeInTheDocument()
    expect(variablesOf(server, 'SuiteList', 1)).toMatchObject({ filter: { status: null, search: 'release', startFrom: null, endTo: null }, after: null })
  })
})
