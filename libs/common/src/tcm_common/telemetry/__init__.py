"""Telemetry of every process of the platform: traces, metrics, and who each request acts for.

    telemetry = configure_telemetry("grpc", "1.4.0", settings.telemetry, settings.environment)
    ...
    telemetry.shutdown()         # at exit; at most SHUTDOWN_TIMEOUT_SECONDS, collector or not

With OTEL_EXPORTER_OTLP_ENDPOINT set, spans (batched) and metrics (every minute) go over OTLP to the
collector (the sidecar that forwards to X-Ray and CloudWatch EMF); without it nothing is exported, but
spans still exist, so logs and error responses carry trace ids. Every span and metric carries
service.name, service.version and deployment.environment.

    tracing.py          tracer provider; asyncpg statements as child spans (SQL text, never parameters)
    propagation.py      W3C traceparent + X-Ray (including the ALB's Root-only header)
    metrics.py          meter provider
    request_metrics.py  latency histograms per HTTP route, GraphQL operation and RPC
    pool_metrics.py     database pool usage (observe_pool)
    caller.py           user id and role on the request's span and access-log line (record_caller)
    export_limits.py    export and shutdown time limits
Server spans and access logs: tcm_common.web.access_log (HTTP), tcm_common.rpc.access_log (gRPC).
"""

from tcm_common.telemetry.configure import Telemetry, configure_telemetry
from tcm_common.telemetry.export_limits import EXPORT_TIMEOUT_SECONDS, SHUTDOWN_TIMEOUT_SECONDS
from tcm_common.telemetry.tracing import configure_tracing

__all__ = [
    "EXPORT_TIMEOUT_SECONDS",
    "SHUTDOWN_TIMEOUT_SECONDS",
    "Telemetry",
    "configure_telemetry",
    "configure_tracing",
]
