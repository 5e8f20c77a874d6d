import { useState, type SubmitEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation } from 'urql'
import { describeError } from '../../api/graphqlErrors'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Field } from '../../components/Field'
import { CreateUserDocument, type Role } from '../../gql/graphql'
import { ROLES } from '../../labels'
import { passwordProblem, usernameProblem } from '../../validation'

export function NewUserForm() {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [role, setRole] = useState<Role>('TESTER')
  const [problem, setProblem] = useState<string | null>(null)
  const [created, setCreated] = useState<string | null>(null)
  const [{ fetching, error }, createUser] = useMutation(CreateUserDocument)
  const { t } = useTranslation()

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    const name = username.trim().toLowerCase()
    const invalid = usernameProblem(name) ?? passwordProblem(password, name)
    setProblem(invalid)
    setCreated(null)
    if (invalid) return
    const result = await createUser({ input: { username: name, password, role } })
    if (result.data) {
      setCreated(name)
      setUsername('')
      setPassword('')
    }
  }

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('users.newUser')}</h2>
      <div className="field-row">
        <Field label={t('auth.username')} hint={t('users.usernameHint')}>
          {(id, hint) => (
            <input id={id} aria-describedby={hint} autoComplete="off" required value={username} onChange={(event) => setUsername(event.target.value)} />
          )}
        </Field>
        <Field label={t('users.initialPassword')} hint={t('users.passwordHint')}>
          {(id, hint) => (
            <input
              id={id}
              aria-describedby={hint}
              type="password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('users.role')}>
          {(id) => (
            <select id={id} value={role} onChange={(event) => setRole(event.target.value as Role)}>
              {ROLES.map((value) => (
                <option key={value} value={value}>
                  {t(`role.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <ErrorMessage message={describeError(error, { CONFLICT: t('errors.usernameTaken') })} />
      {created && (
        <p className="success" role="status">
          {t('users.created', { name: created })}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={fetching}>
          {t('users.createUser')}
        </button>
      </div>
    </form>
  )
}
