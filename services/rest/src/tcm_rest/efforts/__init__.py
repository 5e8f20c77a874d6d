"""Effort records: hours spent on a case."""
