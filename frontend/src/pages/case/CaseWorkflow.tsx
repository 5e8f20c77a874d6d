import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation } from 'urql'
import { describeError } from '../../api/graphqlErrors'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Field } from '../../components/Field'
import { ChangeTestCaseStatusDocument } from '../../gql/graphql'
import { caseTransitionLabel } from '../../labels'
import type { CaseDetail } from './types'

/** The legal next statuses as buttons, with an optional reason recorded in the history. */
export function CaseWorkflow({ testCase, onReload }: { testCase: CaseDetail; onReload: () => void }) {
  const [reason, setReason] = useState('')
  const [{ fetching, error }, changeStatus] = useMutation(ChangeTestCaseStatusDocument)
  const { t } = useTranslation()

  async function move(status: CaseDetail['status']) {
    const result = await changeStatus({ id: testCase.id, version: testCase.version, status, reason: reason.trim() || null })
    if (result.data) setReason('')
  }

  return (
    <section className="section card" aria-labelledby="workflow-title">
      <h2 id="workflow-title">{t('case.workflow')}</h2>
      {testCase.allowedTransitions.length === 0 ? (
        <p className="muted">{t('case.noFurtherChange')}</p>
      ) : (
        <>
          <Field label={t('case.reason')} hint={t('case.reasonHint')}>
            {(id, hint) => <input id={id} aria-describedby={hint} value={reason} onChange={(event) => setReason(event.target.value)} />}
          </Field>
          <div className="status-actions" role="group" aria-label={t('case.changeStatus')}>
            {testCase.allowedTransitions.map((status) => (
              <button key={status} type="button" className="primary" disabled={fetching} onClick={() => void move(status)}>
                {caseTransitionLabel(testCase.status, status)}
              </button>
            ))}
          </div>
        </>
      )}
      <ErrorMessage message={describeError(error, { CONFLICT: t('errors.caseConflict') })} onReload={onReload} />
    </section>
  )
}
