"""`python -m tcm_examples.release_gate <suite id>`: see the package's documentation."""

from __future__ import annotations

import asyncio
import logging
import os
import sys

import grpc
from opentelemetry import trace

from tcm_common.rpc.channel import traced_clients
from tcm_common.settings import SettingsError
from tcm_common.telemetry import configure_telemetry
from tcm_common.web.json_logs import configure_json_logging
from tcm_examples.release_gate import VERSION
from tcm_examples.release_gate.config import GateConfig, load_gate_config
from tcm_examples.release_gate.gate import evaluate

SERVICE = "release-gate"
PASSED, FAILED, UNUSABLE = 0, 1, 2

logger = logging.getLogger("tcm_examples.release_gate")
_tracer = trace.get_tracer(__name__)


async def run(config: GateConfig) -> int:
    """The gate as one trace: its root span, the traced gRPC call under it. Prints the verdict."""
    with _tracer.start_as_current_span("release gate") as span:
        span.set_attribute("tcm.suite.id", config.suite_id)
        trace_id = format(span.get_span_context().trace_id, "032x")
        try:
            async with traced_clients(config.target, token=config.token.reveal(), tls=config.tls) as clients:
                verdict = await evaluate(clients, config.suite_id, min_progress=config.min_progress)
        except grpc.aio.AioRpcError as error:
            print(f"ERROR: the gRPC service answered {error.code().name}: {error.details()}")
            print(f"trace id: {trace_id}")
            return UNUSABLE
        span.set_attribute("tcm.gate.passed", verdict.passed)
        print(verdict.report())
        print(f"trace id: {trace_id}")
        return PASSED if verdict.passed else FAILED


def main() -> None:
    configure_json_logging(SERVICE, VERSION)
    try:
        config = load_gate_config(sys.argv[1:], os.environ)
    except SettingsError as error:
        logger.error("cannot run: %s", error)
        sys.exit(UNUSABLE)
    telemetry = configure_telemetry(SERVICE, VERSION, config.telemetry, config.environment)
    try:
        code = asyncio.run(run(config))
    finally:
        telemetry.shutdown()
    sys.exit(code)


if __name__ == "__main__":
    main()
