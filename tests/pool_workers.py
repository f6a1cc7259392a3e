"""Worker entry points for the pool tests. They run in spawned child processes, so they live in
a module those processes can import; each test puts one in place of `kladoc.pool.worker_main`."""

from __future__ import annotations

import os
import sys
from multiprocessing.connection import Connection
from pathlib import Path

from kladoc import pool
from kladoc.inspect.facts import FileFacts

CRASH_MARK = "CRASH"


def _die() -> None:
    """End this process the way a segfault in a C library does: no answer, no clean-up."""
    if sys.platform == "win32":
        # abort() may open an error-report dialog there; for the pool the effect is the same
        os._exit(3)
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file in the working tree
    except (ImportError, ValueError, OSError):
        pass
    os.abort()


def crash_on_marked_files(conn: Connection) -> None:
    """The real worker, except that a file whose name contains CRASH_MARK kills it."""
    import kladoc.inspect

    real = kladoc.inspect.inspect_file

    def inspect_or_die(path: Path) -> FileFacts:
        if CRASH_MARK in Path(path).name:
            _die()
        return real(path)

    kladoc.inspect.inspect_file = inspect_or_die
    pool.worker_main(conn)


def die_at_start(conn: Connection) -> None:
    """A worker process that dies before it can say it is alive."""
    _die()


HANG_MARK = "HANG"


def hang_on_marked_files(conn: Connection) -> None:
    """The real worker, except that a file whose name contains HANG_MARK never comes back."""
    import time

    import kladoc.inspect

    real = kladoc.inspect.inspect_file

    def inspect_or_hang(path: Path) -> FileFacts:
        if HANG_MARK in Path(path).name:
            time.sleep(3600)
        return real(path)

    kladoc.inspect.inspect_file = inspect_or_hang
    pool.worker_main(conn)
