"""The process-wide tracer provider: X-Ray compatible ids, W3C + X-Ray propagation, SQL spans, export.

Spans go to the OTLP endpoint (the collector sidecar that forwards to X-Ray) only when
OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise spans still exist (trace ids for logs and error
responses) but nothing is exported. Sampling follows the caller's decision when there is a caller and
records the share `settings.sample_ratio` of the traces that start here (docs/telemetry.md); the others
still carry trace ids into logs and error answers, at the cost of a non-recording span.
"""

from __future__ import annotations

from opentelemetry import propagate, trace
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased

from tcm_common.settings import Environment, TelemetrySettings
from tcm_common.telemetry.export_limits import EXPORT_TIMEOUT_SECONDS
from tcm_common.telemetry.propagation import AlbRootIdGenerator, platform_propagator
from tcm_common.telemetry.resource import service_resource


def platform_sampler(ratio: float) -> ParentBased:
    """A caller's sampling decision wins; of the traces that start here, `ratio` are recorded."""
    return ParentBased(TraceIdRatioBased(ratio))


def configure_tracing(
    service: str, version: str, settings: TelemetrySettings, environment: Environment
) -> TracerProvider:
    provider = TracerProvider(
        resource=service_resource(service, version, environment),
        id_generator=AlbRootIdGenerator(),
        sampler=platform_sampler(settings.sample_ratio),
        # Telemetry.shutdown bounds the final flush; the SDK's own exit hook would not be bounded.
        shutdown_on_exit=False,
    )
    if settings.otlp_endpoint is not None:
        # Imported only to export: the exporter brings grpc and protobuf, which the HTTP services do not
        # otherwise load (start-up time and memory, docs/decisions/0016).
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        exporter = OTLPSpanExporter(endpoint=settings.otlp_endpoint, timeout=EXPORT_TIMEOUT_SECONDS)
        provider.add_span_processor(BatchSpanProcessor(exporter, export_timeout_millis=EXPORT_TIMEOUT_SECONDS * 1000))
    trace.set_tracer_provider(provider)
    propagate.set_global_textmap(platform_propagator())
    # One span per statement, with the SQL text only: the parameters (password hashes, token digests,
    # user input) are never captured.
    instrumentor = AsyncPGInstrumentor(capture_parameters=False)  # type: ignore[no-untyped-call]
    if not instrumentor.is_instrumented_by_opentelemetry:
        instrumentor.instrument(tracer_provider=provider)
    return provider
