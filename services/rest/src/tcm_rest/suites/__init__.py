"""Test suites: the top of the hierarchy."""
