"""Incremental inspection cache (SQLite, WAL) so a re-check only opens what changed.

Entries are keyed by the file's path relative to the dossier and validated by size, mtime,
ctime and inode. Each set of inspection options (an OCR run, a plain run) keeps its own
entries, so neither serves the other facts it did not read. ctime cannot be set back by a
user, so a file rewritten with the same size and mtime restored is still seen as changed on
Linux and macOS; on Windows ctime is the creation time, so such an in-place rewrite is only
caught by `--no-cache`. The whole cache is dropped when kladoc's version or the cache schema
changes. A corrupt or locked cache is rebuilt or bypassed with a warning, never fatal: the
cache only ever saves time."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from kladoc.datacache import user_cache_dir
from kladoc.inspect.facts import INSPECTION_REVISION, TEXT_CAP, FileFacts
from kladoc.version import __version__

# 2: rows per set of inspection options; 3: a classification column; 4: facts as a JSON
# array in field order, the text apart (a warm run whose classification stands never reads it)
SCHEMA = 4
# the FileFacts fields a row's `facts` array holds, in order: all but the text
_FIELDS = tuple(f.name for f in dataclasses.fields(FileFacts) if f.name != "text")
_TEXT_AT = [f.name for f in dataclasses.fields(FileFacts)].index("text")
_NEW_FACTS: Any = FileFacts  # called with the fields in order, the text put back in place
# Anything that changes what inspect_file records must change this fingerprint.
FINGERPRINT = json.dumps(
    {
        "kladoc": __version__,
        "schema": SCHEMA,
        "text_cap": TEXT_CAP,
        "inspection": INSPECTION_REVISION,
        "fields": _FIELDS,
    }
)
BUSY_TIMEOUT_MS = 5000
_BATCH = 1000  # rows decoded at once
# `class`: the file's classification as a JSON array [key, type, type source, year, year
# source], the key naming what it was made from besides the facts (name, bukti.xlsx row,
# checklist vocabulary, evaluated year); NULL until classified, and again whenever the facts
# are replaced
_CREATE_FACTS = (
    "CREATE TABLE IF NOT EXISTS facts (path TEXT, options TEXT, size INTEGER,"
    " mtime_ns INTEGER, ctime_ns INTEGER, ino INTEGER, facts TEXT, text TEXT, class TEXT,"
    " PRIMARY KEY (path, options))"
)
# a cached classification: (key, type, type source, year, year source)
CachedClass = tuple[str, str | None, str, int | None, str]


def inspection_options(ocr: bool) -> str:
    """The options an inspection's facts depend on (`InspectionCache(options=…)`): facts
    read with and without OCR never mix. The OCR module (and Pillow) only when asked."""
    if not ocr:
        return ""
    from kladoc.ocr import cache_key

    return cache_key(True)


def cache_file_for(root: Path) -> Path:
    """One database per dossier, outside the dossier so `check` writes nothing into it."""
    key = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return user_cache_dir() / f"{key[:24]}.sqlite"


class Stamp(NamedTuple):
    """What must be unchanged for a cached inspection to stand (a tuple: it compares with a
    row's columns as they come)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int

    @classmethod
    def of(cls, st: os.stat_result) -> Stamp:
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


class InspectionCache:
    def __init__(self, path: Path, options: str = "") -> None:
        """`options` names what changes an inspection's result (e.g. the OCR engine)."""
        self.path = path
        self.options = options
        self.warnings: list[tuple[str, dict[str, str]]] = []
        self.conn: sqlite3.Connection | None = None
        # path → the cached classification of each fresh hit of the last lookup
        self.classes: dict[str, CachedClass] = {}
        try:
            self.conn = self._open()
        except sqlite3.DatabaseError as exc:  # corrupt file: start afresh
            self.warnings.append(("cache.rebuilt", {"path": str(path), "detail": str(exc)}))
            self._discard()
            try:
                self.conn = self._open()
            except (sqlite3.Error, OSError) as exc2:
                self._disable(exc2)
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)

    def _disable(self, exc: Exception) -> None:
        self.warnings.append(("cache.disabled", {"path": str(self.path), "detail": str(exc)}))
        self.conn = None

    def _discard(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(str(self.path) + suffix).unlink()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            if row is None or row[0] != FINGERPRINT:
                with conn:
                    conn.execute("BEGIN IMMEDIATE")
                    # the table's shape may have changed with the schema: start it afresh
                    conn.execute("DROP TABLE IF EXISTS facts")
                    conn.execute(_CREATE_FACTS)
                    conn.execute(
                        "INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (FINGERPRINT,)
                    )
            conn.execute(_CREATE_FACTS)
            conn.execute("PRAGMA quick_check(1)").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    def lookup(
        self, items: Sequence[tuple[str, Stamp]], *, text: bool = True
    ) -> list[FileFacts | None]:
        """Cached facts for each (path, stamp), None where missing or stale. Without `text`,
        the facts come without their text (see :meth:`texts`)."""
        out: list[FileFacts | None] = [None] * len(items)
        if self.conn is None or not items:
            return out
        wanted = {path: (i, stamp) for i, (path, stamp) in enumerate(items)}
        columns = "text" if text else "NULL"
        try:
            cursor = self.conn.execute(
                f"SELECT path, size, mtime_ns, ctime_ns, ino, facts, {columns}, class"
                " FROM facts WHERE options = ?",
                (self.options,),
            )
            # a batch at a time: the JSON of thousands of files is never held at once, and
            # each batch's arrays are decoded by one call
            while rows := cursor.fetchmany(_BATCH):
                fresh = []
                for path, size, mtime_ns, ctime_ns, ino, blob, body, klass in rows:
                    hit = wanted.get(path)
                    if hit is not None and hit[1] == (size, mtime_ns, ctime_ns, ino):
                        fresh.append((hit[0], path, blob, body, klass))
                self._take(fresh, out)
        except sqlite3.Error as exc:
            self._disable(exc)
            return [None] * len(items)
        return out

    def _take(
        self, rows: list[tuple[int, str, str, str | None, str | None]], out: list[FileFacts | None]
    ) -> None:
        """Decode (index, path, facts, text, class) rows into `out` and `self.classes`."""
        try:
            facts = json.loads("[" + ",".join(r[2] for r in rows) + "]")
            classes = json.loads("[" + ",".join(r[4] or "null" for r in rows) + "]")
        except (ValueError, TypeError):  # a damaged row: decode one by one, skip the bad
            if len(rows) > 1:
                for row in rows:
                    self._take([row], out)
            return
        for (i, path, _, body, _), values, klass in zip(rows, facts, classes, strict=True):
            if not isinstance(values, list) or len(values) != len(_FIELDS):
                continue
            out[i] = _NEW_FACTS(*values[:_TEXT_AT], body or "", *values[_TEXT_AT:])
            if isinstance(klass, list) and len(klass) == 5:
                self.classes[path] = tuple(klass)

    def texts(self, paths: Iterable[str]) -> dict[str, str]:
        """The cached text of each path that has one (for a file to classify again)."""
        wanted = set(paths)
        if self.conn is None or not wanted:
            return {}
        found: dict[str, str] = {}
        try:
            for path, body in self.conn.execute(
                "SELECT path, text FROM facts WHERE options = ?", (self.options,)
            ):
                if path in wanted and body:
                    found[path] = body
        except sqlite3.Error as exc:
            self._disable(exc)
        return found

    def store(self, items: Iterable[tuple[str, Stamp, FileFacts]]) -> None:
        if self.conn is None:
            return
        rows = [
            (path, self.options, *s, _facts_blob(f), f.text)
            for path, s, f in items
            # a timeout may be load on a shared machine, not the file: try again next run
            if f.status != "timeout"
        ]
        if not rows:  # nothing new: no write, no lock
            return
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.executemany(
                    "INSERT OR REPLACE INTO facts VALUES (?,?,?,?,?,?,?,?,NULL)", rows
                )
        except sqlite3.Error as exc:
            self._disable(exc)

    def store_classes(self, items: Iterable[tuple[str, CachedClass]]) -> None:
        """Record (path, classification) next to facts already stored."""
        if self.conn is None:
            return
        rows = [
            (json.dumps(klass, ensure_ascii=False), path, self.options) for path, klass in items
        ]
        if not rows:
            return
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.executemany(
                    "UPDATE facts SET class = ? WHERE path = ? AND options = ?", rows
                )
        except sqlite3.Error as exc:
            self._disable(exc)

    def prune(self, keep: set[str]) -> None:
        """Forget files that are gone (deleted or renamed)."""
        if self.conn is None:
            return
        try:
            known = {r[0] for r in self.conn.execute("SELECT DISTINCT path FROM facts")}
            gone = [(p,) for p in known - keep]
            if gone:
                with self.conn:
                    self.conn.execute("BEGIN IMMEDIATE")
                    self.conn.executemany("DELETE FROM facts WHERE path = ?", gone)
        except sqlite3.Error as exc:
            self._disable(exc)

    def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.close()
            self.conn = None


def _facts_blob(facts: FileFacts) -> str:
    """A FileFacts as a JSON array of its fields in order, without the text."""
    return json.dumps([getattr(facts, name) for name in _FIELDS], ensure_ascii=False)
