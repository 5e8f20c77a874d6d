"""Running local commands (Pants, Docker, npm, Terraform): the tool's one process boundary."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class CommandResult:
    returncode: int
    stdout: str
    stderr: str = ""

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


class CommandRunner(Protocol):
    def run(
        self,
        args: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str] | None = None,
        stdin: str | None = None,
        capture: bool = False,
    ) -> CommandResult:
        """Runs `args` in `cwd` with `env` added to the current environment.

        capture=False streams the command's output to the user as it runs (and still returns it);
        capture=True only returns it. A missing executable is returncode 127.
        """
        ...


class SubprocessRunner:
    def __init__(self, echo: Callable[[str], None]) -> None:
        self._echo = echo

    def run(
        self,
        args: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str] | None = None,
        stdin: str | None = None,
        capture: bool = False,
    ) -> CommandResult:
        full_env = {**os.environ, **(env or {})}
        try:
            if capture:
                completed = subprocess.run(
                    list(args),
                    cwd=cwd,
                    env=full_env,
                    input=stdin,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                return CommandResult(completed.returncode, completed.stdout, completed.stderr)
            with subprocess.Popen(
                list(args),
                cwd=cwd,
                env=full_env,
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            ) as process:
                if stdin is not None and process.stdin is not None:
                    process.stdin.write(stdin)
                    process.stdin.close()
                lines: list[str] = []
                assert process.stdout is not None
                for line in process.stdout:
                    lines.append(line)
                    self._echo(line.rstrip("\n"))
                returncode = process.wait()
            return CommandResult(returncode, "".join(lines))
        except FileNotFoundError:
            return CommandResult(127, "", f"{args[0]}: command not found\n")
