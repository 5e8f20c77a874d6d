"""The REST service as a process (`python -m tcm_rest`), exporting over OTLP to a stand-in collector:
one trace per request from the ALB's X-Amzn-Trace-Id down to SQL, metrics, JSON logs that join the trace,
and a shutdown that a missing collector does not hold up."""

import json
import uuid

import asyncpg
import httpx
import pytest
from rest_actors import BROWSER, set_cookies
from rest_process import exporting_rest_process

import tcm_rest.__main__  # noqa: F401 - run below as a module; imported so that its dependencies are known
from tcm_common.auth.cookies import ACCESS_COOKIE, REFRESH_COOKIE
from tcm_common.auth.testing import TEST_PASSWORD, create_user, fast_password_hasher
from tcm_common.domain.user import User
from tcm_common.telemetry.export_limits import UNLIMITED_EXPORT_SECONDS
from tcm_common.testing.otlp_collector import otlp_collector
from tcm_common.testing.service_process import free_port
from tcm_common.testing.telemetry_probes import alb_trace_header, descendants, stop
from tcm_common.testing.waiting import wait_until

VERSION = "9.9.9-rest-telemetry"
SUITE_ROUTE = "/api/v1/test-suites/{suite_id}"
# Metrics every 0.3 s instead of every minute: the pool is observed while it is open.
SETTINGS = {"TCM_SERVICE_VERSION": VERSION, "OTEL_METRIC_EXPORT_INTERVAL": "300"}




@pytest.fixture
async def user(migrated_pool: asyncpg.Pool) -> User:
    return await create_user(migrated_pool, fast_password_hasher())










def test_a_request_is_one_trace_from_the_alb_header_to_sql_with_metrics_and_logs_that_join_it(
    database_url: str, user: User
) -> None:
    login_header, login_trace = alb_trace_header()
    suite_header, suite_trace = alb_trace_header()
    missing_suite = uuid.uuid4()
    with otlp_collector() as collector:
        with exporting_rest_process(database_url, collector.endpoint, **SETTINGS) as (process, base):
            login = httpx.post(
                f"{base}/api/v1/auth/login",
                json={"username": user.username, "password": TEST_PASSWORD},
                headers={**BROWSER, "x-amzn-trace-id": login_header},
            )
            assert login.status_code == 200, login.text
            cookies = set_cookies(login)
            cookie_header = f"{ACCESS_COOKIE}={cookies[ACCESS_COOKIE]}; {REFRESH_COOKIE}={cookies[REFRESH_COOKIE]}"
            suite = httpx.get(
                f"{base}/api/v1/test-suites/{missing_suite}",
                headers={"cookie": cookie_header, "x-amzn-trace-id": suite_header},
            )
            assert suite.status_code == 404, suite.text
            # The problem document names the ALB's trace, so a user's report leads to it.
            assert suite.json()["traceId"] == suite_trace
            assert httpx.get(f"{base}/nowhere/{user.id}").status_code == 404
            wait_until(lambda: bool(collector.points("db.client.connection.count")))
            _, logs = stop(process)
        spans, received = collector.spans(), collector.received()
        points = collector.points()

    # The trace is the ALB's; the server span is its root, named by the route template; SQL is below it.
    [server] = [span for span in spans if span.trace_id == suite_trace and span.kind == "SERVER"]
    assert (server.name, server.parent_span_id) == (f"GET {SUITE_ROUTE}", None)
    assert str(missing_suite) not in server.name
    assert server.attributes["http.route"] == SUITE_ROUTE
    assert server.attributes["http.response.status_code"] == 404
    assert server.attributes["enduser.id"] == str(user.id)
    assert server.attributes["enduser.role"] == user.role.value
    below = descendants(spans, server)
    statements = [span for span in below if "db.statement" in span.attributes]
    assert statements, "the suite lookup runs as SQL spans of the request"
    assert all(span.kind == "CLIENT" for span in statements)
    assert all("db.statement.parameters" not in span.attributes for span in spans)
    assert {span.trace_id for span in below} == {suite_trace}
    assert server.resource["service.name"] == "rest"
    assert server.resource["service.version"] == VERSION
    assert server.resource["deployment.environment"] == "test"
    # Login: its own ALB trace; the user is known once the password is accepted.
    [login_span] = [span for span in spans if span.trace_id == login_trace and span.kind == "SERVER"]
    assert login_span.name == "POST /api/v1/auth/login"
    assert login_span.attributes["enduser.id"] == str(user.id)
    assert any("db.statement" in span.attributes for span in descendants(spans, login_span))
    # A path no route matches still has its span, named without the path.
    assert any(span.name == "GET" and span.attributes.get("http.response.status_code") == 404 for span in spans)
    assert not any(str(user.id) in span.name for span in spans)

    # Metrics, sent the same way at shutdown at the latest.
    routes = {
        point.attributes.get("http.route"): point.count
        for point in points
        if point.metric == "http.server.request.duration"
    }
    assert (routes.get(SUITE_ROUTE) or 0) >= 1
    assert (routes.get("/api/v1/auth/login") or 0) >= 1
    assert all(point.service == "rest" for point in points)
    states = {
        point.attributes["db.client.connection.state"]
        for point in points
        if point.metric == "db.client.connection.count"
    }
    assert states == {"used", "idle"}
    assert any(point.metric == "db.client.connection.max" and (point.value or 0) >= 1 for point in points)

    # The access-log line of the request is in the same trace, with the request's fields and the user.
    [access] = [line for line in logs if line.get("trace_id") == suite_trace and line["logger"] == "tcm.access"]
    assert access["span_id"] == server.span_id
    assert access["xray_trace_id"] == f"1-{suite_trace[:8]}-{suite_trace[8:]}"
    assert {"timestamp", "level", "service", "message"} <= access.keys()
    assert access["service"] == "rest"
    assert access["http"]["route"] == SUITE_ROUTE
    assert access["http"]["status"] == 404
    assert access["user"] == {"id": str(user.id), "role": user.role.value}
    assert any(line.get("trace_id") == login_trace for line in logs)
    assert any(line.get("http", {}).get("path") == f"/nowhere/{user.id}" for line in logs)

    # Neither the password nor a cookie went anywhere.
    everything = received + json.dumps(logs)
    assert TEST_PASSWORD not in everything
    for value in cookies.values():
        assert value not in everything


@pytest.mark.usefixtures("user")
def test_shutdown_with_an_unreachable_collector_does_not_wait_for_it(database_url: str) -> None:
    nobody_listens = f"http://127.0.0.1:{free_port()}"
    with exporting_rest_process(database_url, nobody_listens, **SETTINGS) as (process, base):
        for _ in range(3):  # spans and metrics waiting to be exported
            assert httpx.get(f"{base}/api/v1/me").status_code == 401
            assert httpx.get(f"{base}/ready").status_code == 200
        took, _ = stop(process)
    assert took < UNLIMITED_EXPORT_SECONDS / 2
