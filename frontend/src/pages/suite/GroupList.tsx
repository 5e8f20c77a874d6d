import { useTranslation } from 'react-i18next'
import { useMutation } from 'urql'
import { describeError } from '../../api/graphqlErrors'
import { ErrorMessage } from '../../components/ErrorMessage'
import { ReorderGroupsDocument } from '../../gql/graphql'
import { GroupCard } from './GroupCard'
import { moveGroup } from './groupOrder'
import type { GroupDetail } from './types'

interface GroupListProps {
  suiteId: string
  groups: readonly GroupDetail[]
  /** The organisation's, in which the cases' delays are counted. */
  timeZone: string
  manage: boolean
  onReload: () => void
}

/** The suite's groups in display order; managers move them up and down. */
export function GroupList({ suiteId, groups, timeZone, manage, onReload }: GroupListProps) {
  const [{ fetching, error }, reorderGroups] = useMutation(ReorderGroupsDocument)
  const ids = groups.map((group) => group.id)
  const { t } = useTranslation()

  function move(index: number, step: -1 | 1) {
    void reorderGroups({ suiteId, groupIds: moveGroup(ids, index, step) })
  }

  return (
    <>
      <ErrorMessage
        message={describeError(error, { BAD_USER_INPUT: t('errors.groupsReordered') })}
        onReload={onReload}
      />
      <ol className="group-list">
        {groups.map((group, index) => (
          <li key={group.id}>
            <GroupCard
              group={group}
              timeZone={timeZone}
              manage={manage}
              onReload={onReload}
              onMoveUp={manage && index > 0 && !fetching ? () => move(index, -1) : undefined}
              onMoveDown={manage && index < groups.length - 1 && !fetching ? () => move(index, 1) : undefined}
            />
          </li>
        ))}
      </ol>
    </>
  )
}
