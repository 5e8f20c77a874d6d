"""The figures a run produces, as plain data (printed as a table, or written as JSON)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field


class RequestFailedError(Exception):
    """A request that did not give the expected answer; counted as an error, its latency not recorded."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Latency:
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    @classmethod
    def of(cls, seconds: list[float]) -> Latency:
        """Percentiles (linear interpolation between the closest ranks) of the recorded latencies."""
        if not seconds:
            return cls(float("nan"), float("nan"), float("nan"), float("nan"))
        millis = sorted(value * 1000 for value in seconds)
        if len(millis) == 1:
            return cls(millis[0], millis[0], millis[0], millis[0])
        cuts = statistics.quantiles(millis, n=100, method="inclusive")
        return cls(p50_ms=cuts[49], p95_ms=cuts[94], p99_ms=cuts[98], max_ms=millis[-1])


@dataclass(frozen=True, slots=True)
class Measurement:
    """Requests issued in the measured window (after warm-up), their outcome and latency."""

    completed: int
    errors: dict[str, int]
    wall_seconds: float
    latency: Latency
    # Completed (successful) requests per second of the window's wall-clock time.
    per_second: float

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


@dataclass(frozen=True, slots=True)
class ReadFigures:
    protocol: str
    operation: str
    concurrency: int
    measurement: Measurement
    sql_statements: int | None = None


@dataclass(frozen=True, slots=True)
class SqlCount:
    """SQL statements one request ran in the service, counted from its trace."""

    protocol: str
    operation: str
    statements: int
    # Statements under the operation's own span (GraphQL), as the DataLoader test counts them.
    in_operation: int | None = None
    # The statements in the order they ended, each cut to its first line (for the JSON output).
    texts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WriteFigures:
    protocol: str
    operation: str
    concurrency: int
    measurement: Measurement
    attempts: int
    version_conflicts: int
    illegal_transitions: int
    history_rows_added: int


@dataclass(frozen=True, slots=True)
class ResultFigures:
    """One JUnit report of `results` test cases recorded into a fresh run, once per round."""

    protocol: str
    operation: str
    results: int
    # Every round's wall time, from sending the report to its answer.
    seconds: tuple[float, ...]
    # Records the answers said were written, all rounds together (every result of every round, once).
    recorded: int
    # Statements the service ran for one such report, counted from its trace.
    sql_statements: int
    median_seconds: float
    results_per_second: float
    sql_per_thousand_results: float
    # The counted statements in the order they ended, each cut to its first line (for the JSON output).
    sql_texts: tuple[str, ...]

    @classmethod
    def of(
        cls, protocol: str, operation: str, results: int, seconds: list[float], recorded: int, sql: tuple[str, ...]
    ) -> ResultFigures:
        median = statistics.median(seconds)
        return cls(
            protocol=protocol,
            operation=operation,
            results=results,
            seconds=tuple(seconds),
            recorded=recorded,
            sql_statements=len(sql),
            sql_texts=sql,
            median_seconds=median,
            results_per_second=results / median if median > 0 else float("nan"),
            sql_per_thousand_results=len(sql) * 1000 / results,
        )


@dataclass(frozen=True, slots=True)
class Footprint:
    service: str
    ready_seconds: tuple[float, ...]  # each start, the service alone on the machine
    median_ready_seconds: float
    rss_after_load_mb: float | None  # None: the service did not take part in the load, or no /proc


@dataclass(frozen=True, slots=True)
class Machine:
    cores: int
    usable_cores: int
    cpu_model: str
    python: str
    postgres: str
    load_average_before: tuple[float, float, float]
    load_average_after: tuple[float, float, float] = (0.0, 0.0, 0.0)


@dataclass(slots=True)
class Report:
    profile: str
    data: dict[str, int]
    machine: Machine
    reads: list[ReadFigures] = field(default_factory=list)
    sql_counts: list[SqlCount] = field(default_factory=list)
    writes: list[WriteFigures] = field(default_factory=list)
    reported_results: list[ResultFigures] = field(default_factory=list)
    footprints: list[Footprint] = field(default_factory=list)
    phases_seconds: dict[str, float] = field(default_factory=dict)
