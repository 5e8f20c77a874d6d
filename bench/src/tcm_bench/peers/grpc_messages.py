"""GetTestSuiteResponse in standard protobuf classes, built from the rows of `python_reads`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import asyncpg
from google.protobuf.timestamp_pb2 import Timestamp

from tcm_bench.peers.protos import SuiteProtos
from tcm_bench.peers.python_reads import GroupRows, SuiteTreeRows, delay_days


def _timestamp(value: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(value)
    return stamp


def _numbers(enum: Any, prefix: str) -> dict[str, int]:
    """Our status names to the proto enum's numbers (TEST_CASE_STATUS_TESTING -> TESTING)."""
    return {name.removeprefix(prefix): number for name, number in enum.items()}


class ResponseBuilder:
    def __init__(self, protos: SuiteProtos) -> None:
        self._p = protos
        self._case_status = _numbers(protos.case.TestCaseStatus, "TEST_CASE_STATUS_")
        self._priority = _numbers(protos.case.TestCasePriority, "TEST_CASE_PRIORITY_")
        self._suite_status = _numbers(protos.suite.TestSuiteStatus, "TEST_SUITE_STATUS_")

    def _date(self, value: date) -> Any:
        return self._p.date.Date(year=value.year, month=value.month, day=value.day)

    def _case(self, case: asyncpg.Record, suite_end: date, today: date) -> Any:
        delay = delay_days(case["status"], suite_end, today)
        optional: dict[str, Any] = {}
        if case["description"] is not None:
            optional["description"] = case["description"]
        if case["planned_effort"] is not None:
            optional["planned_effort"] = float(case["planned_effort"])
        return self._p.case.TestCase(
            id=str(case["id"]),
            version=case["version"],
            group_id=str(case["group_id"]),
            title=case["title"],
            status=self._case_status[case["status"]],
            priority=self._priority[case["priority"]],
            actual_effort=float(case["actual_effort"]),
            is_delayed=delay > 0,
            delay_days=delay,
            created_at=_timestamp(case["created_at"]),
            updated_at=_timestamp(case["updated_at"]),
            **optional,
        )

    def _group(self, rows: GroupRows, suite_end: date, today: date) -> Any:
        group = rows.group
        optional = {"description": group["description"]} if group["description"] is not None else {}
        return self._p.service.TestGroupWithCases(
            test_group=self._p.group.TestGroup(
                id=str(group["id"]),
                version=group["version"],
                suite_id=str(group["suite_id"]),
                name=group["name"],
                display_order=group["display_order"],
                created_at=_timestamp(group["created_at"]),
                updated_at=_timestamp(group["updated_at"]),
                progress=rows.tally.progress,
                case_count=rows.tally.cases,
                **optional,
            ),
            test_cases=[self._case(case, suite_end, today) for case in rows.cases],
        )

    def suite_response(self, tree: SuiteTreeRows, today: date) -> Any:
        suite = tree.suite
        end = suite["estimated_end_date"]
        optional = {"description": suite["description"]} if suite["description"] is not None else {}
        return self._p.service.GetTestSuiteResponse(
            test_suite=self._p.suite.TestSuite(
                id=str(suite["id"]),
                version=suite["version"],
                name=suite["name"],
                status=self._suite_status[suite["status"]],
                estimated_start_date=self._date(suite["estimated_start_date"]),
                estimated_end_date=self._date(end),
                require_effort_comment=suite["require_effort_comment"],
                created_at=_timestamp(suite["created_at"]),
                updated_at=_timestamp(suite["updated_at"]),
                progress=tree.tally.progress,
                group_count=len(tree.groups),
                case_count=tree.tally.cases,
                **optional,
            ),
            groups=[self._group(group, end, today) for group in tree.groups],
        )
