import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { fakeGraphQL } from '../../test/fakeGraphQL'
import { renderWithApi, variablesOf } from '../../test/renderWithApi'
import { EffortSection } from './EffortSection'
import type { CaseDetail } from './types'

function caseIn(requireEffortComment: boolean): CaseDetail {
  return {
    id: 'c1',
    title: 'Login works',
    description: null,
    status: 'TESTING',
    allowedTransitions: [],
    priority: 'MEDIUM',
    plannedEffort: null,
    actualEffort: 2,
    isDelayed: false,
    delayDays: 0,
    version: 1,
    group: { id: 'g1', name: 'Auth', suite: { id: 's1', name: 'Release 1', requireEffortComment } },
    history: [],
    efforts: [{ id: 'e1', date: '2026-11-28', hours: 2, comment: 'Setup', recordedBy: { id: 'u1', username: 'demo_tester' } }],
  }
}

describe('EffortSection', () => {
  it('lists the records and insists on a comment when the suite requires one', async () => {
    const server = fakeGraphQL({})
    renderWithApi(<EffortSection testCase={caseIn(true)} timeZone="Asia/Tokyo" />, server, { role: 'TESTER' })

    expect(screen.getByRole('cell', { name: 'demo_tester' })).toBeInTheDocument()
    expect(screen.getByLabelText('Date')).toHaveAccessibleDescription(/in Asia\/Tokyo, the organisation's time zone/)
    await userEvent.type(screen.getByLabelText('Hours'), '1.5{Enter}')

    expect(screen.getByRole('alert')).toHaveTextContent('This suite requires a comment on every effort record.')
    expect(server.calls).toEqual([])
  })

  it('records hours within (0, 24] with an optional comment', async () => {
    const server = fakeGraphQL({ RecordEffort: () => ({ data: { recordEffort: { id: 'e2' } } }) })
    renderWithApi(<EffortSection testCase={caseIn(false)} timeZone="Asia/Tokyo" />, server, { role: 'TESTER' })

    await userEvent.type(screen.getByLabelText('Hours'), '25{Enter}')
    expect(screen.getByRole('alert')).toHaveTextContent('more than 0 and at most 24')

    await userEvent.clear(screen.getByLabelText('Hours'))
    await userEvent.type(screen.getByLabelText('Hours'), '0.5{Enter}')

    expect(variablesOf(server, 'RecordEffort')).toMatchObject({ input: { caseId: 'c1', hours: 0.5, comment: null } })
  })
})
