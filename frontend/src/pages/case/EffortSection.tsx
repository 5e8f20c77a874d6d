import { useState, type SubmitEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation } from 'urql'
import { describeError } from '../../api/graphqlErrors'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Field } from '../../components/Field'
import { formatDate, formatHours, todayIn } from '../../format'
import { RecordEffortDocument } from '../../gql/graphql'
import { validateEffort } from '../../validation'
import type { CaseDetail } from './types'

/** `timeZone`: the organisation's (IANA name); it decides which day is today, and dates after it are refused. */
export function EffortSection({ testCase, timeZone }: { testCase: CaseDetail; timeZone: string }) {
  const { t } = useTranslation()
  return (
    <section className="section card" aria-labelledby="effort-title">
      <h2 id="effort-title">{t('effort.title')}</h2>
      {testCase.efforts.length === 0 ? (
        <p className="muted">{t('effort.none')}</p>
      ) : (
        <table className="effort-table">
          <thead>
            <tr>
              <th scope="col">{t('effort.date')}</th>
              <th scope="col">{t('effort.hours')}</th>
              <th scope="col">{t('effort.comment')}</th>
              <th scope="col">{t('effort.by')}</th>
            </tr>
          </thead>
          <tbody>
            {testCase.efforts.map((effort) => (
              <tr key={effort.id}>
                <td>
                  <time dateTime={effort.date}>{formatDate(effort.date)}</time>
                </td>
                <td>{formatHours(effort.hours)}</td>
                <td>{effort.comment ?? ''}</td>
                <td>{effort.recordedBy?.username ?? t('common.deletedUser')}</td>
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
  const { t } = useTranslation()

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
    <form className="form inline-form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('effort.record')}>
      <h3>{t('effort.record')}</h3>
      <Field label={t('effort.date')} hint={t('effort.dateHint', { today: formatDate(today), timeZone })}>
        {(id, hint) => (
          <input id={id} aria-describedby={hint} type="date" required max={today} value={date} onChange={(event) => setDate(event.target.value)} />
        )}
      </Field>
      <Field label={t('effort.hours')} hint={t('effort.hoursHint')}>
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
      <Field label={commentRequired ? t('effort.commentRequired') : t('effort.commentOptional')}>
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
          {t('effort.record')}
        </button>
      </div>
    </form>
  )
}
