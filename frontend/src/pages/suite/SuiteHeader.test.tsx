import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { fakeGraphQL } from '../../test/fakeGraphQL'
import { renderWithApi, variablesOf } from '../../test/renderWithApi'
import { SuiteHeader } from './SuiteHeader'
import type { SuiteDetail } from './types'

const suite: SuiteDetail = {
  id: 's1',
  name: 'Release 1',
  description: 'All of it',
  status: 'PREPARATION',
  allowedTransitions: ['IN_PROGRESS', 'SUSPENDED'],
  estimatedStartDate: '2026-11-01',
  estimatedEndDate: '2026-11-30',
  requireEffortComment: true,
  progress: 12.5,
  groupCount: 2,
  caseCount: 3,
  version: 7,
  groups: [],
}

describe('SuiteHeader', () => {
  it('offers a manager the legal next statuses with their verbs', () => {
    renderWithApi(<SuiteHeader suite={suite} manage onReload={vi.fn()} />, fakeGraphQL({}))
    const group = screen.getByRole('group', { name: 'Change suite status' })
    expect([...group.querySelectorAll('button')].map((button) => button.textContent)).toEqual(['Start', 'Suspend'])
  })

  it('shows a tester no buttons that would be refused', () => {
    renderWithApi(<SuiteHeader suite={suite} manage={false} onReload={vi.fn()} />, fakeGraphQL({}), { role: 'TESTER' })
    expect(screen.queryAllByRole('button')).toEqual([])
    expect(screen.getByRole('progressbar', { name: 'Suite progress' })).toHaveAttribute('aria-valuenow', '12.5')
  })

  it('names what a cascading delete removes before deleting with cascade', async () => {
    const server = fakeGraphQL({ DeleteTestSuite: () => ({ data: { deleteTestSuite: 's1' } }) })
    renderWithApi(<SuiteHeader suite={suite} manage onReload={vi.fn()} />, server, { path: '/suites/:suiteId', url: '/suites/s1' })

    await userEvent.click(screen.getByRole('button', { name: 'Delete suite' }))
    const dialog = screen.getByRole('dialog', { name: 'Delete “Release 1”?' })
    expect(dialog).toHaveTextContent('also deletes its 2 groups and 3 cases')
    await userEvent.click(screen.getAllByRole('button', { name: 'Delete suite' }).at(-1) as HTMLElement)

    expect(await screen.findByText('Navigated away')).toBeInTheDocument()
    expect(variablesOf(server, 'DeleteTestSuite')).toEqual({ id: 's1', version: 7, cascade: true })
  })

  it('checks the form before sending an edit', async () => {
    const server = fakeGraphQL({})
    renderWithApi(<SuiteHeader suite={suite} manage onReload={vi.fn()} />, server)

    await userEvent.click(screen.getByRole('button', { name: 'Edit suite' }))
    await userEvent.clear(screen.getByLabelText('Estimated end'))
    await userEvent.type(screen.getByLabelText('Estimated end'), '2026-10-01')
    await userEvent.click(screen.getByRole('button', { name: 'Save suite' }))

    expect(screen.getByRole('alert')).toHaveTextContent('The estimated end date cannot be before the start date.')
    expect(server.calls).toEqual([])
  })
})
