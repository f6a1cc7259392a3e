"""One content model for both dossiers: the covers agree, and Word needs no PDF library."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest

from tests.dossier_factory import clean_dossier

SAMPLE = Path(__file__).resolve().parent.parent / "sample_dossier"
PDF_LIBRARIES = ("reportlab", "pikepdf")


def _loaded_after_build(root: Path, out: Path, fmt: str) -> dict[str, bool]:
    code = (
        "import json, sys\n"
        "from kladoc.cli import main\n"
        f"code = main(['build', {str(root)!r}, '--format', {fmt!r}, '--output', {str(out)!r}])\n"
        f"print(json.dumps({{m: m in sys.modules for m in {PDF_LIBRARIES!r}}}))\n"
        "sys.exit(code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    loaded: dict[str, bool] = json.loads(proc.stdout.strip().splitlines()[-1])
    return loaded


def test_a_word_only_build_loads_no_pdf_library(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "D")
    out = tmp_path / "out"
    assert _loaded_after_build(root, out, "docx") == {"reportlab": False, "pikepdf": False}
    files = [p for p in out.iterdir() if p.is_file() and not p.name.startswith(".")]
    assert sorted(p.suffix for p in files) == [".docx", ".docx"]
    # the same probe sees them when a PDF is built, so it can tell
    assert _loaded_after_build(root, tmp_path / "out-pdf", "pdf") == {
        "reportlab": True,
        "pikepdf": True,
    }


# -- the covers agree ------------------------------------------------------------------

FIGURES = re.compile(
    r"(\d+)%.*?([\d.,]+) dari ([\d.,]+) poin.*?"
    r"(\d+) lengkap · (\d+) sebagian · (\d+) kosong.*?"
    r"(\d+) berkas · (\d+) halaman bukti.*?"
    r"(\d+) galat · (\d+) peringatan",
    re.S,
)


def _pdf_cover(path: Path) -> tuple[str, ...]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        text = page.get_textpage().get_text_range()
    finally:
        pdf.close()
    m = FIGURES.search(text)
    assert m, text
    return m.groups()


def _docx_cover(path: Path) -> tuple[str, ...]:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    # the cover comes before the contents
    text = "\n".join(parts)
    m = FIGURES.search(text)
    assert m, text[:2000]
    return m.groups()


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kladoc.cli import main

    dest = tmp_path_factory.mktemp("sample") / "sample_dossier"
    shutil.copytree(SAMPLE, dest)
    out = dest.parent / "out"
    # the draft: its covers carry the readiness figures both formats must agree on
    code = main(
        ["build", str(dest), "--output", str(out), "--converter", "python", "-j", "1", "--draft"]
    )
    assert code == 0
    return out


def test_word_and_pdf_covers_show_the_same_figures(sample_build: Path) -> None:
    pdfs = sorted(sample_build.glob("*.pdf"))
    assert len(pdfs) == 7  # one per cluster
    covers = {}
    for pdf in pdfs:
        word = pdf.with_suffix(".docx")
        assert word.is_file(), word
        covers[pdf.stem] = _pdf_cover(pdf)
        assert _docx_cover(word) == covers[pdf.stem], pdf.stem
    # Klaster V: 13 pages of PDFs and photos and, rendered by kladoc itself, one page
    # for each of its ten workbooks (the Word cover used to say 13 in all)
    assert covers["Klaster-V-Perlindungan-Khusus"][6:8] == ("23", "23")


def test_cover_pages_are_the_evidence_pages_of_the_pdf(sample_build: Path) -> None:
    for path in sorted(sample_build.glob("*.pdf")):
        pdf = pdfium.PdfDocument(str(path))
        try:
            stamped = sum(
                1
                for i in range(len(pdf))
                # the footer of an evidence page names its document: "Bukti 21a.1"
                if re.search(r"· Bukti \S+ ·", pdf[i].get_textpage().get_text_range())
            )
        finally:
            pdf.close()
        assert _pdf_cover(path)[7] == str(stamped), path.name


def test_a_word_only_cover_counts_office_files_apart(tmp_path: Path) -> None:
    from kladoc.build.docx import build_docx
    from kladoc.check import run_check

    root = clean_dossier(tmp_path / "D")
    result = run_check(root, jobs=1)
    report = build_docx(result, tmp_path / "out")
    assert report.ok
    texts = {}
    for f in report.files:
        document = docx.Document(str(f.path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        texts[f.cluster] = next(c for c in cells if "berkas ·" in c)
    # two one-page PDFs; one photo (a page) and three workbooks not converted yet
    assert texts == {
        "kelembagaan": "2 berkas · 2 halaman bukti",
        "klaster-1": "4 berkas · 1 halaman bukti + 3 berkas Office (dihitung saat PDF dibuat)",
    }
