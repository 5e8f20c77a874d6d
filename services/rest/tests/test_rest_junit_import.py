"""JUnit XML import over REST: the report shapes of pytest, Maven Surefire, jest-junit and
go-junit-report (libs/common/tests/junit_fixtures), refusals that record nothing, and re-imports that
count once (docs/domain-runs.md)."""

import asyncio
import hashlib
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from rest_actors import Actor
from rest_api import Api, Json, expect, problem

from tcm_common.domain.principal import Role
from tcm_common.reporting.junit import MAX_REPORT_BYTES
from tcm_common.testing.run_records import stored_entries

FIXTURES = Path(__file__).resolve().parents[3] / "libs" / "common" / "tests" / "junit_fixtures"
XML = {"Content-Type": "application/xml"}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
async def suite(manager_api: Api) -> Json:
    created: Json = await manager_api.suite()
    return created


def _import_as_run(api: Api, suite: Json, data: bytes, **params: Any) -> Any:
    return api.client.post(
        f"/api/v1/test-suites/{suite['id']}/junit",
        content=data,
        params={"name": "CI #1", **params},
        headers={**api.headers, **XML},
    )


def _import_into(client: httpx.AsyncClient, headers: dict[str, str], run: Json, data: bytes, **params: Any) -> Any:
    return client.post(f"/api/v1/test-runs/{run['id']}/junit", content=data, params=params, headers={**headers, **XML})


async def _runs_of(api: Api, suite: Json) -> list[Json]:
    page = expect(await api.client.get(f"/api/v1/test-suites/{suite['id']}/runs", headers=api.headers), 200)
    items: list[Json] = page["items"]
    return items


@pytest.mark.parametrize(
    ("name", "passed", "failed", "skipped"),
    [
        ("pytest.xml", 3, 2, 1),
        ("surefire.xml", 3, 1, 1),
        ("jest-junit.xml", 3, 1, 1),
        ("go-junit-report.xml", 3, 1, 1),
    ],
)
async def test_reports_of_real_tools_create_a_run_with_the_right_counts(
    manager_api: Api, suite: Json, name: str, passed: int, failed: int, skipped: int
) -> None:
    response = await _import_as_run(manager_api, suite, fixture(name), createMissing="true", label="main")
    report = expect(response, 201)
    total = passed + failed + skipped

    assert response.headers["location"] == f"/api/v1/test-runs/{report['run']['id']}"
    recorded = report["recorded"]
    assert (recorded["PASSED"], recorded["FAILED"], recorded["SKIPPED"]) == (passed, failed, skipped)
    assert (report["recordedTotal"], report["matched"], report["created"], report["added"]) == (
        total,
        total,
        total,
        total,
    )
    assert (report["alreadyRecorded"], report["unmatchedKeys"]) == (0, [])
    run = report["run"]
    assert (run["name"], run["label"], run["status"], run["entryCount"]) == ("CI #1", "main", "IN_PROGRESS", total)
    assert run["completion"] == 100.0


async def test_the_same_report_twice_counts_once(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor], suite: Json
) -> None:
    data = fixture("surefire.xml")
    first = expect(await _import_as_run(manager_api, suite, data, createMissing="true"), 201)
    run = first["run"]
    tester = actors[Role.TESTER].bearer

    again = expect(await _import_into(client, tester, run, data), 200)

    assert (again["recordedTotal"], again["alreadyRecorded"], again["created"]) == (0, 5, 0)
    assert again["run"]["counts"] == run["counts"]
    assert again["run"]["entryCount"] == 5


async def test_a_tester_imports_into_a_run_and_unknown_keys_are_listed(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor], suite: Json
) -> None:
    group = await manager_api.group(suite["id"])
    case = await manager_api.case(group["id"])
    key = {"automationKey": "tests.test_cart.test_total"}
    headers = {**manager_api.headers, "If-Match": f'"{case["version"]}"'}
    expect(await client.put(f"/api/v1/test-cases/{case['id']}/automation-key", json=key, headers=headers), 200)
    run = expect(
        await client.post(f"/api/v1/test-suites/{suite['id']}/runs", json={"name": "n"}, headers=manager_api.headers),
        201,
    )
    tester = actors[Role.TESTER].bearer

    refused = await _import_into(client, tester, run, fixture("pytest.xml"), createMissing="true")
    problem(refused, 403, "PERMISSION_DENIED")  # creating cases is a manager's
    problem(await _import_as_run(Api(client, tester), suite, fixture("pytest.xml")), 403, "PERMISSION_DENIED")
    report = expect(await _import_into(client, tester, run, fixture("pytest.xml")), 200)

    assert (report["matched"], report["recordedTotal"], report["recorded"]["PASSED"], report["created"]) == (1, 1, 1, 0)
    assert len(report["unmatchedKeys"]) == 5
    assert "tests.test_checkout.TestCard.test_amex" in report["unmatchedKeys"]


TRUNCATED = fixture("pytest.xml")[:300]


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("with a DTD", fixture("with-dtd.xml"), "DTD"),
        ("with entities", fixture("entity-expansion.xml"), "DTD"),  # entities need a DTD, refused first
        ("truncated", TRUNCATED, "malformed"),
        ("not JUnit", b"<html><body/></html>", "root element"),
    ],
)
@pytest.mark.usefixtures("name")
async def test_a_refused_report_records_nothing(
    manager_api: Api, client: httpx.AsyncClient, suite: Json, data: bytes, says: str
) -> None:
    refused = problem(await _import_as_run(manager_api, suite, data, createMissing="true"), 422, "VALIDATION_FAILED")
    run = expect(
        await client.post(f"/api/v1/test-suites/{suite['id']}/runs", json={"name": "n"}, headers=manager_api.headers),
        201,
    )
    into = problem(
        await _import_into(client, manager_api.headers, run, data, createMissing="true"), 422, "VALIDATION_FAILED"
    )

    for body in (refused, into):
        assert body["errors"][0]["field"] == "report"
        assert says in body["errors"][0]["message"], body
        assert "nothing was recorded" in body["errors"][0]["message"]
    assert [found["id"] for found in await _runs_of(manager_api, suite)] == [run["id"]]
    unchanged = expect(await client.get(f"/api/v1/test-runs/{run['id']}", headers=manager_api.headers), 200)
    assert (unchanged["entryCount"], unchanged["version"]) == (0, run["version"])
    groups = expect(await client.get(f"/api/v1/test-suites/{suite['id']}/groups", headers=manager_api.headers), 200)
    assert groups["items"] == []  # no Automated group, no case


async def test_a_report_must_be_xml_and_within_the_size_limit(
    manager_api: Api, client: httpx.AsyncClient, suite: Json
) -> None:
    as_json = await client.post(
        f"/api/v1/test-suites/{suite['id']}/junit",
        params={"name": "n"},
        content=b"{}",
        headers={**manager_api.headers, "Content-Type": "application/json"},
    )
    problem(as_json, 415, "UNSUPPORTED_MEDIA_TYPE")
    as_text_xml = await client.post(
        f"/api/v1/test-suites/{suite['id']}/junit",
        params={"name": "text/xml"},
        content=fixture("jest-junit.xml"),
        headers={**manager_api.headers, "Content-Type": "text/xml; charset=utf-8"},
    )
    assert expect(as_text_xml, 201)["recordedTotal"] == 0  # no case has these keys; none created
    too_large = b"<testsuites>" + b" " * MAX_REPORT_BYTES + b"</testsuites>"
    problem(await _import_as_run(manager_api, suite, too_large), 413, "PAYLOAD_TOO_LARGE")
    problem(await _import_as_run(manager_api, suite, fixture("pytest.xml"), name=""), 400, "INVALID_REQUEST")
    assert [run["name"] for run in await _runs_of(manager_api, suite)] == ["text/xml"]


def _junit(keys: list[str], *, failed: bool) -> bytes:
    outcome = '<failure message="boom"/>' if failed else ""
    cases = "".join(
        f'<testcase classname="{key.rsplit(".", 1)[0]}" name="{key.rsplit(".", 1)[1]}">{outcome}</testcase>'
        for key in keys
    )
    return f'<testsuite name="shard">{cases}</testsuite>'.encode()


def _report_id(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


async def test_two_reporters_at_once_lose_no_result_and_write_none_twice(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor], suite: Json, migrated_pool: asyncpg.Pool
) -> None:
    keys = [f"parallel.test_shard.test_{n:02d}" for n in range(30)]
    first, second = _junit(keys[:20], failed=False), _junit(keys[10:], failed=True)
    # The suite's keyed cases, made by an earlier report; the run covers them all.
    expect(await _import_as_run(manager_api, suite, _junit(keys, failed=False), createMissing="true"), 201)
    run = expect(
        await client.post(f"/api/v1/test-suites/{suite['id']}/runs", json={"name": "n"}, headers=manager_api.headers),
        201,
    )
    tester, manager = actors[Role.TESTER].bearer, actors[Role.MANAGER].bearer

    # Two CI jobs report overlapping shards into the run at once; the first job is retried while it runs.
    answers = await asyncio.gather(
        _import_into(client, tester, run, first),
        _import_into(client, manager, run, second),
        _import_into(client, manager, run, first),
    )
    one, two, retried = (expect(answer, 200) for answer in answers)
    entries = await stored_entries(migrated_pool, run["id"])
    after = expect(await client.get(f"/api/v1/test-runs/{run['id']}", headers=manager_api.headers), 200)

    assert two["recordedTotal"] == 20
    assert sorted([one["recordedTotal"], retried["recordedTotal"]]) == [0, 20]
    assert one["alreadyRecorded"] + retried["alreadyRecorded"] == 20
    # Every reported result is there, once per report and entry, and each entry holds its latest record.
    reports = {_report_id(first): "first", _report_id(second): "second"}
    assert sorted(entries) == keys
    recorded = {key: sorted(reports[str(report)] for report in entry.report_ids()) for key, entry in entries.items()}
    assert recorded == {
        **{key: ["first"] for key in keys[:10]},
        **{key: ["first", "second"] for key in keys[10:20]},
        **{key: ["second"] for key in keys[20:]},
    }
    assert all(entry.holds_its_latest_record() for entry in entries.values())
    assert {key: entry.result for key, entry in entries.items() if len(entry.records) == 1} == {
        **{key: "PASSED" for key in keys[:10]},
        **{key: "FAILED" for key in keys[20:]},
    }
    assert (after["entryCount"], after["completion"], after["status"]) == (30, 100.0, "IN_PROGRESS")
