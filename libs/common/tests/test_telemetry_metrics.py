"""Request and pool metrics as a reader collects them, in a fresh interpreter (the meter provider is global)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import tcm_common
from tcm_common.telemetry import pool_metrics, request_metrics

COLLECT = """
import asyncio, json, sys
import asyncpg
from opentelemetry import metrics
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from tcm_common.telemetry.pool_metrics import observe_pool
from tcm_common.telemetry.request_metrics import (
    MAX_OPERATION_NAMES, record_graphql_operation, record_http_request, record_rpc,
)

reader = InMemoryMetricReader()
metrics.set_meter_provider(MeterProvider(metric_readers=[reader]))

def collected():
    points = []
    for resource_metrics in reader.get_metrics_data().resource_metrics:
        for scope_metrics in resource_metrics.scope_metrics:
            for metric in scope_metrics.metrics:
                for point in metric.data.data_points:
                    value = getattr(point, "count", None)
                    points.append([metric.name, dict(point.attributes), getattr(point, "value", value)])
    return points

record_http_request("GET", "/api/v1/test-suites/{suite_id}", 200, 0.012)
record_http_request("GET", "/api/v1/test-suites/{suite_id}", 200, 0.3)
record_http_request("BREW", None, 404, 0.001)
record_graphql_operation("query", "Me", internal_error=False, seconds=0.02)
record_graphql_operation("mutation", None, internal_error=True, seconds=0.02)
record_graphql_operation("query", "Long" * 50, internal_error=False, seconds=0.01)
for number in range(MAX_OPERATION_NAMES + 5):
    record_graphql_operation("query", f"Generated{number}", internal_error=False, seconds=0.01)
record_rpc("testsuite.v1.TestSuiteService", "GetTestSuite", "NOT_FOUND", 0.004)

async def pools():
    pool = await asyncpg.create_pool(sys.argv[1], min_size=2, max_size=3)
    observe_pool(pool)
    async with pool.acquire():
        while_used = collected()
    await pool.close()
    return while_used, collected()

while_used, after_close = asyncio.run(pools())
print(json.dumps({"requests": while_used, "after_close": after_close}))
"""


Point = tuple[str, dict[str, object], float]  # metric, attributes, value (the count of a histogram)


def collect(database_url: str) -> dict[str, list[Point]]:
    source_root = Path(tcm_common.__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", COLLECT, database_url],
        env={**os.environ, "PYTHONPATH": str(source_root)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    collected: dict[str, list[list[Any]]] = json.loads(result.stdout)
    return {key: [(name, attributes, value) for name, attributes, value in points] for key, points in collected.items()}


def test_requests_are_counted_and_timed_per_route_operation_and_rpc_and_the_pool_is_observed(
    database_url: str,
) -> None:
    collected = collect(database_url)
    points = {
        (name, json.dumps(attributes, sort_keys=True)): value for name, attributes, value in collected["requests"]
    }

    def point(name: str, **attributes: object) -> object:
        return points[(name, json.dumps(attributes, sort_keys=True))]

    route = "/api/v1/test-suites/{suite_id}"
    http = "http.server.request.duration"
    assert point(http, **{"http.request.method": "GET", "http.route": route, "http.response.status_code": 200}) == 2
    assert point(http, **{"http.request.method": "_OTHER", "http.response.status_code": 404}) == 1
    graphql = "graphql.server.operation.duration"
    assert point(graphql, **{"graphql.operation.type": "query", "graphql.operation.name": "Me"}) == 1
    assert point(graphql, **{"graphql.operation.type": "mutation", "error.type": "internal"}) == 1
    names = {
        attributes.get("graphql.operation.name") for name, attributes, _ in collected["requests"] if name == graphql
    }
    assert len(names - {None}) == request_metrics.MAX_OPERATION_NAMES + 1, "the generated names beyond the limit"
    assert request_metrics.OTHER_OPERATION in names
    assert "Long" * 50 not in names
    rpc = {
        "rpc.system": "grpc",
        "rpc.service": "testsuite.v1.TestSuiteService",
        "rpc.method": "GetTestSuite",
        "rpc.response.status_code": "NOT_FOUND",
    }
    assert point("rpc.server.call.duration", **rpc) == 1

    pool = {"db.client.connection.pool.name": pool_metrics.POOL_NAME}
    assert point("db.client.connection.count", **pool, **{"db.client.connection.state": "used"}) == 1
    assert point("db.client.connection.count", **pool, **{"db.client.connection.state": "idle"}) == 1
    assert point("db.client.connection.max", **pool) == 3
    assert not [name for name, _, _ in collected["after_close"] if name.startswith("db.client")], "a closed pool"
