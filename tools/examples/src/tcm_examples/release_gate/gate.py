"""The gate's decision: one GetTestSuite call (with groups and cases), compared with the minimum."""

from __future__ import annotations

from dataclasses import dataclass

from tcm_contracts.client import Clients
from tcm_contracts.generated.testsuite import v1

CALL_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class Verdict:
    suite_name: str
    progress: float
    min_progress: float
    unfinished: tuple[str, ...]  # "<group> / <case>: <status>"

    @property
    def passed(self) -> bool:
        return self.progress >= self.min_progress

    def report(self) -> str:
        outcome = "PASSED" if self.passed else "FAILED"
        lines = [f"{outcome}: {self.suite_name!r} is {self.progress:.1f}% done (required: {self.min_progress:.1f}%)"]
        lines.extend(f"  not completed: {case}" for case in self.unfinished)
        return "\n".join(lines)


async def evaluate(clients: Clients, suite_id: str, *, min_progress: float) -> Verdict:
    """Raises grpc.aio.AioRpcError when the service refuses (NOT_FOUND, UNAUTHENTICATED...) or is unreachable."""
    response = await clients.suites.get_test_suite(
        v1.GetTestSuiteRequest(id=suite_id, include_groups=True, include_cases=True), timeout=CALL_TIMEOUT_SECONDS
    )
    assert response.test_suite is not None  # the service always sends the suite it found
    unfinished = tuple(
        f"{group.test_group.name if group.test_group else '?'} / {case.title}: {case.status.name}"
        for group in response.groups
        for case in group.test_cases
        if case.status != v1.TestCaseStatus.COMPLETED
    )
    return Verdict(
        suite_name=response.test_suite.name,
        progress=response.test_suite.progress,
        min_progress=min_progress,
        unfinished=unfinished,
    )
