"""Walk a dossier: which files are evidence, which OPD folder holds them, which indicator
their path names, and what an OPD's `bukti.xlsx` manifest says about them.

Pure bookkeeping over the file tree: no file content is read here except manifests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kladoc.codes import CodeMatch, CodeParser, LocalCode, QuestionMatch
from kladoc.config import DEFAULT_OUTPUT, OUTPUT_MANIFEST
from kladoc.errors import short_error
from kladoc.manifest import MANIFEST_NAMES, ManifestEntry, read_manifest
from kladoc.models import Finding
from kladoc.opd import Opd, OpdRegistry
from kladoc.rules import make_finding

# jawaban.xlsx: the answer workbooks (kladoc.answers), never evidence
SKIP_NAMES = {
    "thumbs.db",
    "desktop.ini",
    ".ds_store",
    "kladoc.toml",
    "panduan.txt",
    "jawaban.xlsx",
}
NARRATIVE_NAMES = {"narasi.md", "narasi.txt"}
# whether a directory entry's stat is the file's own (POSIX; Windows leaves out the inode)
KEEP_STAT = os.name != "nt"
# Evidence-looking suffixes: such a file outside any OPD folder is worth a finding
EVIDENCE_SUFFIXES = {
    ".pdf",
    ".jpg",
    ".jpeg",
    ".png",
    ".tif",
    ".tiff",
    ".docx",
    ".docm",
    ".xlsx",
    ".xlsm",
    ".doc",
    ".xls",
}


@dataclass
class ScannedFile:
    rel: str  # "/"-separated, relative to the dossier root
    fspath: str  # the file's path as the walk found it (see `path`)
    opd_folder: str
    opd: str | None
    indicator: str | None
    indicator_source: str
    size: int
    mtime: float
    manifest: ManifestEntry | None = None
    question: str | None = None
    question_source: str = ""  # "manifest" | "name" | "folder" | ""
    # the walk's stat of the file (POSIX: the same call os.stat makes; on Windows a directory
    # entry's stat has no inode number, so there the inspection cache stats the file itself)
    stat: os.stat_result | None = field(default=None, repr=False, compare=False)

    @property
    def path(self) -> Path:
        """The file's path (built on demand: a warm check of thousands of files needs few)."""
        return Path(self.fspath)


@dataclass
class ScanResult:
    files: list[ScannedFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    opd_folders: dict[str, str | None] = field(default_factory=dict)  # folder → OPD id
    narratives: dict[str, list[str]] = field(default_factory=dict)  # indicator → rel paths


def is_skipped(name: str) -> bool:
    """Files a person never meant as evidence: hidden, Office lock files, OS clutter."""
    low = name.lower()
    return name.startswith((".", "~$")) or low in SKIP_NAMES


def is_output_folder(folder: Path) -> bool:
    """kladoc's own output (`_kladoc`, or any folder a build wrote) is never evidence."""
    return folder.name == DEFAULT_OUTPUT or (folder / OUTPUT_MANIFEST).is_file()


class _Walker:
    def __init__(self, root: Path, exclude: set[Path]) -> None:
        self.root = root.resolve()
        self.exclude = exclude
        self.findings: list[Finding] = []
        self._exclude_str = {str(p) for p in exclude}
        self._seen_dirs: set[str] = set()

    def follow_link(self, path: Path, rel: PurePosixPath) -> bool:
        """A symbolic link is followed only to a target inside the dossier; a broken or
        looping link, or one leaving the dossier, becomes a finding instead."""
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            self.findings.append(make_finding("broken-link", path=str(rel)))
            return False
        if not target.is_relative_to(self.root):
            self.findings.append(make_finding("link-outside", path=str(rel), target=str(target)))
            return False
        return not any(target.is_relative_to(ex) for ex in self.exclude)

    def walk(
        self, folder: Path, rel: tuple[str, ...], real: str | None = None
    ) -> Iterator[tuple[str, tuple[str, ...], os.stat_result]]:
        """Yield (path, rel parts, stat) of regular files below `folder`, sorted for stable
        output. `real` is the folder's resolved path when the caller knows it: a folder
        reached without a link resolves to its parent's real path plus its name, so only
        links cost a `resolve`."""
        if real is None:
            try:
                real = str(folder.resolve())
            except (OSError, RuntimeError):
                return
        if real in self._seen_dirs:
            return
        self._seen_dirs.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.findings.append(
                make_finding("unreadable", path="/".join(rel) or ".", detail=short_error(exc))
            )
            return
        for entry in entries:
            if is_skipped(entry.name):
                continue
            entry_rel = (*rel, _safe_name(entry.name))
            entry_path: Path | None = None
            try:
                link = entry.is_symlink()
                if link:
                    entry_path = Path(entry.path)
                    if not self.follow_link(entry_path, PurePosixPath(*entry_rel)):
                        continue
                if entry.is_dir(follow_symlinks=True):
                    entry_path = entry_path or Path(entry.path)
                    entry_real = (
                        str(entry_path.resolve()) if link else os.path.join(real, entry.name)
                    )
                    if entry_real in self._exclude_str or is_output_folder(entry_path):
                        continue
                    yield from self.walk(entry_path, entry_rel, entry_real)
                elif entry.is_file(follow_symlinks=True):
                    st = entry.stat(follow_symlinks=True)
                    yield entry.path, entry_rel, st
            except OSError as exc:
                self.findings.append(
                    make_finding("unreadable", path="/".join(entry_rel), detail=short_error(exc))
                )


def _folder_name(folder: Path) -> str:
    return folder.name or folder.resolve().name


def _safe_name(name: str) -> str:
    # names with bytes that are not valid UTF-8 arrive as surrogate escapes; keep them printable
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass(frozen=True)
class Location:
    """Where a path points: an indicator code and perhaps a question, and the index into
    the path parts each was read from."""

    indicator: CodeMatch | None = None
    indicator_idx: int = -1
    question: QuestionMatch | None = None
    question_idx: int = -1


def locate(parts: tuple[str, ...], parser: CodeParser) -> Location:
    """Read the nearest code, file name first, then its folders (nearest first).

    A full question code ("1.2a", "I1-P2a") names both indicator and question. A question
    number without indicator ("P2a", or a bare "2a") counts once a folder above names the
    indicator; a bare number that is no question there is read as before, as a code."""
    pending: tuple[LocalCode, int] | None = None
    fallback: tuple[CodeMatch, int] | None = None  # a bare number's own reading as a code
    last = len(parts) - 1
    for idx in range(last, -1, -1):
        name = parts[idx]
        if idx == last:
            name = _stem(name) or name
        question = parser.parse_question(name)
        if question is not None:
            if pending is not None and pending[0].prefixed:
                # "1.2a Perda/P2b foto.jpg": the nearer local number names the question
                nearer = parser.resolve_local(question.indicator or "", pending[0])
                if nearer is not None:
                    return Location(_indicator_of(question), idx, nearer, pending[1])
            return Location(_indicator_of(question), idx, question, idx)
        local = parser.parse_local(name)
        code = parser.parse(name)
        if local is not None and pending is None:
            pending = (local, idx)
            if not local.prefixed and code is not None:
                fallback = (code, idx)
            if local.prefixed or code is not None:
                continue
        if code is None:
            continue
        if pending is not None and code.kind == "ok" and code.indicator:
            found = parser.resolve_local(code.indicator, pending[0])
            if found is not None:
                return Location(code, idx, found, pending[1])
        if fallback is not None:
            return Location(fallback[0], fallback[1])
        return Location(code, idx)
    if fallback is not None:
        return Location(fallback[0], fallback[1])
    return Location()


def _stem(name: str) -> str:
    """`PurePosixPath(name).stem` of one path component, without building a path."""
    i = name.rfind(".")
    return name[:i] if 0 < i < len(name) - 1 else name


def _indicator_of(question: QuestionMatch) -> CodeMatch:
    if question.indicator is not None:
        return CodeMatch("ok", question.indicator, question.indicator)
    return CodeMatch("unknown", question.raw.split(".", 1)[0])


def nearest_code(parts: tuple[str, ...], parser: CodeParser) -> tuple[CodeMatch | None, int]:
    """The code of the path component nearest the file (file name first, then its folders).
    Returns (match, index into parts) or (None, -1)."""
    for idx in range(len(parts) - 1, -1, -1):
        name = parts[idx]
        if idx == len(parts) - 1:
            name = _stem(name) or name
        match = parser.parse(name)
        if match is not None:
            return match, idx
    return None, -1


def scan_dossier(
    root: Path,
    *,
    registry: OpdRegistry,
    parser: CodeParser,
    exclude: set[Path],
    only_opd: Opd | None = None,
    single_opd_folder: bool = False,
    evidence_types: set[str] | None = None,
) -> ScanResult:
    """Walk `root`. With `single_opd_folder`, `root` itself is `only_opd`'s folder (a focal
    point's copy); otherwise each top-level folder is an OPD."""
    result = ScanResult()
    walker = _Walker(root, {p.resolve() for p in exclude})
    if single_opd_folder:
        assert only_opd is not None
        # `kladoc check --opd X` run inside the folder: Path(".").name is "", the real name counts
        top: list[tuple[Path, str, str | None]] = [(root, _folder_name(root), only_opd.id)]
    else:
        top = []
        for path, rel, _st in _top_level(walker, root):
            name = rel.parts[0]
            if path.is_dir():
                found = registry.lookup(name)
                opd = found.opd if found else None
                result.opd_folders[name] = opd.id if opd else None
                if only_opd is not None and (opd is None or opd.id != only_opd.id):
                    continue
                if opd is None:
                    result.findings.append(make_finding("unknown-opd", path=name, folder=name))
                elif found is not None and found.guessed:
                    result.findings.append(
                        make_finding(
                            "opd-guessed", path=name, opd=opd.id, folder=name, name=opd.name
                        )
                    )
                top.append((path, name, opd.id if opd else None))
            elif only_opd is None and path.suffix.lower() in EVIDENCE_SUFFIXES:
                result.findings.append(
                    make_finding("unmapped-file", path=str(rel), detail_key="scan.outside_opd")
                )
    if single_opd_folder:
        result.opd_folders[_folder_name(root)] = only_opd.id if only_opd else None

    for folder, folder_name, opd_id in top:
        manifest: dict[str, ManifestEntry] = {}
        manifest_file = next((folder / n for n in MANIFEST_NAMES if (folder / n).is_file()), None)
        if manifest_file is not None:
            manifest, problems = read_manifest(
                manifest_file,
                folder,
                f"{folder_name}/{manifest_file.name}",
                parser,
                evidence_types or set(),
                opd_id,
            )
            result.findings.extend(problems)
        seen_manifest: set[str] = set()
        for fspath, parts, st in walker.walk(folder, (folder_name,)):
            if manifest_file is not None and len(parts) == 2 and Path(fspath) == manifest_file:
                continue
            rel_str = "/".join(parts)
            if parts[-1].lower() in NARRATIVE_NAMES:
                match, _ = nearest_code(parts[1:-1] or ("",), parser)
                if match is not None and match.indicator:
                    result.narratives.setdefault(match.indicator, []).append(rel_str)
                continue
            entry = None
            if manifest:
                key = _key("/".join(parts[1:]))
                entry = manifest.get(key)
                if entry is not None:
                    seen_manifest.add(key)
            scanned = ScannedFile(
                rel_str, fspath, folder_name, opd_id, None, "", st.st_size, st.st_mtime, entry
            )
            if KEEP_STAT:
                scanned.stat = st
            _assign(scanned, entry, parts, rel_str, parser, opd_id, result.findings)
            result.files.append(scanned)
        for key, entry in manifest.items():
            if key not in seen_manifest:
                result.findings.append(
                    make_finding(
                        "manifest-error",
                        path=entry.manifest_rel,
                        opd=opd_id,
                        detail_key="manifest.missing_file",
                        row=entry.row,
                        file=entry.file,
                    )
                )
    result.findings.extend(walker.findings)
    return result


def _assign(
    scanned: ScannedFile,
    entry: ManifestEntry | None,
    parts: tuple[str, ...],
    rel: str,
    parser: CodeParser,
    opd_id: str | None,
    findings: list[Finding],
) -> None:
    """Set the file's indicator and question: from its bukti.xlsx row, else its own name, else
    its folders. A code that names nothing is a finding, never a guess."""
    if entry is not None and (entry.indicator or entry.question):
        scanned.indicator, scanned.indicator_source = entry.indicator, "manifest"
        if entry.question:
            scanned.question, scanned.question_source = entry.question, "manifest"
            return
    where = locate(parts[1:], parser)
    name_idx = len(parts) - 2

    def source(idx: int) -> str:
        return "name" if idx == name_idx else "folder"

    q = where.question
    if (
        q is not None
        and scanned.indicator_source == "manifest"
        and q.indicator != scanned.indicator
    ):
        q = None  # bukti.xlsx names another indicator: its row wins over the name
    if q is not None:
        if q.kind == "ok":
            scanned.question, scanned.question_source = q.question, source(where.question_idx)
        elif scanned.question is None:
            findings.append(
                make_finding(
                    "unknown-question",
                    path=str(rel),
                    opd=opd_id,
                    indicator=q.indicator,
                    code=q.raw,
                    at="",
                )
            )
    if scanned.indicator_source == "manifest":
        return
    match = where.indicator
    if match is None:
        findings.append(
            make_finding("unmapped-file", path=str(rel), opd=opd_id, detail_key="scan.no_code")
        )
    elif match.kind == "ok":
        scanned.indicator = match.indicator
        scanned.indicator_source = source(where.indicator_idx)
    elif q is not None:
        pass  # "99.1 …": already reported as an unknown question
    elif match.kind == "unknown":
        findings.append(
            make_finding("unknown-indicator", path=str(rel), opd=opd_id, code=match.raw)
        )
    else:
        findings.append(
            make_finding(
                "ambiguous-indicator",
                path=str(rel),
                opd=opd_id,
                code=match.raw,
                candidates=", ".join(match.candidates),
            )
        )


def _key(rel: str) -> str:
    return rel.replace("\\", "/").strip("/").casefold()


def _top_level(walker: _Walker, root: Path) -> Iterator[tuple[Path, PurePosixPath, None]]:
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        from kladoc.errors import UsageError

        raise UsageError("scan.root_unreadable", path=str(root), detail=str(exc)) from exc
    for entry in entries:
        if is_skipped(entry.name):
            continue
        path = Path(entry.path)
        rel = PurePosixPath(_safe_name(entry.name))
        if entry.is_symlink() and not walker.follow_link(path, rel):
            continue
        try:
            if path.resolve() in walker.exclude or (path.is_dir() and is_output_folder(path)):
                continue
        except (OSError, RuntimeError):
            continue
        yield path, rel, None
