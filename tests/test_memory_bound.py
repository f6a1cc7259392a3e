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


def huge_docx(path: Path) -> Path:
    """A DOCX whose word/document.xml is about 20 MB: 64,000 paragraphs and a long table,
    like docx2python's imagedata_without_rid.docx."""
    import zipfile

    import docx

    small = path.with_name("_small.docx")
    document = docx.Document()
    document.add_paragraph("SK Bupati tentang Gugus Tugas KLA 2024")
    document.save(str(small))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    para = (
        '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Arial"/>'
        '<w:lang w:val="id-ID"/></w:rPr><w:t xml:space="preserve">Baris %d kegiatan forum anak '
        "desa dan kelurahan layak anak</w:t></w:r></w:p>"
    )
    cell = '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>' + para + "</w:tc>"
    table = (
        "<w:tbl>" + "".join("<w:tr>" + cell % i * 3 + "</w:tr>" for i in range(5000)) + "</w:tbl>"
    )
    body = "".join(para % i for i in range(64_000)) + table
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>'
        f"{body}<w:sectPr/></w:body></w:document>"
    ).encode()
    with zipfile.ZipFile(small) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = xml if info.filename == "word/document.xml" else zin.read(info)
            zout.writestr(info.filename, data)
    small.unlink()
    return path


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KB on Linux only")
def test_check_and_python_render_of_a_20_mb_document_xml_stay_under_200_mb(
    tmp_path: Path,
) -> None:
    root = tmp_path / "d"
    folder = root / "DP3A" / "1 Perda KLA"
    folder.mkdir(parents=True)
    (root / "kladoc.toml").write_text('region = "Kota Uji"\nyear = 2025\n', encoding="utf-8")
    src = huge_docx(folder / "SK Gugus Tugas 2024.docx")
    import zipfile

    with zipfile.ZipFile(src) as zf:
        assert zf.getinfo("word/document.xml").file_size > 18_000_000
    env = dict(os.environ, KLADOC_CACHE_DIR=str(tmp_path / "cache"))
    code, mb = _peak(["check", str(root), "--no-cache"], env)
    assert code == 1
    assert mb < LIMIT_MB, f"check peaked at {mb:.0f} MB"
    out = tmp_path / "out"
    # the file reaches only its indicator: the draft is the dossier that includes it
    args = ["build", str(root), "-o", str(out), "--converter", "python", "--format", "pdf"]
    code, mb = _peak([*args, "--draft"], env)
    assert code == 0
    assert mb < LIMIT_MB, f"build peaked at {mb:.0f} MB"
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(out / "Kelembagaan.pdf")
    try:
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    assert "Baris 0 kegiatan forum anak" in text  # the body is rendered, not a notice page


def test_a_huge_docx_is_not_sent_to_libreoffice(tmp_path: Path) -> None:
    import docx

    from kladoc.build.office import too_big_for_soffice

    small = tmp_path / "kecil.docx"
    document = docx.Document()
    document.add_paragraph("SK Bupati")
    document.save(str(small))
    assert not too_big_for_soffice(small)
    assert too_big_for_soffice(huge_docx(tmp_path / "besar.docx"))
