import { useState } from 'react'
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
import { SUITE_CONFLICT } from '../../conflictMessages'
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
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Dashboard</Link>
      </nav>
      <div className="page-title">
        <h1>{suite.name}</h1>
        <SuiteStatusBadge status={suite.status} />
      </div>
      {suite.description && <p className="description">{suite.description}</p>}
      <p className="meta">
        <span>Estimated: {formatDateWindow(suite.estimatedStartDate, suite.estimatedEndDate)}</span>
        <span>
          {suite.groupCount} {suite.groupCount === 1 ? 'group' : 'groups'} · {suite.caseCount} {suite.caseCount === 1 ? 'case' : 'cases'}
        </span>
        {suite.requireEffortComment && <span>Effort records need a comment</span>}
      </p>
      <ProgressBar percent={suite.progress} label="Suite progress" />
      {manage && <SuiteStatusActions suite={suite} onReload={onReload} />}
      <ErrorMessage message={describeError(error, { CONFLICT: SUITE_CONFLICT })} onReload={onReload} />
      {manage && !editing && (
        <div className="actions">
          <button type="button" onClick={() => setEditing(true)}>
            Edit suite
          </button>
          <ConfirmedAction
            label="Delete suite"
            title={`Delete “${suite.name}”?`}
            message={
              suite.groupCount > 0
                ? `This also deletes its ${String(suite.groupCount)} groups and ${String(suite.caseCount)} cases, with their history and effort records. This cannot be undone.`
                : 'This cannot be undone.'
            }
            confirmLabel="Delete suite"
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
          submitLabel="Save suite"
          onSubmit={save}
          onCancel={() => setEditing(false)}
        />
      )}
    </header>
  )
}
