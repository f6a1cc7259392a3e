"""A build always says what happened on the terminal (issue 12): a build that cannot
finish names the failure and what to do, and build warnings (a salvaged PDF) are shown.
Run as a real process, so output lost at the file-descriptor level would show here too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.dossier_factory import clean_dossier
from tests.test_pdfsafe import damaged_pdf

BOOM = (
    "import sys\n"
    "import kladoc.build.pdf as pdf\n"
    "def boom(*args, **kwargs):\n"
    "    raise RuntimeError('layout engine gave up')\n"
    "pdf.build_pdf = boom\n"
    "from kladoc.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
KLADOC = "from kladoc.cli import main\nimport sys\nsys.exit(main(sys.argv[1:]))\n"


def _run(code: str, *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KLADOC_CACHE_DIR=str(tmp_path / "cache"), KLADOC_LANG="en")
    env.pop("KLADOC_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def test_an_internal_error_in_the_builder_is_reported_with_exit_3(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    out = tmp_path / "out"
    proc = _run(BOOM, "build", str(root), "-o", str(out), "--format", "both", tmp_path=tmp_path)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert "kladoc internal error: RuntimeError: layout engine gave up" in proc.stderr
    assert "KLADOC_DEBUG=1" in proc.stderr  # what to do next


def test_a_salvaged_pdf_warns_on_the_terminal(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    damaged_pdf(root / "DP3A" / "1 Perda KLA" / "SK Rusak 2024.pdf")
    out = tmp_path / "out"
    args = ("build", str(root), "-o", str(out), "--format", "pdf", "--converter", "python")
    proc = _run(KLADOC, *args, tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = " ".join(proc.stderr.split())
    assert (
        "Warning: DP3A/1 Perda KLA/SK Rusak 2024.pdf: part of the PDF's content is damaged" in lines
    )
