"""A PostgreSQL server of the test's own that it may stop and start again (outage tests).

    with stoppable_postgres() as server:
        url = server.url             # postgresql://postgres@/postgres?host=<socket dir>
        server.stop()                # fast shutdown: open connections are cut
        server.start()

The server is pgserver's bundled PostgreSQL, listening on a Unix socket in its own data folder, so it
never touches the shared server on 127.0.0.1:5432 nor any other test's. It is deleted on exit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tcm_common.testing.waiting import wait_until


def _pgserver() -> Any:
    # pgserver asks platformdirs for a runtime folder on import; without XDG_RUNTIME_DIR (CI, sandboxes)
    # that warns, and the tests treat warnings as errors. The fallback folder is fine for a socket.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
        import pgserver
    return pgserver


class StoppablePostgres:
    def __init__(self, data_dir: Path) -> None:
        pgserver = _pgserver()
        data_dir.mkdir(parents=True, exist_ok=True)
        self._data_dir = data_dir
        self._server = pgserver.get_server(data_dir, cleanup_mode="delete")
        self._socket_dir = parse_qs(urlsplit(self._server.get_uri()).query)["host"][0]
        self.url = f"postgresql://postgres@/postgres?host={self._socket_dir}"
        self._process: subprocess.Popen[bytes] | None = None

    def stop(self) -> None:
        """Returns once the server is down; clients' connections are terminated, new ones are refused.

        A signal rather than `pg_ctl stop`: the bundled pg_ctl has crashed (SIGSEGV) on a fast stop.
        SIGINT is PostgreSQL's fast shutdown; the server removes postmaster.pid as its last step.
        """
        pid_file = self._data_dir / "postmaster.pid"
        try:
            pid = int(pid_file.read_text().splitlines()[0])
        except FileNotFoundError:
            return
        try:
            os.kill(pid, signal.SIGINT)
        except ProcessLookupError:
            return
        wait_until(lambda: not pid_file.exists(), within=60, what=f"PostgreSQL (pid {pid}) stopping after SIGINT")
        if self._process is not None:
            self._process.wait(timeout=60)  # the server we started ourselves: reaped, not left a zombie
            self._process = None

    def start(self) -> None:
        """Returns once the server accepts connections again, on the same socket.

        The postgres binary itself rather than `pg_ctl start`: the bundled pg_ctl has crashed (SIGSEGV)
        while starting and while stopping. postmaster.pid's last line says `ready` once it accepts.
        """
        postgres = Path(_pgserver()._commands.POSTGRES_BIN_PATH) / "postgres"
        with (self._data_dir / "log").open("ab") as log:
            self._process = subprocess.Popen(
                [str(postgres), "-D", str(self._data_dir), "-h", "", "-k", self._socket_dir],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                user=self._server.system_user,
            )
        wait_until(self._accepting, within=60, what="the restarted PostgreSQL accepting connections")

    def _accepting(self) -> bool:
        if self._process is not None and self._process.poll() is not None:
            raise RuntimeError(f"PostgreSQL exited with {self._process.returncode}; see {self._data_dir / 'log'}")
        try:
            lines = (self._data_dir / "postmaster.pid").read_text().splitlines()
        except FileNotFoundError:
            return False
        return len(lines) >= 8 and lines[7].strip() == "ready"

    def close(self) -> None:
        # pgserver only stops the server it started itself, not one restarted by start().
        self.stop()
        self._server.cleanup()


@contextmanager
def stoppable_postgres() -> Iterator[StoppablePostgres]:
    # Not under pytest's tmp_path: PostgreSQL runs as another user (pgserver's, when run as root), who
    # must reach the data folder, and pytest keeps its folders private to the user running the tests.
    parent = Path(tempfile.mkdtemp(prefix="tcm-pg-"))
    parent.chmod(0o755)
    try:
        server = StoppablePostgres(parent / "data")
        try:
            yield server
        finally:
            server.close()
    finally:
        shutil.rmtree(parent, ignore_errors=True)
