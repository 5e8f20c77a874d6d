import type { TestSuiteFilter, TestSuiteStatus } from '../../gql/graphql'
import { SUITE_STATUSES } from '../../labels'

/** The suite list's filter lives in the URL (?status=&q=&from=&to=) so it survives reloads and Back. */
export function filterFromSearchParams(params: URLSearchParams): TestSuiteFilter {
  const status = params.get('status')
  return {
    status: SUITE_STATUSES.includes(status as TestSuiteStatus) ? (status as TestSuiteStatus) : null,
    search: params.get('q') || null,
    startFrom: params.get('from') || null,
    endTo: params.get('to') || null,
  }
}

export function searchParamsFromFilter(filter: TestSuiteFilter): URLSearchParams {
  const params = new URLSearchParams()
  if (filter.status) params.set('status', filter.status)
  if (filter.search) params.set('q', filter.search)
  if (filter.startFrom) params.set('from', filter.startFrom)
  if (filter.endTo) params.set('to', filter.endTo)
  return params
}

export function filterKey(filter: TestSuiteFilter): string {
  return searchParamsFromFilter(filter).toString()
}
