"""Demo data for a first start (`python -m tcm_common.cli seed-demo`); never in production."""
