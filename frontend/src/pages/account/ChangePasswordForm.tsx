import { useState, type SubmitEvent } from 'react'
import { useMutation } from 'urql'
import { describeError, fieldErrors } from '../../api/graphqlErrors'
import { useCurrentUser } from '../../auth/authContext'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Field } from '../../components/Field'
import { ChangeMyPasswordDocument } from '../../gql/graphql'
import { passwordProblem } from '../../validation'

export function ChangePasswordForm() {
  const user = useCurrentUser()
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
    ? 'The current password is wrong.'
    : refusedNew
      ? `The new password ${refusedNew}.`
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
      <h2 id="password-title">Change my password</h2>
      <input type="text" autoComplete="username" value={user.username} readOnly hidden />
      <Field label="Current password">
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
      <Field label="New password" hint="At least 12 characters, not your username">
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
          Password changed.
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={fetching}>
          Change password
        </button>
      </div>
    </form>
  )
}
