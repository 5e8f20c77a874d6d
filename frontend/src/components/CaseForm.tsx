import { useState, type SubmitEvent } from 'react'
import type { Priority } from '../gql/graphql'
import { useTranslation } from 'react-i18next'
import { PRIORITIES } from '../labels'
import { validateCase } from '../validation'
import { Field } from './Field'
import { FormFooter } from './FormFooter'

export interface CaseFormValues {
  title: string
  description: string | null
  priority: Priority
  plannedEffort: number | null
}

interface CaseFormProps {
  initial?: CaseFormValues
  submitLabel: string
  onSubmit: (values: CaseFormValues) => Promise<boolean>
  onCancel?: () => void
}

const EMPTY: CaseFormValues = { title: '', description: null, priority: 'MEDIUM', plannedEffort: null }

export function CaseForm({ initial = EMPTY, submitLabel, onSubmit, onCancel }: CaseFormProps) {
  const [title, setTitle] = useState(initial.title)
  const [description, setDescription] = useState(initial.description ?? '')
  const [priority, setPriority] = useState<Priority>(initial.priority)
  const [plannedEffort, setPlannedEffort] = useState(initial.plannedEffort === null ? '' : String(initial.plannedEffort))
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const { t } = useTranslation()

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    const trimmed = title.trim()
    const invalid = validateCase(trimmed, plannedEffort.trim())
    setProblem(invalid)
    if (invalid) return
    setBusy(true)
    const saved = await onSubmit({
      title: trimmed,
      description: description.trim() || null,
      priority,
      plannedEffort: plannedEffort.trim() === '' ? null : Number(plannedEffort),
    })
    setBusy(false)
    if (saved && !onCancel) {
      setTitle('')
      setDescription('')
      setPlannedEffort('')
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field-row">
        <Field label={t('caseForm.title')}>
          {(id) => <input id={id} required maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} />}
        </Field>
        <Field label={t('caseForm.priority')}>
          {(id) => (
            <select id={id} value={priority} onChange={(event) => setPriority(event.target.value as Priority)}>
              {PRIORITIES.map((value) => (
                <option key={value} value={value}>
                  {t(`priority.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('caseForm.plannedEffort')}>
          {(id) => (
            <input id={id} type="number" min={0} step={0.25} inputMode="decimal" value={plannedEffort} onChange={(event) => setPlannedEffort(event.target.value)} />
          )}
        </Field>
      </div>
      <Field label={t('caseForm.description')}>
        {(id) => <textarea id={id} rows={2} value={description} onChange={(event) => setDescription(event.target.value)} />}
      </Field>
      <FormFooter problem={problem} busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  )
}
