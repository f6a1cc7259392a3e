"""Converted evidence kept across builds, by content.

Rendering an Office file, putting a photo on a page or running qpdf's checks on a PDF gives
the same bytes for the same input, so the result is stored in the kladoc cache folder
(`KLADOC_CACHE_DIR`, see `kladoc.cache.user_cache_dir`) under a key made of what decides
those bytes: the file's SHA-256 (from the check), the settings that change the result
(language, --compact, --ocr, the converter) and the versions of kladoc and of every library
that writes the pages. A rebuild after one changed file converts that one file again.

Entries are plain files, written under a temporary name and renamed, so two builds can share
the folder; a missing, unreadable or full cache only costs the time of converting again.
Cached files are hard-linked (or copied) into the build's work folder, never used in place.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from importlib import metadata
from pathlib import Path

from kladoc.cache import user_cache_dir
from kladoc.version import __version__

CACHE_FOLDER = "convert"  # inside the kladoc cache folder
MARKS_FOLDER = "decoded"  # beside it: JPEG images known to pass qpdf's checks (build/verify.py)
CACHE_LIMIT = 2 << 30  # bytes; the least recently used entries go first
REVISION = 1  # bump when a converter's output changes without a version change
# the libraries whose code writes converted pages
_LIBRARIES = ("reportlab", "pikepdf", "img2pdf", "pillow", "python-docx", "openpyxl", "lxml")


def _versions() -> dict[str, str]:
    found: dict[str, str] = {}
    for name in _LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "-"
    return found


class ConversionCache:
    """A folder of converted PDFs keyed by `key(...)`. `folder=None`: caches nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._salt = json.dumps(
            {"kladoc": __version__, "revision": REVISION, **_versions()}, sort_keys=True
        )

    @classmethod
    def default(cls) -> ConversionCache:
        try:
            return cls(user_cache_dir() / CACHE_FOLDER)
        except (OSError, RuntimeError):  # no home folder: no cache
            return cls(None)

    def marks(self) -> ConversionCache:
        """The cache beside this one for the marks of images that decoded cleanly in a
        finished volume (kept apart from the conversions; none when this one is none)."""
        return ConversionCache(None if self.folder is None else self.folder.parent / MARKS_FOLDER)

    def key(self, kind: str, sha256: str, *settings: object) -> str | None:
        """The key of one conversion, or None when the file's hash is unknown."""
        if self.folder is None or not sha256:
            return None
        raw = json.dumps([self._salt, kind, sha256, *settings], default=str, ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()

    def _entry(self, key: str, suffix: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}{suffix}"

    def fetch(self, key: str | None, target: Path, suffix: str = ".pdf") -> bool:
        """Put the entry for `key` at `target` (a hard link, else a copy). False: none."""
        if key is None:
            return False
        entry = self._entry(key, suffix)
        try:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            try:
                os.link(entry, target)
            except OSError:
                if not entry.is_file():
                    return False
                shutil.copyfile(entry, target)
            _used(entry)
            return True
        except OSError:
            return False

    def has(self, key: str | None, suffix: str = ".ok") -> bool:
        if key is None or not self._entry(key, suffix).is_file():
            return False
        _used(self._entry(key, suffix))
        return True

    def trim(self, limit: int = CACHE_LIMIT) -> None:
        """Keep the folder within `limit` bytes (the least recently used entries go)."""
        if self.folder is not None:
            trim(self.folder, limit)

    def store(self, key: str | None, source: Path | None = None, suffix: str = ".pdf") -> None:
        """Keep a copy of `source` (or an empty marker) as the entry for `key`."""
        if key is None:
            return
        entry = self._entry(key, suffix)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=entry.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    if source is not None:
                        with source.open("rb") as src:
                            shutil.copyfileobj(src, fh)
                try:
                    os.rename(tmp, entry)
                except FileExistsError:  # Windows: another build stored the same bytes
                    os.unlink(tmp)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            pass  # a full or read-only cache only costs time


def _used(entry: Path) -> None:
    """Mark an entry as used now, for `trim` (the time is the only change)."""
    with contextlib.suppress(OSError):
        os.utime(entry)


def trim(folder: Path, limit: int) -> None:
    """Remove the least recently used entries of a cache folder (`<folder>/<xx>/<entry>`)
    until it holds at most `limit` bytes; leftovers of an interrupted write (`.part`,
    `.tmp-…`, older than an hour) go too."""
    entries: list[tuple[float, int, str]] = []
    total = 0
    now = time.time()
    try:
        subs = list(os.scandir(folder))
    except OSError:
        return
    for sub in subs:
        if not sub.is_dir(follow_symlinks=False):
            continue
        try:
            files = list(os.scandir(sub.path))
        except OSError:
            continue
        for f in files:
            try:
                st = f.stat(follow_symlinks=False)
            except OSError:
                continue
            if f.name.endswith(".part") or f.name.startswith(".tmp-"):
                if now - st.st_mtime > 3600:
                    with contextlib.suppress(OSError):
                        os.unlink(f.path)
                continue
            entries.append((st.st_mtime, st.st_size, f.path))
            total += st.st_size
    if total <= limit:
        return
    entries.sort()
    for _, size, path in entries:
        if total <= limit:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            total -= size
