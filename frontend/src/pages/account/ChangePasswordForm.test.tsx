import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { fakeGraphQL, type GraphQLBody } from '../../test/fakeGraphQL'
import { renderWithApi, variablesOf } from '../../test/renderWithApi'
import { ChangePasswordForm } from './ChangePasswordForm'

const NEW_PASSWORD = 'a brand new passphrase'

function rejected(field: string, message: string): () => GraphQLBody {
  return () => ({
    data: null,
    errors: [{ message: `${field}: ${message}`, extensions: { code: 'BAD_USER_INPUT', fields: [{ field, message }] } }],
  })
}

async function submit(current: string, next: string) {
  await userEvent.type(screen.getByLabelText('Current password'), current)
  await userEvent.type(screen.getByLabelText('New password'), `${next}{Enter}`)
}

describe('ChangePasswordForm', () => {
  it('says plainly that the current password is wrong and marks that field', async () => {
    const server = fakeGraphQL({ ChangeMyPassword: rejected('currentPassword', 'is not the current password') })
    renderWithApi(<ChangePasswordForm />, server, { role: 'TESTER' })

    await submit('not my password', NEW_PASSWORD)

    expect(await screen.findByRole('alert')).toHaveTextContent('The current password is wrong.')
    expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true')
    expect(variablesOf(server, 'ChangeMyPassword')).toEqual({ currentPassword: 'not my password', newPassword: NEW_PASSWORD })
    expect(server.calls).toEqual(['ChangeMyPassword'])
  })

  it('explains a new password the server refuses', async () => {
    const server = fakeGraphQL({ ChangeMyPassword: rejected('newPassword', 'must differ from the current password') })
    renderWithApi(<ChangePasswordForm />, server, { role: 'TESTER' })

    await submit(NEW_PASSWORD, NEW_PASSWORD)

    expect(await screen.findByRole('alert')).toHaveTextContent('The new password must differ from the current password.')
    expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'false')
  })

  it('checks the new password before sending and confirms a change', async () => {
    const server = fakeGraphQL({ ChangeMyPassword: () => ({ data: { changeMyPassword: true } }) })
    renderWithApi(<ChangePasswordForm />, server, { role: 'TESTER' })

    await submit('my old passphrase', 'short')
    expect(screen.getByRole('alert')).toHaveTextContent('at least 12 characters')
    expect(server.calls).toEqual([])

    await userEvent.clear(screen.getByLabelText('New password'))
    await userEvent.type(screen.getByLabelText('New password'), `${NEW_PASSWORD}{Enter}`)
    expect(await screen.findByRole('status')).toHaveTextContent('Password changed.')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})
