"""Health probes over the network: HTTP(S) GETs and the standard gRPC health check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import grpc
import httpx
from grpc_health.v1 import health_pb2, health_pb2_grpc


@dataclass(frozen=True)
class ProbeResult:
    ok: bool
    detail: str


class Probes(Protocol):
    def http_get(self, url: str, *, expect_html: bool = False) -> ProbeResult:
        """200 is required; with expect_html the answer must be HTML, without it it must not be (an API
        health route answered by the SPA's fallback page is not a healthy API)."""
        ...

    def grpc_health(self, endpoint: str, *, plaintext: bool) -> ProbeResult: ...


class NetworkProbes:
    def __init__(self, timeout_seconds: float = 10.0) -> None:
        self._timeout = timeout_seconds

    def http_get(self, url: str, *, expect_html: bool = False) -> ProbeResult:
        try:
            response = httpx.get(url, timeout=self._timeout, follow_redirects=False)
        except httpx.HTTPError as exc:
            return ProbeResult(False, f"{type(exc).__name__}: {exc}")
        content_type = response.headers.get("content-type", "")
        detail = f"HTTP {response.status_code} {content_type.split(';')[0]}".strip()
        if response.status_code != 200:
            return ProbeResult(False, detail)
        if expect_html != ("text/html" in content_type):
            expected = "text/html" if expect_html else "an API answer, not HTML"
            return ProbeResult(False, f"{detail} (expected {expected})")
        return ProbeResult(True, detail)

    def grpc_health(self, endpoint: str, *, plaintext: bool) -> ProbeResult:
        channel = (
            grpc.insecure_channel(endpoint)
            if plaintext
            else grpc.secure_channel(endpoint, grpc.ssl_channel_credentials())
        )
        try:
            stub = health_pb2_grpc.HealthStub(channel)
            reply = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=self._timeout)
            status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
            return ProbeResult(status == "SERVING", status)
        except grpc.RpcError as exc:
            # Failed calls raise an object that is both RpcError and Call; the stubs cannot express that.
            code = getattr(exc, "code", None)
            details = getattr(exc, "details", None)
            name = str(code().name) if callable(code) else "ERROR"
            message = str(details()) if callable(details) else str(exc)
            return ProbeResult(False, f"{name}: {message}")
        finally:
            channel.close()
