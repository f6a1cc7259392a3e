"""Inspect files in worker processes, each task under a deadline.

A parser that hangs or crashes (qpdf and pdfium are C++) must not stop the run: its worker is
killed and replaced, and the file gets a `timeout` or `corrupt` result. Workers use the spawn
start method everywhere so Linux behaves like Windows, where spawn is the only choice.

Each worker says it is alive (`READY`) before it is given a file. A worker that dies after that
was killed by its file; only workers that never become ready mean that worker processes cannot
start here, and only then is the rest inspected in this process (no isolation, no timeouts).

What the document libraries print is not for the user's terminal: a worker sends its stderr
(C libraries such as libtiff write there directly) to the null device, and Python warnings
raised while a file is inspected are dropped. With KLADOC_DEBUG set, both pass through
unchanged and a crashing worker prints its Python stack (faulthandler)."""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import multiprocessing as mp
import os
import sys
import time
import warnings as py_warnings
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from kladoc.inspect.facts import FileFacts

Progress = Callable[[int], None]
# told each file's facts as soon as they are final (index into the paths), in arrival order
OnResult = Callable[[int, FileFacts], None]
Warnings = list[tuple[str, dict[str, Any]]]

READY = "ready"
# files handed to a worker ahead of its answers, so it never waits for the main process
# between two files; only the first is being inspected, so a crash or hang is still that file's
IN_FLIGHT = 2
# While answers come fast (small files), the main process looks at the workers only every
# BATCH_WAIT seconds and takes all the answers that came meanwhile: woken for every one of
# them, it spent more CPU on waking up (and preempting a worker) than on the answers. A worker
# then holds up to MAX_IN_FLIGHT files, enough for the pause; a pause is taken only while
# every worker holds BATCH_MIN_QUEUED. "Fast": the last PACE_WINDOW answers came at least two
# per pause. With slower files the pool works as before: IN_FLIGHT files, no pause.
MAX_IN_FLIGHT = 16
BATCH_WAIT = 0.004
BATCH_MIN_QUEUED = 4
PACE_WINDOW = 16
# how long a new worker may take to start (spawn, imports; slow on a loaded Windows laptop)
START_TIMEOUT = 120.0
# workers that die or hang before READY, one after another, before their slot is given up
START_FAILURES = 3
# loggers of the document libraries: WARNING records would reach stderr through logging's
# last-resort handler when the application configures no logging
LIBRARY_LOGGERS = ("PIL", "pikepdf", "pypdfium2", "pypdfium2_raw", "openpyxl", "docx")


def _debug() -> bool:
    return bool(os.environ.get("KLADOC_DEBUG"))


def _quiet_library_logs() -> None:
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def _quiet_stderr() -> None:
    """Point this process's fd 2 at the null device (works on Windows too)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(null, 2)
    except OSError:
        pass
    finally:
        os.close(null)


def _no_crash_dialog() -> None:
    """On Windows a crashing worker ends at once instead of waiting behind an error dialog."""
    if sys.platform == "win32":
        import ctypes

        sem_failcriticalerrors, sem_nogpfaulterrorbox = 0x0001, 0x0002
        with contextlib.suppress(Exception):
            ctypes.windll.kernel32.SetErrorMode(sem_failcriticalerrors | sem_nogpfaulterrorbox)


def inspect_quietly(path: Path, ocr: bool = False) -> FileFacts:
    """`inspect_file` with the Python warnings it raises dropped (kept with KLADOC_DEBUG)."""
    from kladoc.inspect import inspect_file

    with py_warnings.catch_warnings():
        if not _debug():
            py_warnings.simplefilter("ignore")
        # the option only when asked for: a plain run calls inspect_file as it always has
        return inspect_file(Path(path), ocr=True) if ocr else inspect_file(Path(path))


def worker_main(conn: Connection) -> None:
    """The worker process: READY, then tasks until None: one (index, path, ocr) or a list of
    them (the files handed out at one look at the workers), each answered on its own."""
    _no_crash_dialog()
    if _debug():
        faulthandler.enable()
    else:
        _quiet_stderr()
        _quiet_library_logs()
    from kladoc.inspect import inspect_file  # noqa: F401  # imported before saying READY

    try:
        conn.send(READY)
    except (OSError, ValueError):
        return
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if message is None:
            return
        for index, path, ocr in message if isinstance(message, list) else [message]:
            facts = inspect_quietly(Path(path), ocr)
            # the record itself: pickling the dataclass costs both sides less than a dict
            conn.send((index, facts))


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=worker_main, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.tasks: deque[int] = deque()  # sent, not answered; the first is being inspected
        self.deadline = time.monotonic() + START_TIMEOUT  # to become ready

    @property
    def task(self) -> int | None:
        """The file being inspected now, if any."""
        return self.tasks[0] if self.tasks else None

    @property
    def waiting(self) -> bool:
        """Something is expected from it: READY, or the answer for its file."""
        return not self.ready or bool(self.tasks)

    def send(self, batch: Sequence[tuple[int, Path]], timeout: float, ocr: bool = False) -> None:
        """Hand over (index, path) files, in one message: a message costs both processes a
        system call or two, more than its files' pickling."""
        if not batch:
            return
        if not self.tasks:
            self.deadline = time.monotonic() + timeout
        self.tasks.extend(index for index, _ in batch)
        tasks = [(index, str(path), ocr) for index, path in batch]
        # a worker may already have died on the file before these: the main loop then
        # sees the closed pipe, blames the first file in flight and puts these back
        with contextlib.suppress(OSError):
            self.conn.send(tasks[0] if len(tasks) == 1 else tasks)

    def answered(self, timeout: float) -> int:
        """The first file is done: the next one (already sent) starts its deadline now."""
        index = self.tasks.popleft()
        self.deadline = time.monotonic() + timeout
        return index

    def kill(self) -> None:
        kill_process(self.proc, self.conn)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(2)
        self.conn.close()


def kill_process(proc: Any, conn: Connection | None) -> None:
    """Kill a worker process if it still runs, wait for it and close its pipe. Never
    raises: it is what cleans up after a worker that failed in any way."""
    if proc is not None:
        with contextlib.suppress(Exception):
            if proc.is_alive():
                proc.kill()
            proc.join(5)
    if conn is not None:
        with contextlib.suppress(Exception):
            conn.close()


class _WorkersBroken(Exception):
    pass


def _in_process(
    paths: Sequence[Path], progress: Progress | None, ocr: bool = False
) -> list[FileFacts]:
    _quiet_library_logs()
    out = []
    for path in paths:
        out.append(inspect_quietly(Path(path), ocr))
        if progress:
            progress(1)
    return out


class _Pace:
    """Whether answers have lately come fast enough to be taken in batches."""

    def __init__(self) -> None:
        self.times: deque[float] = deque(maxlen=PACE_WINDOW)

    def answered(self, now: float) -> None:
        self.times.append(now)

    @property
    def fast(self) -> bool:
        t = self.times
        return len(t) == PACE_WINDOW and t[-1] - t[0] < (PACE_WINDOW - 1) * BATCH_WAIT / 2


def _depth(pending: int, workers: int, fast: bool) -> int:
    """How many files a worker may hold when `pending` are still to be handed out: with fast
    answers many while plenty wait, and fewer towards the end, so that no worker is left with
    a queue of files while another has nothing to do; IN_FLIGHT otherwise."""
    if not fast:
        return IN_FLIGHT
    return max(IN_FLIGHT, min(MAX_IN_FLIGHT, pending // (4 * max(1, workers))))


def _pause(workers: Sequence[_Worker], fast: bool, until: float, now: float) -> float:
    """How long the main process waits before it looks at the workers: with fast answers
    BATCH_WAIT while every working worker holds files enough to go on meanwhile (one still
    starting is heard of after the pause), never past a deadline; else 0."""
    ready = [w for w in workers if w.ready]
    if not fast or not ready or any(len(w.tasks) < BATCH_MIN_QUEUED for w in ready):
        return 0.0
    return max(0.0, min(BATCH_WAIT, until - now))


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
    warnings: Warnings | None = None,
    ocr: bool = False,
    on_result: OnResult | None = None,
) -> list[FileFacts]:
    """Inspect every path; results in input order. Never raises for a bad file. When worker
    processes cannot start, inspects in this process and adds a warning to `warnings`.
    `ocr` goes with every task (a worker loads the OCR engine once, on its first scan).
    `on_result` is told each file's facts as they come in, so the caller's own per-file work
    (classification) runs while the workers inspect instead of after them."""
    results: list[FileFacts | None] = [None] * len(paths)
    if not paths:
        return []

    def settle(index: int, facts: FileFacts) -> None:
        results[index] = facts
        if on_result is not None:
            on_result(index, facts)

    ctx = mp.get_context("spawn")
    jobs = max(1, min(jobs, len(paths)))
    workers: list[_Worker] = []
    pending = deque(range(len(paths)))
    done = 0
    start_failures = 0  # in a row, since a worker last became ready

    pace = _Pace()

    def feed(worker: _Worker) -> None:
        depth = _depth(len(pending), len(workers), pace.fast)
        batch: list[tuple[int, Path]] = []
        while pending and len(worker.tasks) + len(batch) < depth:
            index = pending.popleft()
            batch.append((index, paths[index]))
        worker.send(batch, timeout, ocr)

    def requeue(worker: _Worker) -> None:
        """Files sent behind the one that killed or hung the worker go to the next free one."""
        pending.extendleft(reversed(list(worker.tasks)[1:]))

    def respawn(slot: int, after_start_failure: bool) -> None:
        nonlocal start_failures
        if after_start_failure:
            start_failures += 1
            if start_failures >= START_FAILURES:
                del workers[slot]  # give the slot up; the others carry on
                if not workers:
                    raise _WorkersBroken
                return
        try:
            workers[slot] = _Worker(ctx)
        except (OSError, RuntimeError):
            del workers[slot]
            if not workers:
                raise _WorkersBroken from None

    try:
        try:
            for _ in range(jobs):
                workers.append(_Worker(ctx))
        except (OSError, RuntimeError) as exc:
            # no child processes here (locked-down machine, odd launcher)
            if not workers:
                raise _WorkersBroken from exc
        while done < len(paths):
            live = [w for w in workers if w.waiting]
            now = time.monotonic()
            until = min(w.deadline for w in live)
            pause = _pause(workers, pace.fast, until, now)
            if pause:
                time.sleep(pause)
                now = time.monotonic()
            answered = wait([w.conn for w in live], timeout=max(0.0, until - now))
            for w in live:
                more = True
                while more:  # every answer already there, one wake-up for all of them
                    more = False
                    if w.conn in answered:
                        try:
                            message = w.conn.recv()
                        except (EOFError, OSError):
                            message = None  # the worker died
                    elif time.monotonic() >= w.deadline:
                        message = None  # a hang: at start, or on its file
                    else:
                        continue
                    if message == READY:
                        w.ready = True
                        start_failures = 0
                        feed(w)
                        continue
                    if message is not None:
                        got_index, data = message
                        expected = w.answered(timeout)
                        assert got_index == expected, (got_index, expected)
                        settle(got_index, data)
                        pace.answered(time.monotonic())
                        # an end of file after the answers is seen here too: the worker died
                        more = bool(w.tasks) and w.conn.poll()
                    elif not w.ready:
                        # died or hung before saying it is alive: not the fault of any file
                        w.kill()
                        respawn(workers.index(w), after_start_failure=True)
                        continue
                    else:
                        index = w.task
                        assert index is not None
                        if w.conn in answered:
                            # the worker died on this file (e.g. a crash inside a C library)
                            settle(index, _failed(paths[index], "corrupt", "inspector crashed"))
                        else:
                            settle(
                                index,
                                _failed(paths[index], "timeout", f"no result after {timeout:g} s"),
                            )
                        requeue(w)
                        w.kill()
                        respawn(workers.index(w), after_start_failure=False)
                    done += 1
                    if progress:
                        progress(1)
            for other in workers:  # files put back after a crash may go to an idle worker
                if other.ready:
                    feed(other)
    except _WorkersBroken:
        # the workers cannot start (not the files): inspect the rest here rather than blame
        # each file, without isolation and without timeouts
        for w in workers:
            w.kill()
        workers = []
        if warnings is not None:
            warnings.append(("inspect.in_process", {}))
        todo = [i for i, r in enumerate(results) if r is None]
        rest = _in_process([paths[i] for i in todo], progress, ocr)
        for i, facts in zip(todo, rest, strict=True):
            settle(i, facts)
    finally:
        for w in workers:
            if w.task is None:
                w.stop()
            else:
                w.kill()
    for i, r in enumerate(results):
        if r is None:  # cannot happen while the loop above is sound; never leave a gap
            settle(i, _failed(paths[i], "corrupt", "no result"))
    return [r for r in results if r is not None]
