import { useId, useState, type SubmitEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { PriorityBadge } from '../../components/Badges'
import { Field } from '../../components/Field'
import type { CreateTestRunInput, Priority } from '../../gql/graphql'
import { PRIORITIES } from '../../labels'
import { runProblem } from '../../validation'
import { coveredCaseIds, EMPTY_SELECTION, selectionInput, toggled, type RunSelection } from './runSelection'
import { FormFooter } from '../../components/FormFooter'

export interface RunFormGroup {
  id: string
  name: string
  cases: readonly { id: string; title: string; priority: Priority }[]
}

interface NewRunFormProps {
  suiteId: string
  groups: readonly RunFormGroup[]
  /** Creates the run; true when it was created. */
  onSubmit: (input: CreateTestRunInput) => Promise<boolean>
  onCancel: () => void
}

/** A new run: its name, label, description and workflow flag, and which of the suite's cases it covers. */
export function NewRunForm({ suiteId, groups, onSubmit, onCancel }: NewRunFormProps) {
  const [name, setName] = useState('')
  const [label, setLabel] = useState('')
  const [description, setDescription] = useState('')
  const [drivesWorkflow, setDrivesWorkflow] = useState(false)
  const [selection, setSelection] = useState<RunSelection>(EMPTY_SELECTION)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const { t } = useTranslation()
  const hintId = useId()
  const covered = coveredCaseIds(groups, selection).length
  const everything = selection.groupIds.size === 0 && selection.caseIds.size === 0

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    const trimmedName = name.trim()
    const trimmedLabel = label.trim()
    const invalid = runProblem(trimmedName, trimmedLabel, covered)
    setProblem(invalid)
    if (invalid) return
    setBusy(true)
    await onSubmit({
      suiteId,
      name: trimmedName,
      label: trimmedLabel || null,
      description: description.trim() || null,
      drivesWorkflow,
      selection: selectionInput(selection),
    })
    setBusy(false)
  }

  return (
    <form className="form run-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-run-title">
      <h3 id="new-run-title">{t('runs.newRun')}</h3>
      <div className="field-row">
        <Field label={t('runs.name')} hint={t('runs.nameHint')}>
          {(id, hint) => <input id={id} aria-describedby={hint} required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <Field label={t('runs.label')} hint={t('runs.labelHint')}>
          {(id, hint) => <input id={id} aria-describedby={hint} maxLength={100} value={label} onChange={(event) => setLabel(event.target.value)} />}
        </Field>
      </div>
      <Field label={t('runs.description')}>
        {(id) => <textarea id={id} rows={2} value={description} onChange={(event) => setDescription(event.target.value)} />}
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          aria-describedby={`${hintId}-workflow`}
          checked={drivesWorkflow}
          onChange={(event) => setDrivesWorkflow(event.target.checked)}
        />
        {t('runs.drivesWorkflow')}
      </label>
      <p className="hint" id={`${hintId}-workflow`}>
        {t('runs.drivesWorkflowHint')}
      </p>

      <fieldset className="selection" aria-describedby={`${hintId}-selection`}>
        <legend>{t('runs.selection')}</legend>
        <p className="hint" id={`${hintId}-selection`}>
          {t('runs.selectionHint')}
        </p>
        <fieldset className="choice-list">
          <legend>{t('runs.groups')}</legend>
          {groups.map((group) => (
            <label className="checkbox" key={group.id}>
              <input
                type="checkbox"
                checked={selection.groupIds.has(group.id)}
                onChange={(event) => setSelection({ ...selection, groupIds: toggled(selection.groupIds, group.id, event.target.checked) })}
              />
              {group.name} <span className="muted">({t('common.caseCount', { count: group.cases.length })})</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-list">
          <legend>{t('runs.priorities')}</legend>
          {PRIORITIES.map((priority) => (
            <label className="checkbox" key={priority}>
              <input
                type="checkbox"
                checked={selection.priorities.has(priority)}
                onChange={(event) => setSelection({ ...selection, priorities: toggled(selection.priorities, priority, event.target.checked) })}
              />
              {t(`priority.${priority}`)}
            </label>
          ))}
        </fieldset>
        <details className="single-cases">
          <summary>{t('runs.singleCases')}</summary>
          {groups
            .filter((group) => group.cases.length > 0)
            .map((group) => (
              <fieldset className="choice-list" key={group.id}>
                <legend>{group.name}</legend>
                {group.cases.map((testCase) => (
                  <label className="checkbox" key={testCase.id}>
                    <input
                      type="checkbox"
                      checked={selection.caseIds.has(testCase.id)}
                      onChange={(event) => setSelection({ ...selection, caseIds: toggled(selection.caseIds, testCase.id, event.target.checked) })}
                    />
                    {testCase.title} <PriorityBadge priority={testCase.priority} />
                  </label>
                ))}
              </fieldset>
            ))}
        </details>
        <p className="selection-summary" aria-live="polite">
          {everything && selection.priorities.size === 0 ? t('runs.coversEveryCase', { count: covered }) : t('runs.covers', { count: covered })}
        </p>
      </fieldset>
      <FormFooter problem={problem} busy={busy} submitLabel={t('runs.createRun')} onCancel={onCancel} />
    </form>
  )
}
