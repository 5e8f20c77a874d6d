"""Test support shared by every package's tests (imported from their conftest.py)."""
