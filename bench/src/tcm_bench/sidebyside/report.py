"""The side-by-side figures as Markdown: printed, and written to bench/RESULTS.md by the full run."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime

from tcm_bench.sidebyside.contenders import ALL_CONTENDERS, REQUESTS, Role
from tcm_bench.sidebyside.figures import LoadFigures, SideBySideReport

COMMAND = "./pants run bench/src/tcm_bench/sidebyside:run"
LABELS = {contender.key: contender.label for contender in ALL_CONTENDERS}


def _number(value: float) -> str:
    if math.isnan(value):
        return "n/a"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _span(values: Sequence[float]) -> str:
    """`a-b` over the passes (one figure when they agree at the shown precision)."""
    low, high = _number(min(values)), _number(max(values))
    return low if low == high else f"{low}-{high}"


def _rates(figures: LoadFigures | None) -> str:
    return _span([each.per_second for each in figures.passes]) if figures else "n/a"


def _ratio(ours: LoadFigures | None, other: LoadFigures | None) -> str:
    """Pass by pass (pass 1 with pass 1, ...), so both sides of a ratio shared the machine's moment."""
    if ours is None or other is None:
        return "n/a"
    ratios = [
        mine.per_second / theirs.per_second if theirs.per_second > 0 else float("nan")
        for mine, theirs in zip(ours.passes, other.passes, strict=True)
    ]
    low, high = f"{min(ratios):.2f}", f"{max(ratios):.2f}"
    return low if low == high else f"{low}-{high}"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [_row(header), _row(["---"] * len(header)), *(_row(row) for row in rows)]


def throughput_table(report: SideBySideReport) -> list[str]:
    rows = []
    for request in REQUESTS:
        for concurrency in report.profile.concurrencies:
            ours, peer, floor = (
                report.load(request, request.contender(role).key, concurrency)
                for role in (Role.OURS, Role.PEER, Role.FLOOR)
            )
            rows.append(
                [
                    f"{request.label(report.profile)}, c={concurrency}",
                    _rates(ours), _rates(peer), _rates(floor), _ratio(ours, peer), _ratio(ours, floor),
                ]
            )  # fmt: skip
    return _table(["request", "ours req/s", "peer req/s", "floor req/s", "ours / peer", "ours / floor"], rows)


def contenders_table(report: SideBySideReport) -> list[str]:
    rows = [
        [request.label(report.profile)] + [LABELS[request.contender(role).key] for role in Role] for request in REQUESTS
    ]
    return _table(["request", "ours", "peer", "floor"], rows)


def latency_table(report: SideBySideReport) -> list[str]:
    rows = []
    for figures in report.loads:
        passes = figures.passes
        rows.append(
            [
                f"{figures.request.label(report.profile)}, c={figures.concurrency}",
                LABELS[figures.contender_key],
                ", ".join(_number(each.per_second) for each in passes),
                ", ".join(_number(each.p50_ms) for each in passes),
                ", ".join(_number(each.p99_ms) for each in passes),
                ", ".join(str(each.completed) for each in passes),
                ", ".join(str(each.errors) for each in passes),
            ]
        )
    header = ["request", "contender", "req/s per pass", "p50 ms", "p99 ms", "answers", "errors"]
    return _table(header, rows)


def round_trips_table(report: SideBySideReport) -> list[str]:
    rows = []
    for request in REQUESTS:
        cells = [request.label(report.profile)]
        for role in Role:
            counted = report.round_trips.get((request.kind, request.contender(role).key))
            cells.append(counted.text() if counted else "n/a")
        rows.append(cells)
    return _table(["request", "ours", "peer", "floor"], rows)


def checks_table(report: SideBySideReport) -> list[str]:
    rows = [
        [
            check.request.label(report.profile),
            LABELS[check.contender_key],
            str(check.compared),
            "same" if check.same else f"{check.differing} differ: {check.example}",
        ]
        for check in report.checks
    ]
    return _table(["request", "contender", "answers compared", "content"], rows)


def _machine(report: SideBySideReport) -> list[str]:
    machine = report.machine

    def load(values: tuple[float, float, float]) -> str:
        return " / ".join(f"{value:.2f}" for value in values)

    busy = max(machine.load_average_before[0], machine.load_average_after[0]) > machine.usable_cores
    remark = (
        [
            "- **Busy machine**: the load average was above the number of cores (other work ran beside this "
            "run, on the cores the services, PostgreSQL and the load generators share). Single figures are "
            "noisy; the ratios, pass by pass, less so."
        ]
        if busy
        else []
    )
    return [
        f"- {machine.usable_cores} usable cores of {machine.cores} ({machine.cpu_model}), Python {machine.python}, "
        f"PostgreSQL {machine.postgres}",
        f"- Load average (1 / 5 / 15 min) before: {load(machine.load_average_before)}; "
        f"after: {load(machine.load_average_after)}",
        f"- Data: {', '.join(f'{count} {table}' for table, count in report.data.items())}",
        f"- HTTP load: {report.http_tool}; gRPC load: one grpc.aio client process over one channel, raw bytes",
        f"- Profile {report.profile.name}: concurrency {', '.join(map(str, report.profile.concurrencies))}; "
        f"{report.profile.warmup_requests} warm-up requests, then {report.profile.passes} passes of "
        f"{report.profile.pass_seconds} s per request, contender and concurrency; run took {report.seconds:.0f} s",
        *remark,
    ]


def render(report: SideBySideReport, *, measured_at: datetime | None = None) -> str:
    when = (measured_at or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Side by side: our services and their peers",
        "",
        f"Written by `{COMMAND}` ({report.profile.name} profile, {when}); how it works: bench/README.md.",
        "Every figure comes from one run on one machine: compare within a run, not across runs.",
        "",
        *_machine(report),
        "",
        "## Throughput (successful requests per second; a range is pass 1 and pass 2)",
        "",
        *throughput_table(report),
        "",
        "Ratios are pass by pass. Who is who:",
        "",
        *contenders_table(report),
        "",
        "## Database round trips per request (median of sequential warm requests; range if they varied)",
        "",
        *round_trips_table(report),
        "",
        "## Same answers (compared before loading, by content: ids in order, statuses, progress, counts, effort, "
        "delays)",
        "",
        *checks_table(report),
        "",
        "## Every pass",
        "",
        *latency_table(report),
        "",
    ]
    return "\n".join(lines)
