import { useTranslation } from 'react-i18next'
import { ResultBadge } from '../../components/Badges'
import { RunResultsChart } from '../../components/charts/RunResultsChart'
import { ProgressBar } from '../../components/ProgressBar'
import { formatCount, formatPercent } from '../../format'
import type { RunDetail } from './types'

/** A run's figures (docs/domain-runs.md): entries per result, completion and pass rate. */
export function RunSummary({ run }: { run: RunDetail }) {
  const { t } = useTranslation()
  return (
    <section className="section card run-summary" aria-labelledby="run-summary-title">
      <h2 id="run-summary-title">{t('runs.summary')}</h2>
      <div className="run-figures">
        <ProgressBar percent={run.completion} label={t('runs.completion')} />
        <p className="meta">
          <span>{t('runs.completionValue', { rate: formatPercent(run.completion) })}</span>
          <span>{t('runs.passRateValue', { rate: formatPercent(run.passRate) })}</span>
          <span>{t('common.caseCount', { count: run.entryCount })}</span>
        </p>
      </div>
      <table className="result-counts">
        <caption className="visually-hidden">{t('runs.countsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('runs.result')}</th>
            <th scope="col">{t('runs.entries')}</th>
          </tr>
        </thead>
        <tbody>
          {run.counts.map(({ result, count }) => (
            <tr key={result}>
              <th scope="row">
                <ResultBadge result={result} />
              </th>
              <td>{formatCount(count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <RunResultsChart runName={run.name} counts={run.counts} />
    </section>
  )
}
