import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useMutation } from 'urql'
import { DELETES_CASE } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { CaseForm, type CaseFormValues } from '../../components/CaseForm'
import { ConfirmedAction } from '../../components/ConfirmedAction'
import { ErrorMessage } from '../../components/ErrorMessage'
import { DeleteTestCaseDocument, UpdateTestCaseDocument } from '../../gql/graphql'
import type { CaseDetail } from './types'

/** Edit and delete, for managers and admins. */
export function CaseSettings({ testCase, onReload }: { testCase: CaseDetail; onReload: () => void }) {
  const [editing, setEditing] = useState(false)
  const [updated, updateCase] = useMutation(UpdateTestCaseDocument)
  const [deleted, deleteCase] = useMutation(DeleteTestCaseDocument)
  const navigate = useNavigate()
  const { t } = useTranslation()

  async function save(values: CaseFormValues) {
    const result = await updateCase({ id: testCase.id, version: testCase.version, input: values })
    if (result.data) setEditing(false)
    return Boolean(result.data)
  }

  async function remove() {
    const result = await deleteCase({ id: testCase.id, version: testCase.version }, DELETES_CASE)
    if (result.data) void navigate(`/suites/${testCase.group.suite.id}`, { replace: true })
  }

  return (
    <>
      {editing ? (
        <CaseForm
          initial={{
            title: testCase.title,
            description: testCase.description,
            priority: testCase.priority,
            plannedEffort: testCase.plannedEffort,
          }}
          submitLabel={t('case.saveCase')}
          onSubmit={save}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setEditing(true)}>
            {t('case.editCase')}
          </button>
          <ConfirmedAction
            label={t('case.deleteCase')}
            title={t('case.deleteTitle', { title: testCase.title })}
            message={t('case.deleteMessage')}
            confirmLabel={t('case.deleteCase')}
            onConfirm={remove}
          />
        </div>
      )}
      <ErrorMessage message={describeError(updated.error ?? deleted.error, { CONFLICT: t('errors.caseConflict') })} onReload={onReload} />
    </>
  )
}
