"""Tests for the synthetic evidence builders in tests/synth.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageOps, ImageStat

from tests import synth


def pdf_text(path: Path, password: str | None = None) -> str:
    doc = pdfium.PdfDocument(path, password=password)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def test_text_pdf_is_a_readable_government_document(tmp_path: Path) -> None:
    path = synth.text_pdf(
        tmp_path / "sk.pdf",
        title="Gugus Tugas Kota Layak Anak",
        body_lines=["Membentuk Gugus Tugas KLA.", "Keputusan ini berlaku sejak ditetapkan."],
        year=2024,
    )
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 1
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20240312")
    text = pdf_text(path)
    for needle in (
        "PEMERINTAH KOTA CONTOH",
        "KEPUTUSAN WALI KOTA CONTOH",
        "NOMOR 188.45/",
        "/2024",
        "TENTANG",
        "Menimbang",
        "Mengingat",
        "MEMUTUSKAN",
        "KESATU",
        "Ditetapkan di Kota Contoh",
        "pada tanggal 12 Maret 2024",
        "Halaman 1 dari 1",
    ):
        assert needle in text, needle


def test_text_pdf_pages_rotation_and_report_layout(tmp_path: Path) -> None:
    path = synth.text_pdf(
        tmp_path / "laporan.pdf",
        title="Laporan Monev PRAP",
        body_lines=["Monitoring dilaksanakan di 12 puskesmas."],
        pages=3,
        year=2025,
        doc_kind="LAPORAN",
        authority="KEPALA DINAS KESEHATAN KOTA CONTOH",
        rotate=90,
    )
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 3
        assert all(int(page.obj.Rotate) == 90 for page in pdf.pages)
    text = pdf_text(path)
    assert "TAHUN 2025" in text
    assert "DINAS KESEHATAN" in text
    assert "Kota Contoh, 12 Maret 2025" in text
    assert "Halaman 3 dari 3" in text


def test_text_pdf_without_year_has_no_date(tmp_path: Path) -> None:
    path = synth.text_pdf(tmp_path / "draft.pdf", title="Draf Keputusan", year=None)
    text = pdf_text(path)
    assert "pada tanggal 12 Maret" not in text
    assert "/HK" in text  # number without a year
    with pikepdf.open(path) as pdf:
        assert "/CreationDate" not in pdf.docinfo
        assert "/ModDate" not in pdf.docinfo


def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    path = synth.scanned_pdf(
        tmp_path / "scan.pdf",
        lines=["KEPUTUSAN KEPALA DINAS", "NOMOR 470/88/DUKCAPIL/2024", "tentang Tim Jemput Bola"],
        year=2024,
        pages=2,
        dpi=100,
    )
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 2
        xobjects = pdf.pages[0].obj.Resources.XObject
        assert [str(x.Subtype) for x in xobjects.values()] == ["/Image"]
    text = pdf_text(path)
    assert "2024" not in text
    assert text.strip() == ""


def test_photo_orientation_6_is_stored_sideways(tmp_path: Path) -> None:
    upright = synth.photo_jpeg(tmp_path / "a.jpg", size=(400, 300), orientation=1, seed=3)
    sideways = synth.photo_jpeg(
        tmp_path / "b.jpg", size=(400, 300), orientation=6, seed=3, taken="2025:03:05 09:10:11"
    )
    with Image.open(sideways) as im:
        exif = im.getexif()
        assert exif[0x0112] == 6
        assert exif.get_ifd(0x8769)[0x9003] == "2025:03:05 09:10:11"
        assert exif[0x010F] and exif[0x0110]
        assert im.size == (300, 400)  # raw sensor pixels
        shown = ImageOps.exif_transpose(im)
    assert shown is not None and shown.size == (400, 300)
    with Image.open(upright) as ref:
        assert ref.getexif()[0x0112] == 1
        diff = ImageChops.difference(shown.convert("RGB"), ref.convert("RGB"))
    assert max(ImageStat.Stat(diff).mean) < 8  # same scene once EXIF is applied
    # The red "up" arrow sits in the top-centre of the displayed picture.
    r, g, b = shown.convert("RGB").getpixel((200, 300 // 40 + 300 // 8))  # type: ignore[misc]
    assert r > 180 and g < 80 and b < 80


def test_photo_without_date(tmp_path: Path) -> None:
    path = synth.photo_jpeg(tmp_path / "wa.jpg", size=(320, 240), taken=None, caption="Deklarasi")
    with Image.open(path) as im:
        exif = im.getexif()
        assert 0x9003 not in exif.get_ifd(0x8769)
        assert 0x0132 not in exif


def test_minutes_docx(tmp_path: Path) -> None:
    path = synth.minutes_docx(
        tmp_path / "notulen.docx",
        title="Rapat Koordinasi Gugus Tugas KLA",
        date_text="Selasa, 18 Maret 2025",
        attendees=["Andi Saputra", ("Dewi Anggraini", "Bappeda")],
        points=["Pembagian tugas klaster.", "Jadwal verifikasi."],
        year=2025,
    )
    doc = docx.Document(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "NOTULEN RAPAT" in text and "18 Maret 2025" in text and "DAFTAR HADIR" in text
    table = doc.tables[0]
    assert len(table.rows) == 3
    assert table.rows[2].cells[2].text == "Bappeda"
    created = doc.core_properties.created
    assert created is not None and (created.year, created.month, created.day) == (2025, 3, 18)


def test_data_xlsx(tmp_path: Path) -> None:
    rows = [[k, 91.5, 94.0] for k in synth.KECAMATAN]
    path = synth.data_xlsx(
        tmp_path / "data.xlsx",
        title="Persalinan di Faskes",
        headers=["Kecamatan", "2024", "2025"],
        rows=rows,
        year=2025,
    )
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    values = list(ws.iter_rows(values_only=True))
    assert values[0][0] == "Persalinan di Faskes"
    assert values[1] == ("Kecamatan", "2024", "2025")
    assert [list(v) for v in values[2:]] == rows


def test_encrypted_pdf_needs_password(tmp_path: Path) -> None:
    path = synth.encrypted_pdf(tmp_path / "dpa.pdf", title="DPA Perlindungan Anak", year=2025)
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(path)
    with pikepdf.open(path, password="rahasia") as pdf:
        assert pdf.is_encrypted
        assert len(pdf.pages) == 1
    assert "2025" in pdf_text(path, password="rahasia")


def test_manifest_headers_are_exact(tmp_path: Path) -> None:
    path = synth.manifest_xlsx(
        tmp_path / "bukti.xlsx",
        [
            {"berkas": "dokumen_001.pdf", "indikator": "10", "jenis": "sertifikat", "tahun": 2024},
            {
                "berkas": "Foto/a.jpg",
                "indikator": "21b",
                "jenis": "foto",
                "tahun": 2025,
                "catatan": "Kunjungan LKSA",
            },
        ],
    )
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    values = list(ws.iter_rows(values_only=True))
    assert values[0] == ("berkas", "indikator", "jenis", "tahun", "catatan")
    assert values[1] == ("dokumen_001.pdf", "10", "sertifikat", 2024, None)
    assert values[2] == ("Foto/a.jpg", "21b", "foto", 2025, "Kunjungan LKSA")


BUILDERS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "text_pdf": ("x.pdf", lambda p: synth.text_pdf(p, title="Forum Anak", year=2024, pages=2)),
    "text_pdf_none": ("x.pdf", lambda p: synth.text_pdf(p, title="Draf", year=None)),
    "scanned_pdf": ("x.pdf", lambda p: synth.scanned_pdf(p, lines=["SK", "isi"], dpi=72)),
    "photo_jpeg": ("x.jpg", lambda p: synth.photo_jpeg(p, size=(320, 240), orientation=6)),
    "minutes_docx": (
        "x.docx",
        lambda p: synth.minutes_docx(
            p,
            title="Rapat",
            date_text="Senin, 3 Maret 2025",
            attendees=["A"],
            points=["B"],
            year=2025,
        ),
    ),
    "data_xlsx": ("x.xlsx", lambda p: synth.data_xlsx(p, title="T", headers=["a"], rows=[[1]])),
    "encrypted_pdf": ("x.pdf", lambda p: synth.encrypted_pdf(p, title="DPA", year=2025)),
    "manifest_xlsx": ("x.xlsx", lambda p: synth.manifest_xlsx(p, [{"berkas": "a.pdf"}])),
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_builders_are_deterministic(tmp_path: Path, name: str) -> None:
    filename, build = BUILDERS[name]
    first = build(tmp_path / "1" / filename).read_bytes()
    second = build(tmp_path / "2" / filename).read_bytes()
    assert first == second
