"""Peak memory of `kladoc check` / `kladoc build` on a page with a huge content stream
(issue 12 item 7). A memory bound, not a timing test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Dictionary, Name

LIMIT_MB = 200
WRAPPER = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
    "print('MAXRSS_KB=%d EXIT=%d' % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " r.returncode))\n"
)


def huge_page_pdf(path: Path) -> Path:
    """One page whose 4 MB content stream shows 300,000 one-letter strings."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    ops = b"".join(b"%d %d Td (a) Tj\n" % (i % 3, i % 5) for i in range(300_000))
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(b"BT /F1 6 Tf\n" + ops + b"ET\n")
    page.obj.Resources = Dictionary(
        Font=Dictionary(F1=Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    )
    pdf.save(path)
    return path


def _peak(args: list[str], env: dict[str, str]) -> tuple[int, float]:
    """Exit code and peak RSS (MB) of the largest process of a fresh `kladoc` run."""
    cmd = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "kladoc", *args]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600).stdout
    m = re.search(r"MAXRSS_KB=(\d+) EXIT=(\d+)", out)
    assert m, out
    return int(m.group(2)), int(m.group(1)) / 1024


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KB on Linux only")
def test_check_and_build_of_a_huge_content_stream_stay_under_200_mb(tmp_path: Path) -> None:
    root = tmp_path / "d"
    folder = root / "DP3A" / "1 Perda KLA"
    folder.mkdir(parents=True)
    (root / "kladoc.toml").write_text('region = "Kota Uji"\nyear = 2025\n', encoding="utf-8")
    huge_page_pdf(folder / "Perda KLA 2024.pdf")
    env = dict(os.environ, KLADOC_CACHE_DIR=str(tmp_path / "cache"))
    code, mb = _peak(["check", str(root), "--no-cache"], env)
    assert code == 1  # gaps in the checklist, no crash
    assert mb < LIMIT_MB, f"check peaked at {mb:.0f} MB"
    out = tmp_path / "out"
    code, mb = _peak(["build", str(root), "-o", str(out), "--converter", "python"], env)
    assert code == 0
    assert mb < LIMIT_MB, f"build peaked at {mb:.0f} MB"
    assert len(list(out.glob("*.pdf"))) == 7 and len(list(out.glob("*.docx"))) == 7
