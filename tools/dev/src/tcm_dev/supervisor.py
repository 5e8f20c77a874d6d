"""Runs the stack's processes, prefixes their output, and stops them all together."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

STOP_TIMEOUT_SECONDS = 25
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    # If the supervisor is killed outright, the kernel sends the children SIGTERM: no orphans.
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class Supervisor:
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self, name: str, command: Sequence[str], env: Mapping[str, str]) -> None:
        process = subprocess.Popen(  # - our own commands
            list(command),
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us only; we stop the children in order
            preexec_fn=_die_with_parent,  # - no threads touch state between fork and exec
        )
        self.processes[name] = process
        threading.Thread(target=self._relay, args=(name, process), daemon=True).start()

    @staticmethod
    def _relay(name: str, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            sys.stdout.write(f"{name:>8} | {line.decode(errors='replace')}")
            sys.stdout.flush()

    def first_exit(self) -> str | None:
        return next((name for name, process in self.processes.items() if process.poll() is not None), None)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for name, process in self.processes.items():
            try:
                process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                print(f"{name} did not stop in {STOP_TIMEOUT_SECONDS}s; killing it", file=sys.stderr)
                process.kill()
                process.wait()
