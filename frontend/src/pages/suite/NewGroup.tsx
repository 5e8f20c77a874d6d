import { useTranslation } from 'react-i18next'
import { useMutation } from 'urql'
import { describeError } from '../../api/graphqlErrors'
import { ErrorMessage } from '../../components/ErrorMessage'
import { GroupForm, type GroupFormValues } from '../../components/GroupForm'
import { CreateTestGroupDocument } from '../../gql/graphql'

export function NewGroup({ suiteId }: { suiteId: string }) {
  const [{ error }, createGroup] = useMutation(CreateTestGroupDocument)
  const { t } = useTranslation()

  async function create(values: GroupFormValues) {
    const result = await createGroup({ input: { suiteId, ...values } })
    return Boolean(result.data)
  }

  return (
    <div className="panel">
      <h3>{t('group.addGroup')}</h3>
      <GroupForm submitLabel={t('group.addGroupButton')} onSubmit={create} />
      <ErrorMessage message={describeError(error)} />
    </div>
  )
}
