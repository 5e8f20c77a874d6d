"""`python -m tcm_ops ...`."""

from tcm_ops.cli import main

raise SystemExit(main())
