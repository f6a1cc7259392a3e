"""`kladoc --help` and `--version` must not import the heavy document libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = (
    "pikepdf",
    "pypdfium2",
    "PIL",
    "openpyxl",
    "docx",
    "docxtpl",
    "reportlab",
    "img2pdf",
    "jinja2",
    "sqlite3",
    "yaml",
)


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check", "--help"]])
def test_no_heavy_imports(args: list[str]) -> None:
    code = f"import sys; from kladoc.cli import main; sys.exit(main({args!r}))"
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))
