import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { CreateTestRunInput } from '../../gql/graphql'
import { fakeGraphQL } from '../../test/fakeGraphQL'
import { renderWithApi } from '../../test/renderWithApi'
import { NewRunForm, type RunFormGroup } from './NewRunForm'

const groups: RunFormGroup[] = [
  {
    id: 'g1',
    name: 'Checkout',
    cases: [
      { id: 'c1', title: 'Pay by card', priority: 'HIGH' },
      { id: 'c2', title: 'Pay by invoice', priority: 'LOW' },
    ],
  },
  { id: 'g2', name: 'Login', cases: [{ id: 'c3', title: 'Sign in', priority: 'CRITICAL' }] },
  { id: 'g3', name: 'Reports', cases: [{ id: 'c4', title: 'Export CSV', priority: 'LOW' }] },
]

function renderForm() {
  const onSubmit = vi.fn<(input: CreateTestRunInput) => Promise<boolean>>(() => Promise.resolve(true))
  renderWithApi(<NewRunForm suiteId="s1" groups={groups} onSubmit={onSubmit} onCancel={vi.fn()} />, fakeGraphQL({}), { role: 'MANAGER' })
  return onSubmit
}

function summary() {
  return screen.getByText(/^(Every case of the suite|The run will hold)/)
}

describe('NewRunForm', () => {
  it('covers every case when nothing is chosen, and sends no selection', async () => {
    const onSubmit = renderForm()
    expect(summary()).toHaveTextContent('Every case of the suite: 4 cases.')

    await userEvent.type(screen.getByLabelText('Run name'), '  Nightly 42 ')
    await userEvent.type(screen.getByLabelText('Label'), 'build 2.4.1')
    await userEvent.click(screen.getByRole('checkbox', { name: 'Results move their cases through the workflow' }))
    await userEvent.click(screen.getByRole('button', { name: 'Create run' }))

    expect(onSubmit).toHaveBeenCalledWith({
      suiteId: 's1',
      name: 'Nightly 42',
      label: 'build 2.4.1',
      description: null,
      drivesWorkflow: true,
      selection: null,
    })
  })

  it('combines chosen groups and single cases, narrowed by priorities', async () => {
    const onSubmit = renderForm()
    const groupChoices = screen.getByRole('group', { name: 'Groups' })
    await userEvent.click(within(groupChoices).getByRole('checkbox', { name: /Checkout/ }))
    expect(summary()).toHaveTextContent('The run will hold 2 cases.')

    await userEvent.click(screen.getByText('Single cases'))
    await userEvent.click(screen.getByRole('checkbox', { name: /Sign in/ }))
    expect(summary()).toHaveTextContent('The run will hold 3 cases.')

    const priorities = screen.getByRole('group', { name: 'Priorities' })
    await userEvent.click(within(priorities).getByRole('checkbox', { name: 'High' }))
    await userEvent.click(within(priorities).getByRole('checkbox', { name: 'Critical' }))
    expect(summary()).toHaveTextContent('The run will hold 2 cases.')

    await userEvent.type(screen.getByLabelText('Run name'), 'Checkout and sign-in{Enter}')
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ selection: { groupIds: ['g1'], caseIds: ['c3'], priorities: ['HIGH', 'CRITICAL'] } }),
    )
  })

  it('says what is wrong before sending: no name, or a selection of no case', async () => {
    const onSubmit = renderForm()
    await userEvent.click(screen.getByRole('button', { name: 'Create run' }))
    expect(screen.getByRole('alert')).toHaveTextContent('Give the run a name.')

    await userEvent.type(screen.getByLabelText('Run name'), 'Only medium')
    await userEvent.click(within(screen.getByRole('group', { name: 'Priorities' })).getByRole('checkbox', { name: 'Medium' }))
    expect(summary()).toHaveTextContent('The run will hold 0 cases.')
    await userEvent.click(screen.getByRole('button', { name: 'Create run' }))
    expect(screen.getByRole('alert')).toHaveTextContent('No case matches this selection.')
    expect(onSubmit).not.toHaveBeenCalled()
  })
})
