"""Structured logs: one JSON object per line on stderr, with the trace and span ids of the current span.

    configure_json_logging("graphql", "1.2.0")       # once, in main(), before the server starts
    logger.info("request", extra={"http": {...}})    # `extra` keys become top-level JSON fields

Every line: timestamp (UTC), level, logger, message, service, version, and inside a request or call
trace_id and span_id (and xray_trace_id, the same trace id as X-Ray writes it, which the X-Ray console
searches the logs for). Access-log lines add the request's fields (tcm_common.web.access_log for HTTP,
tcm_common.rpc.access_log for gRPC). CloudWatch Logs Insights finds a request's lines by `trace_id`.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

from opentelemetry import trace

# Attributes every LogRecord has; anything else on a record came from `extra` and is logged as a field
# (except uvicorn's terminal-coloured copy of its message).
_STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {
    "message",
    "asctime",
    "taskName",
    "color_message",
}


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str, version: str) -> None:
        super().__init__()
        self._service = service
        self._version = version

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "service": self._service,
            "version": self._version,
        }
        context = trace.get_current_span().get_span_context()
        if context.is_valid:
            trace_id = format(context.trace_id, "032x")
            entry["trace_id"] = trace_id
            entry["span_id"] = format(context.span_id, "016x")
            entry["xray_trace_id"] = f"1-{trace_id[:8]}-{trace_id[8:]}"
        entry.update((key, value) for key, value in vars(record).items() if key not in _STANDARD_ATTRIBUTES)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_json_logging(service: str, version: str, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service, version))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
