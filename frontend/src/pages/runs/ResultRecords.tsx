import { useTranslation } from 'react-i18next'
import { ResultBadge } from '../../components/Badges'
import { formatDateTime, formatDuration } from '../../format'
import type { ResultRecordDetail } from './types'

/** An entry's records, newest first: who or what recorded each (CI's show their source and duration). */
export function ResultRecords({ records }: { records: readonly ResultRecordDetail[] }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="records-title" className="result-records">
      <h4 id="records-title">{t('runs.records')}</h4>
      {records.length === 0 ? (
        <p className="muted">{t('runs.noRecords')}</p>
      ) : (
        <ol className="timeline" reversed>
          {[...records].reverse().map((record) => (
            <li key={record.id}>
              <p className="meta">
                <ResultBadge result={record.result} />
                <span className={`source source-${record.source.toLowerCase()}`}>{t(`resultSource.${record.source}`)}</span>
                {record.durationMs !== null && <span>{t('runs.duration', { duration: formatDuration(record.durationMs) })}</span>}
                <span>{t('runs.by', { name: record.recordedBy?.username ?? t('common.deletedUser') })}</span>
                <time dateTime={record.recordedAt}>{formatDateTime(record.recordedAt)}</time>
              </p>
              {record.comment && <p className="record-comment">{record.comment}</p>}
              {record.externalId && <p className="muted">{t('runs.externalId', { id: record.externalId })}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
