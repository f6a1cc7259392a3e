"""One spawned process that is sent one job and answers with results, one at a time.

The PDF build gives it some clusters, the upload pack some questions: the work is split
so both cores are used, and whatever the worker does not answer (it cannot start, or it
dies) is done by the caller. The job is pickled once and sent from a thread, since the
pipe takes it only as fast as the starting worker reads it: the caller does its own share
meanwhile."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import pickle
import signal
import threading
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from kladoc.pool import kill_process

log = logging.getLogger(__name__)


class JobWorker:
    """`target(conn)` in a spawned process (it calls `receive_job` first, then sends each
    result and None when done); `results()` yields what it sends."""

    def __init__(
        self, target: Callable[[Connection], None], job: dict[str, Any], name: str
    ) -> None:
        self.proc: Any = None
        self.conn: Connection | None = None
        self.sender: threading.Thread | None = None
        try:
            ctx = mp.get_context("spawn")
            self.conn, child = ctx.Pipe(duplex=True)
            self.proc = ctx.Process(target=target, args=(child,), daemon=True)
            self.proc.start()
            child.close()
            payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
            self.sender = threading.Thread(
                target=self._send, args=(payload,), name=name, daemon=True
            )
            self.sender.start()
        except (OSError, RuntimeError, pickle.PicklingError) as exc:
            log.warning("%s worker unavailable (%s); working here", name, exc)
            self.kill()

    def _send(self, payload: bytes) -> None:
        conn = self.conn
        if conn is not None:
            with contextlib.suppress(OSError, EOFError):  # killed meanwhile: done here
                conn.send_bytes(payload)

    def results(self) -> Iterator[Any]:
        """What the worker sends, until it is done, dies or sends something else."""
        if self.sender is not None:
            self.sender.join()
        while self.conn is not None:
            try:
                item = self.conn.recv()
            except (EOFError, OSError):
                return
            if item is None:
                return
            yield item

    def kill(self) -> None:
        kill_process(self.proc, self.conn)
        self.proc, self.conn = None, None
        if self.sender is not None:  # its pipe is closed now: the send ends at once
            self.sender.join(5)
            self.sender = None


def receive_job(conn: Connection) -> dict[str, Any] | None:
    """The worker side: ignore Ctrl+C (the caller stops and kills the worker) and take
    the job (None: the caller went away first)."""
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        job = pickle.loads(conn.recv_bytes())
    except (EOFError, OSError, pickle.UnpicklingError):
        return None
    return job if isinstance(job, dict) else None


def send_all(conn: Connection, results: Iterator[Any]) -> None:
    """Send each result as it is made, then None; stop quietly if the caller is gone."""
    try:
        for item in results:
            conn.send(item)
        conn.send(None)
    except (OSError, EOFError):
        return
