"""`bukti.xlsx`: an OPD's own list of its files with indicator, question, type, year and note.

Columns (header row, any order, Indonesian or English, case-insensitive):
  berkas|file · indikator|indicator · pertanyaan|question · jenis|type|evidence type ·
  tahun|year · catatan|note
`pertanyaan` takes a full code ("1.2a", "I1-P2a") or, with `indikator`, the number ("2a").
A question code naming no question is an `unknown-question` finding; the row still applies.
`berkas` is relative to the OPD folder. A row that points outside the folder, names a missing
file or carries an unknown code, type or year is a `manifest-error`, never silently applied."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from kladoc.codes import CodeParser
from kladoc.i18n import t
from kladoc.models import Finding
from kladoc.rules import make_finding

MANIFEST_NAMES = ("bukti.xlsx", "Bukti.xlsx", "BUKTI.xlsx")
COLUMNS = {
    "file": ("berkas", "file", "nama berkas", "nama file", "path"),
    "indicator": ("indikator", "indicator", "kode indikator"),
    "question": ("pertanyaan", "question", "kode pertanyaan", "no pertanyaan"),
    "type": ("jenis", "type", "evidence type", "jenis bukti"),
    "year": ("tahun", "year"),
    "note": ("catatan", "note", "keterangan"),
}
MAX_ROWS = 20_000  # a manifest is typed by hand; more rows means a wrong file


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    row: int
    manifest_rel: str
    indicator: str | None = None
    type: str | None = None
    year: int | None = None
    note: str = ""
    question: str | None = None


def _header_map(header: tuple[Any, ...]) -> dict[str, int]:
    names = [re.sub(r"\s+", " ", str(h or "").strip().lower()) for h in header]
    found: dict[str, int] = {}
    for field, aliases in COLUMNS.items():
        for i, name in enumerate(names):
            if name in aliases:
                found[field] = i
                break
    return found


def _cell(values: tuple[Any, ...], cols: dict[str, int], field: str) -> Any:
    i = cols.get(field)
    if i is None or i >= len(values):
        return None
    v = values[i]
    return v.strip() if isinstance(v, str) else v


def _leaves(rel: str) -> bool:
    """True for an absolute path or one that climbs out with '..' (either separator style)."""
    if (
        PurePosixPath(rel).is_absolute()
        or PureWindowsPath(rel).is_absolute()
        or PureWindowsPath(rel).drive
    ):
        return True
    depth = 0
    for part in re.split(r"[\\/]+", rel):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return False


def read_manifest(
    path: Path,
    folder: Path,
    manifest_rel: str,
    parser: CodeParser,
    evidence_types: set[str],
    opd: str | None,
) -> tuple[dict[str, ManifestEntry], list[Finding]]:
    """Entries keyed by case-folded '/'-path relative to `folder`, plus findings."""
    entries: dict[str, ManifestEntry] = {}
    findings: list[Finding] = []

    def problem(row: int | str, detail_key: str, **params: Any) -> None:
        findings.append(
            make_finding(
                "manifest-error",
                path=manifest_rel,
                opd=opd,
                row=row,
                detail_key=detail_key,
                **params,
            )
        )

    from kladoc.zipguard import zip_bomb_reason  # same guard as evidence workbooks

    bomb = zip_bomb_reason(path)
    if bomb:
        problem("-", "manifest.unreadable", detail=bomb)
        return entries, findings
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types on bad input
        problem("-", "manifest.unreadable", detail=f"{type(exc).__name__}: {exc}")
        return entries, findings
    try:
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None) or ()
        cols = _header_map(header)
        if "file" not in cols:
            problem(1, "manifest.no_file_column")
            return entries, findings
        for n, values in enumerate(rows, 2):
            if n > MAX_ROWS:
                problem(n, "manifest.too_many_rows", limit=MAX_ROWS)
                break
            if values is None or all(v in (None, "") for v in values):
                continue
            entry = _parse_row(values, cols, n, manifest_rel, parser, evidence_types, problem)
            if entry is not None and "question" in cols:
                entry = _with_question(entry, _cell(values, cols, "question"), parser, findings)
            if entry is None:
                continue
            key = entry.file.replace("\\", "/").strip("/").casefold()
            key = str(PurePosixPath(*[p for p in key.split("/") if p not in ("", ".")]))
            if key in entries:
                problem(n, "manifest.duplicate_row", file=entry.file, first=entries[key].row)
                continue
            # a case-insensitive match is fine on Windows; on Linux check the listing
            if not (folder / key).is_file() and not _exists_casefold(folder, key):
                problem(n, "manifest.missing_file", file=entry.file)
                continue
            entries[key] = entry
    except Exception as exc:  # a damaged sheet can fail mid-iteration
        problem("-", "manifest.unreadable", detail=f"{type(exc).__name__}: {exc}")
    finally:
        wb.close()
    return entries, findings


def _with_question(
    entry: ManifestEntry, value: Any, parser: CodeParser, findings: list[Finding]
) -> ManifestEntry | None:
    """Read the row's `pertanyaan` cell; an unknown code is reported and left unassigned."""
    if value in (None, ""):
        return entry
    text = str(value).strip().removesuffix(".0")
    match = parser.parse_question(text)
    if match is None and entry.indicator:
        local = parser.parse_local(text)
        match = parser.resolve_local(entry.indicator, local) if local is not None else None
    if match is not None and entry.indicator and match.indicator != entry.indicator:
        match = None
    if match is None or match.kind != "ok":
        findings.append(
            make_finding(
                "unknown-question",
                path=entry.manifest_rel,
                indicator=entry.indicator,
                code=text,
                at=t("loc.at_row", row=entry.row),
            )
        )
        return entry
    return replace(entry, indicator=match.indicator, question=match.question)


def _exists_casefold(folder: Path, key: str) -> bool:
    current = folder
    for part in key.split("/"):
        try:
            match = next((c for c in current.iterdir() if c.name.casefold() == part), None)
        except OSError:
            return False
        if match is None:
            return False
        current = match
    return current.is_file()


def _parse_row(
    values: tuple[Any, ...],
    cols: dict[str, int],
    n: int,
    manifest_rel: str,
    parser: CodeParser,
    evidence_types: set[str],
    problem: Any,
) -> ManifestEntry | None:
    file = _cell(values, cols, "file")
    if not isinstance(file, str) or not file:
        problem(n, "manifest.no_file")
        return None
    if _leaves(file):
        problem(n, "manifest.path_leaves", file=file)
        return None
    indicator = None
    code = _cell(values, cols, "indicator")
    if code not in (None, ""):
        match = parser.parse(str(code).removesuffix(".0"))
        if match is None or match.kind != "ok":
            problem(n, "manifest.bad_code", code=code)
            return None
        indicator = match.indicator
    etype = _cell(values, cols, "type")
    if etype not in (None, ""):
        etype = str(etype).strip().lower().replace(" ", "_")
        if evidence_types and etype not in evidence_types:
            problem(n, "manifest.bad_type", type=etype)
            return None
    else:
        etype = None
    year = _cell(values, cols, "year")
    if year not in (None, ""):
        try:
            year = int(str(year).strip().removesuffix(".0"))
        except ValueError:
            year = -1
        if not 1900 <= year <= 2100:
            problem(n, "manifest.bad_year", year=_cell(values, cols, "year"))
            return None
    else:
        year = None
    note = _cell(values, cols, "note")
    return ManifestEntry(
        file, n, manifest_rel, indicator, etype, year, "" if note is None else str(note)
    )
