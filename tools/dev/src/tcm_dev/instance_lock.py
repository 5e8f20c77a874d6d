"""Only one local stack per state folder: a second start says so instead of failing on a busy port."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO


class AlreadyRunningError(RuntimeError):
    pass


def hold_instance_lock(path: Path) -> IO[str]:
    """Returns the open lock file; the lock lasts as long as the process (or until it is closed)."""
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise AlreadyRunningError(
            f"the local stack is already running (pid {holder}); stop it with Ctrl-C first"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle
