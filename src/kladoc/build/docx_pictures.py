"""The Word dossier's pictures, made ahead in worker processes and kept across builds.

A 5,000-file dossier asks for thousands of pictures (the first page of every PDF, every
photo), and making them was half of a Word build. So:

- every picture of the build is handed to spawn worker processes before the first
  cluster is written, and the clusters are rendered here while the workers make the
  pictures of the next ones (both cores busy); a small build makes them in this process,
  where starting workers would cost more than it saves;
- a picture is kept in the user's cache folder under its file's SHA-256 and its recipe
  (`RECIPES`), so a rebuild makes only the pictures of new or changed files. The cache
  holds at most `CACHE_LIMIT` bytes (the least recently used pictures go first); a cache
  folder that cannot be written only costs the reuse.

A picture a worker cannot make costs only that picture, as in this process: its error
comes back; a worker that crashes or hangs on a file costs that picture after
`PICTURE_TIMEOUT` seconds, and the build goes on with the others. Workers that never
answer at all (they cannot start here) cost one timeout, then the rest is made in this
process."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kladoc.build.convcache import trim
from kladoc.build.docx_media import (
    PHOTO_MAX_PX,
    PHOTO_QUALITY,
    THUMB_BORDER_PX,
    THUMB_QUALITY,
    THUMB_WIDTH_PX,
    Picture,
    prepare_photo,
    render_thumbnail,
)
from kladoc.errors import KladocError

if TYPE_CHECKING:
    from kladoc.build.plan import Section

# what a picture's bytes depend on: a change to how pictures are made changes its recipe
RECIPES = {
    "photo": f"photo2-{PHOTO_MAX_PX}-q{PHOTO_QUALITY}",
    "first_page": f"page1-{THUMB_WIDTH_PX}-q{THUMB_QUALITY}-b{THUMB_BORDER_PX}",
}
POOL_MIN = 48  # fewer pictures than this are made in this process
MAX_WORKERS = 2  # each worker holds Pillow and PDFium (~60 MB): the memory bound
TASKS_PER_WORKER = 5000  # a worker is replaced after this many pictures (no slow growth)
PICTURE_TIMEOUT = 120.0  # seconds a worker may take for one picture
CACHE_LIMIT = 512 << 20
CACHE_FOLDER = "pictures"

Maker = Callable[[Path, Path], Picture]


class PictureTimeout(KladocError):
    """A worker gave no picture in time (it hung, or crashed on the file)."""


@dataclass(frozen=True)
class PictureJob:
    kind: str  # "photo" | "first_page"
    source: Path
    sha256: str  # "" when unknown: then not cached


def make_picture(kind: str, source: str, target: str) -> tuple[int, int]:
    """In a worker: make one picture into `target` (written whole, then renamed)."""
    tmp = Path(f"{target}.{uuid.uuid4().hex[:8]}.part")
    try:
        maker = prepare_photo if kind == "photo" else render_thumbnail
        pic = maker(Path(source), tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return pic.width, pic.height


def _worker_init() -> None:
    """What the document libraries log or print is not for the user's terminal."""
    import logging
    import warnings

    warnings.simplefilter("ignore")
    for name in ("PIL", "pypdfium2", "pypdfium2_raw", "pikepdf"):
        logging.getLogger(name).addHandler(logging.NullHandler())


def picture_jobs(sections: Sequence[Section]) -> list[PictureJob]:
    """The pictures `sections` ask for, in document order (as `content` decides: a
    usable image is a photo, a usable PDF shows its first page)."""
    jobs = []
    for sec in sections:
        for doc in sec.docs:
            ev = doc.evidence
            kind = {"image": "photo", "pdf": "first_page"}.get(ev.facts.kind, "")
            if ev.usable and kind:
                jobs.append(PictureJob(kind, doc.source, ev.facts.sha256))
    return jobs


def default_workers() -> int:
    """Worker processes for pictures: none on one core (this process makes them)."""
    cores = os.cpu_count() or 1
    return min(cores, MAX_WORKERS) if cores > 1 else 0


def worker_pool(workers: int) -> Any:
    """`workers` spawn processes (as on Windows, where spawn is the only start method)."""
    ctx = mp.get_context("spawn")
    return ctx.Pool(workers, initializer=_worker_init, maxtasksperchild=TASKS_PER_WORKER)


def default_cache_dir() -> Path:
    from kladoc.cache import user_cache_dir

    return user_cache_dir() / CACHE_FOLDER


class Pictures:
    """Makes (or finds) the pictures of a build; `get` returns one, waiting if need be.

    `work` holds pictures that are not cached; `cache` is None for no cache. Call
    `close` when done (workers stopped, the cache trimmed)."""

    def __init__(self, work: Path, cache: Path | None, workers: int | None = None) -> None:
        self.work = work
        self.cache = cache
        self.workers = workers if workers is not None else default_workers()
        self._pool: Any = None
        self._pending: dict[tuple[str, str], Any] = {}
        self._answered = 0  # pictures the workers answered for (made, or failed on)
        self._seq = 0
        if cache is not None:
            try:
                cache.mkdir(parents=True, exist_ok=True)
            except OSError:
                self.cache = None

    # -- where a picture lives ------------------------------------------------------------
    def _key(self, job: PictureJob) -> tuple[str, str]:
        return job.kind, job.sha256 or str(job.source)

    def _cached(self, job: PictureJob) -> Path | None:
        if self.cache is None or len(job.sha256) != 64:
            return None
        return self.cache / job.sha256[:2] / f"{job.sha256}-{RECIPES[job.kind]}.jpg"

    def _target(self, job: PictureJob) -> Path:
        cached = self._cached(job)
        if cached is not None:
            try:
                cached.parent.mkdir(exist_ok=True)
                return cached
            except OSError:
                pass
        self._seq += 1
        stem = "photo" if job.kind == "photo" else "page"
        return self.work / f"{stem}-{self._seq:05d}.jpg"

    # -- making them ----------------------------------------------------------------------
    def start(self, jobs: Sequence[PictureJob]) -> None:
        """Hand the pictures not in the cache to workers, in the order they will be asked
        for; with few of them, or one core, they are made in this process when asked."""
        todo: dict[tuple[str, str], PictureJob] = {}
        for job in jobs:
            cached = self._cached(job)
            if cached is not None and cached.is_file():
                continue
            todo.setdefault(self._key(job), job)
        if len(todo) < POOL_MIN or self.workers < 1:
            return
        try:
            self._pool = worker_pool(self.workers)
        except (OSError, RuntimeError):  # no child processes here: made in this process
            self._pool = None
            return
        for key, job in todo.items():
            target = self._target(job)
            result = self._pool.apply_async(make_picture, (job.kind, str(job.source), str(target)))
            self._pending[key] = (result, target)

    def get(self, job: PictureJob, maker: Maker) -> Picture:
        """The picture for `job`: from the cache, from a worker, or made now with `maker`
        (the in-process `prepare_photo` or `render_thumbnail`). Raises what making it
        raised."""
        pending = self._pending.pop(self._key(job), None)
        if pending is not None:
            result, target = pending
            try:
                width, height = result.get(PICTURE_TIMEOUT)
            except mp.TimeoutError:
                if self._answered:
                    raise PictureTimeout(
                        "docx.picture_timeout", seconds=int(PICTURE_TIMEOUT)
                    ) from None
                # not one answer yet: the workers do not work here (they cannot start,
                # or die at once), which is no fault of this file; the rest is made here
                self._stop_workers()
            except Exception:
                self._answered += 1  # an answer: the file's own error
                raise
            else:
                self._answered += 1
                return Picture(target, width, height)
        cached = self._cached(job)
        if cached is not None and cached.is_file():
            try:
                return _known(cached)
            except Exception:  # a damaged cache entry is made again
                cached.unlink(missing_ok=True)
        target = self._target(job)
        if target == cached:
            tmp = target.with_name(f"{target.name}.{uuid.uuid4().hex[:8]}.part")
            try:
                pic = maker(job.source, tmp)
                os.replace(tmp, target)
            finally:
                tmp.unlink(missing_ok=True)
            return Picture(target, pic.width, pic.height)
        return maker(job.source, target)

    def discard(self, path: Path) -> None:
        """A picture no longer needed: removed unless the cache keeps it."""
        if self.cache is None or not path.is_relative_to(self.cache):
            path.unlink(missing_ok=True)

    def _stop_workers(self) -> None:
        if self._pool is not None:
            self._pool.terminate()  # pictures still pending were not asked for
            self._pool.join()
            self._pool = None
        self._pending.clear()

    def close(self) -> None:
        self._stop_workers()
        if self.cache is not None:
            trim(self.cache, CACHE_LIMIT)


def _known(path: Path) -> Picture:
    """A cached picture: its size from the JPEG header (the pixels are not decoded), and
    its time set to now, which is how the cache knows what was used last."""
    from PIL import Image

    with Image.open(path) as img:
        width, height = img.size
    with contextlib.suppress(OSError):
        os.utime(path)
    return Picture(path, width, height)
