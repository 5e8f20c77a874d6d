"""Change events: what subscribers hear after a change to a suite or anything under it commits."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from uuid import UUID


class ChangeKind(enum.StrEnum):
    SUITE_CREATED = "SUITE_CREATED"
    SUITE_UPDATED = "SUITE_UPDATED"
    SUITE_STATUS_CHANGED = "SUITE_STATUS_CHANGED"
    SUITE_DELETED = "SUITE_DELETED"
    GROUP_CREATED = "GROUP_CREATED"
    GROUP_UPDATED = "GROUP_UPDATED"
    GROUP_DELETED = "GROUP_DELETED"
    GROUPS_REORDERED = "GROUPS_REORDERED"
    CASE_CREATED = "CASE_CREATED"
    CASE_UPDATED = "CASE_UPDATED"
    CASE_STATUS_CHANGED = "CASE_STATUS_CHANGED"
    CASE_DELETED = "CASE_DELETED"
    EFFORT_RECORDED = "EFFORT_RECORDED"
    # Runs (docs/domain-runs.md): the entity is the run, whatever changed in it.
    RUN_CREATED = "RUN_CREATED"
    RUN_UPDATED = "RUN_UPDATED"
    RUN_STATUS_CHANGED = "RUN_STATUS_CHANGED"
    RUN_DELETED = "RUN_DELETED"
    RUN_ENTRIES_ASSIGNED = "RUN_ENTRIES_ASSIGNED"
    RUN_RESULTS_RECORDED = "RUN_RESULTS_RECORDED"
    # Cases a run created (from a report) or moved (drivesWorkflow): one event for all of them.
    CASES_CHANGED_BY_RUN = "CASES_CHANGED_BY_RUN"


@dataclass(frozen=True, slots=True)
class ChangeEvent:
    """`entity_id` is what changed (the suite, a group, a case; the case for an effort, the suite for a
    reorder, the run for every run event) and `version` that entity's version after the change (the last
    one for a deletion)."""

    suite_id: UUID
    kind: ChangeKind
    entity_id: UUID
    version: int
