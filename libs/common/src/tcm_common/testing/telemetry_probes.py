"""What telemetry tests of a service process share: an ALB trace header, a SIGTERM that collects the JSON
log lines, waiting for the collector, and walking a span tree."""

from __future__ import annotations

import json
import secrets
import signal
import subprocess
import time
from typing import Any

from tcm_common.testing.otlp_collector import CollectedSpan


def alb_trace_header() -> tuple[str, str]:
    """An X-Amzn-Trace-Id as the ALB adds it (a Root, no Parent), and that trace id in OpenTelemetry's form."""
    epoch, unique = format(int(time.time()), "08x"), secrets.token_hex(12)
    return f"Root=1-{epoch}-{unique};Self=1-{epoch}-{secrets.token_hex(12)}", epoch + unique


def stop(process: subprocess.Popen[bytes]) -> tuple[float, list[dict[str, Any]]]:
    """SIGTERM; the seconds until the process exited, and its JSON log lines."""
    stopping = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    took = time.monotonic() - stopping
    assert process.stdout is not None
    return took, [json.loads(line) for line in process.stdout.read().decode().splitlines() if line.startswith("{")]


def descendants(spans: list[CollectedSpan], root: CollectedSpan) -> list[CollectedSpan]:
    found, todo = [], [root.span_id]
    while todo:
        parent = todo.pop()
        children = [span for span in spans if span.parent_span_id == parent]
        found.extend(children)
        todo.extend(child.span_id for child in children)
    return found
