"""Test report formats CI tools write, parsed into reported results (docs/domain-runs.md)."""
