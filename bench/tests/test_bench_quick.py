"""The quick benchmark runs to the end and prints every figure. No figure is judged: timings on a shared
CI machine say nothing reliable, and the benchmark's output is the figures themselves."""

import json
import os
import subprocess
import sys
from pathlib import Path

# Run below as modules in their own processes; imported so that their dependencies are known.
import tcm_bench.__main__  # noqa: F401
import tcm_graphql.__main__  # noqa: F401
import tcm_grpc.__main__  # noqa: F401
import tcm_rest.__main__  # noqa: F401

READS = {
    "GraphQL": {"testSuites(first: 10) tree", "testSuites(first: 50) tree", "testSuites(first: 100) tree"},
    "REST": {"GET /api/v1/test-suites?limit=50", "GET /api/v1/test-suites/{id}?include=groups.cases"},
    "gRPC": {"ListTestSuites(page_size=50)", "GetTestSuite(include_cases=true)"},
}
REPORTS = {"REST": "POST /api/v1/test-runs/{id}/junit", "gRPC": "ReportResults client stream"}


def test_the_quick_run_completes_and_reports_every_figure(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    run = subprocess.run(
        [sys.executable, "-m", "tcm_bench", "--quick", "--json", str(figures)],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(figures.read_text())

    assert report["machine"]["cores"] >= 1
    measured = {(row["protocol"], row["operation"], row["concurrency"]) for row in report["reads"]}
    expected = {(protocol, name, c) for protocol, names in READS.items() for name in names for c in (1, 8)}
    assert measured == expected
    for row in report["reads"]:
        measurement = row["measurement"]
        assert measurement["completed"] > 0, row
        assert None not in measurement["latency"].values(), row
        assert measurement["per_second"] is not None, row
        assert row["sql_statements"] is not None, row
    [writes] = report["writes"]
    assert writes["concurrency"] == 8
    assert writes["measurement"]["completed"] > 0
    assert None not in writes["measurement"]["latency"].values()
    assert {"version_conflicts", "illegal_transitions", "history_rows_added"} <= writes.keys()
    reported = {row["protocol"]: row for row in report["reported_results"]}
    assert {protocol: row["operation"] for protocol, row in reported.items()} == REPORTS
    for row in reported.values():
        assert row["results"] > 0, row
        assert len(row["seconds"]) >= 1, row
        # Every result of every round was recorded, once: nothing lost on the way.
        assert row["recorded"] == row["results"] * len(row["seconds"]), row
        assert row["results_per_second"] is not None, row
        assert row["sql_statements"] == len(row["sql_texts"]) > 0, row

    footprints = {row["service"]: row for row in report["footprints"]}
    assert set(footprints) == {"graphql", "rest", "grpc"}
    for row in footprints.values():
        assert len(row["ready_seconds"]) == 1, row  # the quick profile starts each once
        assert row["median_ready_seconds"] > 0, row
        assert row["rss_after_load_mb"] is not None, row  # every service took part in the load

    printed = run.stdout
    assert "cores" in printed
    for names in READS.values():
        for name in names:
            assert name in printed
    for operation in REPORTS.values():
        assert operation in printed
    for column in ("p50 ms", "p95 ms", "p99 ms", "req/s", "SQL/req", "writes/s", "412 conflicts"):
        assert column in printed
    for column in ("ready after s (median)", "each start s", "RSS after load MB"):
        assert column in printed
    for column in ("total s", "each round s", "results/s", "recorded", "SQL/report", "SQL/1000 results"):
        assert column in printed
