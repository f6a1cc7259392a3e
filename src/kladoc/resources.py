"""Where bundled files live: fonts inside the package, user-editable templates beside it.

`templates/` sits at the repository root so staff and developers find it; the wheel carries a
copy as `kladoc/templates` (hatch force-include). Both layouts are looked up here."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def font_path(bold: bool = False) -> Path:
    return PACKAGE_DIR / "fonts" / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


def template_path(name: str) -> Path:
    for base in (PACKAGE_DIR / "templates", PACKAGE_DIR.parent.parent / "templates"):
        candidate = base / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(name)
