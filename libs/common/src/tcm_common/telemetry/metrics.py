"""The process-wide meter provider: request and database pool metrics, exported like the traces.

With OTEL_EXPORTER_OTLP_ENDPOINT set, every instrument is collected every minute (OTEL_METRIC_EXPORT_INTERVAL,
in milliseconds, changes that) and sent over OTLP to the collector, which writes CloudWatch EMF; without it
the instruments record into nothing.
"""

from __future__ import annotations

from opentelemetry import metrics
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import MetricReader, PeriodicExportingMetricReader

from tcm_common.settings import Environment, TelemetrySettings
from tcm_common.telemetry.export_limits import EXPORT_TIMEOUT_SECONDS
from tcm_common.telemetry.resource import service_resource


def configure_metrics(
    service: str, version: str, settings: TelemetrySettings, environment: Environment
) -> MeterProvider:
    readers: list[MetricReader] = []
    if settings.otlp_endpoint is not None:
        # Imported only to export, like the span exporter (tcm_common.telemetry.tracing).
        from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter

        exporter = OTLPMetricExporter(endpoint=settings.otlp_endpoint, timeout=EXPORT_TIMEOUT_SECONDS)
        readers.append(PeriodicExportingMetricReader(exporter, export_timeout_millis=EXPORT_TIMEOUT_SECONDS * 1000))
    provider = MeterProvider(
        metric_readers=readers,
        resource=service_resource(service, version, environment),
        # Telemetry.shutdown bounds the final export; the SDK's own exit hook would not be bounded.
        shutdown_on_exit=False,
    )
    metrics.set_meter_provider(provider)
    return provider
