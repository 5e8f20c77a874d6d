"""Counting the SQL statements of one request: every finished span of the test process, asyncpg's query
spans included, and the statements under one root span (a request, a gRPC call, a GraphQL operation).

    spans = record_spans()                       # once per process (a session fixture)
    spans.clear(); <one request>
    statements = statements_under(list(spans.get_finished_spans()), lambda span: span.name == "...")
"""

from __future__ import annotations

from collections.abc import Callable

from opentelemetry import trace
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter


def record_spans() -> InMemorySpanExporter:
    """Every finished span of this process from now on, asyncpg statements included."""
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    instrumentor = AsyncPGInstrumentor()  # type: ignore[no-untyped-call]
    # A service started earlier in this process may have instrumented asyncpg for a provider of its
    # own, whose spans this exporter would never see.
    if instrumentor.is_instrumented_by_opentelemetry:
        instrumentor.uninstrument()
    instrumentor.instrument(tracer_provider=provider)
    return exporter


def descendants(spans: list[ReadableSpan], root: ReadableSpan) -> list[ReadableSpan]:
    children: dict[int, list[ReadableSpan]] = {}
    for span in spans:
        if span.parent is not None:
            children.setdefault(span.parent.span_id, []).append(span)
    found, todo = [], [root.context.span_id]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child.context.span_id)
    return found


def statements_under(spans: list[ReadableSpan], is_root: Callable[[ReadableSpan], bool]) -> list[str]:
    """The SQL under the one span `is_root` picks, in the order the statements started."""
    [root] = [span for span in spans if is_root(span)]
    queries = sorted(
        (span for span in descendants(spans, root) if (span.attributes or {}).get("db.statement")),
        key=lambda span: span.start_time or 0,
    )
    statements = [str((span.attributes or {})["db.statement"]) for span in queries]
    # RESET ALL: the pool cleaning a connection it takes back, not part of the work.
    return [statement for statement in statements if "RESET ALL" not in statement]


def transaction_boundaries(statements: list[str]) -> list[str]:
    """The statements that begin or end a transaction, upper-cased without the trailing semicolon."""
    words = [statement.strip().rstrip(";").upper() for statement in statements]
    return [word for word in words if word.startswith(("BEGIN", "COMMIT", "ROLLBACK"))]


def outline(statements: list[str]) -> str:
    """One line per statement, its first words: for assertion messages."""
    return "\n".join(" ".join(statement.split())[:90] for statement in statements)
