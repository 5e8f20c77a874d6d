"""`verify`: target health from ELBv2 (moto), HTTP and gRPC probes against local stand-ins for the site."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent import futures
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import grpc
import pytest
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from ops_harness import CliRun, Environment, create_load_balancer


class _Site(BaseHTTPRequestHandler):
    """CloudFront + ALB stand-in: /api/health, /graphql/health, and the SPA with its fallback."""

    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {
        "/api/health": (200, "application/json", b'{"status":"ok"}'),
        "/graphql/health": (200, "application/json", b'{"status":"ok"}'),
        "/api/v1/health": (200, "application/json", b'{"status":"ok"}'),
    }

    def do_GET(self) -> None:  # noqa: N802 - http.server names it
        status, content_type, body = self.routes.get(
            self.path, (200, "text/html; charset=utf-8", b"<!doctype html><div id=root></div>")
        )
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def grpc_health_server() -> Iterator[tuple[str, health.HealthServicer]]:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    try:
        yield f"127.0.0.1:{port}", servicer
    finally:
        server.stop(grace=None).wait()


def test_verify_prints_a_table_and_passes_when_everything_is_healthy(
    environment: Environment,
    run_cli: Callable[..., CliRun],
    site: str,
    grpc_health_server: tuple[str, health.HealthServicer],
) -> None:
    create_load_balancer(environment)
    environment.write_outputs(public_base_url=site, grpc_endpoint=grpc_health_server[0])

    result = run_cli("verify", "--grpc-plaintext")

    assert result.code == 0, result.output
    lines = result.output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("check"))
    rows = {line.split("  ")[0]: line for line in lines[header + 2 : header + 11]}
    assert set(rows) == {"rest targets", "graphql targets", "grpc targets", "rest http", "graphql http",
                         "grpc health", "cloudfront", "spa", "spa deep link"}  # fmt: skip
    assert all(" OK " in row for row in rows.values()), result.output
    assert "1/1 targets healthy" in rows["rest targets"]
    assert "GET /api/health" in rows["rest http"]
    assert "GET /graphql/health" in rows["graphql http"]
    assert "SERVING" in rows["grpc health"]
    assert "Deployed, enabled" in rows["cloudfront"]
    assert "HTTP 200 text/html" in rows["spa deep link"]
    assert "all 9 checks passed" in result.output

    other_route = run_cli("verify", "--grpc-plaintext", "--rest-health-path", "/api/v1/health")
    assert other_route.code == 0, other_route.output
    assert "GET /api/v1/health" in other_route.output


def test_verify_fails_on_unhealthy_parts(
    environment: Environment,
    run_cli: Callable[..., CliRun],
    site: str,
    grpc_health_server: tuple[str, health.HealthServicer],
) -> None:
    create_load_balancer(environment, register_targets=("rest", "grpc"))
    endpoint, servicer = grpc_health_server
    servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)
    environment.write_outputs(public_base_url=site + "/nothing-here", grpc_endpoint=endpoint)
    _Site.routes["/nothing-here/api/health"] = (503, "application/json", b"{}")

    try:
        result = run_cli("verify", "--grpc-plaintext")
    finally:
        del _Site.routes["/nothing-here/api/health"]

    assert result.code == 1
    failed = sorted(line.split("  ")[0] for line in result.output.splitlines() if " FAIL " in line)
    # graphql http: answered by the SPA fallback (HTML) instead of the GraphQL service.
    assert failed == ["graphql http", "graphql targets", "grpc health", "rest http"]
    assert "0/0 targets healthy" in result.output
    assert "NOT_SERVING" in result.output
    assert "expected an API answer, not HTML" in result.output
    assert "verify: 4 of 9 checks failed" in result.output
