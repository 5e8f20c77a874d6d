import { useState } from 'react'
import { useMutation } from 'urql'
import { describeError } from '../../api/graphqlErrors'
import { CaseForm, type CaseFormValues } from '../../components/CaseForm'
import { ErrorMessage } from '../../components/ErrorMessage'
import { CreateTestCaseDocument } from '../../gql/graphql'

export function NewCase({ groupId, groupName }: { groupId: string; groupName: string }) {
  const [open, setOpen] = useState(false)
  const [{ error }, createCase] = useMutation(CreateTestCaseDocument)

  async function create(values: CaseFormValues) {
    const result = await createCase({ input: { groupId, ...values } })
    return Boolean(result.data)
  }

  if (!open) {
    return (
      <button type="button" aria-label={`Add a case to ${groupName}`} onClick={() => setOpen(true)}>
        Add case
      </button>
    )
  }
  return (
    <div className="panel">
      <h4>New case in {groupName}</h4>
      <CaseForm submitLabel="Add case" onSubmit={create} />
      <button type="button" className="link-button" onClick={() => setOpen(false)}>
        Done adding cases
      </button>
      <ErrorMessage message={describeError(error)} />
    </div>
  )
}
