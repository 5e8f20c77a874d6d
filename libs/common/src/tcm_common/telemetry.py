"""Tracing set-up that each service calls once at start.

    provider = configure_tracing("rest", "1.4.0", settings.telemetry, settings.environment)
    ...
    provider.shutdown()    # at exit; bounded by EXPORT_TIMEOUT_SECONDS even with no collector

Spans go to the OTLP endpoint (the collector sidecar that forwards to X-Ray) only when
OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise spans still exist (trace ids for logs) but nothing is
exported. Trace ids are X-Ray compatible, W3C and X-Ray headers are both understood, and every asyncpg
query becomes a child span.
"""

from __future__ import annotations

from opentelemetry import propagate, trace
from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.propagators.aws import AwsXRayPropagator
from opentelemetry.propagators.composite import CompositePropagator
from opentelemetry.sdk.extension.aws.trace import AwsXRayIdGenerator
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from tcm_common.settings import Environment, TelemetrySettings

# A missing collector must not hold up a task that ECS is stopping (its grace period is short).
EXPORT_TIMEOUT_SECONDS = 2


def configure_tracing(
    service_name: str, service_version: str, settings: TelemetrySettings, environment: Environment
) -> TracerProvider:
    resource = Resource.create(
        {
            "service.name": service_name,
            "service.version": service_version,
            "deployment.environment": environment.value,
        }
    )
    provider = TracerProvider(resource=resource, id_generator=AwsXRayIdGenerator())
    if settings.otlp_endpoint is not None:
        exporter = OTLPSpanExporter(endpoint=settings.otlp_endpoint, timeout=EXPORT_TIMEOUT_SECONDS)
        provider.add_span_processor(
            BatchSpanProcessor(exporter, export_timeout_millis=EXPORT_TIMEOUT_SECONDS * 1000)
        )
    trace.set_tracer_provider(provider)
    propagate.set_global_textmap(CompositePropagator([TraceContextTextMapPropagator(), AwsXRayPropagator()]))
    instrumentor = AsyncPGInstrumentor()  # type: ignore[no-untyped-call]  # its __init__ has no annotations
    if not instrumentor.is_instrumented_by_opentelemetry:
        instrumentor.instrument(tracer_provider=provider)
    return provider
