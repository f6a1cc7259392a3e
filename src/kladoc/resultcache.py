"""The last check's whole result, kept for a dossier in which nothing has changed since.

A warm check otherwise still classifies, evaluates and scopes every file again (about half
a second at 5,000 files) to reach the result it reached last time. The result is stored
under a key made of everything it was computed from:

- every entry of the dossier's tree (name, size, mtime, ctime, inode; folders too, and the
  files the scan skips, such as Excel's `~$` lock files), kladoc's output folders excepted,
  the same way the scan leaves them out;
- the settings (kladoc.toml and the command-line overrides, as the resulting `Config`), the
  evaluation year, the checklist (built-in id, or the file's bytes), the scope asked for,
  the language of the messages, today's date, whether LibreOffice is installed, the OCR
  engine when OCR is on, and kladoc's version and cache fingerprint.

Any difference is a miss and the check runs as usual. A result that met a time-out, or that
came with a warning of its own (a damaged cache, a failed worker) is not kept: the next run
must try again. The settings, checklist and OPD names are not stored with it: the loaded
result takes the ones the current run prepared, which the key has shown to be the same.

Like the inspection cache (kladoc.cache), this trusts the file system's stamps; `--no-cache`
bypasses both."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from kladoc import cache
from kladoc.checklist import Checklist
from kladoc.checklist.loader import checklist_file
from kladoc.config import Config
from kladoc.datacache import collector_paused
from kladoc.errors import BuildError
from kladoc.fsutil import atomic_write
from kladoc.i18n import get_language
from kladoc.models import CheckResult, FileStatus
from kladoc.opd import OpdRegistry
from kladoc.scan import is_output_folder
from kladoc.soffice import find_soffice

SCHEMA = 1
_MAGIC = b"kladoc-result\n"


class Environment(Protocol):
    """What `kladoc.check.Environment` holds (it imports this module, not the reverse)."""

    config: Config
    checklist: Checklist
    registry: OpdRegistry
    year: int
    warnings: list[tuple[str, dict[str, Any]]]


def result_key(
    env: Environment,
    root: Path,
    *,
    scope: dict[str, str | None],
    today: dt.date,
    ocr_options: str,
) -> str | None:
    """The key of a check of `root` now, or None when the tree cannot be read whole."""
    tree = tree_digest(root, {env.config.output_dir})
    if tree is None:
        return None
    path = checklist_file(env.config.checklist, env.config.checklist_base)
    if path is None:
        checklist_id = f"builtin:{env.config.checklist}"
    else:
        try:
            checklist_id = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
    parts = {
        "schema": SCHEMA,
        "fingerprint": cache.FINGERPRINT,
        "python": sys.version_info[:2],
        "config": dataclasses.asdict(env.config),
        "year": env.year,
        "checklist": checklist_id,
        "scope": scope,
        "language": get_language(),
        "today": today.isoformat(),
        "libreoffice": find_soffice() is not None,
        "ocr": ocr_options,
        "root": str(root.resolve()),
        "tree": tree,
    }
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def tree_digest(root: Path, exclude: set[Path]) -> str | None:
    """A digest of every entry below `root` and its stamp, or None if a folder cannot be
    listed (the scan reports that as a finding; such a result is not worth keeping)."""
    digest = hashlib.sha256()
    skip = {str(p) for p in exclude}
    try:
        for line in _entries(str(root), "", skip):
            digest.update(line.encode("utf-8", "surrogateescape"))
    except OSError:
        return None
    return digest.hexdigest()


def _entries(folder: str, rel: str, skip: set[str]) -> Iterator[str]:
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        name = f"{rel}/{entry.name}"
        try:
            st = entry.stat()  # a link's target: that is what the scan reads
        except OSError:
            st = entry.stat(follow_symlinks=False)  # a broken link
        if entry.is_dir() and not entry.is_symlink():
            if entry.path in skip or is_output_folder(Path(entry.path)):
                # kladoc's own output: its name only, or every build would be a change
                yield f"{name}\0output\n"
                continue
            # a linked folder inside the dossier is listed where it really is
            yield f"{name}\0{st.st_mode}\n"
            yield from _entries(entry.path, name, skip)
            continue
        stamp = (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        yield f"{name}\0{stamp}\n"


def result_file(root: Path, scope: dict[str, str | None]) -> Path:
    """One kept result per dossier and scope, next to the dossier's inspection cache."""
    tag = hashlib.sha256(json.dumps(scope, sort_keys=True).encode()).hexdigest()[:8]
    base = cache.cache_file_for(root)
    return base.with_name(f"{base.stem}-{tag}.result")


def keepable(result: CheckResult, env_warnings: int) -> bool:
    """A result worth keeping: no file timed out and the run added no warning of its own."""
    if len(result.warnings) != env_warnings:
        return False
    return all(ev.facts.status != FileStatus.TIMEOUT for ev in result.evidence)


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, shared: dict[int, str]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj: Any) -> str | None:
        return self.shared.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, shared: dict[str, Any]) -> None:
        super().__init__(file)
        self.shared = shared

    def persistent_load(self, pid: Any) -> Any:
        try:
            return self.shared[pid]
        except (KeyError, TypeError):
            raise pickle.UnpicklingError(f"unknown shared object {pid!r}") from None


def _shared(env: Environment) -> dict[str, Any]:
    return {"config": env.config, "checklist": env.checklist, "registry": env.registry}


def store(path: Path, key: str, result: CheckResult, env: Environment) -> None:
    """Keep `result` under `key`; a cache that cannot be written only costs time."""
    shared = {id(obj): name for name, obj in _shared(env).items()}
    buf = io.BytesIO()
    buf.write(_MAGIC + key.encode("ascii") + b"\n")
    try:
        _Pickler(buf, shared).dump(result)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, buf.getvalue())
    except (OSError, BuildError, pickle.PicklingError, TypeError, AttributeError):
        with contextlib.suppress(OSError):
            path.unlink()
        return
    for old in path.parent.glob(f"{path.stem}.*"):
        if old != path:  # renderings of the result this one replaces
            with contextlib.suppress(OSError):
                old.unlink()
    result.kept = (path, key)


def load(path: Path, key: str, env: Environment) -> CheckResult | None:
    """The result kept under `key`, with the current run's settings, checklist and OPD
    names in it; None when there is none, it has another key, or it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = _MAGIC + key.encode("ascii") + b"\n"
    if not data.startswith(head):
        return None
    try:
        with collector_paused():
            result = _Unpickler(io.BytesIO(data[len(head) :]), _shared(env)).load()
    except Exception:  # a damaged or foreign file is a miss, never an error
        return None
    if not isinstance(result, CheckResult):
        return None
    result.warnings = list(env.warnings)
    result.kept = (path, key)
    return result


def _rendering_head(result: CheckResult) -> tuple[Path, bytes] | None:
    if result.kept is None:
        return None
    path, key = result.kept
    return path, _MAGIC + f"{key} {get_language()}\n".encode("ascii")


def rendering(result: CheckResult, name: str) -> str | None:
    """A rendering (`name`: "json", …) kept with the result, in the current language."""
    head = _rendering_head(result)
    if head is None:
        return None
    try:
        data = head[0].with_suffix(f".{name}").read_bytes()
    except OSError:
        return None
    if not data.startswith(head[1]):
        return None
    try:
        return data[len(head[1]) :].decode("utf-8")
    except UnicodeDecodeError:
        return None


def keep_rendering(result: CheckResult, name: str, text: str) -> None:
    """Keep a rendering of a kept result: an unchanged dossier's report is not made again."""
    head = _rendering_head(result)
    if head is None:
        return
    with contextlib.suppress(OSError, BuildError, UnicodeEncodeError):
        atomic_write(head[0].with_suffix(f".{name}"), head[1] + text.encode("utf-8"))
