"""How a trace crosses process boundaries: W3C `traceparent`, and AWS X-Ray's `X-Amzn-Trace-Id`.

Incoming, in this order (the first that names a parent span wins):
- `traceparent`: another service of ours, or any W3C client;
- `X-Amzn-Trace-Id: Root=...;Parent=...;Sampled=...`: an X-Ray instrumented caller;
- `X-Amzn-Trace-Id: Root=1-...` without a Parent: what the ALB adds to every request it forwards (and
  writes into its access log). The stock X-Ray propagator needs a Parent and would drop it; here the
  server span instead becomes the root span of *that* trace, so the ALB's log entry and the request's
  spans and log lines share one trace id. The propagator leaves the Root in the extracted context and
  `AlbRootIdGenerator` hands it out as the trace id of a root span started while that context is the
  current one (servers attach what they extract before starting their span).
Header names are matched case-insensitively: HTTP/2 and gRPC metadata carry them in lower case, while
the X-Ray propagator asks for `X-Amzn-Trace-Id`.

Outgoing calls carry both headers (`inject`), so X-Ray and W3C receivers alike continue the trace.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.propagators.aws import AwsXRayPropagator
from opentelemetry.propagators.aws.aws_xray_propagator import TRACE_HEADER_KEY
from opentelemetry.propagators.composite import CompositePropagator
from opentelemetry.propagators.textmap import CarrierT, Getter, TextMapPropagator, default_getter
from opentelemetry.sdk.extension.aws.trace import AwsXRayIdGenerator
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

_ALB_ROOT = otel_context.create_key("tcm-alb-root-trace-id")
# 1-<8 hex digits of epoch seconds>-<24 hex digits>: the X-Ray form of a 128-bit trace id.
_XRAY_TRACE_ID = re.compile(r"1-([0-9a-fA-F]{8})-([0-9a-fA-F]{24})")


class _CaseInsensitiveGetter(Getter[CarrierT]):
    def __init__(self, getter: Getter[CarrierT]) -> None:
        self._getter = getter

    def get(self, carrier: CarrierT, key: str) -> list[str] | None:
        return self._getter.get(carrier, key) or self._getter.get(carrier, key.lower())

    def keys(self, carrier: CarrierT) -> list[str]:
        return self._getter.keys(carrier)


def _alb_root(values: Iterable[str] | None) -> int | None:
    """The trace id of the header's Root field (`Root=1-...;Self=...`), if it is a valid one."""
    for value in values or ():
        for field in value.split(";"):
            key, _, item = field.partition("=")
            found = _XRAY_TRACE_ID.fullmatch(item.strip()) if key.strip() == "Root" else None
            if found is not None:
                return int(found.group(1) + found.group(2), 16)
    return None


class XRayPropagator(AwsXRayPropagator):
    """The X-Ray propagator, case-insensitive, that also takes the Root of a header without a Parent."""

    def extract(
        self,
        carrier: CarrierT,
        context: otel_context.Context | None = None,
        getter: Getter[CarrierT] = default_getter,
    ) -> otel_context.Context:
        if context is not None and trace.get_current_span(context).get_span_context().is_valid:
            return context  # traceparent named the parent already
        lenient: Getter[CarrierT] = _CaseInsensitiveGetter(getter)
        extracted: otel_context.Context = super().extract(carrier, context=context, getter=lenient)
        if trace.get_current_span(extracted).get_span_context().is_valid:
            return extracted
        root = _alb_root(lenient.get(carrier, TRACE_HEADER_KEY))
        return extracted if root is None else otel_context.set_value(_ALB_ROOT, root, extracted)


class AlbRootIdGenerator(AwsXRayIdGenerator):
    """X-Ray compatible ids (the trace id starts with the time); the trace id of a root span started in
    a context extracted from an ALB-only header is the ALB's Root."""

    def generate_trace_id(self) -> int:
        root: Any = otel_context.get_value(_ALB_ROOT)
        return root if isinstance(root, int) else super().generate_trace_id()


def platform_propagator() -> TextMapPropagator:
    return CompositePropagator([TraceContextTextMapPropagator(), XRayPropagator()])
