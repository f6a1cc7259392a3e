"""Is LibreOffice installed? The one place that finds it: the PDF renderer converts legacy
Word/Excel files with it, and `kladoc check` says which files cannot be shown without it.

A core module (no renderer imports), so the check can ask without loading reportlab."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from kladoc.models import Evidence, Finding
from kladoc.rules import make_finding

# kinds only LibreOffice can turn into pages (.docx/.xlsx have a pure-Python renderer)
NEEDS_LIBREOFFICE = frozenset({"doc", "xls"})


def find_soffice() -> Path | None:
    """LibreOffice's command-line entry point, if installed (KLADOC_SOFFICE overrides)."""
    env = os.environ.get("KLADOC_SOFFICE")
    if env:
        return Path(env) if Path(env).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates: list[Path] = []
    if sys.platform == "win32":
        for var in ("PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432"):
            base = os.environ.get(var)
            if base:
                candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    else:
        candidates += [
            Path("/usr/lib/libreoffice/program/soffice"),
            Path("/opt/libreoffice/program/soffice"),
        ]
    return next((c for c in candidates if c.is_file()), None)


def libreoffice_findings(evidence: list[Evidence]) -> list[Finding]:
    """`needs-libreoffice` for each usable .doc/.xls when LibreOffice is not installed: the
    check passes them, but the dossier can show only their name, not their pages."""
    legacy = [ev for ev in evidence if ev.usable and ev.facts.kind in NEEDS_LIBREOFFICE]
    if not legacy or find_soffice() is not None:
        return []
    return [
        make_finding("needs-libreoffice", path=ev.path, opd=ev.opd, indicator=ev.indicator)
        for ev in legacy
    ]
