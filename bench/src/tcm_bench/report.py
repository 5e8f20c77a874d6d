"""The figures as a table on stdout, and as JSON for whoever keeps a history of them."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

from tcm_bench.figures import Footprint, Measurement, Report, ResultFigures

NOISE = (
    "Load generator, the three services and PostgreSQL share these cores, and other work may be running "
    "on the machine too: treat the figures as noisy, compare runs on the same machine only."
)


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def _rate(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def _errors(measurement: Measurement) -> str:
    if not measurement.errors:
        return "0"
    return ", ".join(f"{count} {kind}" for kind, count in sorted(measurement.errors.items()))


def _table(headers: list[str], rows: list[list[str]], left: int) -> list[str]:
    """Columns before `left` are left-aligned (names), the rest right-aligned (numbers)."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(width) if index < left else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(headers), line(["-" * width for width in widths]), *(line(row) for row in rows)]


def _reported_results(figures: list[ResultFigures]) -> list[str]:
    rows = [
        [
            row.protocol,
            row.operation,
            str(row.results),
            str(len(row.seconds)),
            f"{row.median_seconds:.2f}",
            " ".join(f"{seconds:.2f}" for seconds in row.seconds),
            _rate(row.results_per_second),
            str(row.recorded),
            str(row.sql_statements),
            f"{row.sql_per_thousand_results:.2f}",
        ]
        for row in figures
    ]
    headers = [
        "protocol", "operation", "results", "rounds", "total s", "each round s", "results/s", "recorded",
        "SQL/report", "SQL/1000 results",
    ]  # fmt: skip
    return [
        "Reported results: one JUnit report into a fresh run per round, after a warm-up round; total s is the "
        "median round, results/s = results / total s",
        *_table(headers, rows, left=2),
    ]


def _footprints(footprints: list[Footprint]) -> list[str]:
    rows = [
        [
            each.service,
            f"{each.median_ready_seconds:.2f}",
            " ".join(f"{seconds:.2f}" for seconds in each.ready_seconds),
            "-" if each.rss_after_load_mb is None else f"{each.rss_after_load_mb:.0f}",
        ]
        for each in footprints
    ]
    return [
        "Start-up and memory: each service started alone; resident memory read after the load",
        *_table(["service", "ready after s (median)", "each start s", "RSS after load MB"], rows, left=1),
    ]


def render(report: Report) -> str:
    machine = report.machine
    data = ", ".join(f"{count} {name}" for name, count in report.data.items())
    out = [
        f"tcm_bench ({report.profile} profile)",
        f"machine: {machine.cores} cores ({machine.usable_cores} usable), {machine.cpu_model}; "
        f"Python {machine.python}; PostgreSQL {machine.postgres}",
        "load average (1/5/15 min) before: "
        + " ".join(f"{value:.2f}" for value in machine.load_average_before)
        + ", after: "
        + " ".join(f"{value:.2f}" for value in machine.load_average_after),
        NOISE,
        f"data: {data}",
        "",
    ]
    sql = {(count.protocol, count.operation): count for count in report.sql_counts}
    if report.reads:
        out.append("Reads: latency of successful requests after warm-up; req/s = successes / wall time")
        rows = []
        for figures in report.reads:
            m = figures.measurement
            count = sql.get((figures.protocol, figures.operation))
            rows.append(
                [
                    figures.protocol,
                    figures.operation,
                    str(figures.concurrency),
                    str(m.completed),
                    _errors(m),
                    _ms(m.latency.p50_ms),
                    _ms(m.latency.p95_ms),
                    _ms(m.latency.p99_ms),
                    _rate(m.per_second),
                    "-" if count is None else str(count.statements),
                ]
            )
        headers = ["protocol", "operation", "conc", "n", "errors", "p50 ms", "p95 ms", "p99 ms", "req/s", "SQL/req"]
        out += [*_table(headers, rows, left=2), ""]
    if report.sql_counts:
        out.append("SQL statements per request (one warm request each, counted from its trace)")
        rows = [
            [
                count.protocol,
                count.operation,
                str(count.statements),
                "-" if count.in_operation is None else str(count.in_operation),
            ]
            for count in report.sql_counts
        ]
        out += [*_table(["protocol", "operation", "whole request", "in the operation span"], rows, left=2), ""]
    if report.writes:
        out.append("Writes: case status changes (If-Match, legal transition, history row); writes/s = successes / wall")
        rows = []
        for writes in report.writes:
            m = writes.measurement
            other = m.error_count - writes.version_conflicts - writes.illegal_transitions
            rows.append(
                [
                    writes.protocol,
                    writes.operation,
                    str(writes.concurrency),
                    str(writes.attempts),
                    str(m.completed),
                    str(writes.version_conflicts),
                    str(writes.illegal_transitions),
                    str(other),
                    _rate(m.per_second),
                    _ms(m.latency.p50_ms),
                    _ms(m.latency.p95_ms),
                    _ms(m.latency.p99_ms),
                    str(writes.history_rows_added),
                ]
            )
        headers = [
            "protocol", "operation", "conc", "attempts", "ok", "412 conflicts", "409 illegal", "other errors",
            "writes/s", "p50 ms", "p95 ms", "p99 ms", "history rows",
        ]  # fmt: skip
        out += [*_table(headers, rows, left=2), ""]
    if report.reported_results:
        out += [*_reported_results(report.reported_results), ""]
    if report.footprints:
        out += [*_footprints(report.footprints), ""]
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.phases_seconds.items())
    out.append(f"phases: {phases}")
    return "\n".join(out)


def _plain(value: Any) -> Any:
    """JSON without NaN (null instead), which strict parsers refuse."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def write_json(report: Report, path: Path) -> None:
    path.write_text(json.dumps(_plain(dataclasses.asdict(report)), indent=2) + "\n")
