"""Time limits of exporting telemetry, chosen so that a missing collector never holds up a process.

The collector is a sidecar on the task's loopback interface: a flush of a full batch takes milliseconds,
and when it does not answer within a second it is not running. Waiting longer would only delay a task
that ECS is stopping (SIGKILL comes 30 s after SIGTERM, and draining requests in flight needs most of it).
"""

from typing import Final

EXPORT_TIMEOUT_SECONDS: Final = 1
"""One export request, retries included."""

SHUTDOWN_TIMEOUT_SECONDS: Final = 0.5
"""The final flush of spans and metrics at shutdown, both together; what is not out by then is dropped."""

UNLIMITED_EXPORT_SECONDS: Final = 10
"""What an export to a missing collector waits without these limits: the OTLP exporters' own timeout.
Shutdown tests check that they stay well below it rather than under a tight time a loaded machine breaks."""
