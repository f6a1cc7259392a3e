"""What every dossier build shares around its content: the output folder (allowed?
writable? a private work folder inside it), the report of what was written, and the
short error text a warning quotes. Plain Python: no PDF or Word library is loaded."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kladoc.config import OUTPUT_MANIFEST
from kladoc.errors import BuildError, UsageError
from kladoc.errors import short_error as short_error  # the builders' import path
from kladoc.fsutil import atomic_write
from kladoc.i18n import t
from kladoc.scope import match_cluster

if TYPE_CHECKING:
    from kladoc.config import Config
    from kladoc.models import CheckResult
    from kladoc.opd import OpdRegistry


@dataclass(frozen=True)
class LeftOut:
    """A file of the dossier folder that this dossier does not show."""

    path: str
    reason: str  # "unmapped" | "unusable" | "stale-year" (evaluate.LEFT_OUT_REASONS)
    message: str  # the finding that says why, without the path

    @property
    def reason_text(self) -> str:
        return t(f"build.left_out.{self.reason}")


@dataclass
class OutputFile:
    path: Path
    cluster: str
    title: str
    volume: int
    volumes: int
    pages: int
    size: int
    documents: int


@dataclass
class BuildReport:
    out_dir: Path
    files: list[OutputFile] = field(default_factory=list)
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    errors: list[BuildError] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    # evidence path → pages it fills in the PDF dossier (known once the PDFs are built)
    evidence_pages: dict[str, int] = field(default_factory=dict)
    # files of the dossier folder this dossier does not show, and why
    excluded: list[LeftOut] = field(default_factory=list)
    # outputs someone changed since kladoc wrote them: (kept as, the name it had)
    kept: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_output_dir(out_dir: Path, config: Config, registry: OpdRegistry) -> None:
    """Outputs inside the dossier would be read back as evidence by the next check,
    except in the configured output folder, which the scan skips."""
    root = config.root.resolve()
    out = Path(out_dir).resolve()
    if not out.is_relative_to(root):
        return
    rel = out.relative_to(root)
    top = rel.parts[0] if rel.parts else ""
    default = config.output_dir
    if top and registry.match(top) is not None:
        raise UsageError("build.output_in_opd", path=str(out_dir), folder=top, default=str(default))
    if not out.is_relative_to(default.resolve()):
        raise UsageError("build.output_in_dossier", path=str(out_dir), default=str(default))


def start_build(
    result: CheckResult,
    out_dir: Path,
    cluster: str | None,
    prefix: str,
    outputs: OutputSet | None = None,
) -> tuple[list[str], Path]:
    """What a PDF and a Word build share before any work: the output folder is allowed,
    which clusters to build, and a private work folder inside the staging folder of
    `outputs` (else the output folder): same filesystem, so finished files are renamed
    into place, never copied, and whatever an interrupted build leaves there goes with
    the staging folder."""
    check_output_dir(out_dir, result.config, result.registry)
    wanted = cluster or result.scope.cluster
    cluster_ids = (
        [match_cluster(result.checklist, wanted)]
        if wanted
        else [c.id for c in result.checklist.clusters]
    )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        parent = outputs.root if outputs is not None else out_dir
        work = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    except OSError as exc:
        raise BuildError("output.unwritable", path=str(out_dir), detail=short_error(exc)) from exc
    return cluster_ids, work


def open_build(
    result: CheckResult,
    out_dir: Path,
    cluster: str | None,
    prefix: str,
    outputs: OutputSet | None,
) -> tuple[OutputSet, bool, list[str], Path]:
    """`start_build` inside a staging set: the caller's `outputs` (a `--format both` build
    shares one), else a set of its own (`own` is True: the caller commits or discards it)."""
    check_output_dir(out_dir, result.config, result.registry)
    own = outputs is None
    staging = outputs if outputs is not None else OutputSet(out_dir)
    try:
        cluster_ids, work = start_build(result, out_dir, cluster, prefix, staging)
    except BaseException:
        if own:
            staging.discard()
        raise
    return staging, own, cluster_ids, work


# -- the set of output files: staged, then swapped in all at once ------------------------

MANIFEST_VERSION = 1


def file_digest(path: Path) -> tuple[str, int]:
    """(sha256 hex, size) of a file, read in blocks."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1024 * 1024), b""):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def read_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    """What kladoc wrote into `out_dir` last time: file name → {"sha256", "size"}.
    A missing or unreadable manifest is an empty one (every existing file then counts
    as someone's own: kept, never overwritten)."""
    try:
        data = json.loads((out_dir / OUTPUT_MANIFEST).read_text(encoding="utf-8"))
        files = data.get("files", {})
        return {
            str(k): v
            for k, v in files.items()
            if isinstance(v, dict) and isinstance(v.get("sha256"), str)
        }
    except (OSError, ValueError, AttributeError):
        return {}


def kept_name(path: Path, taken: set[str]) -> Path:
    """'Kelembagaan.docx' → 'Kelembagaan (disunting 2025-06-12 1403).docx': the edited
    file's modification time (local), Windows-legal, not a name already in use."""
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H%M")
    base = f"{path.stem} ({t('build.kept.edited')} {stamp}"
    n = 1
    while True:
        name = f"{base}){path.suffix}" if n == 1 else f"{base}-{n}){path.suffix}"
        if name.casefold() not in taken and not (path.parent / name).exists():
            return path.parent / name
        n += 1


class OutputSet:
    """The output files of one `kladoc build`, replaced all at once or not at all.

    Builders write finished files into a staging folder inside the output folder
    (`staged(name)`); `commit` then moves every previous file aside, moves the new ones
    in, records them in the manifest (`OUTPUT_MANIFEST`: sha256 and size per file) and
    only then deletes the old ones. Any failure, Ctrl+C included, rolls back: the
    previous files are all back. A previous output someone changed since kladoc wrote
    it (or a file of the same name kladoc never wrote) is never deleted: it is kept
    under a dated name (`kept_name`), unless it is byte-identical to the new one."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self.root = Path(tempfile.mkdtemp(prefix=".kladoc-staging-", dir=self.out_dir))
        except OSError as exc:
            raise BuildError(
                "output.unwritable", path=str(out_dir), detail=exc.strerror or str(exc)
            ) from exc
        self.new = self.root / "new"
        self.old = self.root / "old"
        self.new.mkdir()
        self.old.mkdir()
        self.names: list[str] = []
        self.stale: list[str] = []
        self.digests: dict[str, tuple[str, int]] = {}

    def staged(self, name: str) -> Path:
        """Where a finished output named `name` is written before the swap."""
        if name not in self.names:
            self.names.append(name)
        return self.new / name

    def retire(self, name: str) -> None:
        """A previous output of ours no longer produced (a volume fewer): removed on
        commit, or kept under a dated name if someone changed it."""
        if name not in self.stale:
            self.stale.append(name)

    def digested(self, name: str, digest: tuple[str, int]) -> None:
        """`file_digest` of the staged file `name`, taken by its writer (in its own
        process, while the file is still in the page cache), so commit need not read it."""
        self.digests[name] = digest

    def _digest(self, name: str) -> tuple[str, int]:
        known = self.digests.get(name)
        path = self.new / name
        if known is not None and known[1] == path.stat().st_size:
            return known
        return file_digest(path)

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def commit(self, report: BuildReport) -> None:
        """Swap the staged files in; fills `report.kept` and `report.removed`."""
        names = [n for n in self.names if (self.new / n).is_file()]
        stale = [n for n in self.stale if n not in names and (self.out_dir / n).is_file()]
        if not names and not stale:
            return
        manifest = read_manifest(self.out_dir)
        digests = {n: self._digest(n) for n in names}
        taken = {p.name.casefold() for p in self.out_dir.iterdir()}
        aside: list[str] = []  # previous files moved into old/
        kept: list[tuple[Path, Path]] = []  # (dated name, original) renamed in place
        placed: list[str] = []  # new files moved in
        try:
            for name in names + stale:
                current = self.out_dir / name
                if not current.is_file():
                    continue
                if self._ours(current, manifest.get(name), digests.get(name)):
                    os.replace(current, self.old / name)
                    aside.append(name)
                else:
                    dated = kept_name(current, taken)
                    taken.add(dated.name.casefold())
                    os.replace(current, dated)
                    kept.append((dated, current))
            for name in names:
                os.replace(self.new / name, self.out_dir / name)
                placed.append(name)
            for dated, _ in kept:
                manifest.pop(dated.name, None)
            for name in stale:
                manifest.pop(name, None)
            for name in names:
                sha, size = digests[name]
                manifest[name] = {"sha256": sha, "size": size}
            atomic_write(
                self.out_dir / OUTPUT_MANIFEST,
                json.dumps(
                    {"version": MANIFEST_VERSION, "files": dict(sorted(manifest.items()))},
                    ensure_ascii=False,
                    indent=1,
                ),
            )
        except BaseException as exc:
            self._roll_back(placed, aside, kept)
            if isinstance(exc, OSError):
                raise BuildError(
                    "output.unwritable", path=str(self.out_dir), detail=exc.strerror or str(exc)
                ) from exc
            raise
        report.kept.extend((dated, original.name) for dated, original in kept)
        report.removed.extend(self.out_dir / n for n in stale if n in aside)
        shutil.rmtree(self.old, ignore_errors=True)

    @staticmethod
    def _ours(current: Path, entry: dict[str, Any] | None, new: tuple[str, int] | None) -> bool:
        """May `current` be replaced? Only what kladoc wrote and nobody changed since, or
        exactly what is about to be written."""
        sha, size = file_digest(current)
        if entry is not None and entry.get("sha256") == sha and entry.get("size") == size:
            return True
        return new is not None and new == (sha, size)

    def _roll_back(
        self, placed: list[str], aside: list[str], kept: list[tuple[Path, Path]]
    ) -> None:
        for name in reversed(placed):
            with contextlib.suppress(OSError):
                os.replace(self.out_dir / name, self.new / name)
        for name in reversed(aside):
            with contextlib.suppress(OSError):
                os.replace(self.old / name, self.out_dir / name)
        for dated, original in reversed(kept):
            with contextlib.suppress(OSError):
                os.replace(dated, original)
