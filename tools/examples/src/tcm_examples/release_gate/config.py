"""What the gate checks and where it calls: the command line names the suite, the environment the rest.

TCM_GRPC_TARGET     host:port of the gRPC service (the ALB's gRPC listener: <domain>:50051)
TCM_API_TOKEN       a personal API token (tcm_...) of a user who may read the suite
TCM_GRPC_TLS        true (default; the ALB's listener is TLS) | false (plain text: local runs only)
TCM_ENVIRONMENT     development | production: the deployment.environment of the gate's spans
OTEL_EXPORTER_OTLP_ENDPOINT   optional: where the gate's spans go (nothing is exported without it)
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tcm_common.settings import Environment, TelemetrySettings
from tcm_common.settings.reader import Secret, SettingsReader


@dataclass(frozen=True, slots=True)
class GateConfig:
    suite_id: str
    min_progress: float
    target: str
    token: Secret
    tls: bool
    environment: Environment
    telemetry: TelemetrySettings


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tcm_examples.release_gate",
        description="Passes (exit code 0) when the test suite's progress reaches the minimum.",
    )
    parser.add_argument("suite_id", help="the id of the test suite")
    parser.add_argument(
        "--min-progress", type=float, default=100.0, help="weighted progress in percent required (default 100)"
    )
    return parser.parse_args(argv)


def load_gate_config(argv: Sequence[str], environ: Mapping[str, str]) -> GateConfig:
    """Raises SettingsError naming every missing or wrong setting (argparse exits on unusable arguments)."""
    arguments = _arguments(argv)
    reader = SettingsReader(environ)
    if not 0 <= arguments.min_progress <= 100:
        reader.problem("--min-progress must be between 0 and 100")
    target = reader.required("TCM_GRPC_TARGET", "host:port of the gRPC service")
    token = reader.required("TCM_API_TOKEN", "a personal API token (tcm_...)")
    config = GateConfig(
        suite_id=arguments.suite_id,
        min_progress=arguments.min_progress,
        target=target or "",
        token=Secret(token or ""),
        tls=reader.boolean("TCM_GRPC_TLS", default=True),
        environment=reader.choice("TCM_ENVIRONMENT", Environment, fallback=Environment.PRODUCTION),
        telemetry=TelemetrySettings(otlp_endpoint=reader.optional("OTEL_EXPORTER_OTLP_ENDPOINT")),
    )
    return reader.finish(config)  # the empty placeholders never leave: finish raises on any problem
