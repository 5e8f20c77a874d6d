import { useMutation } from 'urql'
import { describeError } from '../../api/graphqlErrors'
import { ErrorMessage } from '../../components/ErrorMessage'
import { ChangeTestSuiteStatusDocument } from '../../gql/graphql'
import { suiteTransitionLabel } from '../../labels'
import { SUITE_CONFLICT } from '../../conflictMessages'
import type { SuiteDetail } from './types'

/** One button per status the server says the suite may move to next. */
export function SuiteStatusActions({ suite, onReload }: { suite: SuiteDetail; onReload: () => void }) {
  const [{ fetching, error }, changeStatus] = useMutation(ChangeTestSuiteStatusDocument)
  if (suite.allowedTransitions.length === 0) return null
  return (
    <div className="status-actions" role="group" aria-label="Change suite status">
      <span className="muted" aria-hidden="true">
        Status:
      </span>
      {suite.allowedTransitions.map((status) => (
        <button
          key={status}
          type="button"
          disabled={fetching}
          onClick={() => void changeStatus({ id: suite.id, version: suite.version, status })}
        >
          {suiteTransitionLabel(suite.status, status)}
        </button>
      ))}
      <ErrorMessage message={describeError(error, { CONFLICT: SUITE_CONFLICT })} onReload={onReload} />
    </div>
  )
}
