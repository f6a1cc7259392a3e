"""Inspect scanned files: answers from the cache where the file is unchanged, the worker
pool (isolation, timeouts, parallelism) for the rest.

The cache also keeps each file's classification (type, year and their sources) next to its
facts, under a key naming everything else it was derived from (the file's path, its
bukti.xlsx row, the checklist's vocabulary, the evaluated year): a warm run classifies
only what changed."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kladoc.cache import CachedClass, InspectionCache, Stamp, cache_file_for, inspection_options
from kladoc.inspect.facts import FileFacts
from kladoc.scan import ScannedFile

# (type, type_source, year, year_source)
Classes = tuple[str | None, str, int | None, str]
Classifier = Callable[[ScannedFile, FileFacts], Classes]


def _stamp(f: ScannedFile) -> Stamp | None:
    if f.stat is not None:  # the scan's own stat of the file
        return Stamp.of(f.stat)
    try:
        return Stamp.of(os.stat(f.fspath))
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
    facts, _ = inspect_and_classify(
        files,
        root=root,
        use_cache=use_cache,
        jobs=jobs,
        timeout=timeout,
        progress=progress,
        prune=prune,
        warnings=warnings,
        ocr=ocr,
    )
    return facts


def inspect_and_classify(
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
    classify: Classifier | None = None,
    class_key: Callable[[ScannedFile], str] | None = None,
) -> tuple[list[FileFacts], list[Classes]]:
    """Facts for every file, in order, and with `classify` each file's classification: from
    the cache where its facts and `class_key` are unchanged, else `classify(file, facts)`.
    `ocr` reads scans without a text layer (the OCR extra); cached apart from plain runs."""
    options = inspection_options(ocr)
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
            # with a classifier, the text is read back only for the files it must classify
            hits = cache.lookup([x for _, x in lookup], text=classify is None)
            for (i, _), hit in zip(lookup, hits, strict=True):
                cached[i] = hit
        todo = [i for i, hit in enumerate(cached) if hit is None]
        if progress and len(todo) < len(files):
            progress(len(files) - len(todo))
        # fresh files are classified once the pool is done, not as each answer comes in: in
        # bursts between the workers' answers the main process's per-file work cost about four
        # times its CPU (cold caches, a worker preempted each time), and it took that CPU from
        # the workers anyway whenever they are as many as the cores
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
        out = [c for c in cached if c is not None]
        classes: list[Classes] = []
        if classify is not None:
            classes = _classify(files, out, set(todo), classify, class_key, cache)
        if cache is not None and warnings is not None:
            warnings.extend(cache.warnings)
        return out, classes
    finally:
        if cache is not None:
            cache.close()


def _classify(
    files: list[ScannedFile],
    facts: list[FileFacts],
    fresh: set[int],
    classify: Classifier,
    class_key: Callable[[ScannedFile], str] | None,
    cache: InspectionCache | None,
) -> list[Classes]:
    known = cache.classes if cache is not None and class_key is not None else {}
    out: list[Classes | None] = []
    todo: list[tuple[int, str]] = []
    for i, f in enumerate(files):
        key = class_key(f) if class_key is not None else ""
        hit = known.get(f.rel) if i not in fresh else None
        if hit is not None and hit[0] == key:
            out.append(hit[1:])
            continue
        out.append(None)
        todo.append((i, key))
    if cache is not None:  # cached facts came without their text: classification reads it
        texts = cache.texts(files[i].rel for i, _ in todo if i not in fresh)
        for i, _ in todo:
            if i not in fresh:
                facts[i].text = texts.get(files[i].rel, "")
    new: list[tuple[str, CachedClass]] = []
    for i, key in todo:
        found = classify(files[i], facts[i])
        out[i] = found
        if class_key is not None:
            new.append((files[i].rel, (key, *found)))
    if cache is not None and class_key is not None:
        cache.store_classes(new)
    return [c for c in out if c is not None]
