"""A stand-in for the OpenTelemetry collector: receives OTLP over gRPC and keeps what it gets.

    with otlp_collector() as collector:
        env = {"OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint, ...}   # a service process sends here
        ...
        collector.spans()        # CollectedSpan: resource, name, kind, ids, attributes, events
        collector.points()       # CollectedPoint: one data point of a metric, with its attributes
        collector.received()     # every export request as text, for searching

It serves on its own threads, so a test may block (waiting for a process) while exports arrive.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from concurrent import futures
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf import text_format
from opentelemetry.proto.collector.metrics.v1.metrics_service_pb2 import (
    ExportMetricsServiceRequest,
    ExportMetricsServiceResponse,
)
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue
from opentelemetry.proto.trace.v1.trace_pb2 import Span

Attributes = dict[str, Any]


@dataclass(frozen=True)
class CollectedSpan:
    resource: Attributes
    name: str
    kind: str  # SERVER, CLIENT, INTERNAL...
    trace_id: str  # 32 hex digits
    span_id: str  # 16 hex digits
    parent_span_id: str | None
    attributes: Attributes
    events: tuple[tuple[str, Attributes], ...]

    @property
    def service(self) -> str:
        return str(self.resource.get("service.name"))


@dataclass(frozen=True)
class CollectedPoint:
    resource: Attributes
    metric: str
    attributes: Attributes
    value: float | None  # sums and gauges
    count: int | None  # histograms

    @property
    def service(self) -> str:
        return str(self.resource.get("service.name"))


def _value(value: AnyValue) -> Any:
    kind = value.WhichOneof("value")
    if kind == "array_value":
        return [_value(item) for item in value.array_value.values]
    if kind == "kvlist_value":
        return _attributes(value.kvlist_value.values)
    return getattr(value, kind) if kind else None


def _attributes(pairs: Iterable[KeyValue]) -> Attributes:
    return {pair.key: _value(pair.value) for pair in pairs}


class OtlpCollector:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spans: list[CollectedSpan] = []
        self._points: list[CollectedPoint] = []
        self._received: list[str] = []
        self._server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        self._server.add_generic_rpc_handlers(
            [
                grpc.method_handlers_generic_handler(
                    "opentelemetry.proto.collector.trace.v1.TraceService",
                    {
                        "Export": grpc.unary_unary_rpc_method_handler(
                            self._export_traces,
                            request_deserializer=ExportTraceServiceRequest.FromString,
                            response_serializer=ExportTraceServiceResponse.SerializeToString,
                        )
                    },
                ),
                grpc.method_handlers_generic_handler(
                    "opentelemetry.proto.collector.metrics.v1.MetricsService",
                    {
                        "Export": grpc.unary_unary_rpc_method_handler(
                            self._export_metrics,
                            request_deserializer=ExportMetricsServiceRequest.FromString,
                            response_serializer=ExportMetricsServiceResponse.SerializeToString,
                        )
                    },
                ),
            ]
        )
        self.port = self._server.add_insecure_port("127.0.0.1:0")

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def spans(self) -> list[CollectedSpan]:
        with self._lock:
            return list(self._spans)

    def points(self, metric: str | None = None) -> list[CollectedPoint]:
        with self._lock:
            return [point for point in self._points if metric is None or point.metric == metric]

    def received(self) -> str:
        with self._lock:
            return "\n".join(self._received)

    def _export_traces(self, request: ExportTraceServiceRequest, _context: object) -> ExportTraceServiceResponse:
        spans = [
            CollectedSpan(
                resource=_attributes(resource_spans.resource.attributes),
                name=span.name,
                kind=Span.SpanKind.Name(span.kind).removeprefix("SPAN_KIND_"),
                trace_id=span.trace_id.hex(),
                span_id=span.span_id.hex(),
                parent_span_id=span.parent_span_id.hex() or None,
                attributes=_attributes(span.attributes),
                events=tuple((event.name, _attributes(event.attributes)) for event in span.events),
            )
            for resource_spans in request.resource_spans
            for scope_spans in resource_spans.scope_spans
            for span in scope_spans.spans
        ]
        with self._lock:
            self._spans.extend(spans)
            self._received.append(text_format.MessageToString(request))
        return ExportTraceServiceResponse()

    def _export_metrics(self, request: ExportMetricsServiceRequest, _context: object) -> ExportMetricsServiceResponse:
        points: list[CollectedPoint] = []
        for resource_metrics in request.resource_metrics:
            resource = _attributes(resource_metrics.resource.attributes)
            for scope_metrics in resource_metrics.scope_metrics:
                for metric in scope_metrics.metrics:
                    kind = metric.WhichOneof("data")
                    if kind == "histogram":
                        points.extend(
                            CollectedPoint(resource, metric.name, _attributes(point.attributes), None, point.count)
                            for point in metric.histogram.data_points
                        )
                    elif kind in ("sum", "gauge"):
                        number_points = metric.sum.data_points if kind == "sum" else metric.gauge.data_points
                        points.extend(
                            CollectedPoint(
                                resource,
                                metric.name,
                                _attributes(point.attributes),
                                point.as_double if point.WhichOneof("value") == "as_double" else point.as_int,
                                None,
                            )
                            for point in number_points
                        )
        with self._lock:
            self._points.extend(points)
            self._received.append(text_format.MessageToString(request))
        return ExportMetricsServiceResponse()

    def start(self) -> None:
        self._server.start()

    def stop(self) -> None:
        self._server.stop(grace=None)


@contextmanager
def otlp_collector() -> Iterator[OtlpCollector]:
    collector = OtlpCollector()
    collector.start()
    try:
        yield collector
    finally:
        collector.stop()
