import { useState, type SubmitEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { validateSuite } from '../validation'
import { Field } from './Field'
import { FormFooter } from './FormFooter'

export interface SuiteFormValues {
  name: string
  description: string | null
  estimatedStartDate: string | null
  estimatedEndDate: string | null
  requireEffortComment: boolean
}

/** What the form submits once valid: every suite has both estimated dates (the contract requires them). */
export type SubmittedSuite = Omit<SuiteFormValues, 'estimatedStartDate' | 'estimatedEndDate'> & {
  estimatedStartDate: string
  estimatedEndDate: string
}

interface SuiteFormProps {
  initial?: SuiteFormValues
  submitLabel: string
  onSubmit: (values: SubmittedSuite) => Promise<unknown>
  onCancel: () => void
}

const EMPTY: SuiteFormValues = {
  name: '',
  description: null,
  estimatedStartDate: null,
  estimatedEndDate: null,
  requireEffortComment: false,
}

export function SuiteForm({ initial = EMPTY, submitLabel, onSubmit, onCancel }: SuiteFormProps) {
  const [values, setValues] = useState(initial)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const { t } = useTranslation()

  function update(patch: Partial<SuiteFormValues>) {
    setValues((current) => ({ ...current, ...patch }))
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    const invalid = validateSuite(values)
    setProblem(invalid)
    const { estimatedStartDate, estimatedEndDate } = values
    if (invalid || !estimatedStartDate || !estimatedEndDate) return
    setBusy(true)
    await onSubmit({
      ...values,
      estimatedStartDate,
      estimatedEndDate,
      name: values.name.trim(),
      description: values.description?.trim() || null,
    })
    setBusy(false)
  }

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
      <Field label={t('common.name')} hint={t('suiteForm.nameHint')}>
        {(id, hint) => (
          <input
            id={id}
            aria-describedby={hint}
            required
            maxLength={100}
            value={values.name}
            onChange={(event) => update({ name: event.target.value })}
          />
        )}
      </Field>
      <Field label={t('common.description')}>
        {(id) => (
          <textarea id={id} rows={3} value={values.description ?? ''} onChange={(event) => update({ description: event.target.value })} />
        )}
      </Field>
      <div className="field-row">
        <Field label={t('suiteForm.estimatedStart')}>
          {(id) => (
            <input
              id={id}
              type="date"
              required
              value={values.estimatedStartDate ?? ''}
              onChange={(event) => update({ estimatedStartDate: event.target.value || null })}
            />
          )}
        </Field>
        <Field label={t('suiteForm.estimatedEnd')}>
          {(id) => (
            <input
              id={id}
              type="date"
              required
              value={values.estimatedEndDate ?? ''}
              onChange={(event) => update({ estimatedEndDate: event.target.value || null })}
            />
          )}
        </Field>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.requireEffortComment}
          onChange={(event) => update({ requireEffortComment: event.target.checked })}
        />
        {t('suiteForm.requireEffortComment')}
      </label>
      <FormFooter problem={problem} busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  )
}
