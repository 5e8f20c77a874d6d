import { useId, useState } from 'react'
import { useMutation } from 'urql'
import { DELETES_GROUP } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { ConfirmedAction } from '../../components/ConfirmedAction'
import { ErrorMessage } from '../../components/ErrorMessage'
import { GroupForm, type GroupFormValues } from '../../components/GroupForm'
import { ProgressBar } from '../../components/ProgressBar'
import { GROUP_CONFLICT } from '../../conflictMessages'
import { DeleteTestGroupDocument, UpdateTestGroupDocument } from '../../gql/graphql'
import { CaseRows } from './CaseRows'
import { NewCase } from './NewCase'
import type { GroupDetail } from './types'

interface GroupCardProps {
  group: GroupDetail
  /** The organisation's, in which the cases' delays are counted. */
  timeZone: string
  manage: boolean
  onReload: () => void
  onMoveUp?: () => void
  onMoveDown?: () => void
}

export function GroupCard({ group, timeZone, manage, onReload, onMoveUp, onMoveDown }: GroupCardProps) {
  const titleId = useId()
  const [editing, setEditing] = useState(false)
  const [updated, updateGroup] = useMutation(UpdateTestGroupDocument)
  const [deleted, deleteGroup] = useMutation(DeleteTestGroupDocument)

  async function save(values: GroupFormValues) {
    const result = await updateGroup({ id: group.id, version: group.version, input: values })
    if (result.data) setEditing(false)
    return Boolean(result.data)
  }

  const error = updated.error ?? deleted.error
  return (
    <section className="card group-card" aria-labelledby={titleId}>
      <div className="group-head">
        <h3 id={titleId}>{group.name}</h3>
        <span className="muted">
          {group.caseCount} {group.caseCount === 1 ? 'case' : 'cases'}
        </span>
      </div>
      {group.description && <p className="muted">{group.description}</p>}
      <ProgressBar percent={group.progress} label={`Progress of group ${group.name}`} />
      {manage && !editing && (
        <div className="actions">
          <button type="button" aria-label={`Move group ${group.name} up`} disabled={!onMoveUp} onClick={onMoveUp}>
            ↑ Up
          </button>
          <button type="button" aria-label={`Move group ${group.name} down`} disabled={!onMoveDown} onClick={onMoveDown}>
            ↓ Down
          </button>
          <button type="button" aria-label={`Edit group ${group.name}`} onClick={() => setEditing(true)}>
            Edit
          </button>
          <ConfirmedAction
            label="Delete"
            ariaLabel={`Delete group ${group.name}`}
            title={`Delete group “${group.name}”?`}
            message={
              group.caseCount > 0
                ? `This also deletes its ${String(group.caseCount)} cases, with their history and effort records. This cannot be undone.`
                : 'This cannot be undone.'
            }
            confirmLabel="Delete group"
            onConfirm={() => deleteGroup({ id: group.id, version: group.version, cascade: group.caseCount > 0 }, DELETES_GROUP)}
          />
        </div>
      )}
      {editing && (
        <GroupForm initial={{ name: group.name, description: group.description }} submitLabel="Save group" onSubmit={save} onCancel={() => setEditing(false)} />
      )}
      <ErrorMessage message={describeError(error, { CONFLICT: GROUP_CONFLICT })} onReload={onReload} />
      <CaseRows cases={group.cases} timeZone={timeZone} />
      {manage && <NewCase groupId={group.id} groupName={group.name} />}
    </section>
  )
}
