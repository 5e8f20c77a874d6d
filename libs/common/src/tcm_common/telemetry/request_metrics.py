"""Request metrics of the three protocols: one latency histogram each, in seconds.

A histogram's count is the number of requests, so each gives the request count and the latency
distribution per route, GraphQL operation or RPC (CloudWatch: SampleCount, Average, percentiles).

    http.server.request.duration        http.request.method (_OTHER for unknown methods),
                                        http.route (when a route matched),
                                        http.response.status_code
    graphql.server.operation.duration   graphql.operation.type, graphql.operation.name (when named),
                                        error.type=internal (when an internal error was answered)
    rpc.server.call.duration            rpc.system=grpc, rpc.service, rpc.method, rpc.response.status_code

The instruments exist from import on and record into whatever meter provider the process configures
(nothing until then).
"""

from __future__ import annotations

from typing import Final

from opentelemetry import metrics
from opentelemetry.util.types import Attributes

# OpenTelemetry's recommended boundaries for request durations (5 ms .. 10 s).
_BUCKETS: Final = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0)
# More distinct operation names, and longer ones, than any client of ours sends; see _BoundedNames.
MAX_OPERATION_NAMES: Final = 200
MAX_OPERATION_NAME_LENGTH: Final = 100
OTHER_OPERATION: Final = "(other)"
# Any token is a syntactically valid method; others are counted together (as OpenTelemetry advises).
_KNOWN_METHODS: Final = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"})

_meter = metrics.get_meter("tcm_common.telemetry")
_http = _meter.create_histogram(
    "http.server.request.duration",
    unit="s",
    description="Duration of HTTP requests",
    explicit_bucket_boundaries_advisory=_BUCKETS,
)
_graphql = _meter.create_histogram(
    "graphql.server.operation.duration",
    unit="s",
    description="Duration of GraphQL operations",
    explicit_bucket_boundaries_advisory=_BUCKETS,
)
_rpc = _meter.create_histogram(
    "rpc.server.call.duration",
    unit="s",
    description="Duration of gRPC calls",
    explicit_bucket_boundaries_advisory=_BUCKETS,
)


class _BoundedNames:
    """Client-chosen names as a metric attribute, at most `limit` distinct ones of at most `length`
    characters: each distinct value is a metric of its own (CloudWatch bills each, and takes dimension
    values up to 1024 characters), and a client may send any name it likes."""

    def __init__(self, limit: int, length: int) -> None:
        self._limit = limit
        self._length = length
        self._admitted: set[str] = set()

    def admit(self, name: str) -> str:
        if name not in self._admitted:
            if len(self._admitted) >= self._limit or len(name) > self._length:
                return OTHER_OPERATION
            self._admitted.add(name)
        return name


_operation_names = _BoundedNames(MAX_OPERATION_NAMES, MAX_OPERATION_NAME_LENGTH)


def record_http_request(method: str, route: str | None, status: int | None, seconds: float) -> None:
    """`route` is the template (None when no route matched), `status` None when no response started."""
    attributes: dict[str, str | int] = {"http.request.method": method if method in _KNOWN_METHODS else "_OTHER"}
    if route is not None:
        attributes["http.route"] = route
    if status is not None:
        attributes["http.response.status_code"] = status
    _http.record(seconds, attributes)


def record_graphql_operation(kind: str, name: str | None, *, internal_error: bool, seconds: float) -> None:
    attributes: dict[str, str] = {"graphql.operation.type": kind}
    if name is not None:
        attributes["graphql.operation.name"] = _operation_names.admit(name)
    if internal_error:
        attributes["error.type"] = "internal"
    _graphql.record(seconds, attributes)


def record_rpc(service: str, method: str, status: str, seconds: float) -> None:
    """`status` is the gRPC status code's name (OK, NOT_FOUND...)."""
    attributes: Attributes = {
        "rpc.system": "grpc",
        "rpc.service": service,
        "rpc.method": method,
        "rpc.response.status_code": status,
    }
    _rpc.record(seconds, attributes)
