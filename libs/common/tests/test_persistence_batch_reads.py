"""Batch reads issue exactly ONE statement each, whatever the number of ids (statements counted)."""

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import uuid4

import asyncpg
import pytest

from tcm_common.application.loaders import Loaders
from tcm_common.application.read_models import CaseFacts, GroupStats, UserRef
from tcm_common.application.trees import suite_tree
from tcm_common.domain.case import CaseFields
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.effort import EffortFields
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.priority import Priority
from tcm_common.domain.suite import SuiteFields, TestSuite
from tcm_common.domain.user import User
from tcm_common.persistence.batch_reads import PostgresBatchReads
from tcm_common.platform import Platform
from tcm_common.testing.clock import FIXED_NOW, ManualClock
from tcm_common.testing.waiting import run_scheduled_callbacks

TODAY = FIXED_NOW.date()  # the platform fixture's clock


class StatementLog:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, record: Any) -> None:
        self.statements.append(record.query)

    async def take(self) -> list[str]:
        await run_scheduled_callbacks()  # asyncpg hands records to loggers with call_soon
        taken, self.statements = self.statements, []
        return taken


@pytest.fixture
async def logged_pool(
    database_url: str, migrated_pool: asyncpg.Pool  # noqa: ARG001 requested for its side effect
) -> AsyncIterator[tuple[asyncpg.Pool, StatementLog]]:
    log = StatementLog()

    async def init(connection: asyncpg.Connection) -> None:
        connection.add_query_logger(log)

    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=1, init=init)
    yield pool, log
    await pool.close()


async def build(platform: Platform, manager: Principal, tester: Principal, suites: int) -> list[TestSuite]:
    built = []
    for n in range(suites):
        suite = await platform.suites.create(
            manager, SuiteFields(f"Batch {n}", TODAY - timedelta(days=10), TODAY - timedelta(days=1))
        )
        for g in range(2):
            group = await platform.groups.create(manager, suite.id, GroupFields(f"G{g}"))
            for c, priority in enumerate((Priority.HIGH, Priority.LOW)):
                case = await platform.cases.create(manager, group.id, CaseFields(f"C{c}", priority=priority))
                if c == 0:
                    await platform.cases.change_status(tester, case.id, CaseStatus.TESTING)
                    await platform.efforts.record(tester, case.id, EffortFields(TODAY, Decimal(2)))
        built.append(suite.suite)
    return built


def reset_query(statement: str) -> bool:
    return "RESET ALL" in statement  # what the pool runs when a connection is returned


async def test_each_batch_read_is_one_statement(
    platform: Platform,
    manager: Principal,
    tester: Principal,
    logged_pool: tuple[asyncpg.Pool, StatementLog],
) -> None:
    pool, log = logged_pool
    suites = await build(platform, manager, tester, 3)
    suite_ids = [suite.id for suite in suites] + [uuid4()]
    reads = PostgresBatchReads(pool)
    groups = await reads.groups_for_suites(suite_ids)
    group_ids = [group.id for per_suite in groups for group in per_suite]
    cases = await reads.cases_for_groups(group_ids)
    case_ids = [case.id for per_group in cases for case in per_group]
    user_ids = [manager.user_id, tester.user_id, uuid4()]
    calls: dict[str, Callable[[int], Awaitable[Any]]] = {
        "suites_by_id": lambda n: reads.suites_by_id(suite_ids[:n]),
        "groups_by_id": lambda n: reads.groups_by_id(group_ids[:n]),
        "cases_by_id": lambda n: reads.cases_by_id(case_ids[:n]),
        "users_by_id": lambda n: reads.users_by_id(user_ids[:n]),
        "user_refs": lambda n: reads.user_refs(user_ids[:n]),
        "groups_for_suites": lambda n: reads.groups_for_suites(suite_ids[:n]),
        "cases_for_groups": lambda n: reads.cases_for_groups(group_ids[:n]),
        "case_views_for_groups": lambda n: reads.case_views_for_groups(group_ids[:n], TODAY),
        "history_for_cases": lambda n: reads.history_for_cases(case_ids[:n]),
        "efforts_for_cases": lambda n: reads.efforts_for_cases(case_ids[:n]),
        "suite_stats": lambda n: reads.suite_stats(suite_ids[:n]),
        "group_stats": lambda n: reads.group_stats(group_ids[:n]),
        "case_facts": lambda n: reads.case_facts(case_ids[:n], TODAY),
    }
    for call in calls.values():
        await call(1)  # a new connection first introspects the types it meets: not what is measured
    results = {}
    for name, call in calls.items():
        for n in (1, 100):
            await log.take()
            results[name] = await call(n)
            statements = [s for s in await log.take() if not reset_query(s)]
            assert len(statements) == 1, (name, n, statements)

    assert [len(per_suite) for per_suite in groups] == [2, 2, 2, 0]
    assert [len(per_group) for per_group in cases] == [2] * 6
    assert results["suites_by_id"] == [*suites, None]
    users = results["users_by_id"]
    assert [user.username if user else None for user in users] == [manager.username, tester.username, None]
    assert results["user_refs"] == [
        UserRef(manager.user_id, manager.username),
        UserRef(tester.user_id, tester.username),
        None,
    ]
    # HIGH testing (3 x 0.25) + LOW created (1 x 0) per group: 0.75 / 4 = 18.75 -> 18.8 %.
    suite_stats = [(s.progress, s.group_count, s.case_count) for s in results["suite_stats"]]
    assert suite_stats == [(18.8, 2, 4)] * 3 + [(0.0, 0, 0)]
    assert {(s.progress, s.case_count) for s in results["group_stats"]} == {(18.8, 2)}
    # The first case of each group moved to TESTING and has 2 hours recorded; the second has neither.
    assert [[(h.from_status, h.to_status) for h in history] for history in results["history_for_cases"][:2]] == [
        [(CaseStatus.CREATED, CaseStatus.TESTING)],
        [],
    ]
    assert [[e.hours for e in efforts] for efforts in results["efforts_for_cases"][:2]] == [[Decimal(2)], []]
    facts = results["case_facts"]
    assert [(f.actual_effort, f.delay_days) for f in facts[:2]] == [(Decimal(2), 1), (Decimal(0), 1)]
    # The cases again, each with the same facts as case_facts finds.
    views = results["case_views_for_groups"]
    assert [[view.case for view in per_group] for per_group in views] == cases
    assert [view.facts for per_group in views for view in per_group] == facts


async def test_tree_statement_count_does_not_grow(
    platform: Platform, manager: Principal, tester: Principal, logged_pool: tuple[asyncpg.Pool, StatementLog]
) -> None:
    pool, log = logged_pool
    [small] = await build(platform, manager, tester, 1)
    big_suite = (await platform.suites.create(manager, SuiteFields("Big", TODAY, TODAY))).suite
    for g in range(6):
        group = await platform.groups.create(manager, big_suite.id, GroupFields(f"G{g}"))
        for c in range(5):
            await platform.cases.create(manager, group.id, CaseFields(f"C{c}"))
    loaders = Loaders(PostgresBatchReads(pool), tester, ManualClock(step=timedelta(milliseconds=1)))
    await suite_tree(loaders, small.id)  # type introspection of a new connection happens here, once
    counts = []
    for suite in (small, big_suite):
        await log.take()
        tree = await suite_tree(loaders, suite.id)
        counts.append(len([s for s in await log.take() if not reset_query(s)]))
        assert tree.view.id == suite.id
    assert counts == [3, 3]  # the suite, its groups, their cases with their actual effort
    assert [len(group.cases) for group in tree.groups] == [5] * 6


async def test_the_tree_shows_what_the_single_reads_show(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    [suite] = await build(platform, manager, tester, 1)
    tree = await platform.suite_tree(tester, suite.id)
    assert tree.view == await platform.suites.get(tester, suite.id)
    for group in tree.groups:
        assert group.view == await platform.groups.get(tester, group.view.id)
        assert group.cases == [await platform.cases.get(tester, case.id) for case in group.cases]
    assert any(case.facts.actual_effort > 0 for group in tree.groups for case in group.cases)
    assert any(case.facts.is_delayed for group in tree.groups for case in group.cases)


async def test_loaders_check_the_reader(platform: Platform) -> None:
    with pytest.raises(Unauthenticated):
        await platform.loaders(None).suites_by_id([uuid4()])
    reader = platform.loaders(Principal(uuid4(), "reader", Role.TESTER))
    assert await reader.group_stats([uuid4()]) == [GroupStats()]
    assert await reader.case_facts([uuid4()]) == [CaseFacts()]


async def test_other_users_are_references_unless_an_admin_reads(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    ids = [manager.user_id, uuid4()]
    assert await platform.loaders(tester).users_as_seen(ids) == [UserRef(manager.user_id, manager.username), None]
    admin = Principal(uuid4(), "an admin", Role.ADMIN)
    account, missing = await platform.loaders(admin).users_as_seen(ids)
    assert isinstance(account, User)
    assert (account.username, account.role, missing) == (manager.username, Role.MANAGER, None)
