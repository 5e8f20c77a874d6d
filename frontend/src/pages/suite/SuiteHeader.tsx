import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { useMutation } from 'urql'
import { DELETES_SUITE } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { SuiteStatusBadge } from '../../components/Badges'
import { ConfirmedAction } from '../../components/ConfirmedAction'
import { ErrorMessage } from '../../components/ErrorMessage'
import { ProgressBar } from '../../components/ProgressBar'
import { SuiteForm, type SubmittedSuite } from '../../components/SuiteForm'
import { formatDateWindow } from '../../format'
import { DeleteTestSuiteDocument, UpdateTestSuiteDocument } from '../../gql/graphql'
import { SuiteStatusActions } from './SuiteStatusActions'
import type { SuiteDetail } from './types'

interface SuiteHeaderProps {
  suite: SuiteDetail
  manage: boolean
  onReload: () => void
}

export function SuiteHeader({ suite, manage, onReload }: SuiteHeaderProps) {
  const [editing, setEditing] = useState(false)
  const [updated, updateSuite] = useMutation(UpdateTestSuiteDocument)
  const [deleted, deleteSuite] = useMutation(DeleteTestSuiteDocument)
  const navigate = useNavigate()
  const { t } = useTranslation()

  async function save(values: SubmittedSuite) {
    const result = await updateSuite({ id: suite.id, version: suite.version, input: values })
    if (result.data) setEditing(false)
  }

  async function remove() {
    const result = await deleteSuite({ id: suite.id, version: suite.version, cascade: suite.groupCount > 0 }, DELETES_SUITE)
    if (result.data) void navigate('/', { replace: true })
  }

  const error = updated.error ?? deleted.error
  return (
    <header className="entity-header">
      <nav aria-label={t('app.breadcrumb')} className="breadcrumb">
        <Link to="/">{t('app.dashboard')}</Link>
      </nav>
      <div className="page-title">
        <h1>{suite.name}</h1>
        <SuiteStatusBadge status={suite.status} />
      </div>
      {suite.description && <p className="description">{suite.description}</p>}
      <p className="meta">
        <span>{t('suite.estimated', { window: formatDateWindow(suite.estimatedStartDate, suite.estimatedEndDate) })}</span>
        <span>
          {t('common.groupCount', { count: suite.groupCount })} · {t('common.caseCount', { count: suite.caseCount })}
        </span>
        {suite.requireEffortComment && <span>{t('suite.effortNeedsComment')}</span>}
      </p>
      <ProgressBar percent={suite.progress} label={t('suite.progress')} />
      {manage && <SuiteStatusActions suite={suite} onReload={onReload} />}
      <ErrorMessage message={describeError(error, { CONFLICT: t('errors.suiteConflict') })} onReload={onReload} />
      {manage && !editing && (
        <div className="actions">
          <button type="button" onClick={() => setEditing(true)}>
            {t('suite.editSuite')}
          </button>
          <ConfirmedAction
            label={t('suite.deleteSuite')}
            title={t('suite.deleteTitle', { name: suite.name })}
            message={
              suite.groupCount > 0
                ? t('suite.deleteCascade', {
                    groups: t('common.groupCount', { count: suite.groupCount }),
                    cases: t('common.caseCount', { count: suite.caseCount }),
                  })
                : t('common.cannotBeUndone')
            }
            confirmLabel={t('suite.deleteSuite')}
            onConfirm={remove}
          />
        </div>
      )}
      {editing && (
        <SuiteForm
          initial={{
            name: suite.name,
            description: suite.description,
            estimatedStartDate: suite.estimatedStartDate,
            estimatedEndDate: suite.estimatedEndDate,
            requireEffortComment: suite.requireEffortComment,
          }}
          submitLabel={t('suite.saveSuite')}
          onSubmit={save}
          onCancel={() => setEditing(false)}
        />
      )}
    </header>
  )
}
