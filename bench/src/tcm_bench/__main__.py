"""`python -m tcm_bench`: see tcm_bench.cli."""

import sys

from tcm_bench.cli import main

if __name__ == "__main__":
    sys.exit(main())
