"""`kladoc report --split-by-opd`: one workbook per OPD, named so it can be forwarded as is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kladoc.fsutil import safe_file_stem
from kladoc.i18n import t
from kladoc.report.view import opds_to_split, report_data
from kladoc.report.xlsx import save_workbook

if TYPE_CHECKING:
    from kladoc.models import CheckResult

__all__ = ["SplitFile", "opd_file_name", "safe_file_stem", "write_split"]


def opd_file_name(year: int, opd_name: str) -> str:
    """'Laporan KLA 2025 - Dinas Kesehatan.xlsx' (English wording with --lang en)."""
    return safe_file_stem(t("split.file_name", year=year, opd=opd_name)) + ".xlsx"


@dataclass(frozen=True)
class SplitFile:
    opd: str  # OPD id
    name: str  # OPD name
    path: Path


def write_split(result: CheckResult, outdir: Path) -> list[SplitFile]:
    """Write one workbook per OPD with work to do or files sent; returns what was written.
    Existing files of the same name are replaced (atomically); nothing else is touched."""
    outdir = Path(outdir)
    written: list[SplitFile] = []
    taken: set[str] = set()
    for row in opds_to_split(result):
        name = opd_file_name(result.year, row["name"])
        # two OPDs whose names differ only in characters we replaced, or in case (Windows)
        if name.lower() in taken:
            name = opd_file_name(result.year, f"{row['name']} ({row['id']})")
        taken.add(name.lower())
        path = outdir / name
        save_workbook(report_data(result, row["id"]), path)
        written.append(SplitFile(row["id"], row["name"], path))
    return written


def outdir_inside_dossier(root: Path, outdir: Path, output_dir: Path) -> bool:
    """True when OUTDIR would be scanned as evidence next time (inside the dossier, outside
    kladoc's own output folder, which the scan skips)."""
    try:
        out = Path(outdir).resolve()
        root_r = Path(root).resolve()
        own = Path(output_dir).resolve()
    except OSError:
        return False
    return out.is_relative_to(root_r) and not out.is_relative_to(own)
