"""`kladoc report --split-by-opd`: one workbook per OPD, named so it can be forwarded as is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kladoc.fsutil import safe_file_stem
from kladoc.i18n import t
from kladoc.report.view import opds_to_split, report_data
from kladoc.report.xlsx import save_workbook

__all__ = ["opds_to_split", "write_split"]

if TYPE_CHECKING:
    from kladoc.models import CheckResult

__all__ = ["SplitFile", "opd_file_name", "opds_to_split", "safe_file_stem", "write_split"]


def opd_file_name(year: int, opd_name: str) -> str:
    """'Laporan KLA 2025 - Dinas Kesehatan.xlsx' (English wording with --lang en)."""
    return safe_file_stem(t("split.file_name", year=year, opd=opd_name)) + ".xlsx"


@dataclass(frozen=True)
class SplitFile:
    opd: str  # OPD id
    name: str  # OPD name
    path: Path


def write_split(scoped: Iterable[CheckResult], outdir: Path) -> list[SplitFile]:
    """Write one workbook per OPD view (results narrowed by `check.scope_to_opd`, the same
    figures `check --opd` gives); returns what was written. Existing files of the same name
    are replaced (atomically); nothing else is touched."""
    outdir = Path(outdir)
    written: list[SplitFile] = []
    taken: set[str] = set()
    for result in scoped:
        opd = result.scope.opd
        assert opd is not None
        name = opd_file_name(result.year, opd.name)
        # two OPDs whose names differ only in characters we replaced, or in case (Windows)
        if name.lower() in taken:
            name = opd_file_name(result.year, f"{opd.name} ({opd.id})")
        taken.add(name.lower())
        path = outdir / name
        save_workbook(report_data(result), path)
        written.append(SplitFile(opd.id, opd.name, path))
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
