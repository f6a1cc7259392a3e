"""The front matter's hand-drawn tables break lines exactly as a reportlab Paragraph does.

The evidence index measures its cells with `wrap_words` instead of a Paragraph per cell;
the pages only look the same if every line break and every shrunk line agrees."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from kladoc.build.frontmatter import plain_text, wrap_words
from kladoc.build.style import FONT, FONT_BOLD, esc, register_fonts, styles


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()


def paragraph_lines(text: str, font: str, size: float, width: float) -> list[tuple[str, float]]:
    style = styles()["cell"].clone("probe", fontName=font, fontSize=size)
    para = Paragraph(esc(text), style)
    para.wrap(width, 1e6)
    lines = para.blPara.lines
    out = []
    for room, words in lines:
        spacing = room / (len(words) - 1) if room < -1e-8 and len(words) > 1 else 0.0
        out.append((" ".join(words), spacing))
    return out


CASES = [
    "25.2 SK Tim 01455 2024.pdf",
    "25.8 Notulen Rapat 03129 2025.docx",  # uses the space shrinkage at this width
    "Berapa persentase kecamatan yang memiliki mekanisme pencegahan dan respon cepat "
    "penanganan korban kekerasan pada anak? (Lampirkan dokumen pendukung)",
    "Laporan_Kegiatan_Forum_Anak_Kabupaten_Tahun_2024_versi_final_revisi_ketiga.pdf",
    "a Laporan_Kegiatan_Forum_Anak_Kabupaten_Tahun_2024_versi_final_revisi.pdf b",
    "Surat Keputusan Bupati tentang Gugus Tugas KLA — “Perubahan” ke-2 (Dinas P3A)",
    "   spaced    out\ttext\nwith  newlines  ",
    "",
    "    ",
    "x",
    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
]


@pytest.mark.parametrize("text", CASES)
@pytest.mark.parametrize("width", [17.6, 47.6, 71.6, 146.2, 196.5])
@pytest.mark.parametrize(("font", "size"), [(FONT, 7.8), (FONT_BOLD, 7.8), (FONT, 6.3)])
def test_wrap_words_matches_paragraph(text: str, width: float, font: str, size: float) -> None:
    assert wrap_words(text, font, size, width) == paragraph_lines(text, font, size, width)


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(
        st.text(
            alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/()éü",
            min_size=1,
            max_size=40,
        ),
        max_size=14,
    ),
    width=st.floats(min_value=12.0, max_value=260.0),
)
def test_wrap_words_matches_paragraph_generated(words: list[str], width: float) -> None:
    text = " ".join(words)
    assert wrap_words(text, FONT, 7.8, width) == paragraph_lines(text, FONT, 7.8, width)


def test_text_reportlab_treats_specially_is_not_plain() -> None:
    assert plain_text("SK Tim 2024.pdf")
    assert not plain_text("SK\xa0Tim")  # no-break space: a Paragraph keeps the words together
    assert not plain_text("Kelem\xadbagaan")  # soft hyphen: a Paragraph may hyphenate there
