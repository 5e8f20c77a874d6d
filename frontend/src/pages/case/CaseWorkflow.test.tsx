import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { failure, fakeGraphQL } from '../../test/fakeGraphQL'
import { renderWithApi, variablesOf } from '../../test/renderWithApi'
import { CaseWorkflow } from './CaseWorkflow'
import type { CaseDetail } from './types'

const testCase: CaseDetail = {
  id: 'c1',
  title: 'Login works',
  description: null,
  status: 'TESTING',
  allowedTransitions: ['FIXING', 'REVIEW_WAITING'],
  priority: 'HIGH',
  plannedEffort: 2,
  actualEffort: 0,
  isDelayed: false,
  delayDays: 0,
  version: 4,
  group: { id: 'g1', name: 'Auth', suite: { id: 's1', name: 'Release 1', requireEffortComment: false } },
  history: [],
  efforts: [],
}

describe('CaseWorkflow', () => {
  it('offers exactly the transitions the server allows', () => {
    renderWithApi(<CaseWorkflow testCase={testCase} onReload={vi.fn()} />, fakeGraphQL({}), { role: 'TESTER' })

    const buttons = screen.getAllByRole('button')
    expect(buttons.map((button) => button.textContent)).toEqual(['Send to fixing', 'Request review'])
  })

  it('sends the version it saw and the optional reason', async () => {
    const server = fakeGraphQL({ ChangeTestCaseStatus: () => ({ data: { changeTestCaseStatus: { id: 'c1', status: 'FIXING', version: 5 } } }) })
    renderWithApi(<CaseWorkflow testCase={testCase} onReload={vi.fn()} />, server, { role: 'TESTER' })

    await userEvent.type(screen.getByLabelText('Reason (optional)'), 'Button is misaligned')
    await userEvent.click(screen.getByRole('button', { name: 'Send to fixing' }))

    expect(variablesOf(server, 'ChangeTestCaseStatus')).toEqual({ id: 'c1', version: 4, status: 'FIXING', reason: 'Button is misaligned' })
    expect(await screen.findByLabelText('Reason (optional)')).toHaveValue('')
  })

  it('explains a version conflict and offers to reload', async () => {
    const onReload = vi.fn()
    const server = fakeGraphQL({ ChangeTestCaseStatus: () => failure('CONFLICT', 'version 4 is stale') })
    renderWithApi(<CaseWorkflow testCase={testCase} onReload={onReload} />, server, { role: 'TESTER' })

    await userEvent.click(screen.getByRole('button', { name: 'Request review' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Someone changed this case while you were looking at it')
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }))
    expect(onReload).toHaveBeenCalled()
  })

  it('says so when the case can move no further', () => {
    renderWithApi(<CaseWorkflow testCase={{ ...testCase, allowedTransitions: [] }} onReload={vi.fn()} />, fakeGraphQL({}))
    expect(screen.getByText('No further status change is possible.')).toBeInTheDocument()
  })
})
