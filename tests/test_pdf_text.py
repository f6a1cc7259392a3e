"""A PDF's text through PDFium's C API is what pypdfium2's helper classes gave.

kladoc.inspect.pdf reads the first pages' text with raw PDFium calls (`_extract_text_raw`);
pypdfium2's PdfDocument / PdfPage / PdfTextPage (`_extract_text`, kept) are the reference:
every PDF built here must leave the very same facts through both, and the cases the raw path
hands over (a name PDFium cannot take, text ending in characters PDFium leaves out) must
reach the reference untouched."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from kladoc.inspect import inspect_file
from kladoc.inspect import pdf as pdf_mod
from kladoc.inspect.facts import FileFacts
from tests import inspect_fixtures as fx

# a ToUnicode CMap mapping code 1 to U+0002, a character PDFium keeps in its character list
# but leaves out of its text
_CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfchar <01> <0002> endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end"""


def _pdf_with_content(path: Path, contents: list[bytes]) -> Path:
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            ToUnicode=pdf.make_stream(_CMAP),
        )
    )
    for content in contents:
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 612, 792],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
            Contents=pdf.make_stream(content),
        )
        pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def left_out_edges_pdf(path: Path) -> Path:
    """Page 2's text starts and ends with characters PDFium leaves out of its text."""
    return _pdf_with_content(
        path,
        [
            b"BT /F1 12 Tf 72 700 Td (Halaman pertama yang biasa saja) Tj ET",
            b"BT /F1 12 Tf 72 700 Td (\x01\x01Notulen rapat koordinasi\x01) Tj ET",
        ],
    )


def left_out_middle_pdf(path: Path) -> Path:
    """Left-out characters inside the text only: the raw path reads it itself."""
    return _pdf_with_content(path, [b"BT /F1 12 Tf 72 700 Td (Notulen\x01\x01 rapat) Tj ET"])


def crlf_pdf(path: Path) -> Path:
    """Several lines, tabs-like gaps and a five-page document (only three pages are read)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for n in range(5):
        c.setFont("Helvetica", 11)
        for line in range(12):
            c.drawString(72, 760 - 14 * line, f"Baris {line} halaman {n}  —  Rp 1.250.000,00")
        c.drawString(300, 100, "Ditetapkan di Kota Contoh")
        c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path


def empty_page_pdf(path: Path) -> Path:
    return _pdf_with_content(path, [b"", b"q Q"])


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "text": fx.text_pdf,
    "image_only": fx.image_only_pdf,
    "damaged_content": fx.damaged_content_pdf,
    "crlf": crlf_pdf,
    "empty_pages": empty_page_pdf,
    "left_out_middle": left_out_middle_pdf,
    "user_password": fx.user_password_pdf,
    "owner_only": fx.owner_only_pdf,
    "random_bytes": fx.random_bytes,
    "truncated": fx.truncated_pdf,
}


def _facts() -> FileFacts:
    return FileFacts(kind="pdf", status="ok", size=1, sha256="", pages=1)


@pytest.mark.parametrize("name", sorted(BUILDERS))
@pytest.mark.parametrize("heavy", [{}, {0: True}, {1: False}])
def test_raw_text_is_what_pypdfium2_gave(name: str, heavy: dict[int, bool], tmp_path: Path) -> None:
    path = BUILDERS[name](tmp_path / f"{name}.pdf")
    reference, raw = _facts(), _facts()
    pdf_mod._extract_text(path, reference, heavy)
    assert pdf_mod._extract_text_raw(path, raw, heavy) is True
    assert raw.to_dict() == reference.to_dict()


def test_left_out_edges_are_handed_to_pypdfium2(tmp_path: Path) -> None:
    path = left_out_edges_pdf(tmp_path / "edges.pdf")
    raw = _facts()
    raw.has_text = None
    assert pdf_mod._extract_text_raw(path, raw, {}) is False
    assert raw.to_dict() == _facts().to_dict() | {"has_text": None}  # untouched
    reference = _facts()
    pdf_mod._extract_text(path, reference, {})
    assert "Notulen rapat koordinasi" in reference.text
    facts = inspect_file(path)
    assert facts.status == "ok"
    assert facts.text == reference.text
    assert facts.has_text is True


def test_heavy_page_flag_is_set_before_a_later_page_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As with pypdfium2, a page that fails leaves has_text as the pages before it set it."""
    path = crlf_pdf(tmp_path / "five.pdf")
    real = pdf_mod.pdfium_c.FPDF_LoadPage

    def load_page(doc: object, index: int) -> object:
        return None if index == 1 else real(doc, index)

    monkeypatch.setattr(pdf_mod.pdfium_c, "FPDF_LoadPage", load_page)
    facts = _facts()
    with pytest.raises(pdfium.PdfiumError, match="Failed to load page"):
        pdf_mod._extract_text_raw(path, facts, {0: True})
    assert facts.has_text is True
    assert facts.text == ""


def test_missing_file_raises_as_pypdfium2(tmp_path: Path) -> None:
    path = tmp_path / "gone.pdf"
    with pytest.raises(FileNotFoundError) as reference:
        pdf_mod._extract_text(path, _facts(), {})
    with pytest.raises(FileNotFoundError) as raw:
        pdf_mod._extract_text_raw(path, _facts(), {})
    assert str(raw.value) == str(reference.value)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names must be valid there")
def test_undecodable_name_is_handed_to_pypdfium2(tmp_path: Path) -> None:
    path = fx.text_pdf(tmp_path / "sk-\udcff.pdf")
    facts = _facts()
    assert pdf_mod._extract_text_raw(path, facts, {}) is False
    assert facts.to_dict() == _facts().to_dict()
    assert "KEPUTUSAN WALIKOTA CONTOH" in inspect_file(path).text


def test_inspection_takes_the_raw_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = fx.text_pdf(tmp_path / "sk.pdf")

    def no_helpers(*args: object, **kwargs: object) -> None:
        raise AssertionError("pypdfium2's PdfDocument was used")

    monkeypatch.setattr(pdf_mod.pdfium, "PdfDocument", no_helpers)
    facts = inspect_file(path)
    assert facts.status == "ok", facts.detail
    assert "KEPUTUSAN WALIKOTA CONTOH" in facts.text


@pytest.mark.parametrize(
    "text",
    ["SK Tim &amp; Gugus", "&lt;b&gt;", "&amp;lt;", "a &amp;amp; b", "&quot;&apos;&#38;", "", "&"],
)
def test_xmp_title_unescape_is_saxutils(text: str) -> None:
    from xml.sax.saxutils import unescape

    assert pdf_mod._unescape(text) == unescape(text)


def test_pdf_inspector_imports_no_network_modules() -> None:
    """Importing saxutils (for one unescape) pulled urllib.request, http.client and ssl into
    every worker."""
    import subprocess

    code = (
        "import sys, kladoc.inspect.pdf; "
        "print(sorted(m for m in ('urllib.request', 'http.client', 'ssl') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
