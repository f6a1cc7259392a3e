"""kladoc's own data files (the built-in checklists, the OPD names), parsed once per version.

Parsing the 2024 checklist's YAML took 60 ms of every command, a tenth of a warm check; its
pickle loads in 1-2 ms. The key is the data's bytes and the source of the code that parses
it and defines what it parses into, so a changed model never meets an old pickle. Also where
the user cache folder is (the inspection cache and conversions live there too)."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from kladoc.errors import BuildError
from kladoc.fsutil import atomic_write

_T = TypeVar("_T")


def user_cache_dir() -> Path:
    override = os.environ.get("KLADOC_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "kladoc" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "kladoc"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kladoc"


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while inside: unpickling thousands of objects, the
    collector walks the growing heap again and again (2-3x the time), and none of them is
    garbage yet."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def parsed(
    name: str, data: bytes, parse: Callable[[], _T], kind: type, code: tuple[str, ...]
) -> _T:
    """`parse()`'s result for `data`, from the cache when the same `data` and the same source
    files `code` (module file paths) made it before. `kind` is the type it must have."""
    digest = hashlib.sha256(data)
    digest.update(repr(sys.version_info[:2]).encode())
    for path in code:
        with contextlib.suppress(OSError):
            digest.update(Path(path).read_bytes())
    target = user_cache_dir() / "data" / f"{name}-{digest.hexdigest()[:32]}.pickle"
    try:
        with collector_paused():
            value = pickle.loads(target.read_bytes())
        if isinstance(value, kind):
            return value  # type: ignore[return-value]
    except Exception:  # missing, damaged or foreign: parse instead
        pass
    value = parse()
    # an unwritable cache folder only costs the parse next time
    with contextlib.suppress(OSError, BuildError, pickle.PicklingError):
        atomic_write(target, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
