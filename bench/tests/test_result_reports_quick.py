"""The quick reported-results benchmark (`python -m tcm_bench results --quick`: a small JUnit report over
REST and over gRPC) runs to the end and prints every figure. No figure is judged: the benchmark's output
is the figures themselves (docs: bench/README.md)."""

import json
import os
import subprocess
import sys
from pathlib import Path

# Run below as modules in their own processes; imported so that their dependencies are known.
import tcm_bench.__main__  # noqa: F401
import tcm_grpc.__main__  # noqa: F401
import tcm_rest.__main__  # noqa: F401

OPERATIONS = {"REST": "POST /api/v1/test-runs/{id}/junit", "gRPC": "ReportResults client stream"}
COLUMNS = ("total s", "each round s", "results/s", "recorded", "SQL/report", "SQL/1000 results")


def test_the_quick_results_run_reports_every_figure(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    run = subprocess.run(
        [sys.executable, "-m", "tcm_bench", "results", "--quick", "--json", str(figures)],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(figures.read_text())

    rows = {row["protocol"]: row for row in report["reported_results"]}
    assert {protocol: row["operation"] for protocol, row in rows.items()} == OPERATIONS
    for row in rows.values():
        assert row["results"] > 0, row
        assert len(row["seconds"]) >= 1, row
        # Every result of every round was recorded, once: nothing lost on the way.
        assert row["recorded"] == row["results"] * len(row["seconds"]), row
        assert row["results_per_second"] is not None, row
        assert row["sql_statements"] == len(row["sql_texts"]) > 0, row
        assert row["sql_per_thousand_results"] is not None, row

    printed = run.stdout
    assert "Reported results" in printed
    for operation in OPERATIONS.values():
        assert operation in printed
    for column in COLUMNS:
        assert column in printed
