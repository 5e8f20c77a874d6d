import { useTranslation } from 'react-i18next'
import { CaseStatusBadge } from '../../components/Badges'
import { formatDateTime } from '../../format'
import type { CaseDetail } from './types'

/** Every status change, newest first. */
export function HistoryTimeline({ history }: { history: CaseDetail['history'] }) {
  const newestFirst = [...history].reverse()
  const { t } = useTranslation()
  return (
    <section className="section card" aria-labelledby="history-title">
      <h2 id="history-title">{t('case.history')}</h2>
      {newestFirst.length === 0 ? (
        <p className="muted">{t('case.noHistory')}</p>
      ) : (
        <ol className="timeline">
          {newestFirst.map((change) => (
            <li key={change.id}>
              <p className="timeline-change">
                {change.fromStatus ? <CaseStatusBadge status={change.fromStatus} /> : <span className="muted">{t('case.created')}</span>}
                {/* A label on a plain span is not read out: the word is in the text, the arrow is decoration. */}
                <span aria-hidden="true">→</span>
                <span className="visually-hidden">{t('case.to')}</span>
                <CaseStatusBadge status={change.toStatus} />
              </p>
              <p className="meta">
                <time dateTime={change.changedAt}>{formatDateTime(change.changedAt)}</time>
                <span>{t('case.by', { name: change.changedBy?.username ?? t('common.deletedUser') })}</span>
              </p>
              {change.reason && <p className="reason">{t('common.quoted', { text: change.reason })}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
