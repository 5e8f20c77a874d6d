"""The side-by-side figures as Markdown: printed, and written to bench/RESULTS.md by the full run."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from tcm_bench.sidebyside.big_data import FACTOR, BigDataReport
from tcm_bench.sidebyside.contenders import (
    ALL_CONTENDERS,
    COMPARED_ROLES,
    GRAPHQL_TREE,
    REQUESTS,
    REST_TREE,
    TRACED_REQUESTS,
    Request,
    Role,
)
from tcm_bench.sidebyside.figures import LoadFigures, SideBySideReport
from tcm_bench.sidebyside.measured import PassFigures

COMMAND = "./pants run bench/src/tcm_bench/sidebyside:run"
LABELS = {contender.key: contender.label for contender in ALL_CONTENDERS}
PEER_REQUESTS = [request for request in REQUESTS if request.has_peers]
# The targets (docs: bench/README.md), as ratios of this run.
GRAPHQL_OVER_REST_P50_AT_MOST = 1.5
TRACING_COST_AT_MOST = 0.10
BIG_OVER_SMALL_P50_AT_MOST = 1.5


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


def pass_ratios(mine: Sequence[PassFigures], theirs: Sequence[PassFigures], figure: str) -> list[float]:
    """`figure` (per_second, p50_ms) of `mine` over `theirs`, pass by pass (pass 1 with pass 1, ...), so
    both sides of a ratio shared the machine's moment."""
    ratios = []
    for one, other in zip(mine, theirs, strict=True):
        divisor = getattr(other, figure)
        ratios.append(getattr(one, figure) / divisor if divisor > 0 else float("nan"))
    return ratios


def _ratio_span(ratios: Sequence[float]) -> str:
    if not ratios or any(math.isnan(ratio) for ratio in ratios):
        return "n/a"
    low, high = f"{min(ratios):.2f}", f"{max(ratios):.2f}"
    return low if low == high else f"{low}-{high}"


def _ratio(ours: LoadFigures | None, other: LoadFigures | None, figure: str = "per_second") -> str:
    if ours is None or other is None:
        return "n/a"
    return _ratio_span(pass_ratios(ours.passes, other.passes, figure))


def _each(passes: Sequence[PassFigures] | None, figure: str) -> str:
    return ", ".join(_number(getattr(each, figure)) for each in passes) if passes else "n/a"


def _role_load(report: SideBySideReport, request: Request, role: Role, concurrency: int) -> LoadFigures | None:
    contender = request.contender_or_none(role)
    return report.load(request, contender.key, concurrency) if contender is not None else None


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [_row(header), _row(["---"] * len(header)), *(_row(row) for row in rows)]


def throughput_table(report: SideBySideReport) -> list[str]:
    rows = []
    for request in PEER_REQUESTS:
        for concurrency in report.profile.concurrencies:
            ours, peer, floor = (_role_load(report, request, role, concurrency) for role in COMPARED_ROLES)
            rows.append(
                [
                    f"{request.label(report.profile)}, c={concurrency}",
                    _rates(ours), _rates(peer), _rates(floor), _ratio(ours, peer), _ratio(ours, floor),
                ]
            )  # fmt: skip
    return _table(["request", "ours req/s", "peer req/s", "floor req/s", "ours / peer", "ours / floor"], rows)


def contenders_table(report: SideBySideReport) -> list[str]:
    rows = [
        [request.label(report.profile)] + [LABELS[request.contender(role).key] for role in COMPARED_ROLES]
        for request in PEER_REQUESTS
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
        for role in COMPARED_ROLES:
            contender = request.contender_or_none(role)
            counted = report.round_trips.get((request.kind, contender.key)) if contender is not None else None
            cells.append(counted.text() if counted else "n/a" if contender is not None else "-")
        rows.append(cells)
    return _table(["request", "ours", "peer", "floor"], rows)


def graphql_table(report: SideBySideReport) -> list[str]:
    """GraphQL against REST for the same tree, fields and token: p50 pass by pass."""
    rows = []
    for concurrency in report.profile.concurrencies:
        graphql = _role_load(report, GRAPHQL_TREE, Role.OURS, concurrency)
        rest = _role_load(report, REST_TREE, Role.OURS, concurrency)
        rows.append(
            [
                f"c={concurrency}",
                _each(graphql.passes if graphql else None, "p50_ms"), _each(rest.passes if rest else None, "p50_ms"),
                _ratio(graphql, rest, "p50_ms"), _rates(graphql), _rates(rest),
            ]
        )  # fmt: skip
    header = ["concurrency", "GraphQL p50 ms", "REST p50 ms", "GraphQL / REST p50", "GraphQL req/s", "REST req/s"]
    return _table(header, rows)


def tracing_table(report: SideBySideReport) -> list[str]:
    """Ours as production traces against ours with tracing off, pass by pass."""
    rows = []
    for request in TRACED_REQUESTS:
        for concurrency in report.profile.concurrencies:
            traced = _role_load(report, request, Role.OURS, concurrency)
            off = _role_load(report, request, Role.TRACING_OFF, concurrency)
            costs = (
                [1 - ratio for ratio in pass_ratios(traced.passes, off.passes, "per_second")] if traced and off else []
            )
            rows.append(
                [
                    f"{request.label(report.profile)}, c={concurrency}", _rates(traced), _rates(off),
                    _ratio(traced, off), _percent_span(costs), _ratio(traced, off, "p50_ms"),
                ]
            )  # fmt: skip
    header = ["request", "traced req/s", "tracing off req/s", "traced / off", "cost", "p50 traced / off"]
    return _table(header, rows)


def _percent_span(values: Sequence[float]) -> str:
    if not values:
        return "n/a"
    low, high = f"{min(values) * 100:.0f} %", f"{max(values) * 100:.0f} %"
    return low if low == high else f"{min(values) * 100:.0f} to {high}"


def big_data_table(report: SideBySideReport, big: BigDataReport) -> list[str]:
    rows = []
    for figures in big.figures:
        small, grown = figures.passes.get(1), figures.passes.get(FACTOR)
        ratios = pass_ratios(grown, small, "p50_ms") if small and grown else []
        sizes = [figures.answers[factor].size_bytes for factor in (1, FACTOR) if factor in figures.answers]
        rows.append(
            [
                figures.request.label(report.profile), _each(small, "p50_ms"), _each(grown, "p50_ms"),
                _ratio_span(ratios), " / ".join(f"{size:,}" for size in sizes) or "n/a",
                "same" if figures.same_answer else "differs",
            ]
        )  # fmt: skip
    header = ["request (c=1)", "p50 ms at 1x", f"p50 ms at {FACTOR}x", f"{FACTOR}x / 1x p50", "answer bytes", "answer"]
    return _table(header, rows)


def _big_data(report: SideBySideReport) -> list[str]:
    big = report.big_data
    if big is None:
        return []

    def rows(factor: int) -> str:
        return ", ".join(f"{count} {table}" for table, count in big.data.get(factor, {}).items())

    return [
        f"## Big data: 1x and {FACTOR}x the data, answers of the same size",
        "",
        f"- 1x: {rows(1)}",
        f"- {FACTOR}x: {rows(FACTOR)} (grown in {big.grow_seconds:.1f} s by set-based INSERT ... SELECT)",
        "- Same processes, warm-up then the passes at concurrency 1 at each size; the same suites' trees and the "
        "same first page at both sizes, compared by content (the page's total and the dashboard's counts grow, "
        "its fields do not).",
        "",
        *big_data_table(report, big),
        "",
    ]


@dataclass(frozen=True, slots=True)
class TargetCheck:
    target: str
    measured: str
    met: bool | None  # None: not measured in this run


def _pass_ratios(report: SideBySideReport, request: Request, role: Role, other: Role, figure: str) -> list[float]:
    ratios: list[float] = []
    for concurrency in report.profile.concurrencies:
        mine, theirs = (_role_load(report, request, each, concurrency) for each in (role, other))
        if mine is not None and theirs is not None:
            ratios += pass_ratios(mine.passes, theirs.passes, figure)
    return ratios


def _check(
    target: str, ratios: Sequence[float], *, at_least: float | None = None, at_most: float | None = None
) -> TargetCheck:
    if not ratios:
        return TargetCheck(target, "not measured", None)
    met = all((at_least is None or r >= at_least) and (at_most is None or r <= at_most) for r in ratios)
    return TargetCheck(target, _ratio_span(ratios), met)


def target_checks(report: SideBySideReport) -> list[TargetCheck]:
    """Every target of the issue that this run measures, with every pass's ratio against it."""
    checks = []
    for request in PEER_REQUESTS:
        label = request.label(report.profile)
        if request.contender(Role.OURS).grpc:
            checks.append(
                _check(f"{label}: ours / peer at least 0.7", _pass_ratios(report, request, Role.OURS, Role.PEER,
                       "per_second"), at_least=0.7)
            )  # fmt: skip
            continue
        checks.append(
            _check(f"{label}: ours / peer at least 1.5", _pass_ratios(report, request, Role.OURS, Role.PEER,
                   "per_second"), at_least=1.5)
        )  # fmt: skip
        checks.append(
            _check(f"{label}: ours / floor at least 0.5", _pass_ratios(report, request, Role.OURS, Role.FLOOR,
                   "per_second"), at_least=0.5)
        )  # fmt: skip
    graphql: list[float] = []
    for concurrency in report.profile.concurrencies:
        graphql_load = _role_load(report, GRAPHQL_TREE, Role.OURS, concurrency)
        rest_load = _role_load(report, REST_TREE, Role.OURS, concurrency)
        if graphql_load is not None and rest_load is not None:
            graphql += pass_ratios(graphql_load.passes, rest_load.passes, "p50_ms")
    checks.append(
        _check(f"GraphQL / REST p50, same tree: at most {GRAPHQL_OVER_REST_P50_AT_MOST}", graphql,
               at_most=GRAPHQL_OVER_REST_P50_AT_MOST)
    )  # fmt: skip
    # The median: a token's last use is written once a minute (docs/decisions/0010), one more now and then.
    trips = {
        request.label(report.profile): counted.median
        for request in REQUESTS
        if (counted := report.round_trips.get((request.kind, request.contender(Role.OURS).key))) is not None
    }
    checks.append(
        TargetCheck(
            "database round trips of ours, every read (median): at most 4",
            "; ".join(f"{label} {median:g}" for label, median in trips.items()) or "not measured",
            all(median <= 4 for median in trips.values()) if trips else None,
        )
    )
    for request in TRACED_REQUESTS:
        costs = [1 - ratio for ratio in _pass_ratios(report, request, Role.OURS, Role.TRACING_OFF, "per_second")]
        checks.append(
            TargetCheck(
                f"{request.label(report.profile)}: tracing (production sampling) costs at most "
                f"{TRACING_COST_AT_MOST:.0%} of req/s",
                _percent_span(costs) if costs else "not measured",
                all(cost <= TRACING_COST_AT_MOST for cost in costs) if costs else None,
            )
        )
    if report.big_data is not None:
        for figures in report.big_data.figures:
            small, grown = figures.passes.get(1), figures.passes.get(FACTOR)
            checks.append(
                _check(
                    f"big data, {figures.request.label(report.profile)}: {FACTOR}x / 1x p50 at most "
                    f"{BIG_OVER_SMALL_P50_AT_MOST} (same answer size)",
                    pass_ratios(grown, small, "p50_ms") if small and grown else [],
                    at_most=BIG_OVER_SMALL_P50_AT_MOST,
                )
            )
    return checks


def targets_table(report: SideBySideReport) -> list[str]:
    verdicts = {True: "met", False: "**missed**", None: "not measured"}
    rows = [[check.target, check.measured, verdicts[check.met]] for check in target_checks(report)]
    return _table(["target", "measured (every pass)", "verdict"], rows)


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
        "- Ours run as production traces: TCM_TRACE_SAMPLE_RATIO 0.05, spans exported over OTLP to a collector "
        "stand-in in the benchmark's process; \"tracing off\" is ratio 0 without an exporter. Spans received: "
        + (", ".join(f"{count} from {service}" for service, count in report.exported_spans.items()) or "none"),
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
        "## Targets (issue #18), every pass of this run",
        "",
        *targets_table(report),
        "",
        "## Throughput (successful requests per second; a range is pass 1 and pass 2)",
        "",
        *throughput_table(report),
        "",
        "Ratios are pass by pass. Who is who:",
        "",
        *contenders_table(report),
        "",
        "## GraphQL against REST: the same suite tree (every field of the REST answer), the same token",
        "",
        *graphql_table(report),
        "",
        "## What tracing costs: ours as production traces against ours with tracing off",
        "",
        *tracing_table(report),
        "",
        *_big_data(report),
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


# Where the written file's own notes begin: what was tried, why a target stops where it does. A run
# rewrites the figures above it and keeps everything from this line on.
NOTES_MARKER = "<!-- Notes written by hand below: every run keeps them. -->"


def with_kept_notes(document: str, previous: str | None) -> str:
    """`document` followed by the notes of the file it replaces (from NOTES_MARKER on), if it has any."""
    if previous is None or NOTES_MARKER not in previous:
        return document
    return document.rstrip("\n") + "\n\n" + previous[previous.index(NOTES_MARKER) :]
