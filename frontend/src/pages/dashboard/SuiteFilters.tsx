import { useState, type SubmitEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { Field } from '../../components/Field'
import type { TestSuiteFilter, TestSuiteStatus } from '../../gql/graphql'
import { SUITE_STATUSES } from '../../labels'
import { searchParamsFromFilter } from './suiteFilter'

/** Status, text search and the estimated date window; applying them rewrites the URL. */
export function SuiteFilters({ filter }: { filter: TestSuiteFilter }) {
  const [, setSearchParams] = useSearchParams()
  const { t } = useTranslation()
  const [draft, setDraft] = useState(filter)
  const [appliedKey, setAppliedKey] = useState(searchParamsFromFilter(filter).toString())

  // Follow the URL when it changes from outside (a status tile, Back).
  const urlKey = searchParamsFromFilter(filter).toString()
  if (urlKey !== appliedKey) {
    setAppliedKey(urlKey)
    setDraft(filter)
  }

  function apply(event: SubmitEvent) {
    event.preventDefault()
    setSearchParams(searchParamsFromFilter({ ...draft, search: draft.search?.trim() || null }))
  }

  function clear() {
    setSearchParams(new URLSearchParams())
  }

  return (
    <form className="filters" role="search" aria-label={t('dashboard.filterSuites')} onSubmit={apply}>
      <Field label={t('common.status')}>
        {(id) => (
          <select
            id={id}
            value={draft.status ?? ''}
            onChange={(event) => setDraft({ ...draft, status: (event.target.value || null) as TestSuiteStatus | null })}
          >
            <option value="">{t('dashboard.anyStatus')}</option>
            {SUITE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`suiteStatus.${status}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('common.search')}>
        {(id) => (
          <input
            id={id}
            type="search"
            placeholder={t('dashboard.searchPlaceholder')}
            value={draft.search ?? ''}
            onChange={(event) => setDraft({ ...draft, search: event.target.value })}
          />
        )}
      </Field>
      <Field label={t('dashboard.startsOnOrAfter')}>
        {(id) => (
          <input
            id={id}
            type="date"
            value={draft.startFrom ?? ''}
            onChange={(event) => setDraft({ ...draft, startFrom: event.target.value || null })}
          />
        )}
      </Field>
      <Field label={t('dashboard.endsOnOrBefore')}>
        {(id) => (
          <input
            id={id}
            type="date"
            value={draft.endTo ?? ''}
            onChange={(event) => setDraft({ ...draft, endTo: event.target.value || null })}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit">{t('common.apply')}</button>
        <button type="button" className="link-button" onClick={clear}>
          {t('common.clear')}
        </button>
      </div>
    </form>
  )
}
