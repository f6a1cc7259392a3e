"""Building blocks of `kladoc build`: volumes and numbering, stamps, sanitising, Office
rendering without LibreOffice, the LibreOffice batch, and --compact."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from kladoc.build import office
from kladoc.build.compact import compact_pdf
from kladoc.build.plan import Doc, Section, Volume, file_stem, layout, page_source, split_volumes
from kladoc.build.sanitize import sanitize
from kladoc.build.stamp import display_frame, make_font, make_opener, read_stamp, stamp_page
from kladoc.checklist.model import Cluster, Indicator
from kladoc.inspect.facts import FileFacts
from kladoc.models import Evidence
from tests import synth

CLUSTER = Cluster("klaster-1", {"id": "Klaster I: Hak Sipil dan Kebebasan"}, {"id": "Klaster I"})


def _doc(number: str, size: int, pages: int = 1) -> Doc:
    ev = Evidence(
        path=f"X/{number}.pdf",
        opd_folder="X",
        opd=None,
        indicator=number[0],
        facts=FileFacts(kind="pdf", status="ok", size=size, sha256="0" * 64),
    )
    return Doc(
        ev, number, Path(f"/{number}.pdf"), pdf=Path(f"/{number}.pdf"), pages=pages, size=size
    )


def _section(ind: str, docs: list[Doc]) -> Section:
    return Section(
        Indicator(ind, "klaster-1", {"id": f"Indikator {ind}"}, 10.0, (), (), 2), None, docs, []
    )


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Klaster I: Hak Sipil dan Kebebasan", "Klaster-I-Hak-Sipil-dan-Kebebasan"),
        (
            "Kecamatan dan Desa/Kelurahan Layak Anak (Kelana/Dekela)",
            "Kecamatan-dan-Desa-Kelurahan-Layak-Anak-Kelana-Dekela",
        ),
        (
            "Klaster III: Kesehatan Dasar dan Kesejahteraan",
            "Klaster-III-Kesehatan-Dasar-dan-Kesejahteraan",
        ),
        ("Pembangunan “Ramah” Anak – Ü", "Pembangunan-Ramah-Anak-U"),
    ],
)
def test_file_stems_are_readable_and_portable(title: str, stem: str) -> None:
    assert file_stem(title) == stem


def test_split_cuts_at_document_boundaries_and_isolates_oversize_documents() -> None:
    mb = 1024 * 1024
    sections = [
        _section("4", [_doc("4.1", 3 * mb), _doc("4.2", 3 * mb)]),
        _section("5", []),
        _section("6", [_doc("6.1", 12 * mb), _doc("6.2", 1 * mb)]),
    ]
    vols = split_volumes(CLUSTER, sections, 7 * mb)
    got = [[d.number for d in v.all_docs()] for v in vols]
    assert got == [["4.1", "4.2"], ["6.1"], ["6.2"]]
    assert [s.id for s in vols[0].sections] == ["4", "5"]  # an empty indicator rides along
    assert all(v.total == 3 for v in vols)
    assert [d.volume for s in sections for d in s.docs] == [1, 1, 2, 3]
    assert len(split_volumes(CLUSTER, sections, None)) == 1


def test_layout_numbers_pages_and_orders_the_merge() -> None:
    docs4 = [_doc("4.1", 10, pages=3), _doc("4.2", 10, pages=2)]
    docs5 = [_doc("5.1", 10, pages=4)]
    vol = Volume(
        CLUSTER, 1, 1, [_section("4", docs4), _section("5", docs5)], {"4": docs4, "5": docs5}
    )
    vol.toc_pages, vol.section_pages = 2, {"4": 1, "5": 2}
    layout(vol)
    # cover 1, contents 2-3, section 4 at 4, docs 5-7 and 8-9, section 5 at 10-11, doc 12-15
    assert vol.section_start == {"4": 4, "5": 10}
    assert [d.start for d in docs4 + docs5] == [5, 8, 12]
    assert vol.pages == 15
    front = Path("/front.pdf")
    assert page_source(vol, front) == [
        (front, 1, 3),
        (front, 4, 4),
        (Path("/4.1.pdf"), 1, 3),
        (Path("/4.2.pdf"), 1, 2),
        (front, 5, 6),
        (Path("/5.1.pdf"), 1, 4),
    ]


@pytest.mark.parametrize(
    ("rot", "frame", "width"),
    [
        (0, (1, 0, 0, 1, 10, 20), 600),
        (90, (0, 1, -1, 0, 610, 20), 800),
        (180, (-1, 0, 0, -1, 610, 820), 600),
        (270, (0, -1, 1, 0, 10, 820), 800),
    ],
)
def test_display_frame_maps_the_viewers_bottom_left(
    rot: int, frame: tuple[float, ...], width: float
) -> None:
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(600, 800))
    page.obj.MediaBox = pikepdf.Array([10, 20, 610, 820])
    page.obj.Rotate = rot
    got, w, _h = display_frame(page)
    assert tuple(round(v, 6) for v in got) == frame and w == width


def test_stamp_reads_back_and_extracts_with_non_ascii(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    text = "Kab. Pangkajene · KLA 2025 · “Déwi” – Hal. 1 dari 1"
    font = make_font(pdf, text)
    stamp_page(pdf, pdf.pages[0], text, font, make_opener(pdf))
    assert read_stamp(pdf.pages[0], font) == text
    path = tmp_path / "s.pdf"
    pdf.save(path)
    doc = pdfium.PdfDocument(str(path))
    assert text in doc[0].get_textpage().get_text_range()
    doc.close()


def test_stamping_wraps_original_content_without_touching_it(tmp_path: Path) -> None:
    src = synth.text_pdf(tmp_path / "a.pdf", title="Uji", pages=1, year=2024)
    with pikepdf.open(src) as pdf:
        page = pdf.pages[0]
        original = page.obj.Contents.read_raw_bytes()
        font = make_font(pdf, "abc")
        stamp_page(pdf, page, "abc", font, make_opener(pdf))
        contents = list(page.obj.Contents)
        assert contents[0].read_bytes() == b"q\n"
        assert contents[1].read_raw_bytes() == original
        assert contents[-1].read_bytes().startswith(b"Q\n")


def test_sanitize_drops_javascript_launch_and_attachment_annotations() -> None:
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("x"))
    pdf.Root.AA = pikepdf.Dictionary()
    page.obj.AA = pikepdf.Dictionary()
    chained = pikepdf.Dictionary(
        S=pikepdf.Name.URI,
        URI=pikepdf.String("https://x"),
        Next=pikepdf.Dictionary(S=pikepdf.Name.Launch),
    )
    annots = [
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, A=chained, Rect=[0, 0, 1, 1]
        ),
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment, Rect=[0, 0, 1, 1]
        ),
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[0, 0, 1, 1],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("u")),
        ),
    ]
    page.obj.Annots = pikepdf.Array([pdf.make_indirect(a) for a in annots])
    kid = pdf.make_indirect(pikepdf.Dictionary(T=pikepdf.String("b"), AA=pikepdf.Dictionary()))
    pdf.Root.AcroForm = pikepdf.Dictionary(
        Fields=pikepdf.Array(
            [
                pdf.make_indirect(
                    pikepdf.Dictionary(
                        T=pikepdf.String("a"), AA=pikepdf.Dictionary(), Kids=pikepdf.Array([kid])
                    )
                )
            ]
        )
    )
    sanitize(pdf)
    assert "/AA" not in pdf.Root.AcroForm.Fields[0] and "/AA" not in kid
    assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root and "/AA" not in page.obj
    kept = list(page.obj.Annots)
    assert len(kept) == 2
    assert "/A" not in kept[0]  # the chain ended in a Launch
    assert kept[1].A.S == pikepdf.Name.URI  # harmless links stay


def test_docx_and_wide_xlsx_render_without_libreoffice(tmp_path: Path) -> None:
    docx = synth.minutes_docx(
        tmp_path / "n.docx",
        title="Rapat Koordinasi",
        year=2025,
        date_text="Senin, 3 Maret 2025",
        attendees=["Ani", "Budi"],
        points=["Satu “dua” – tiga."],
    )
    headers = [f"Kolom {i}" for i in range(12)]
    xlsx = synth.data_xlsx(
        tmp_path / "w.xlsx",
        title="Data Lebar",
        headers=headers,
        rows=[[r * 1000 + c for c in range(12)] for r in range(40)],
    )
    docs = [_doc("1.1", 1), _doc("1.2", 1)]
    out = tmp_path / "r.pdf"
    failures = office.render_python([(docs[0], docx), (docs[1], xlsx)], out)
    assert failures == {}
    assert docs[0].first == 1 and docs[1].first == docs[0].pages + 1
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == docs[0].pages + docs[1].pages
        first_wide = pdf.pages[docs[1].first - 1].mediabox
        assert float(first_wide[2]) > float(first_wide[3])  # landscape for 12 columns
    doc = pdfium.PdfDocument(str(out))
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    doc.close()
    assert "Rapat Koordinasi" in text and "Satu “dua” – tiga." in text
    assert "Kolom 11" in text and "39.011" in text


def test_damaged_office_file_is_reported_not_raised(tmp_path: Path) -> None:
    bad = tmp_path / "rusak.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    doc = _doc("1.1", 1)
    failures = office.render_python([(doc, bad)], tmp_path / "r.pdf")
    assert "1.1" in failures and not (tmp_path / "r.pdf").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="fake soffice is a shell script")
def test_soffice_batch_times_out_and_copies_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "soffice"
    log = tmp_path / "args.txt"
    fake.write_text(f'#!/bin/sh\necho "$@" > "{log}"\nsleep 30\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("KLADOC_SOFFICE", str(fake))
    assert office.find_soffice() == fake
    monkeypatch.setattr(office, "SOFFICE_TIMEOUT_BASE", 1.0)
    monkeypatch.setattr(office, "SOFFICE_TIMEOUT_PER_FILE", 0.0)
    src = synth.minutes_docx(
        tmp_path / "ev" / "a b.docx",
        title="x",
        year=2025,
        date_text="Senin, 3 Maret 2025",
        attendees=["A"],
        points=["p"],
    )
    before = src.read_bytes()
    done, note = office.soffice_convert(fake, {"k": src}, tmp_path / "work")
    assert done == {} and note == "LibreOffice melewati batas waktu 1 detik"
    args = log.read_text(encoding="utf-8")
    assert "-env:UserInstallation=file://" in args and "--convert-to pdf" in args
    assert "a b.docx" not in args  # LibreOffice only ever sees a copy
    assert src.read_bytes() == before


def test_compact_downsamples_a_300_dpi_scan_on_a_copy(tmp_path: Path) -> None:
    src = synth.scanned_pdf(
        tmp_path / "scan.pdf", lines=["PINDAIAN 300 DPI"], pages=2, year=2024, dpi=300
    )
    before = src.read_bytes()
    dst = tmp_path / "small.pdf"
    assert compact_pdf(src, dst, 150)
    assert dst.stat().st_size < len(before) * 0.6
    assert src.read_bytes() == before
    with pikepdf.open(dst) as pdf:
        assert len(pdf.pages) == 2
        image = next(iter(pdf.pages[0].obj.Resources.XObject.values()))
        assert int(image.Width) < 1300  # ~150 dpi across A4
    # already small enough: nothing is written
    low = synth.scanned_pdf(tmp_path / "low.pdf", lines=["150"], pages=1, dpi=150)
    assert not compact_pdf(low, tmp_path / "low-small.pdf", 150)
    assert not (tmp_path / "low-small.pdf").exists()


def test_finished_files_are_readable_by_others(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    from kladoc.build import build_pdf
    from tests.test_build import check

    root = tmp_path / "D"
    root.mkdir()
    (root / "kladoc.toml").write_text('region = "Kota Contoh"\nyear = 2025\n', encoding="utf-8")
    synth.text_pdf(root / "Bappeda" / "01 Kebijakan" / "Perwal 2024.pdf", title="x", year=2024)
    report = build_pdf(check(root), tmp_path / "out", cluster="kelembagaan")
    mask = os.umask(0)
    os.umask(mask)
    # like any file the user saves, not the 0600 of a temporary file
    assert stat.S_IMODE(report.files[0].path.stat().st_mode) == 0o666 & ~mask
