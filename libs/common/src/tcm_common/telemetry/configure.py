"""Telemetry set-up that each process calls once at start, and its bounded shutdown."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.trace import TracerProvider

from tcm_common.settings import Environment, TelemetrySettings
from tcm_common.telemetry.export_limits import SHUTDOWN_TIMEOUT_SECONDS
from tcm_common.telemetry.metrics import configure_metrics
from tcm_common.telemetry.tracing import configure_tracing


@dataclass(frozen=True, slots=True)
class Telemetry:
    tracer_provider: TracerProvider
    meter_provider: MeterProvider

    def shutdown(self, timeout: float = SHUTDOWN_TIMEOUT_SECONDS) -> None:
        """Flushes the buffered spans and the last metrics, returning after `timeout` seconds at most.

        The SDK's own shutdown can wait several export timeouts (one per batch of spans, then the
        metrics); both run side by side in daemon threads instead, so an unfinished flush neither delays
        this call nor keeps the interpreter from exiting.
        """
        flushes: list[Callable[[], object]] = [
            self.tracer_provider.shutdown,
            lambda: self.meter_provider.shutdown(timeout_millis=timeout * 1000),
        ]
        threads = [threading.Thread(target=flush, name="telemetry-shutdown", daemon=True) for flush in flushes]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + timeout
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))


def configure_telemetry(service: str, version: str, settings: TelemetrySettings, environment: Environment) -> Telemetry:
    """Traces and metrics of this process, as `service` at `version` in `environment` (global: once per process)."""
    return Telemetry(
        tracer_provider=configure_tracing(service, version, settings, environment),
        meter_provider=configure_metrics(service, version, settings, environment),
    )
