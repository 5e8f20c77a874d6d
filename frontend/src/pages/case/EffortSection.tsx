import { useState, type SubmitEvent } from 'react'
import { useMutation } from 'urql'
import { describeError } from '../../api/graphqlErrors'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Field } from '../../components/Field'
import { formatHours, todayIn } from '../../format'
import { RecordEffortDocument } from '../../gql/graphql'
import { validateEffort } from '../../validation'
import type { CaseDetail } from './types'

/** `timeZone`: the organisation's (IANA name); it decides which day is today, and dates after it are refused. */
export function EffortSection({ testCase, timeZone }: { testCase: CaseDetail; timeZone: string }) {
  return (
    <section className="section card" aria-labelledby="effort-title">
      <h2 id="effort-title">Effort</h2>
      {testCase.efforts.length === 0 ? (
        <p className="muted">No effort recorded yet.</p>
      ) : (
        <table className="effort-table">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Hours</th>
              <th scope="col">Comment</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {testCase.efforts.map((effort) => (
              <tr key={effort.id}>
                <td>{effort.date}</td>
                <td>{formatHours(effort.hours)}</td>
                <td>{effort.comment ?? ''}</td>
                <td>{effort.recordedBy?.username ?? 'a deleted user'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RecordEffortForm caseId={testCase.id} commentRequired={testCase.group.suite.requireEffortComment} timeZone={timeZone} />
    </section>
  )
}

function RecordEffortForm({ caseId, commentRequired, timeZone }: { caseId: string; commentRequired: boolean; timeZone: string }) {
  const today = todayIn(timeZone)
  const [date, setDate] = useState(today)
  const [hours, setHours] = useState('')
  const [comment, setComment] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [{ fetching, error }, recordEffort] = useMutation(RecordEffortDocument)

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    const invalid = validateEffort(hours, comment, commentRequired)
    setProblem(invalid)
    if (invalid) return
    const result = await recordEffort({ input: { caseId, date, hours: Number(hours), comment: comment.trim() || null } })
    if (result.data) {
      setHours('')
      setComment('')
    }
  }

  return (
    <form className="form inline-form" onSubmit={(event) => void submit(event)} noValidate aria-label="Record effort">
      <h3>Record effort</h3>
      <Field label="Date" hint={`Today is ${today} in ${timeZone}, the organisation's time zone; not after it`}>
        {(id, hint) => (
          <input id={id} aria-describedby={hint} type="date" required max={today} value={date} onChange={(event) => setDate(event.target.value)} />
        )}
      </Field>
      <Field label="Hours" hint="More than 0, at most 24">
        {(id, hint) => (
          <input
            id={id}
            aria-describedby={hint}
            type="number"
            min={0.25}
            max={24}
            step={0.25}
            inputMode="decimal"
            required
            value={hours}
            onChange={(event) => setHours(event.target.value)}
          />
        )}
      </Field>
      <Field label={commentRequired ? 'Comment (required in this suite)' : 'Comment (optional)'}>
        {(id) => <input id={id} required={commentRequired} value={comment} onChange={(event) => setComment(event.target.value)} />}
      </Field>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <ErrorMessage message={describeError(error)} />
      <div className="actions">
        <button type="submit" className="primary" disabled={fetching}>
          Record effort
        </button>
      </div>
    </form>
  )
}
