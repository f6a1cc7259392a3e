"""Inspect scanned files: the pool for isolation and parallelism."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kladoc.inspect.facts import FileFacts
from kladoc.pool import inspect_many
from kladoc.scan import ScannedFile


def inspect_files(
    files: list[ScannedFile],
    *,
    root: Path,
    cache_dir: Path | None,
    jobs: int,
    timeout: float,
    progress: Callable[[int], None] | None = None,
) -> list[FileFacts]:
    return inspect_many([f.path for f in files], jobs=jobs, timeout=timeout, progress=progress)
