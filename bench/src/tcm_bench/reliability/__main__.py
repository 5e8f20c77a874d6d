"""`python -m tcm_bench.reliability [--quick] [--write-doc PATH] [--json PATH]`: one reliability run.

Exit code 0 when every check held, 1 otherwise (the problems are printed).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
from pathlib import Path

from tcm_bench.reliability.document import render_document
from tcm_bench.reliability.run import FULL, QUICK, run_reliability


def main() -> int:
    arguments = argparse.ArgumentParser(prog="python -m tcm_bench.reliability", description=__doc__)
    arguments.add_argument("--quick", action="store_true", help="the short CI run (bounded by operations)")
    arguments.add_argument("--write-doc", type=Path, metavar="PATH", help="write the Markdown report to PATH")
    arguments.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON to PATH")
    options = arguments.parse_args()
    report = asyncio.run(run_reliability(QUICK if options.quick else FULL))
    document = render_document(report)
    print(document)
    if options.write_doc:
        options.write_doc.write_text(document)
    if options.json:
        options.json.write_text(json.dumps(dataclasses.asdict(report), default=str, indent=2))
    for problem in report.problems():
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if report.problems() else 0


if __name__ == "__main__":
    sys.exit(main())
