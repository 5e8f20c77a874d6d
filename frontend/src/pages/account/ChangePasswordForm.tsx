import { useState, type SubmitEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation } from 'urql'
import { describeError, fieldErrors } from '../../api/graphqlErrors'
import { useCurrentUser } from '../../auth/authContext'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Field } from '../../components/Field'
import { ChangeMyPasswordDocument } from '../../gql/graphql'
import { passwordProblem } from '../../validation'

export function ChangePasswordForm() {
  const user = useCurrentUser()
  const { t } = useTranslation()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const [{ fetching, error }, changePassword] = useMutation(ChangeMyPasswordDocument)
  // A wrong current password is a rejected field (BAD_USER_INPUT); the session goes on.
  const rejected = fieldErrors(error)
  const wrongCurrent = rejected.has('currentPassword')
  const refusedNew = rejected.get('newPassword')
  const serverProblem = wrongCurrent
    ? t('account.wrongCurrentPassword')
    : refusedNew
      ? t('account.newPasswordRefused', { reason: refusedNew })
      : describeError(error)

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    const invalid = passwordProblem(next, user.username)
    setProblem(invalid)
    setDone(false)
    if (invalid) return
    const result = await changePassword({ currentPassword: current, newPassword: next })
    if (result.data?.changeMyPassword) {
      setCurrent('')
      setNext('')
      setDone(true)
    }
  }

  return (
    <form className="section card form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="password-title">
      <h2 id="password-title">{t('account.changePassword')}</h2>
      <input type="text" autoComplete="username" value={user.username} readOnly hidden />
      <Field label={t('account.currentPassword')}>
        {(id) => (
          <input
            id={id}
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={wrongCurrent && !problem}
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('account.newPassword')} hint={t('account.newPasswordHint')}>
        {(id, hint) => (
          <input id={id} aria-describedby={hint} type="password" autoComplete="new-password" required value={next} onChange={(event) => setNext(event.target.value)} />
        )}
      </Field>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : (
        <ErrorMessage message={serverProblem} />
      )}
      {done && (
        <p className="success" role="status">
          {t('account.passwordChanged')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={fetching}>
          {t('account.changePasswordButton')}
        </button>
      </div>
    </form>
  )
}
