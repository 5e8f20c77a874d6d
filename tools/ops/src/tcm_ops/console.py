"""What the user sees: steps, notes, warnings, and a progress line on anything that waits."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from tcm_ops.table import format_table

_SPINNER = "|/-\\"


class Console:
    """Writes to one text stream. On a terminal the progress line redraws in place; elsewhere (CI, logs)
    a progress message is printed once each time it changes."""

    def __init__(self, out: TextIO | None = None, *, interactive: bool | None = None) -> None:
        self._out = out if out is not None else sys.stdout
        self._interactive = self._out.isatty() if interactive is None else interactive
        self._progress_shown = False
        self._last_progress = ""
        self._ticks = 0

    def step(self, message: str) -> None:
        self._end_progress()
        self._write(f"==> {message}\n")

    def info(self, message: str) -> None:
        self._end_progress()
        self._write(f"    {message}\n")

    def raw(self, message: str) -> None:
        self._end_progress()
        self._write(f"{message}\n")

    def warn(self, message: str) -> None:
        self._end_progress()
        self._write(f"warning: {message}\n")

    def error(self, message: str) -> None:
        self._end_progress()
        self._write(f"error: {message}\n")

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self._end_progress()
        self._write(format_table(headers, rows) + "\n")

    def progress(self, message: str, elapsed_seconds: float) -> None:
        """Shows that something is still being waited for."""
        if self._interactive:
            spinner = _SPINNER[self._ticks % len(_SPINNER)]
            self._ticks += 1
            self._write(f"\r\x1b[K{spinner} {message} [{elapsed_seconds:.0f}s]")
            self._progress_shown = True
        elif message != self._last_progress:
            self._write(f"... {message} [{elapsed_seconds:.0f}s]\n")
        self._last_progress = message

    def end_progress(self) -> None:
        self._end_progress()
        self._last_progress = ""

    def _end_progress(self) -> None:
        if self._progress_shown:
            self._write("\n")
            self._progress_shown = False

    def _write(self, text: str) -> None:
        self._out.write(text)
        self._out.flush()
