import { useTranslation } from 'react-i18next'
import { useMutation } from 'urql'
import { RUN_DETAIL_CONTEXT } from '../../api/cacheContexts'
import { describeError } from '../../api/graphqlErrors'
import { useCurrentUser } from '../../auth/authContext'
import { canManageRuns } from '../../auth/permissions'
import { ConfirmedAction } from '../../components/ConfirmedAction'
import { ErrorMessage } from '../../components/ErrorMessage'
import { AbortTestRunDocument, CompleteTestRunDocument, ReopenTestRunDocument, StartTestRunDocument, type TestRunStatus } from '../../gql/graphql'
import { runTransitionLabel } from '../../labels'
import type { RunDetail } from './types'

type Move = 'start' | 'complete' | 'abort' | 'reopen'

function moveTo(from: TestRunStatus, to: TestRunStatus): Move {
  if (to === 'COMPLETED') return 'complete'
  if (to === 'ABORTED') return 'abort'
  return from === 'PLANNED' ? 'start' : 'reopen'
}

/** Aborting and reopening are a Manager's (docs/domain-runs.md); starting and completing, everyone's. */
function mayMove(move: Move, manage: boolean): boolean {
  return move === 'start' || move === 'complete' || manage
}

/** One button per status the server says the run may move to next, with the version this page saw. */
export function RunStatusActions({ run, onReload }: { run: RunDetail; onReload: () => void }) {
  const user = useCurrentUser()
  const { t } = useTranslation()
  const [started, start] = useMutation(StartTestRunDocument)
  const [completed, complete] = useMutation(CompleteTestRunDocument)
  const [aborted, abort] = useMutation(AbortTestRunDocument)
  const [reopened, reopen] = useMutation(ReopenTestRunDocument)
  const send = { start, complete, abort, reopen } satisfies Record<Move, unknown>
  const busy = started.fetching || completed.fetching || aborted.fetching || reopened.fetching
  const error = started.error ?? completed.error ?? aborted.error ?? reopened.error

  const moves = run.allowedTransitions.map((to) => ({ to, move: moveTo(run.status, to) })).filter(({ move }) => mayMove(move, canManageRuns(user.role)))
  if (moves.length === 0 && !error) return null
  const variables = { id: run.id, version: run.version }
  return (
    <div className="status-actions" role="group" aria-label={t('runs.changeStatus')}>
      {moves.map(({ to, move }) =>
        move === 'abort' ? (
          <ConfirmedAction
            key={to}
            label={runTransitionLabel(run.status, to)}
            title={t('runs.abortTitle', { name: run.name })}
            message={t('runs.abortMessage')}
            confirmLabel={t('runs.abort')}
            onConfirm={() => abort(variables, RUN_DETAIL_CONTEXT)}
          />
        ) : (
          <button key={to} type="button" disabled={busy} onClick={() => void send[move](variables, RUN_DETAIL_CONTEXT)}>
            {runTransitionLabel(run.status, to)}
          </button>
        ),
      )}
      <ErrorMessage message={describeError(error, { CONFLICT: t('runs.conflict') })} onReload={onReload} />
    </div>
  )
}
