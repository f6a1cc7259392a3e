"""Marks of what passed qpdf's checks, by bytes, so a later check need not do it again.

Whether a JPEG image decodes without a warning, and whether a page's content streams parse
without one, depend only on their bytes and filters (and qpdf's version). Both are recorded
in the marks cache (`ConversionCache.marks()`, beside the conversions) once a file that
holds them passed all of qpdf's checks: a finished volume (build/verify.py), or an evidence
PDF checked on its own before the merge (salvage.check_file, during a build that asked for
it with `recording`). qpdf's merge copies a PDF's streams as they are, so the same bytes in
a volume find the marks; bytes that changed on the way find none and are checked.

A mark is one key (a line) in a `.keys` file: each volume that passed writes one, and the
evidence PDFs of one build one together, so thousands of marks cost a few files. A process
reads them all once."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from contextvars import ContextVar
from pathlib import Path

import pikepdf

from kladoc.build.convcache import ConversionCache

SUFFIX = ".keys"


class Marks:
    """The marks kept in one marks cache folder (None folder: nothing known or kept)."""

    def __init__(self, cache: ConversionCache) -> None:
        self.cache = cache
        self._known: dict[str, int] | None = None  # key → the file it is in (-1: ours)
        self._files: list[Path] = []
        self._used: set[int] = set()
        self._pending: set[str] = set()

    def key(self, kind: str, digest: str, *settings: object) -> str | None:
        return self.cache.key(kind, digest, *settings)

    def _load(self) -> dict[str, int]:
        if self._known is not None:
            return self._known
        known: dict[str, int] = {}
        self._known = known
        if self.cache.folder is None:
            return known
        try:
            subs = sorted(e.path for e in os.scandir(self.cache.folder) if e.is_dir())
        except OSError:
            return known
        for sub in subs:
            with contextlib.suppress(OSError):
                for name in sorted(os.listdir(sub)):
                    if not name.endswith(SUFFIX):
                        continue
                    path = Path(sub) / name
                    try:
                        keys = path.read_text("ascii").split()
                    except (OSError, UnicodeDecodeError):
                        continue
                    index = len(self._files)
                    self._files.append(path)
                    for key in keys:
                        known.setdefault(key, index)
        return known

    def has(self, key: str | None) -> bool:
        if key is None:
            return False
        index = self._load().get(key)
        if index is None:
            return False
        if index >= 0:
            self._used.add(index)
        return True

    def add(self, keys: Iterable[str | None]) -> None:
        """Remember the keys of what passed; kept by `flush`."""
        if self.cache.folder is None:
            return
        known = self._load()
        self._pending.update(k for k in keys if k is not None and k not in known)

    def flush(self) -> None:
        """Keep the keys remembered (one new file); the files that served are used now
        (the cache's trim keeps what was used last)."""
        for index in sorted(self._used):
            with contextlib.suppress(OSError):
                os.utime(self._files[index])
        self._used.clear()
        if not self._pending:
            return
        text = "".join(f"{k}\n" for k in sorted(self._pending))
        name = hashlib.sha256(text.encode("ascii")).hexdigest()
        fd, tmp = tempfile.mkstemp(prefix="kladoc-marks-", suffix=SUFFIX)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(text)
            self.cache.store(name, Path(tmp), SUFFIX)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        known = self._load()
        for key in self._pending:
            known.setdefault(key, -1)
        self._pending.clear()


# where salvage.check_file marks a file that passed (None: nowhere)
_RECORDING: ContextVar[Marks | None] = ContextVar("kladoc_marks", default=None)


@contextlib.contextmanager
def recording(marks: Marks | None) -> Iterator[None]:
    """While inside: evidence PDFs that pass qpdf's checks on their own are marked in
    `marks` (this thread only); kept on leaving."""
    token = _RECORDING.set(marks)
    try:
        yield
    finally:
        _RECORDING.reset(token)
        if marks is not None:
            marks.flush()


def recorder() -> Marks | None:
    return _RECORDING.get()


def _jpeg_parms(stream: pikepdf.Stream) -> str | None:
    """The decode parameters (as they enter a key) of a plain JPEG image (None: not one)."""
    if stream.get("/Subtype") != pikepdf.Name.Image:
        return None
    filt = stream.get("/Filter")
    if isinstance(filt, pikepdf.Array) and len(filt) == 1:
        filt = filt[0]
    if filt != pikepdf.Name.DCTDecode:
        return None
    return repr(stream.get("/DecodeParms"))


ASIDE_BATCH = 16 << 20  # JPEG bytes held at once while they are decoded


def set_aside_images(pdf: pikepdf.Pdf, marks: Marks | None, fast: bool = True) -> list[str]:
    """Empty, in memory only, the JPEG images that need no decoding by qpdf's checks: those
    marked as decoding cleanly, and (with `fast`) those that decode strictly now
    (build/jpegcheck.py, on pool threads while this one reads and keys the next images).
    The others are left for qpdf to decode. Returns the keys of the images not marked
    before, to mark once the whole file has passed."""
    from kladoc.build.jpegcheck import decode_later

    fresh: list[str] = []
    pending: list[tuple[pikepdf.Stream, Future[bool]]] = []
    held = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        parms = _jpeg_parms(obj)
        if parms is None:
            continue
        raw = bytes(obj.read_raw_bytes())
        if marks is not None:
            digest = hashlib.sha256(raw).hexdigest()
            key = marks.key("jpeg-decodes", digest, parms, pikepdf.__libqpdf_version__)
            if marks.has(key):
                obj.write(b"")
                continue
            if key is not None:
                fresh.append(key)
        later = decode_later(raw) if fast else None
        if later is not None:
            pending.append((obj, later))
            held += len(raw)
            if held > ASIDE_BATCH:
                _empty_decoded(pending)
                held = 0
    _empty_decoded(pending)
    return fresh


def _empty_decoded(pending: list[tuple[pikepdf.Stream, Future[bool]]]) -> None:
    """Empty the images whose strict decode passed; `pending` is emptied too."""
    for stream, later in pending:
        if later.result():
            stream.write(b"")
    pending.clear()


def contents_key(streams: list[pikepdf.Object], marks: Marks) -> str | None:
    """The key of parsing these content streams as one (None: not all streams)."""
    digest = hashlib.sha256()
    for stream in streams:
        if not isinstance(stream, pikepdf.Stream):
            return None
        raw = stream.read_raw_bytes()
        parts = (len(raw), repr(stream.get("/Filter")), repr(stream.get("/DecodeParms")))
        digest.update(repr(parts).encode("utf-8", "surrogatepass"))
        digest.update(raw)
    return marks.key("contents-parse", digest.hexdigest(), pikepdf.__libqpdf_version__)


def page_streams(page: pikepdf.Page) -> list[pikepdf.Object]:
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Array):
        return list(contents)
    return [] if contents is None else [contents]


def mark_passed(pdf: pikepdf.Pdf, marks: Marks, images: list[str]) -> None:
    """Remember the JPEG images (their keys, from `set_aside_images`) and every page's
    content of a file that passed all of qpdf's checks (as a whole, without a warning)."""
    if marks.cache.folder is None:
        return
    marks.add(images)
    marks.add(contents_key(s, marks) for s in map(page_streams, pdf.pages) if s)
