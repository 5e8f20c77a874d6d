"""Reliability runs: mixed load without loss, and shutdown under load, with the figures that
docs/reliability.md shows (`python -m tcm_bench.reliability --write-doc docs/reliability.md`)."""
