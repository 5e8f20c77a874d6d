"""Shared domain, use cases, persistence, auth, settings and telemetry of the platform."""
