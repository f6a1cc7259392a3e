"""Inspect scanned files: answers from the cache where the file is unchanged, the worker
pool (isolation, timeouts, parallelism) for the rest."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kladoc.cache import InspectionCache, Stamp, cache_file_for
from kladoc.inspect.facts import FileFacts
from kladoc.scan import ScannedFile


def _stamp(f: ScannedFile) -> Stamp | None:
    try:
        return Stamp.of(os.stat(f.path))
    except OSError:
        return None


def inspect_many(paths: list[Path], **options: Any) -> list[FileFacts]:
    """:func:`kladoc.pool.inspect_many`, imported only when something is to be inspected:
    a warm run needs neither multiprocessing nor the pool's logging set-up."""
    if not paths:
        return []
    from kladoc.pool import inspect_many as in_pool

    return in_pool(paths, **options)


def inspect_files(
    files: list[ScannedFile],
    *,
    root: Path,
    use_cache: bool,
    jobs: int,
    timeout: float,
    progress: Callable[[int], None] | None = None,
    prune: bool = False,
    warnings: list[tuple[str, dict[str, Any]]] | None = None,
    ocr: bool = False,
) -> list[FileFacts]:
    """Facts for every file, in order. `prune` (full scans only) forgets vanished files.
    `ocr` reads scans without a text layer (the OCR extra); cached apart from plain runs."""
    options = ""
    if ocr:
        from kladoc.ocr import cache_key

        options = cache_key(True)
    cache = InspectionCache(cache_file_for(root), options) if use_cache else None
    try:
        stamps = [_stamp(f) for f in files]
        cached: list[FileFacts | None] = [None] * len(files)
        if cache is not None:
            lookup = [
                (i, (f.rel, s))
                for i, (f, s) in enumerate(zip(files, stamps, strict=True))
                if s is not None
            ]
            for (i, _), hit in zip(lookup, cache.lookup([x for _, x in lookup]), strict=True):
                cached[i] = hit
        todo = [i for i, hit in enumerate(cached) if hit is None]
        if progress and len(todo) < len(files):
            progress(len(files) - len(todo))
        fresh = inspect_many(
            [files[i].path for i in todo],
            jobs=jobs,
            timeout=timeout,
            progress=progress,
            warnings=warnings,
            ocr=ocr,
        )
        for i, facts in zip(todo, fresh, strict=True):
            cached[i] = facts
        if cache is not None:
            cache.store(
                (files[i].rel, stamp, facts)
                for i, facts in zip(todo, fresh, strict=True)
                if (stamp := stamps[i]) is not None
            )
            if prune:
                cache.prune({f.rel for f in files})
            if warnings is not None:
                warnings.extend(cache.warnings)
        return [c for c in cached if c is not None]
    finally:
        if cache is not None:
            cache.close()
