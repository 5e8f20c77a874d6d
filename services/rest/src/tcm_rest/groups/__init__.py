"""Test groups: named, ordered parts of a suite."""
