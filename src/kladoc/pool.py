"""Inspect files in worker processes, each task under a deadline.

A parser that hangs or crashes (qpdf and pdfium are C++) must not stop the run: its worker is
killed and replaced, and the file gets a `timeout` or `corrupt` result. Workers use the spawn
start method everywhere so Linux behaves like Windows, where spawn is the only choice."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from kladoc.inspect.facts import FileFacts

Progress = Callable[[int], None]
log = logging.getLogger(__name__)


def _worker_main(conn: Connection) -> None:
    from kladoc.inspect import inspect_file

    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        index, path = task
        facts = inspect_file(Path(path))
        conn.send((index, facts.to_dict()))


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.task: int | None = None
        self.deadline = 0.0

    def send(self, index: int, path: Path, timeout: float) -> None:
        self.task = index
        self.deadline = time.monotonic() + timeout
        self.conn.send((index, str(path)))

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(2)
        self.conn.close()


class _WorkersBroken(Exception):
    pass


def _in_process(paths: Sequence[Path], progress: Progress | None) -> list[FileFacts]:
    from kladoc.inspect import inspect_file

    out = []
    for path in paths:
        out.append(inspect_file(Path(path)))
        if progress:
            progress(1)
    return out


def _failed(path: Path, status: str, detail: str) -> FileFacts:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return FileFacts(kind="other", status=status, size=size, sha256="", detail=detail)


def inspect_many(
    paths: Sequence[Path],
    *,
    jobs: int = 1,
    timeout: float = 60.0,
    progress: Progress | None = None,
) -> list[FileFacts]:
    """Inspect every path; results in input order. Never raises for a bad file."""
    results: list[FileFacts | None] = [None] * len(paths)
    if not paths:
        return []
    ctx = mp.get_context("spawn")
    jobs = max(1, min(jobs, len(paths)))
    try:
        workers = [_Worker(ctx) for _ in range(jobs)]
    except (OSError, RuntimeError) as exc:
        # no child processes here (locked-down machine, odd launcher): still inspect
        # everything, just without isolation and timeouts
        log.warning("worker processes unavailable (%s); inspecting in-process", exc)
        return _in_process(paths, progress)
    pending = iter(range(len(paths)))
    done = 0

    def feed(worker: _Worker) -> None:
        index = next(pending, None)
        if index is None:
            worker.task = None
        else:
            worker.send(index, paths[index], timeout)

    crashes = 0
    try:
        for w in workers:
            feed(w)
        while done < len(paths):
            busy = [w for w in workers if w.task is not None]
            now = time.monotonic()
            wait_for = max(0.0, min(w.deadline for w in busy) - now)
            ready = wait([w.conn for w in busy], timeout=wait_for)
            for w in busy:
                index = w.task
                assert index is not None
                if w.conn in ready:
                    try:
                        got_index, data = w.conn.recv()
                        results[got_index] = FileFacts.from_dict(data)
                    except (EOFError, OSError):
                        # the worker died (e.g. a crash inside a C library): replace it
                        results[index] = _failed(paths[index], "corrupt", "inspector crashed")
                        w.kill()
                        crashes += 1
                        if crashes >= 3 and done == crashes - 1:
                            # every worker dies before its first answer: the workers cannot
                            # start (not the files); fall back rather than blame each file
                            raise _WorkersBroken from None
                        workers[workers.index(w)] = w = _Worker(ctx)
                elif time.monotonic() >= w.deadline:
                    results[index] = _failed(
                        paths[index], "timeout", f"no result after {timeout:g} s"
                    )
                    w.kill()
                    workers[workers.index(w)] = w = _Worker(ctx)
                else:
                    continue
                done += 1
                if progress:
                    progress(1)
                feed(w)
    except _WorkersBroken:
        log.warning("worker processes die at start; inspecting in-process")
        for w in workers:
            w.kill()
        return _in_process(paths, progress)
    finally:
        for w in workers:
            if w.task is None:
                w.stop()
            else:
                w.kill()
    return [
        r if r is not None else _failed(p, "corrupt", "no result")
        for r, p in zip(results, paths, strict=True)
    ]
