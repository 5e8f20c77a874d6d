import { CaseStatusBadge } from '../../components/Badges'
import { formatDateTime } from '../../format'
import type { CaseDetail } from './types'

/** Every status change, newest first. */
export function HistoryTimeline({ history }: { history: CaseDetail['history'] }) {
  const newestFirst = [...history].reverse()
  return (
    <section className="section card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {newestFirst.length === 0 ? (
        <p className="muted">No status changes yet.</p>
      ) : (
        <ol className="timeline">
          {newestFirst.map((change) => (
            <li key={change.id}>
              <p className="timeline-change">
                {change.fromStatus ? <CaseStatusBadge status={change.fromStatus} /> : <span className="muted">Created</span>}
                <span aria-label="to">→</span>
                <CaseStatusBadge status={change.toStatus} />
              </p>
              <p className="meta">
                <time dateTime={change.changedAt}>{formatDateTime(change.changedAt)}</time>
                <span>by {change.changedBy?.username ?? 'a deleted user'}</span>
              </p>
              {change.reason && <p className="reason">“{change.reason}”</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
