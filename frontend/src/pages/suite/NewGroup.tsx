import { useMutation } from 'urql'
import { describeError } from '../../api/graphqlErrors'
import { ErrorMessage } from '../../components/ErrorMessage'
import { GroupForm, type GroupFormValues } from '../../components/GroupForm'
import { CreateTestGroupDocument } from '../../gql/graphql'

export function NewGroup({ suiteId }: { suiteId: string }) {
  const [{ error }, createGroup] = useMutation(CreateTestGroupDocument)

  async function create(values: GroupFormValues) {
    const result = await createGroup({ input: { suiteId, ...values } })
    return Boolean(result.data)
  }

  return (
    <div className="panel">
      <h3>Add a group</h3>
      <GroupForm submitLabel="Add group" onSubmit={create} />
      <ErrorMessage message={describeError(error)} />
    </div>
  )
}
