"""The suite that reports are recorded against: one open suite whose cases all carry an automation key
(`classname.name` of a JUnit test case, docs/domain-runs.md), written with COPY like the rest of the data,
and the JUnit file that reports every one of them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import UUID
from xml.sax.saxutils import quoteattr

import asyncpg

from tcm_bench.seeding import COLUMNS, Row

CASES_PER_GROUP = 500
KEY_COLUMNS = ("case_id", "suite_id", "automation_key")
# Tests whose number is a multiple of FAILED_EVERY fail (a message and a traceback), other multiples of
# SKIPPED_EVERY are skipped, the rest pass: 10 % FAILED, 2 % SKIPPED, as a large CI run may report.
FAILED_EVERY = 10
SKIPPED_EVERY = 25


@dataclass(frozen=True, slots=True)
class KeyedSuite:
    id: UUID
    # (classname, name) of each case, in the order the JUnit file lists them.
    tests: list[tuple[str, str]]


def _test_of(number: int) -> tuple[str, str]:
    return f"bench.results.test_module_{number // CASES_PER_GROUP:03d}.TestArea", f"test_{number:05d}"


async def seed_keyed_suite(database_url: str, cases: int) -> KeyedSuite:
    """Older than every suite of tcm_bench.seeding, so last in the suite lists (newest first): the pages
    the read benchmarks measure stay the same whether or not this suite exists."""
    today = datetime.now(UTC)
    long_ago = today - timedelta(days=365)
    suite_id = uuid.uuid4()
    start = today.date() - timedelta(days=1)
    tables: dict[str, list[Row]] = {
        "test_suites": [
            (suite_id, "Reported results", "Every case is an automated test", "IN_PROGRESS", start,
             start + timedelta(days=60), False, long_ago, long_ago, 1)
        ],
        "test_groups": [],
        "test_cases": [],
        "case_automation_keys": [],
    }  # fmt: skip
    tests = [_test_of(number) for number in range(cases)]
    for order, first in enumerate(range(0, cases, CASES_PER_GROUP)):
        group_id = uuid.uuid4()
        tables["test_groups"].append((group_id, suite_id, f"Module {order}", None, order, long_ago, long_ago, 1))
        for number in range(first, min(first + CASES_PER_GROUP, cases)):
            classname, name = tests[number]
            case_id = uuid.uuid4()
            created = long_ago + timedelta(microseconds=number)
            tables["test_cases"].append(
                (case_id, group_id, name, None, "CREATED", "MEDIUM", Decimal(1), created, created, 1)
            )
            tables["case_automation_keys"].append((case_id, suite_id, f"{classname}.{name}"))
    connection = await asyncpg.connect(database_url)
    try:
        async with connection.transaction():
            for table, records in tables.items():
                columns = KEY_COLUMNS if table == "case_automation_keys" else COLUMNS[table]
                await connection.copy_records_to_table(table, records=records, columns=columns)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return KeyedSuite(suite_id, tests)


def junit_file(suite: KeyedSuite) -> bytes:
    """A pytest-like JUnit report of every test of the suite."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<testsuites>",
        f'<testsuite name="bench" tests="{len(suite.tests)}">',
    ]
    for number, (classname, name) in enumerate(suite.tests):
        opening = f'<testcase classname={quoteattr(classname)} name={quoteattr(name)} time="0.{number % 1000:03d}"'
        if number % FAILED_EVERY == 0:
            lines.append(
                f'{opening}><failure message="assert 41 == 42">def {name}():\n&gt;   assert answer() == 42\n'
                f"E   assert 41 == 42\n{classname.replace('.', '/')}.py:{number}: AssertionError</failure></testcase>"
            )
        elif number % SKIPPED_EVERY == 0:
            lines.append(f'{opening}><skipped message="needs a browser"/></testcase>')
        else:
            lines.append(f"{opening}/>")
    lines += ["</testsuite>", "</testsuites>"]
    return "\n".join(lines).encode()
