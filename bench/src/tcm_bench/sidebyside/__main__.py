"""`python -m tcm_bench.sidebyside [--quick] [--big-data] [--write PATH]`: our REST, GraphQL and gRPC
services side by side with their peers on one throwaway database; prints the tables (bench/README.md
explains them).

`./pants run bench/src/tcm_bench/sidebyside:run -- --big-data --write bench/RESULTS.md` is the full run."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from tcm_bench.sidebyside.profile import FULL, QUICK
from tcm_bench.sidebyside.report import render, with_kept_notes
from tcm_bench.sidebyside.run import run_side_by_side


def main() -> int:
    arguments = argparse.ArgumentParser(prog="python -m tcm_bench.sidebyside", description=__doc__)
    arguments.add_argument("--quick", action="store_true", help="tiny data and 1 s passes: proves the run works")
    arguments.add_argument(
        "--big-data", action="store_true", help="then grow the database to 10x; read the tree, list and dashboard again"
    )
    arguments.add_argument(
        "--write", type=Path, metavar="PATH", help="also write the Markdown to PATH (keeping its hand-written notes)"
    )
    arguments.add_argument(
        "--no-install", action="store_true", help="do not apt-get install wrk when it is missing (use httpx)"
    )
    options = arguments.parse_args()
    profile = QUICK if options.quick else FULL
    report = asyncio.run(run_side_by_side(profile, install_wrk=not options.no_install, big_data=options.big_data))
    document = render(report)
    print(document, flush=True)
    if options.write is not None:
        previous = options.write.read_text() if options.write.exists() else None
        options.write.write_text(with_kept_notes(document, previous))
        print(f"... written to {options.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
