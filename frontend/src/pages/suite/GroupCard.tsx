import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation } from 'urql'
import { DELETES_GROUP } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { ConfirmedAction } from '../../components/ConfirmedAction'
import { ErrorMessage } from '../../components/ErrorMessage'
import { GroupForm, type GroupFormValues } from '../../components/GroupForm'
import { ProgressBar } from '../../components/ProgressBar'
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
  const { t } = useTranslation()

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
          {t('common.caseCount', { count: group.caseCount })}
        </span>
      </div>
      {group.description && <p className="muted">{group.description}</p>}
      <ProgressBar percent={group.progress} label={t('group.progressOf', { name: group.name })} />
      {manage && !editing && (
        <div className="actions">
          <button type="button" aria-label={t('group.moveUpLabel', { name: group.name })} disabled={!onMoveUp} onClick={onMoveUp}>
            {t('group.moveUp')}
          </button>
          <button type="button" aria-label={t('group.moveDownLabel', { name: group.name })} disabled={!onMoveDown} onClick={onMoveDown}>
            {t('group.moveDown')}
          </button>
          <button type="button" aria-label={t('group.editLabel', { name: group.name })} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
          <ConfirmedAction
            label={t('common.delete')}
            ariaLabel={t('group.deleteLabel', { name: group.name })}
            title={t('group.deleteTitle', { name: group.name })}
            message={
              group.caseCount > 0
                ? t('group.deleteCascade', { cases: t('common.caseCount', { count: group.caseCount }) })
                : t('common.cannotBeUndone')
            }
            confirmLabel={t('group.deleteGroup')}
            onConfirm={() => deleteGroup({ id: group.id, version: group.version, cascade: group.caseCount > 0 }, DELETES_GROUP)}
          />
        </div>
      )}
      {editing && (
        <GroupForm initial={{ name: group.name, description: group.description }} submitLabel={t('group.saveGroup')} onSubmit={save} onCancel={() => setEditing(false)} />
      )}
      <ErrorMessage message={describeError(error, { CONFLICT: t('errors.groupConflict') })} onReload={onReload} />
      <CaseRows cases={group.cases} timeZone={timeZone} />
      {manage && <NewCase groupId={group.id} groupName={group.name} />}
    </section>
  )
}
