import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation } from 'urql'
import { describeError } from '../../api/graphqlErrors'
import { CaseForm, type CaseFormValues } from '../../components/CaseForm'
import { ErrorMessage } from '../../components/ErrorMessage'
import { CreateTestCaseDocument } from '../../gql/graphql'

export function NewCase({ groupId, groupName }: { groupId: string; groupName: string }) {
  const [open, setOpen] = useState(false)
  const [{ error }, createCase] = useMutation(CreateTestCaseDocument)
  const { t } = useTranslation()

  async function create(values: CaseFormValues) {
    const result = await createCase({ input: { groupId, ...values } })
    return Boolean(result.data)
  }

  if (!open) {
    return (
      <button type="button" aria-label={t('caseForm.addCaseTo', { group: groupName })} onClick={() => setOpen(true)}>
        {t('caseForm.addCase')}
      </button>
    )
  }
  return (
    <div className="panel">
      <h4>{t('caseForm.newCaseIn', { group: groupName })}</h4>
      <CaseForm submitLabel={t('caseForm.addCase')} onSubmit={create} />
      <button type="button" className="link-button" onClick={() => setOpen(false)}>
        {t('caseForm.doneAdding')}
      </button>
      <ErrorMessage message={describeError(error)} />
    </div>
  )
}
