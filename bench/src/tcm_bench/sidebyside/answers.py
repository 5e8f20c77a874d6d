"""Every contender's answers compared before loading: the same content, not the same bytes. An answer is
reduced to what a reader sees (ids in order, statuses, priorities, progress, counts, effort, delays);
REST and gRPC trees reduce to the same form, so the gRPC contenders are compared with our REST answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from tcm_bench.figures import RequestFailedError
from tcm_bench.sidebyside.contenders import Request

Digest = tuple[Any, ...]


def _case(case: dict[str, Any]) -> Digest:
    return (
        str(case["id"]), case["status"], case["priority"], float(case["actualEffort"]),
        case["plannedEffort"] and float(case["plannedEffort"]), case["isDelayed"], case["delayDays"],
        tuple(case["allowedTransitions"]),
    )  # fmt: skip


def rest_tree_digest(body: dict[str, Any]) -> Digest:
    groups = tuple(
        (str(group["id"]), float(group["progress"]), group["caseCount"], tuple(_case(case) for case in group["cases"]))
        for group in body["groups"]
    )
    return (str(body["id"]), body["status"], float(body["progress"]), body["groupCount"], body["caseCount"], groups)


def rest_page_digest(body: dict[str, Any]) -> Digest:
    items = tuple(
        (str(item["id"]), item["status"], float(item["progress"]), item["groupCount"], item["caseCount"],
         tuple(item["allowedTransitions"]))
        for item in body["items"]
    )  # fmt: skip
    return (body["totalCount"], body["nextCursor"] is not None, items)


class GrpcTreeDigests:
    """GetTestSuiteResponse (standard protobuf classes) to the digest of the REST tree."""

    def __init__(self, response_class: Any, case_status: Any, priority: Any, suite_status: Any) -> None:
        self._response_class = response_class
        self._case_status = case_status
        self._priority = priority
        self._suite_status = suite_status

    def _case(self, case: Any) -> Digest:
        status = self._case_status.Name(case.status).removeprefix("TEST_CASE_STATUS_")
        return (
            case.id, status, self._priority.Name(case.priority).removeprefix("TEST_CASE_PRIORITY_"),
            case.actual_effort, case.planned_effort if case.HasField("planned_effort") else None, case.is_delayed,
            case.delay_days, None,
        )  # fmt: skip

    def digest(self, reply: bytes) -> Digest:
        response = self._response_class.FromString(reply)
        suite = response.test_suite
        groups = tuple(
            (entry.test_group.id, entry.test_group.progress, entry.test_group.case_count,
             tuple(self._case(case) for case in entry.test_cases))
            for entry in response.groups
        )  # fmt: skip
        status = self._suite_status.Name(suite.status).removeprefix("TEST_SUITE_STATUS_")
        return (suite.id, status, suite.progress, suite.group_count, suite.case_count, groups)


def without_transitions(digest: Digest) -> Digest:
    """A REST tree digest with the cases' next statuses blanked (gRPC's TestCase does not carry them)."""
    suite_id, status, progress, group_count, case_count, groups = digest
    return (
        suite_id, status, progress, group_count, case_count,
        tuple((g[0], g[1], g[2], tuple((*case[:-1], None) for case in g[3])) for g in groups),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class AnswerCheck:
    request: Request
    contender_key: str
    compared: int
    differing: int
    example: str = ""

    @property
    def same(self) -> bool:
        return self.compared > 0 and self.differing == 0


async def rest_body(client: httpx.AsyncClient, url: str, token: str) -> dict[str, Any]:
    response = await client.get(url, headers={"authorization": f"Bearer {token}"})
    if response.status_code != 200:
        raise RequestFailedError(f"HTTP {response.status_code}", response.text[:200])
    body: dict[str, Any] = response.json()
    return body


def compare(request: Request, contender_key: str, reference: list[Digest], answers: list[Digest]) -> AnswerCheck:
    differing = [(expected, got) for expected, got in zip(reference, answers, strict=True) if expected != got]
    example = f"expected {differing[0][0]!r:.300}, got {differing[0][1]!r:.300}" if differing else ""
    return AnswerCheck(request, contender_key, len(answers), len(differing), example)
