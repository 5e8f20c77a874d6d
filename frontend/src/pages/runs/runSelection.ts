// What a new run covers (docs/domain-runs.md, "Entries: the snapshot"), worked out in the browser from
// the suite's cases so that the form can say how many cases the run will hold before creating it.

import type { Priority, RunSelectionInput } from '../../gql/graphql'

export interface SelectableCase {
  id: string
  priority: Priority
}

export interface SelectableGroup {
  id: string
  cases: readonly SelectableCase[]
}

export interface RunSelection {
  groupIds: ReadonlySet<string>
  caseIds: ReadonlySet<string>
  priorities: ReadonlySet<Priority>
}

export const EMPTY_SELECTION: RunSelection = { groupIds: new Set(), caseIds: new Set(), priorities: new Set() }

/**
 * The ids of the cases the run will cover: nothing chosen means every case; otherwise the cases of the
 * chosen groups together with the chosen cases; chosen priorities narrow either.
 */
export function coveredCaseIds(groups: readonly SelectableGroup[], selection: RunSelection): string[] {
  const everything = selection.groupIds.size === 0 && selection.caseIds.size === 0
  return groups.flatMap((group) =>
    group.cases
      .filter((testCase) => everything || selection.groupIds.has(group.id) || selection.caseIds.has(testCase.id))
      .filter((testCase) => selection.priorities.size === 0 || selection.priorities.has(testCase.priority))
      .map((testCase) => testCase.id),
  )
}

/** The selection as the API takes it: lists left out when nothing of that kind is chosen. */
export function selectionInput(selection: RunSelection): RunSelectionInput | null {
  const input: RunSelectionInput = {}
  if (selection.groupIds.size > 0) input.groupIds = [...selection.groupIds]
  if (selection.caseIds.size > 0) input.caseIds = [...selection.caseIds]
  if (selection.priorities.size > 0) input.priorities = [...selection.priorities]
  return Object.keys(input).length === 0 ? null : input
}

/** The set with `value` added or taken out. */
export function toggled<T>(set: ReadonlySet<T>, value: T, on: boolean): ReadonlySet<T> {
  const next = new Set(set)
  if (on) next.add(value)
  else next.delete(value)
  return next
}
