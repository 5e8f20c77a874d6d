"""Following one CloudWatch Logs stream, printing new events as they arrive."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_logs.client import CloudWatchLogsClient


class LogFollower:
    def __init__(
        self, logs: CloudWatchLogsClient, group: str, stream: str, emit: Callable[[str], None]
    ) -> None:
        self._logs = logs
        self.group = group
        self.stream = stream
        self._emit = emit
        self._token: str | None = None
        self.lines = 0

    def poll(self) -> int:
        """Prints the events written since the last poll; returns how many. A stream that does not exist
        yet (the container has not started) has no events."""
        count = 0
        while True:
            try:
                if self._token is None:
                    page = self._logs.get_log_events(
                        logGroupName=self.group, logStreamName=self.stream, startFromHead=True
                    )
                else:
                    page = self._logs.get_log_events(
                        logGroupName=self.group,
                        logStreamName=self.stream,
                        startFromHead=True,
                        nextToken=self._token,
                    )
            except self._logs.exceptions.ResourceNotFoundException:
                return count
            for event in page.get("events", []):
                self._emit(event.get("message", "").rstrip("\n"))
                count += 1
            token = page.get("nextForwardToken")
            if token is None or token == self._token or not page.get("events"):
                self._token = token or self._token
                self.lines += count
                return count
            self._token = token
