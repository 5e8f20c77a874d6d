"""tcm-ops: release and operate the platform's AWS environments (see tools/ops/README.md)."""
