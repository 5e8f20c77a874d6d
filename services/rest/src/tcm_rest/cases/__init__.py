"""Test cases: the units of testing work, their workflow and history."""
