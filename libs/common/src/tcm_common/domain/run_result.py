"""The result of a run entry and the ResultRecord that sets it (docs/domain-runs.md)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tcm_common.domain.validation import Checker

COMMENT_MAX_LENGTH = 4000
EXTERNAL_ID_MAX_LENGTH = 500
MAX_DURATION_MS = 2**63 - 1  # what bigint stores


class RunResult(enum.StrEnum):
    UNTESTED = "UNTESTED"  # the initial result of an entry, never recorded
    PASSED = "PASSED"
    FAILED = "FAILED"
    BLOCKED = "BLOCKED"
    SKIPPED = "SKIPPED"
    RETEST = "RETEST"


# A test that breaks or cannot run needs its reason written down by the person who saw it.
COMMENT_REQUIRED = frozenset({RunResult.FAILED, RunResult.BLOCKED})


class ResultSource(enum.StrEnum):
    MANUAL = "MANUAL"
    AUTOMATED = "AUTOMATED"


@dataclass(frozen=True, slots=True)
class ResultFields:
    result: RunResult
    comment: str | None = None
    duration_ms: int | None = None
    source: ResultSource = ResultSource.MANUAL
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class ResultRecord:
    """One recorded result of a run's entry (the entry of `case_id`). `report_id` is the identity of the
    imported report it came from (None when recorded by hand): a report adds at most one record per entry.
    """

    id: UUID
    run_id: UUID
    case_id: UUID
    result: RunResult
    comment: str | None
    duration_ms: int | None
    recorded_by: UUID
    recorded_at: datetime
    source: ResultSource
    external_id: str | None
    report_id: str | None = None

    @classmethod
    def record(
        cls,
        record_id: UUID,
        run_id: UUID,
        case_id: UUID,
        fields: ResultFields,
        *,
        recorded_by: UUID,
        now: datetime,
        report_id: str | None = None,
    ) -> ResultRecord:
        check = Checker()
        if fields.result is RunResult.UNTESTED:
            check.fail("result", "UNTESTED is where an entry starts, not a result to record")
        comment = check.optional_text("comment", fields.comment, COMMENT_MAX_LENGTH)
        if comment is None and fields.result in COMMENT_REQUIRED and fields.source is ResultSource.MANUAL:
            check.fail("comment", f"is required for a {fields.result} result")
        if fields.duration_ms is not None and not 0 <= fields.duration_ms <= MAX_DURATION_MS:
            check.fail("durationMs", "must be a whole number of milliseconds, not negative")
        external_id = check.optional_text("externalId", fields.external_id, EXTERNAL_ID_MAX_LENGTH)
        check.raise_if_failed()
        return cls(
            id=record_id,
            run_id=run_id,
            case_id=case_id,
            result=fields.result,
            comment=comment,
            duration_ms=fields.duration_ms,
            recorded_by=recorded_by,
            recorded_at=now,
            source=fields.source,
            external_id=external_id,
            report_id=report_id,
        )
