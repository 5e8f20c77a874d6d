"""One scenario of a test team's work, written once and played through any protocol's driver."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Ref:
    """What a client keeps of a resource between calls: its id and the version it last saw."""

    id: str
    version: int


class Driver(Protocol):
    async def create_suite(self, name: str, description: str, start: str, end: str, comments: bool) -> Ref: ...
    async def update_suite_description(self, suite: Ref, description: str) -> Ref: ...
    async def change_suite_status(self, suite: Ref, status: str) -> Ref: ...
    async def create_group(self, suite_id: str, name: str) -> Ref: ...
    async def reorder_groups(self, suite_id: str, group_ids: list[str]) -> list[Ref]: ...
    async def rename_group(self, group: Ref, name: str) -> Ref: ...
    async def delete_group(self, group: Ref) -> None: ...
    async def create_case(self, group_id: str, title: str, priority: str, planned: float | None) -> Ref: ...
    async def change_case_status(self, case: Ref, status: str, reason: str | None) -> Ref | None:
        """None when the workflow refuses the change."""

    async def update_case(self, case: Ref, priority: str, planned: float | None) -> Ref: ...
    async def delete_case(self, case: Ref) -> None: ...
    async def record_effort(self, case_id: str, date: str, hours: float, comment: str) -> None: ...


async def play(manager: Driver, tester: Driver, suite_name: str) -> None:
    suite = await manager.create_suite(suite_name, "regression of release 7", "2026-01-05", "2026-02-27", True)
    suite = await manager.update_suite_description(suite, "regression of release 7.1")
    await manager.change_suite_status(suite, "IN_PROGRESS")

    accounts = await manager.create_group(suite.id, "Accounts")
    billing = await manager.create_group(suite.id, "Billing")
    cleanup = await manager.create_group(suite.id, "Cleanup")
    cleanup, accounts, billing = await manager.reorder_groups(suite.id, [cleanup.id, accounts.id, billing.id])
    await manager.rename_group(billing, "Billing and invoices")
    await manager.delete_group(cleanup)

    sign_in = await manager.create_case(accounts.id, "Sign in with SSO", "HIGH", 2.5)
    sign_out = await manager.create_case(accounts.id, "Sign out", "LOW", None)
    search = await manager.create_case(billing.id, "Search invoices", "MEDIUM", 1.25)
    export = await manager.create_case(billing.id, "Export invoices", "MEDIUM", None)

    testing = await tester.change_case_status(sign_in, "TESTING", None)
    assert testing is not None
    fixing = await tester.change_case_status(testing, "FIXING", "the token expires too early")
    assert fixing is not None
    await tester.record_effort(sign_in.id, "2026-01-15", 1.25, "reproduced on staging")
    assert await tester.change_case_status(sign_out, "COMPLETED", None) is None
    await manager.update_case(sign_out, "CRITICAL", 0.5)
    await manager.update_case(search, "LOW", None)
    await manager.delete_case(export)
