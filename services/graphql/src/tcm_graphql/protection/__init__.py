"""Limits every operation must pass before anything executes (and the document cache keeps the verdict)."""
