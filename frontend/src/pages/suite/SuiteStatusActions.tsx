import { useTranslation } from 'react-i18next'
import { useMutation } from 'urql'
import { describeError } from '../../api/graphqlErrors'
import { ErrorMessage } from '../../components/ErrorMessage'
import { ChangeTestSuiteStatusDocument } from '../../gql/graphql'
import { suiteTransitionLabel } from '../../labels'
import type { SuiteDetail } from './types'

/** One button per status the server says the suite may move to next. */
export function SuiteStatusActions({ suite, onReload }: { suite: SuiteDetail; onReload: () => void }) {
  const [{ fetching, error }, changeStatus] = useMutation(ChangeTestSuiteStatusDocument)
  const { t } = useTranslation()
  if (suite.allowedTransitions.length === 0) return null
  return (
    <div className="status-actions" role="group" aria-label={t('suite.changeStatus')}>
      <span className="muted" aria-hidden="true">
        {t('suite.statusPrefix')}
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
      <ErrorMessage message={describeError(error, { CONFLICT: t('errors.suiteConflict') })} onReload={onReload} />
    </div>
  )
}
