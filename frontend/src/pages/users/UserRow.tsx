import { useState, type SubmitEvent } from 'react'
import { useMutation } from 'urql'
import { DELETES_USER } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { ConfirmedAction } from '../../components/ConfirmedAction'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Field } from '../../components/Field'
import { USER_CONFLICT } from '../../conflictMessages'
import { formatDateTime } from '../../format'
import { ChangeUserRoleDocument, DeleteUserDocument, ResetUserPasswordDocument, SetUserDisabledDocument, type Role, type UsersQuery } from '../../gql/graphql'
import { ROLE_LABEL, ROLES } from '../../labels'
import { passwordProblem } from '../../validation'

type Account = UsersQuery['users'][number]

interface UserRowProps {
  user: Account
  isSelf: boolean
  onReload: () => void
}

export function UserRow({ user, isSelf, onReload }: UserRowProps) {
  const [roleChange, changeRole] = useMutation(ChangeUserRoleDocument)
  const [disabling, setDisabled] = useMutation(SetUserDisabledDocument)
  const [deleting, deleteUser] = useMutation(DeleteUserDocument)
  const error = roleChange.error ?? disabling.error ?? deleting.error

  return (
    <li className="card user-row">
      <div className="user-head">
        <strong>{user.username}</strong>
        {isSelf && <span className="badge">you</span>}
        {user.disabled && <span className="badge delayed">disabled</span>}
      </div>
      <p className="meta">
        <span>Created {formatDateTime(user.createdAt)}</span>
        <span>{user.lastLoginAt ? `Last sign-in ${formatDateTime(user.lastLoginAt)}` : 'Never signed in'}</span>
      </p>
      <div className="actions">
        <Field label={`Role of ${user.username}`}>
          {(id) => (
            <select
              id={id}
              value={user.role}
              disabled={isSelf || roleChange.fetching}
              onChange={(event) => void changeRole({ id: user.id, version: user.version, role: event.target.value as Role })}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABEL[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {!isSelf && (
          <button type="button" disabled={disabling.fetching} onClick={() => void setDisabled({ id: user.id, version: user.version, disabled: !user.disabled })}>
            {user.disabled ? `Enable ${user.username}` : `Disable ${user.username}`}
          </button>
        )}
        {!isSelf && (
          <ConfirmedAction
            label={`Delete ${user.username}`}
            title={`Delete ${user.username}?`}
            message="Their history and effort records stay, without a name. This cannot be undone."
            confirmLabel="Delete user"
            onConfirm={() => deleteUser({ id: user.id }, DELETES_USER)}
          />
        )}
      </div>
      {!isSelf && <ResetPasswordForm user={user} />}
      <ErrorMessage message={describeError(error, { CONFLICT: USER_CONFLICT })} onReload={onReload} />
    </li>
  )
}

function ResetPasswordForm({ user }: { user: Account }) {
  const [password, setPassword] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const [{ fetching, error }, resetPassword] = useMutation(ResetUserPasswordDocument)

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    const invalid = passwordProblem(password, user.username)
    setProblem(invalid)
    setDone(false)
    if (invalid) return
    const result = await resetPassword({ id: user.id, newPassword: password })
    if (result.data) {
      setPassword('')
      setDone(true)
    }
  }

  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field label={`New password for ${user.username}`} hint="At least 12 characters, not the username">
        {(id, hint) => (
          <input id={id} aria-describedby={hint} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        )}
      </Field>
      <button type="submit" disabled={fetching}>
        Reset password
      </button>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <ErrorMessage message={describeError(error)} />
      {done && (
        <p className="success" role="status">
          Password reset.
        </p>
      )}
    </form>
  )
}
