"""Load checklists from built-in data, YAML files or XLSX workbooks.

Every problem is a ChecklistError naming the file, the row (YAML line or sheet row) and the
field, because the people who edit these files are not programmers. The validation itself is
in `schema`; the XLSX layout in `xlsx`; this module only dispatches on the reference."""

from __future__ import annotations

from pathlib import Path

from kladoc.checklist.model import Checklist
from kladoc.checklist.schema import (
    DEFAULT_CHECKLIST,
    build_checklist,
    builtin_ids,
    from_yaml_text,
    load_builtin,
)
from kladoc.checklist.xlsx import read_checklist_xlsx
from kladoc.errors import ChecklistError

__all__ = [
    "DEFAULT_CHECKLIST",
    "build_checklist",
    "builtin_ids",
    "checklist_file",
    "load_checklist",
]


def checklist_file(ref: str | Path, base_dir: Path | None = None) -> Path | None:
    """The file a checklist reference names (relative to `base_dir`), None for a built-in."""
    if str(ref) in builtin_ids():
        return None
    path = Path(ref)
    return base_dir / path if base_dir is not None and not path.is_absolute() else path


def load_checklist(ref: str | Path, base_dir: Path | None = None) -> Checklist:
    """Load a checklist by built-in id ("kla-2024") or by path to a .yaml/.yml/.xlsx file."""
    ref_str = str(ref)
    path = checklist_file(ref, base_dir)
    if path is None:
        return load_builtin(ref_str)
    if not path.is_file():
        raise ChecklistError("checklist.not_found", ref=ref_str, builtin=", ".join(builtin_ids()))
    if path.suffix.lower() == ".xlsx":
        return read_checklist_xlsx(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecklistError("checklist.unreadable", file=str(path), detail=str(exc)) from exc
    return from_yaml_text(text, str(path))
