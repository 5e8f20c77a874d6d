// urql's document cache refetches a query when a mutation returns a type the query holds. These
// name the types a query depends on even when its result holds none of them yet (an empty list, a
// count), and the types a delete removes (a delete returns only an ID).

// A suite's progress and counts change with anything under it; the dashboard's, with anything at all.
export const SUITE_LIST_CONTEXT = { additionalTypenames: ['TestSuite', 'TestGroup', 'TestCase'] }
export const DASHBOARD_CONTEXT = { additionalTypenames: ['TestSuite', 'TestGroup', 'TestCase'] }
export const SUITE_DETAIL_CONTEXT = { additionalTypenames: ['TestSuite', 'TestGroup', 'TestCase', 'EffortRecord'] }
export const CASE_DETAIL_CONTEXT = { additionalTypenames: ['TestCase', 'StatusChange', 'EffortRecord'] }
export const USERS_CONTEXT = { additionalTypenames: ['User'] }
// A run's figures change with every result; its list, with any run of the suite.
export const RUN_LIST_CONTEXT = { additionalTypenames: ['TestRun'] }
export const RUN_DETAIL_CONTEXT = { additionalTypenames: ['TestRun', 'RunEntry', 'ResultRecord'] }
export const ACCOUNT_CONTEXT = { additionalTypenames: ['Session', 'ApiToken'] }

export const DELETES_SUITE = { additionalTypenames: ['TestSuite'] }
export const DELETES_GROUP = { additionalTypenames: ['TestGroup'] }
export const DELETES_CASE = { additionalTypenames: ['TestCase'] }
export const DELETES_USER = { additionalTypenames: ['User'] }
export const REVOKES_SESSION = { additionalTypenames: ['Session'] }
export const REVOKES_TOKEN = { additionalTypenames: ['ApiToken'] }
