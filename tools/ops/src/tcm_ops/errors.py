"""Expected failures: the CLI prints their message and exits non-zero, without a traceback."""

from __future__ import annotations


class OpsError(Exception):
    """A failure the user can act on (missing tool, failed check, failed deployment...)."""

    def __init__(self, message: str, *, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class RefusedError(OpsError):
    """The command was refused by a guard (e.g. demo data in production); nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=3)
