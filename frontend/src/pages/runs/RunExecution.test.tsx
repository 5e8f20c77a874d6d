import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { fakeGraphQL } from '../../test/fakeGraphQL'
import { renderWithApi, variablesOf } from '../../test/renderWithApi'
import { RunExecution } from './RunExecution'
import type { RunDetail, RunEntryDetail } from './types'

function entry(caseId: string, title: string, extra: Partial<RunEntryDetail> = {}): RunEntryDetail {
  return {
    id: `entry-${caseId}`,
    caseId,
    position: 0,
    title,
    priority: 'HIGH',
    result: 'UNTESTED',
    resultAt: null,
    assignee: null,
    case: { id: caseId, description: `How to check ${title}` },
    results: [],
    ...extra,
  }
}

function run(status: RunDetail['status'] = 'IN_PROGRESS'): RunDetail {
  return {
    id: 'run1',
    name: 'Nightly 42',
    description: null,
    label: 'build 2.4.1',
    status,
    allowedTransitions: [],
    drivesWorkflow: false,
    createdBy: { id: 'u1', username: 'demo_manager' },
    createdAt: '2026-11-28T10:00:00Z',
    startedAt: null,
    completedAt: null,
    counts: [],
    entryCount: 3,
    completion: 0,
    passRate: 0,
    version: 4,
    suite: { id: 's1', name: 'Release 1', status: 'IN_PROGRESS' },
    entries: [
      entry('c1', 'Pay by card'),
      entry('c2', 'Pay by invoice', {
        results: [
          {
            id: 'r1',
            result: 'PASSED',
            comment: null,
            durationMs: 1500,
            recordedBy: { id: 'u2', username: 'ci-bot' },
            recordedAt: '2026-11-28T11:00:00Z',
            source: 'AUTOMATED',
            externalId: 'https://ci.example/jobs/7',
          },
        ],
      }),
      entry('c3', 'Sign in'),
    ],
  }
}

const recorded = (version: number) => () => ({
  data: { recordRunResult: { result: { id: 'r9' }, entry: { id: 'e', result: 'PASSED' }, run: { id: 'run1', status: 'IN_PROGRESS', version } } },
})

function currentTitle(): string | null {
  return screen.getByRole('heading', { level: 3 }).textContent
}

describe('RunExecution', () => {
  it('records with the result keys, moves on, and shows the case beside the entry', async () => {
    const server = fakeGraphQL({ RecordRunResult: recorded(5) })
    const onRecorded = vi.fn()
    renderWithApi(<RunExecution run={run()} onRecorded={onRecorded} />, server, { role: 'TESTER' })

    expect(currentTitle()).toBe('Pay by card')
    expect(screen.getByText('How to check Pay by card')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Passed P' })).toHaveAttribute('aria-keyshortcuts', 'P')

    await userEvent.keyboard('p')
    expect(variablesOf(server, 'RecordRunResult')).toEqual({ input: { runId: 'run1', caseId: 'c1', result: 'PASSED', comment: null } })
    expect(onRecorded).toHaveBeenCalledWith(5)
    expect(currentTitle()).toBe('Pay by invoice')
    expect(screen.getByText('Recorded Passed for Pay by card.')).toBeInTheDocument()

    await userEvent.keyboard('n')
    expect(currentTitle()).toBe('Sign in')
    expect(server.calls).toEqual(['RecordRunResult'])
  })

  it('asks for a comment before a failed result, and typing in the comment box records nothing', async () => {
    const server = fakeGraphQL({ RecordRunResult: recorded(5) })
    renderWithApi(<RunExecution run={run()} onRecorded={vi.fn()} />, server, { role: 'TESTER' })

    await userEvent.keyboard('f')
    expect(screen.getByRole('alert')).toHaveTextContent('A failed result needs a comment: write what broke, then record it again.')
    const comment = screen.getByLabelText('Comment')
    expect(comment).toHaveFocus()
    expect(comment).toHaveAttribute('aria-invalid', 'true')
    expect(server.calls).toEqual([])

    // Every letter of the comment is text here, shortcut keys included.
    await userEvent.keyboard('Card declined: press f for fail')
    expect(comment).toHaveValue('Card declined: press f for fail')
    expect(server.calls).toEqual([])
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()

    await userEvent.keyboard('{Escape}')
    expect(comment).not.toHaveFocus()
    await userEvent.keyboard('f')
    expect(variablesOf(server, 'RecordRunResult')).toEqual({
      input: { runId: 'run1', caseId: 'c1', result: 'FAILED', comment: 'Card declined: press f for fail' },
    })
  })

  it('asks for a comment before a blocked result clicked with the mouse too', async () => {
    const server = fakeGraphQL({ RecordRunResult: recorded(5) })
    renderWithApi(<RunExecution run={run()} onRecorded={vi.fn()} />, server, { role: 'TESTER' })

    await userEvent.click(screen.getByRole('button', { name: 'Blocked B' }))
    expect(screen.getByRole('alert')).toHaveTextContent('A blocked result needs a comment')
    await userEvent.keyboard('Test server down')
    await userEvent.click(screen.getByRole('button', { name: 'Blocked B' }))
    expect(variablesOf(server, 'RecordRunResult')).toMatchObject({ input: { result: 'BLOCKED', comment: 'Test server down' } })
  })

  it('shows an automated result with its source and duration', async () => {
    renderWithApi(<RunExecution run={run()} onRecorded={vi.fn()} />, fakeGraphQL({}), { role: 'TESTER' })
    await userEvent.click(screen.getByRole('button', { name: /Pay by invoice/ }))

    const records = screen.getByRole('region', { name: 'Results' })
    expect(within(records).getByText('Automated')).toBeInTheDocument()
    expect(within(records).getByText('took 1.5 sec')).toBeInTheDocument()
    expect(within(records).getByText('by ci-bot')).toBeInTheDocument()
  })

  it('records nothing in a closed run, and says why', async () => {
    const server = fakeGraphQL({})
    renderWithApi(<RunExecution run={run('COMPLETED')} onRecorded={vi.fn()} />, server, { role: 'ADMIN' })

    expect(screen.getByText('This run is closed: a manager reopens it to record more results.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Passed/ })).not.toBeInTheDocument()
    await userEvent.keyboard('p')
    expect(server.calls).toEqual([])
    await userEvent.keyboard('n')
    expect(currentTitle()).toBe('Pay by invoice')
  })
})
