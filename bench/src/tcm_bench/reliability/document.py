"""docs/reliability.md, written from a run's own figures (never edited by hand)."""

from __future__ import annotations

import math

from tcm_bench.reliability.run import RunReport
from tcm_bench.reliability.shutdown import STOP_BUDGET_SECONDS


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0f}"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


def render_document(report: RunReport) -> str:
    machine, load, profile = report.machine, report.load, report.profile
    latency = load.latency()
    budget = (
        f"{profile.budget.seconds:.0f} s"
        if profile.budget.seconds is not None
        else f"{profile.budget.operations_per_client} operations per client"
    )
    problems = report.problems()
    lines = [
        "# Reliability: what is tried, and the figures of the last full run",
        "",
        "<!-- Written by `./pants run bench/src/tcm_bench/reliability:run -- --write-doc docs/reliability.md`",
        "     from the run's own figures. Do not edit by hand: run it again. -->",
        "",
        "## What is tried",
        "",
        "- **Load without loss**: virtual clients spread over REST, GraphQL and gRPC (one in three each),",
        "  every client reading its own test case and renaming it at the version it last saw. Every answer",
        "  other than the expected one counts as an unexpected error; afterwards every case must hold",
        "  exactly what its last acknowledged write said, at that version.",
        "- **Shutdown under load**: each service alone under load gets SIGTERM, as ECS stops a task.",
        "  Readiness (`/ready`, gRPC health) must fail first; the load then stops sending new requests,",
        "  as the load balancer does; every request already sent must succeed; open streams (GraphQL",
        "  subscription, gRPC `WatchTestSuite`) must end with a clean close; the process must exit with",
        f"  code 0 within {STOP_BUDGET_SECONDS:.0f} s (3 s drain, 20 s grace) and then refuse connections.",
        "- **Sessions and sockets** (tests, not figures): tabs refreshing one session at once keep it",
        "  (`TCM_REFRESH_GRACE_SECONDS`, default 5: a rotated refresh token presented again within it gets",
        "  the same new session; later, reuse still revokes the session), the SPA takes a cross-tab lock",
        "  around refreshes, the subscription socket pings every 20 s and the server pings every 30 s and",
        "  closes (4504) a socket that does not answer within 15 s; after a reconnect the SPA asks again",
        "  for everything on screen. Login throttling is per username-and-address pair with exponential",
        "  backoff, below per-username and per-address ceilings.",
        "",
        "Commands: the full run is `./pants run bench/src/tcm_bench/reliability:run -- --write-doc",
        "docs/reliability.md`; CI runs `bench/tests/test_reliability_quick.py` (few operations, same checks)",
        "and the fuzzing of `services/rest/tests/test_rest_schemathesis.py`,",
        "`services/rest/tests/test_rest_stateful_fuzz.py` (scenarios along the OpenAPI links) and",
        "`services/graphql/tests/test_graphql_schemathesis.py`, each with few examples. A longer fuzzing run:",
        "",
        "```",
        "./pants test --test-timeout-default=3600 \\",
        "  --test-extra-env-vars=TCM_REST_STATEFUL_SCENARIOS=500 --test-extra-env-vars=TCM_REST_STATEFUL_STEPS=25 \\",
        "  --test-extra-env-vars=TCM_SCHEMATHESIS_EXAMPLES=200"
        " --test-extra-env-vars=TCM_GRAPHQL_SCHEMATHESIS_EXAMPLES=50 \\",
        "  services/rest/tests/test_rest_schemathesis.py services/rest/tests/test_rest_stateful_fuzz.py \\",
        "  services/graphql/tests/test_graphql_schemathesis.py",
        "```",
        "",
        f"## Last {profile.name} run",
        "",
        f"Started {report.started_at:%Y-%m-%d %H:%M} UTC on {machine.usable_cores} usable cores "
        f"({machine.cpu_model}), Python {machine.python}, PostgreSQL {machine.postgres}; load average "
        f"before: {', '.join(f'{value:.2f}' for value in machine.load_average_before)}.",
        "",
        "### Load without loss",
        "",
        "| clients | window | operations | per second | p50 ms | p95 ms | p99 ms | unexpected errors |"
        " acknowledged writes | lost writes |",
        "|---|---|---|---|---|---|---|---|---|---|",
        f"| {load.clients} | {budget} ({load.wall_seconds:.1f} s) | {load.total_operations} | "
        f"{load.total_operations / load.wall_seconds if load.wall_seconds else 0:.0f} | {_ms(latency.p50_ms)} | "
        f"{_ms(latency.p95_ms)} | {_ms(latency.p99_ms)} | {load.total_failures} | {load.acknowledged_writes} | "
        f"{len(report.load_verification.lost)} |",
        "",
        "| operation | count |",
        "|---|---|",
        *(f"| {kind} | {count} |" for kind, count in sorted(load.operations.items())),
        "",
        "### Shutdown under load (SIGTERM)",
        "",
        "| service | clients | writes before SIGTERM | requests | failed in-flight | readiness failed after |"
        " exit after | exit code | port refused after exit | open stream ended with | lost writes |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for stop in report.stops:
        figures = stop.figures
        lines.append(
            f"| {figures.service} | {figures.clients} | {figures.writes_before_stop} | "
            f"{figures.load.total_operations} | {figures.failed_requests} | "
            f"{_seconds(figures.readiness_failed_after_seconds)} | {_seconds(figures.exit_after_seconds)} | "
            f"{figures.exit_code} | {'yes' if figures.port_refused_after_exit else 'NO'} | {figures.stream_end} | "
            f"{len(stop.verification.lost)} |"
        )
    lines += ["", "### Verdict", ""]
    lines += [f"- {problem}" for problem in problems] if problems else ["Every check held."]
    return "\n".join(lines) + "\n"
