import { useState, type SubmitEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { groupNameProblem } from '../validation'
import { Field } from './Field'
import { FormFooter } from './FormFooter'

export interface GroupFormValues {
  name: string
  description: string | null
}

interface GroupFormProps {
  initial?: GroupFormValues
  submitLabel: string
  onSubmit: (values: GroupFormValues) => Promise<boolean>
  onCancel?: () => void
}

export function GroupForm({ initial = { name: '', description: null }, submitLabel, onSubmit, onCancel }: GroupFormProps) {
  const [values, setValues] = useState(initial)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const { t } = useTranslation()

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    const name = values.name.trim()
    const invalid = groupNameProblem(name)
    setProblem(invalid)
    if (invalid) return
    setBusy(true)
    const saved = await onSubmit({ name, description: values.description?.trim() || null })
    setBusy(false)
    if (saved && !onCancel) setValues(initial)
  }

  return (
    <form className="form inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field label={t('group.name')}>
        {(id) => (
          <input id={id} required maxLength={100} value={values.name} onChange={(event) => setValues({ ...values, name: event.target.value })} />
        )}
      </Field>
      <Field label={t('group.description')}>
        {(id) => (
          <input id={id} value={values.description ?? ''} onChange={(event) => setValues({ ...values, description: event.target.value })} />
        )}
      </Field>
      <FormFooter problem={problem} busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  )
}
