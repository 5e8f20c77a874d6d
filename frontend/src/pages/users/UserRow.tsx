import { useState, type SubmitEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation } from 'urql'
import { DELETES_USER } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { ConfirmedAction } from '../../components/ConfirmedAction'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Field } from '../../components/Field'
import { formatDateTime } from '../../format'
import { ChangeUserRoleDocument, DeleteUserDocument, ResetUserPasswordDocument, SetUserDisabledDocument, type Role, type UsersQuery } from '../../gql/graphql'
import { ROLES } from '../../labels'
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
  const { t } = useTranslation()

  return (
    <li className="card user-row">
      <div className="user-head">
        <strong>{user.username}</strong>
        {isSelf && <span className="badge">{t('users.you')}</span>}
        {user.disabled && <span className="badge delayed">{t('users.disabled')}</span>}
      </div>
      <p className="meta">
        <span>{t('users.createdAt', { when: formatDateTime(user.createdAt) })}</span>
        <span>{user.lastLoginAt ? t('users.lastSignIn', { when: formatDateTime(user.lastLoginAt) }) : t('users.neverSignedIn')}</span>
      </p>
      <div className="actions">
        <Field label={t('users.roleOf', { name: user.username })}>
          {(id) => (
            <select
              id={id}
              value={user.role}
              disabled={isSelf || roleChange.fetching}
              onChange={(event) => void changeRole({ id: user.id, version: user.version, role: event.target.value as Role })}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {!isSelf && (
          <button type="button" disabled={disabling.fetching} onClick={() => void setDisabled({ id: user.id, version: user.version, disabled: !user.disabled })}>
            {user.disabled ? t('users.enable', { name: user.username }) : t('users.disable', { name: user.username })}
          </button>
        )}
        {!isSelf && (
          <ConfirmedAction
            label={t('users.deleteLabel', { name: user.username })}
            title={t('users.deleteTitle', { name: user.username })}
            message={t('users.deleteMessage')}
            confirmLabel={t('users.deleteUser')}
            onConfirm={() => deleteUser({ id: user.id }, DELETES_USER)}
          />
        )}
      </div>
      {!isSelf && <ResetPasswordForm user={user} />}
      <ErrorMessage message={describeError(error, { CONFLICT: t('errors.userConflict') })} onReload={onReload} />
    </li>
  )
}

function ResetPasswordForm({ user }: { user: Account }) {
  const [password, setPassword] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const [{ fetching, error }, resetPassword] = useMutation(ResetUserPasswordDocument)
  const { t } = useTranslation()

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
      <Field label={t('users.newPasswordFor', { name: user.username })} hint={t('users.passwordHint')}>
        {(id, hint) => (
          <input id={id} aria-describedby={hint} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        )}
      </Field>
      <button type="submit" disabled={fetching}>
        {t('users.resetPassword')}
      </button>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <ErrorMessage message={describeError(error)} />
      {done && (
        <p className="success" role="status">
          {t('users.passwordReset')}
        </p>
      )}
    </form>
  )
}
