import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { failure, fakeGraphQL } from '../../test/fakeGraphQL'
import { renderWithApi, variablesOf } from '../../test/renderWithApi'
import { RunStatusActions } from './RunStatusActions'
import type { RunDetail } from './types'

function runIn(status: RunDetail['status'], allowedTransitions: RunDetail['allowedTransitions']): RunDetail {
  return {
    id: 'run1',
    name: 'Nightly 42',
    description: null,
    label: null,
    status,
    allowedTransitions,
    drivesWorkflow: false,
    createdBy: null,
    createdAt: '2026-11-28T10:00:00Z',
    startedAt: '2026-11-28T10:05:00Z',
    completedAt: null,
    counts: [],
    entryCount: 0,
    completion: 0,
    passRate: 0,
    version: 7,
    suite: { id: 's1', name: 'Release 1', status: 'IN_PROGRESS' },
    entries: [],
  }
}

const noReload = () => undefined

describe('RunStatusActions', () => {
  it('lets a tester complete an open run but neither abort nor reopen one', () => {
    const { unmount } = renderWithApi(<RunStatusActions run={runIn('IN_PROGRESS', ['COMPLETED', 'ABORTED'])} onReload={noReload} />, fakeGraphQL({}), { role: 'TESTER' })
    expect(screen.getByRole('button', { name: 'Complete run' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Abort run' })).not.toBeInTheDocument()
    unmount()

    renderWithApi(<RunStatusActions run={runIn('COMPLETED', ['IN_PROGRESS'])} onReload={noReload} />, fakeGraphQL({}), { role: 'TESTER' })
    expect(screen.queryByRole('button', { name: 'Reopen run' })).not.toBeInTheDocument()
  })

  it('reopens with the version the page saw, and says so when someone changed the run meanwhile', async () => {
    const server = fakeGraphQL({ ReopenTestRun: () => failure('CONFLICT') })
    renderWithApi(<RunStatusActions run={runIn('COMPLETED', ['IN_PROGRESS'])} onReload={noReload} />, server, { role: 'MANAGER' })

    await userEvent.click(screen.getByRole('button', { name: 'Reopen run' }))
    expect(variablesOf(server, 'ReopenTestRun')).toEqual({ id: 'run1', version: 7 })
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone changed this run while you were looking at it.')
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument()
  })

  it('asks before a manager aborts a run', async () => {
    const server = fakeGraphQL({ AbortTestRun: () => ({ data: { abortTestRun: { id: 'run1', status: 'ABORTED', version: 8 } } }) })
    renderWithApi(<RunStatusActions run={runIn('PLANNED', ['IN_PROGRESS', 'ABORTED'])} onReload={noReload} />, server, { role: 'MANAGER' })

    expect(screen.getByRole('button', { name: 'Start run' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Abort run' }))
    expect(server.calls).toEqual([])
    await userEvent.click(screen.getByRole('dialog').querySelector('button.danger') as HTMLElement)
    expect(variablesOf(server, 'AbortTestRun')).toEqual({ id: 'run1', version: 7 })
  })
})
