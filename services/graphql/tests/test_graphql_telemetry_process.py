"""The GraphQL service as a process (`python -m tcm_graphql`), exporting over OTLP to a stand-in collector:
one trace per request from the ALB's X-Amzn-Trace-Id down to SQL, metrics, JSON logs that join the trace,
and a shutdown that a missing collector does not hold up."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg
import httpx
import pytest

import tcm_graphql.__main__  # noqa: F401 - run below as a module; imported so that its dependencies are known
from tcm_common.auth.keys import key_environment
from tcm_common.auth.testing import TEST_ORIGIN, TEST_PASSWORD, create_user, fast_password_hasher
from tcm_common.domain.user import User
from tcm_common.telemetry.export_limits import UNLIMITED_EXPORT_SECONDS
from tcm_common.testing.otlp_collector import otlp_collector
from tcm_common.testing.service_process import answers_http, free_port, service_process
from tcm_common.testing.telemetry_probes import alb_trace_header, descendants, stop
from tcm_common.testing.waiting import wait_until

VERSION = "9.9.9-telemetry"
LOGIN = "mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { id } }"




@pytest.fixture
async def user(migrated_pool: asyncpg.Pool) -> User:
    return await create_user(migrated_pool, fast_password_hasher())


@contextmanager
def graphql_process(database_url: str, otlp_endpoint: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {
        "TCM_ENVIRONMENT": "test",
        "TCM_DATABASE_URL": database_url,
        "TCM_ALLOWED_ORIGINS": TEST_ORIGIN,
        "TCM_PORT": str(port),
        "TCM_SERVICE_VERSION": VERSION,
        "OTEL_EXPORTER_OTLP_ENDPOINT": otlp_endpoint,
        # Metrics every 0.3 s instead of every minute: the pool is observed while it is open.
        "OTEL_METRIC_EXPORT_INTERVAL": "300",
        "PYTHONPATH": os.pathsep.join(sys.path),
        **key_environment("telemetry-test"),
    }
    command = [sys.executable, "-m", "tcm_graphql"]
    with service_process(command, environment, lambda: answers_http(f"{base}/health")) as process:
        yield process, base








def test_a_request_is_one_trace_from_the_alb_header_to_sql_with_metrics_and_logs_that_join_it(
    database_url: str, user: User
) -> None:
    login_header, login_trace = alb_trace_header()
    me_header, me_trace = alb_trace_header()
    with otlp_collector() as collector:
        with graphql_process(database_url, collector.endpoint) as (process, base):
            login = httpx.post(
                f"{base}/graphql",
                json={"query": LOGIN, "variables": {"u": user.username, "p": TEST_PASSWORD}},
                headers={"origin": TEST_ORIGIN, "x-amzn-trace-id": login_header},
            )
            assert login.json() == {"data": {"login": {"id": str(user.id)}}}
            cookies = [header.split(";", 1)[0] for header in login.headers.get_list("set-cookie")]
            me = httpx.post(
                f"{base}/graphql",
                json={"query": "query Me { me { id role } }"},
                headers={"origin": TEST_ORIGIN, "cookie": "; ".join(cookies), "x-amzn-trace-id": me_header},
            )
            assert me.json()["data"]["me"]["id"] == str(user.id)
            assert httpx.get(f"{base}/nowhere/{user.id}").status_code == 404
            wait_until(lambda: bool(collector.points("db.client.connection.count")))
            _, logs = stop(process)
        spans, received = collector.spans(), collector.received()
        points = collector.points()

    # The trace is the ALB's; the server span is its root, the operation and the SQL are below it.
    [server] = [span for span in spans if span.trace_id == me_trace and span.kind == "SERVER"]
    assert (server.name, server.parent_span_id) == ("POST /graphql", None)
    assert server.attributes["http.route"] == "/graphql"
    assert server.attributes["http.response.status_code"] == 200
    assert server.attributes["enduser.id"] == str(user.id)
    assert server.attributes["enduser.role"] == user.role.value
    below = descendants(spans, server)
    [operation] = [span for span in below if span.name == "Me"]
    assert operation.parent_span_id == server.span_id
    statements = [span for span in below if "db.statement" in span.attributes]
    assert statements, "the session lookup and the query run as SQL spans of the request"
    assert all("db.statement.parameters" not in span.attributes for span in spans)
    assert {span.trace_id for span in below} == {me_trace}
    assert server.resource["service.name"] == "graphql"
    assert server.resource["service.version"] == VERSION
    assert server.resource["deployment.environment"] == "test"
    # Login: the user is known once the password is accepted.
    [login_span] = [span for span in spans if span.trace_id == login_trace and span.kind == "SERVER"]
    assert login_span.attributes["enduser.id"] == str(user.id)
    # A path no route matches still has its span, named without the path.
    assert any(span.name == "GET" and span.attributes.get("http.response.status_code") == 404 for span in spans)

    # Metrics, sent the same way at shutdown at the latest.
    requests = [
        point
        for point in points
        if point.metric == "http.server.request.duration" and point.attributes.get("http.route") == "/graphql"
    ]
    assert sum(point.count or 0 for point in requests) >= 2
    assert all(point.service == "graphql" for point in points)
    operations = {
        point.attributes.get("graphql.operation.name"): point.count
        for point in points
        if point.metric == "graphql.server.operation.duration"
    }
    assert operations["Me"] == 1
    assert operations["SignIn"] == 1
    states = {
        point.attributes["db.client.connection.state"]
        for point in points
        if point.metric == "db.client.connection.count"
    }
    assert states == {"used", "idle"}
    assert any(point.metric == "db.client.connection.max" and (point.value or 0) >= 1 for point in points)

    # The access-log line of the request is in the same trace, with the request's fields and the user.
    [access] = [line for line in logs if line.get("trace_id") == me_trace and line["logger"] == "tcm.access"]
    assert access["span_id"] == server.span_id
    assert access["xray_trace_id"] == f"1-{me_trace[:8]}-{me_trace[8:]}"
    assert {"timestamp", "level", "service", "message"} <= access.keys()
    assert access["service"] == "graphql"
    assert access["http"]["route"] == "/graphql"
    assert access["http"]["status"] == 200
    assert access["user"] == {"id": str(user.id), "role": user.role.value}
    assert any(line.get("http", {}).get("path") == f"/nowhere/{user.id}" for line in logs)

    # Neither the password nor a cookie went anywhere.
    everything = received + json.dumps(logs)
    assert TEST_PASSWORD not in everything
    for cookie in cookies:
        assert cookie.split("=", 1)[1] not in everything


@pytest.mark.usefixtures("user")
def test_shutdown_with_an_unreachable_collector_does_not_wait_for_it(database_url: str) -> None:
    nobody_listens = f"http://127.0.0.1:{free_port()}"
    with graphql_process(database_url, nobody_listens) as (process, base):
        for _ in range(3):  # spans and metrics waiting to be exported
            assert (
                httpx.post(
                    f"{base}/graphql", json={"query": "{ me { id } }"}, headers={"origin": TEST_ORIGIN}
                ).status_code
                == 200
            )
        took, _ = stop(process)
    assert took < UNLIMITED_EXPORT_SECONDS / 2
