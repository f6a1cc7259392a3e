"""Office files in `kladoc build`: each file rendered on its own under a deadline, LibreOffice
in checked batches, and valid files the Python renderer used to refuse (issue #12, 1-3).

Every fixture is built here in tmp_path; the fake `soffice` is a Python script standing in for
the external program (run through sys.executable, so it works on Windows too)."""

from __future__ import annotations

import io
import re
import shutil
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pikepdf
import pypdfium2 as pdfium
import pytest
from lxml import etree
from openpyxl import Workbook

from kladoc.build import build_pdf, office
from kladoc.build.plan import Doc
from kladoc.check import run_check
from kladoc.inspect.facts import FileFacts
from kladoc.models import Evidence
from tests.dossier_factory import clean_dossier
from tests.inspect_fixtures import legacy_doc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
INDICATOR_1 = Path("DP3A") / "1 Perda KLA"


def _doc(number: str, name: str = "berkas.docx") -> Doc:
    facts = FileFacts(kind="docx", status="ok", size=1000, sha256="0" * 64)
    ev = Evidence(path=f"DP3A/{name}", opd_folder="DP3A", opd=None, indicator="1", facts=facts)
    return Doc(evidence=ev, number=number, source=Path(name))


def _texts(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in pdf]
    finally:
        pdf.close()


def _pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


# -- fixtures ---------------------------------------------------------------------------


def tall_cell_docx(path: Path, lines: int = 180) -> Path:
    """A table whose one cell is several pages tall: reportlab raised LayoutError here."""
    d = docx.Document()
    d.add_heading("Laporan Kegiatan Forum Anak", 1)
    table = d.add_table(rows=2, cols=3)
    for i, head in enumerate(("No", "Uraian", "Keterangan")):
        table.cell(0, i).text = head
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "\n".join(f"Baris {n} kegiatan sosialisasi" for n in range(lines))
    table.cell(1, 2).text = "selesai"
    d.add_paragraph("PENUTUP LAPORAN")
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def plain_docx(path: Path, text: str, paragraphs: int = 1) -> Path:
    d = docx.Document()
    for n in range(paragraphs):
        d.add_paragraph(f"{text} {n}" if paragraphs > 1 else text)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def _edit_body(path: Path, edit: object) -> Path:
    d = docx.Document(str(path))
    edit(d.element.body)  # type: ignore[operator]
    d.save(str(path))
    return path


def commented_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Paragraf pertama notulen")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Sel kiri"
    table.cell(0, 1).text = "Sel kanan"
    d.add_paragraph("Paragraf terakhir notulen")
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))

    def add_comments(body: etree._Element) -> None:
        body.insert(0, etree.Comment(" dibuat oleh generator "))
        first_p = body.find(W + "p")
        first_p.insert(0, etree.Comment(" dalam paragraf "))
        first_p.find(W + "r").append(etree.Comment(" dalam run "))
        tc = body.find(f"{W}tbl/{W}tr/{W}tc")
        tc.insert(0, etree.Comment(" dalam sel "))
        body.append(etree.ProcessingInstruction("kladoc-test", "x"))

    return _edit_body(path, add_comments)


def gridless_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Tabel tanpa kolom grid")
    table = d.add_table(rows=2, cols=3)
    for r in range(2):
        for c in range(3):
            table.cell(r, c).text = f"isi r{r} k{c}"
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))

    def empty_grid(body: etree._Element) -> None:
        grid = body.find(f"{W}tbl/{W}tblGrid")
        for col in list(grid):
            grid.remove(col)
        assert len(grid) == 0

    return _edit_body(path, empty_grid)


def _retype(path: Path, old: str, new: str, extra: dict[str, bytes] | None = None) -> Path:
    """Rewrite [Content_Types].xml (and add parts), as Word does for .docm/.xltx."""
    src = zipfile.ZipFile(path)
    entries = [(i.filename, src.read(i)) for i in src.infolist()]
    src.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "[Content_Types].xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            z.writestr(name, data)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def docm(path: Path) -> Path:
    plain_docx(path, "Notulen dengan makro")
    return _retype(
        path,
        WORD_MAIN,
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 not rendered"},
    )


def dotx(path: Path) -> Path:
    plain_docx(path, "Templat surat undangan")
    return _retype(path, WORD_MAIN, WORD_MAIN.replace("ml.document.", "ml.template."))


def picture_docx(path: Path) -> Path:
    """Pictures are left out of kladoc's in-memory copy: the text must still come out."""
    from PIL import Image

    png = path.with_suffix(".png")
    Image.new("RGB", (40, 30), (200, 30, 30)).save(png)
    d = docx.Document()
    d.add_paragraph("Foto kegiatan di bawah ini")
    d.add_picture(str(png))
    d.add_paragraph("Keterangan foto")
    d.save(str(path))
    png.unlink()
    return path


def workbook(path: Path, content_type: str, text: str) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap"
    ws.append(["Kecamatan", "Jumlah"])
    ws.append([text, 1250])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path.with_suffix(".xlsx")))
    path.with_suffix(".xlsx").replace(path)
    return _retype(path, XL_MAIN, content_type) if content_type != XL_MAIN else path


# -- item 1: each file on its own, tall cells, a deadline -------------------------------


def test_a_cell_taller_than_a_page_continues_on_the_next_pages(tmp_path: Path) -> None:
    src = tall_cell_docx(tmp_path / "tinggi.docx")
    doc = _doc("1.1", "tinggi.docx")
    out = tmp_path / "r.pdf"
    assert office.render_python([(doc, src)], out) == {}
    assert (doc.pdf, doc.first, doc.pages) == (out, 1, 3)
    texts = _texts(out)
    assert len(texts) == 3
    joined = " ".join(texts)
    assert "Baris 0 kegiatan" in texts[0] and "Baris 179 kegiatan sosialisasi" in joined
    assert "PENUTUP LAPORAN" in texts[-1]


def test_files_are_laid_out_one_by_one_and_a_failure_spares_the_others(
    tmp_path: Path,
) -> None:
    good = plain_docx(tmp_path / "a.docx", "BERKAS PERTAMA")
    bad = tmp_path / "b.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    tall = tall_cell_docx(tmp_path / "c.docx")
    docs = [_doc("1.1", "a.docx"), _doc("1.2", "b.docx"), _doc("1.3", "c.docx")]
    out = tmp_path / "r.pdf"
    failures = office.render_python(list(zip(docs, (good, bad, tall), strict=True)), out)
    assert failures == {
        "1.2": "isi berkas ini tidak dapat dibaca oleh kladoc (mungkin rusak atau bukan "
        "berkas Word/Excel yang sebenarnya)"
    }
    assert [(d.first, d.pages) for d in (docs[0], docs[2])] == [(1, 1), (2, 3)]
    assert _pages(out) == 4
    assert not list(tmp_path.glob("r-part*.pdf"))  # per-file parts are cleaned up


def test_rendered_files_are_joined_a_chunk_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every part stays open until its joined file is written, so they are joined
    OFFICE_CHUNK at a time, each chunk while the rest still render; each file keeps its
    pages, in order, whatever file holds them, and a failed one leaves only a gap."""
    monkeypatch.setattr(office, "OFFICE_CHUNK", 2)
    results: list[int] = []
    joins: list[tuple[str, int]] = []
    result, join = office._Renderer.result, office._join

    def counted(self: office._Renderer) -> tuple[str, int]:
        results.append(1)
        return result(self)

    def recorded(rendered: list[tuple[Doc, Path]], target: Path) -> None:
        joins.append((target.name, len(results)))
        join(rendered, target)

    monkeypatch.setattr(office._Renderer, "result", counted)
    monkeypatch.setattr(office, "_join", recorded)
    srcs = [plain_docx(tmp_path / f"{n}.docx", f"BERKAS NOMOR {n}") for n in range(7)]
    srcs[3].write_bytes(b"PK\x03\x04 not really a zip")
    docs = [_doc(f"1.{n}", f"{n}.docx") for n in range(7)]
    out = tmp_path / "r.pdf"
    # one worker: the files end in order, so when each chunk is joined is known
    failures = office.render_python(list(zip(docs, srcs, strict=True)), out, workers=1)
    assert list(failures) == ["1.3"]
    joined = [out, *(tmp_path / f"r-{c:04d}.pdf" for c in (1, 2, 3))]
    assert [(d.pdf, d.first, d.pages) for n, d in enumerate(docs) if n != 3] == [
        (joined[0], 1, 1),
        (joined[0], 2, 1),
        (joined[1], 1, 1),
        (joined[2], 1, 1),
        (joined[2], 2, 1),
        (joined[3], 1, 1),
    ]
    for n, doc in enumerate(docs):
        if n != 3:
            assert doc.pdf is not None
            assert f"BERKAS NOMOR {n}" in _texts(doc.pdf)[doc.first - 1]
    assert sorted(tmp_path.glob("r*.pdf")) == sorted(joined)  # no part left behind
    # each chunk joined as soon as its last file ended (while the next one rendered)
    assert joins == [(p.name, n) for p, n in zip(joined, (2, 4, 6, 7), strict=True)]


def test_a_grid_that_cannot_be_laid_out_falls_back_to_plain_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process: the grid without row splitting (the old layout) raises LayoutError;
    the file then comes out as one line per row rather than not at all."""
    from reportlab.platypus import Table
    from reportlab.platypus.doctemplate import LayoutError

    src = tall_cell_docx(tmp_path / "t.docx")

    def unsplittable(rows: list[list[str]], width: float, header: bool = True) -> Table:
        return Table([[c for c in r] for r in rows], colWidths=[width / len(rows[0])] * 3)

    monkeypatch.setattr(office, "MAX_CELL_CHARS", 100_000)
    big = tall_cell_docx(tmp_path / "big.docx", lines=900)
    monkeypatch.setattr(office, "_grid", lambda rows, w, header=True: unsplittable(rows, w))
    with pytest.raises(LayoutError):  # the grid alone fails
        office.render_file(big, tmp_path / "g.pdf", "big.docx")
    status, pages = office.render_one(str(big), str(tmp_path / "o.pdf"), "big.docx", "id")
    assert (status, pages) == ("ok", 4)
    assert "Baris 899 kegiatan" in " ".join(_texts(tmp_path / "o.pdf"))
    # and when even plain rows cannot be laid out: a "layout" failure, not an exception

    def fail(*_a: object, **_k: object) -> object:
        raise LayoutError("too tall")

    monkeypatch.setattr(office, "render_file", fail)
    assert office.render_one(str(src), str(tmp_path / "p.pdf"), "t.docx", "id") == ("layout", 0)
    assert office.failure_reason("layout", 60) == (
        "isi berkas ini terlalu besar atau terlalu rumit untuk ditata otomatis oleh kladoc"
    )


def test_content_is_capped_so_one_file_cannot_take_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(office, "MAX_DOC_CHARS", 2_000)
    src = plain_docx(tmp_path / "panjang.docx", "Kalimat yang sangat panjang " * 4, 200)
    status, pages = office.render_one(str(src), str(tmp_path / "o.pdf"), "panjang.docx", "id")
    assert (status, pages) == ("ok", 1)
    text = " ".join(_texts(tmp_path / "o.pdf"))
    assert "sisa dokumen tidak ditampilkan; lihat berkas asli yang terlampir" in text
    assert " 15" in text and "panjang 30" not in text


def test_sheet_cells_are_capped_and_the_rest_is_counted_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(office, "MAX_CELLS", 200)
    wb = Workbook()
    ws = wb.active
    for r in range(100):
        ws.append([f"b{r}k{c}" for c in range(10)])
    src = tmp_path / "besar.xlsx"
    wb.save(str(src))
    status, pages = office.render_one(str(src), str(tmp_path / "o.pdf"), "besar.xlsx", "id")
    assert (status, pages) == ("ok", 1)
    text = " ".join(_texts(tmp_path / "o.pdf"))
    assert "b19k9" in text and "b20k0" not in text  # 20 rows x 10 cells
    assert "… 80 baris berikutnya tidak ditampilkan; lihat berkas asli yang terlampir." in text


def test_a_file_over_its_deadline_becomes_a_notice_and_the_build_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = clean_dossier(tmp_path / "d")
    slow = plain_docx(root / INDICATOR_1 / "Notulen Panjang 2025.docx", "butir", 40)
    plain_docx(root / INDICATOR_1 / "Notulen Singkat 2025.docx", "BERKAS LAIN")
    # the worker blocks on this file until the deadline kills it, however fast the machine;
    # the other file has the same deadline (2.5 s for one short page, readers preloaded)
    monkeypatch.setattr(office, "HANG_FOR_TESTS", frozenset({"Notulen Panjang 2025.docx"}))
    monkeypatch.setattr(office, "RENDER_TIMEOUT", 2.5)
    monkeypatch.setattr(office, "OFFICE_WORKERS", 1)  # the next file goes to a new worker
    result = run_check(root)
    report = build_pdf(result, root / "_kladoc", cluster="kelembagaan", converter="python")
    assert report.ok, [e.render() for e in report.errors]
    assert (
        "build.warn.convert",
        {
            "path": slow.relative_to(root).as_posix(),
            "detail": ("penataan berkas ini oleh kladoc dihentikan setelah 2,5 detik"),
        },
    ) in report.warnings
    texts = _texts(report.files[0].path)
    notice = next(t for t in texts if "Notulen Panjang 2025.docx" in t and "BERKAS TIDAK" in t)
    assert "dihentikan setelah 2,5 detik" in notice
    assert "Simpan" in notice or "simpan sebagai PDF" in notice
    assert not re.search(r"Error|Traceback|Exception", notice)
    assert sum("BERKAS LAIN" in t for t in texts) == 1  # the next file still rendered


# -- item 2: LibreOffice in batches -----------------------------------------------------

FAKE_SOFFICE = """
import sys
from pathlib import Path

import pikepdf

args = sys.argv[1:]
log, keep = Path(args.pop(0)), int(args.pop(0))
outdir = Path(args[args.index("--outdir") + 1])
inputs = [a for a in args[args.index("--outdir") + 2 :]]
with log.open("a", encoding="utf-8") as fh:
    fh.write(f"{len(inputs)}\\n")
# like LibreOffice 7.4 past ~240 files: stop silently after `keep` files, exit 0;
# keep < 0: a run of several files converts nothing, a run of one converts it
if keep < 0:
    keep = 1 if len(inputs) == 1 else 0
for name in inputs[:keep]:
    data = Path(name).read_bytes()
    target = outdir / (Path(name).stem + ".pdf")
    if b"TOLAK" in data:
        target.write_bytes(b"%PDF-1.4 truncated stub")  # not a readable PDF
        continue
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.save(target)
"""


def _fake(tmp_path: Path, keep: int) -> tuple[list[str], Path]:
    script = tmp_path / "fake_soffice.py"
    script.write_text(FAKE_SOFFICE, encoding="utf-8")
    log = tmp_path / "runs.txt"
    return [sys.executable, str(script), str(log), str(keep)], log


def test_batches_are_checked_and_missing_outputs_retried_alone(tmp_path: Path) -> None:
    cmd, log = _fake(tmp_path, keep=2)
    files = {f"k{n}": plain_docx(tmp_path / "ev" / f"f{n}.docx", f"isi {n}") for n in range(7)}
    rejected = tmp_path / "ev" / "tolak.docx"
    rejected.write_bytes(b"PK TOLAK")
    files["bad"] = rejected
    done, note = office.libreoffice_convert(cmd, files, tmp_path / "work", batch=3)
    # runs: [k0 k1 k2] -> k2 alone, [k3 k4 k5] -> k5 alone, [k6 bad] -> bad alone
    assert log.read_text(encoding="utf-8").split() == ["3", "1", "3", "1", "2", "1"]
    assert set(done) == {f"k{n}" for n in range(7)}
    assert all(office.is_pdf(p) and _pages(p) == 1 for p in done.values())
    assert note == "LibreOffice tidak menghasilkan PDF"


def test_a_batch_that_converts_nothing_is_retried_file_by_file(tmp_path: Path) -> None:
    cmd, log = _fake(tmp_path, keep=-1)
    files = {f"k{n}": plain_docx(tmp_path / "ev" / f"f{n}.docx", f"isi {n}") for n in range(4)}
    done, note = office.libreoffice_convert(cmd, files, tmp_path / "work", batch=3)
    assert log.read_text(encoding="utf-8").split() == ["3", "1", "1", "1", "1"]
    assert (sorted(done), note) == (["k0", "k1", "k2", "k3"], "")


def test_libreoffice_batches_of_fifty_by_default(tmp_path: Path) -> None:
    cmd, log = _fake(tmp_path, keep=1000)
    src = plain_docx(tmp_path / "ev" / "a.docx", "isi")
    files = {f"k{n}": src for n in range(120)}
    done, note = office.libreoffice_convert(cmd, files, tmp_path / "work")
    assert (len(done), note) == (120, "")
    assert log.read_text(encoding="utf-8").split() == ["50", "50", "20"]


def test_build_retries_then_renders_then_never_says_needs_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = clean_dossier(tmp_path / "d")
    for n in range(4):
        plain_docx(root / INDICATOR_1 / f"Notulen {n} 2025.docx", f"NOTULEN NOMOR {n}")
    legacy_doc(root / INDICATOR_1 / "Surat Lama 2025.doc")
    cmd, log = _fake(tmp_path, keep=1)
    # the fake converts nothing the second time either: every file falls back
    monkeypatch.setattr(office, "find_soffice", lambda: [*cmd[:3], "0"])
    monkeypatch.setattr(office, "LO_BATCH", 2)
    result = run_check(root)
    report = build_pdf(result, root / "_kladoc", cluster="kelembagaan")
    assert report.ok, [e.render() for e in report.errors]
    # the first batch and both its files alone convert nothing: LibreOffice is not
    # working, so the other files skip it instead of one LibreOffice start each
    assert log.read_text(encoding="utf-8").split() == ["2", "1", "1"]
    soffice_warn = [p for k, p in report.warnings if k == "build.warn.soffice"]
    assert soffice_warn == [
        {"count": 5, "detail": "LibreOffice tidak dapat mengonversi satu berkas pun"}
    ]
    texts = _texts(report.files[0].path)
    for n in range(4):  # the Python renderer took over
        assert sum(f"NOTULEN NOMOR {n}" in t for t in texts) == 1
    notice = next(t for t in texts if "Surat Lama 2025.doc" in t and "BERKAS TIDAK" in t)
    assert "LibreOffice tidak dapat mengonversi berkas ini" in notice
    assert "tidak ditemukan" not in notice  # never "needs LibreOffice" while it is installed


def test_build_uses_what_the_batches_converted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = clean_dossier(tmp_path / "d")
    for n in range(3):
        plain_docx(root / INDICATOR_1 / f"Notulen {n} 2025.docx", f"NOTULEN NOMOR {n}")
    legacy_doc(root / INDICATOR_1 / "Surat Lama 2025.doc")
    cmd, log = _fake(tmp_path, keep=1)
    monkeypatch.setattr(office, "find_soffice", lambda: cmd)
    monkeypatch.setattr(office, "LO_BATCH", 2)
    report = build_pdf(run_check(root), root / "_kladoc", cluster="kelembagaan")
    assert report.ok, [e.render() for e in report.errors]
    # 4 Office files in this cluster (3 notes + the .doc) in batches of 2, one converted
    # per run, the other retried alone
    assert log.read_text(encoding="utf-8").split() == ["2", "1"] * 2
    assert not [k for k, _ in report.warnings if k in ("build.warn.soffice", "build.warn.convert")]
    texts = _texts(report.files[0].path)
    assert not any("NOTULEN NOMOR" in t for t in texts)  # all pages came from "LibreOffice"
    assert not any("BERKAS TIDAK DAPAT" in t for t in texts)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_real_libreoffice_converts_in_batches(tmp_path: Path) -> None:
    soffice = office.find_soffice()
    assert soffice is not None
    files = {
        "a": plain_docx(tmp_path / "ev" / "a.docx", "DOKUMEN ALFA"),
        "b": commented_docx(tmp_path / "ev" / "b.docx"),
        "c": workbook(tmp_path / "ev" / "c.xltx", XL_MAIN.replace("sheet.", "template."), "Barat"),
    }
    done, note = office.libreoffice_convert(soffice, files, tmp_path / "work", batch=2)
    assert (sorted(done), note) == (["a", "b", "c"], "")
    assert "DOKUMEN ALFA" in _texts(done["a"])[0]
    assert "Paragraf terakhir notulen" in _texts(done["b"])[0]
    assert "Barat" in _texts(done["c"])[0]
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == [
        "lo-batch-0001",
        "lo-batch-0002",
        "lo-profile",
    ]


# -- item 3: valid files the renderer used to refuse ------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        (
            "komentar.docx",
            commented_docx,
            ["Paragraf pertama notulen", "Sel kiri", "Sel kanan", "Paragraf terakhir notulen"],
        ),
        ("tanpa-grid.docx", gridless_docx, ["Tabel tanpa kolom grid", "isi r0 k0", "isi r1 k2"]),
        ("makro.docm", docm, ["Notulen dengan makro"]),
        ("templat.dotx", dotx, ["Templat surat undangan"]),
        (
            "gambar.docx",
            picture_docx,
            ["Foto kegiatan di bawah ini", "[gambar: lihat berkas asli]", "Keterangan foto"],
        ),
        (
            "templat.xltx",
            lambda p: workbook(p, XL_MAIN.replace("sheet.", "template."), "Kecamatan Timur"),
            ["Lembar: Rekap", "Kecamatan Timur", "1.250"],
        ),
        (
            "makro.xlsm",
            lambda p: workbook(p, "application/vnd.ms-excel.sheet.macroEnabled.main+xml", "Utara"),
            ["Lembar: Rekap", "Utara", "1.250"],
        ),
        (
            "templat-makro.xltm",
            lambda p: workbook(
                p, "application/vnd.ms-excel.template.macroEnabled.main+xml", "Selatan"
            ),
            ["Lembar: Rekap", "Selatan"],
        ),
        (
            "sebenarnya-excel.docx",  # routed by content, not by name
            lambda p: workbook(p, XL_MAIN, "Tengah"),
            ["Lembar: Rekap", "Tengah"],
        ),
    ],
)
def test_valid_files_the_renderer_used_to_refuse(
    tmp_path: Path, name: str, make: object, expected: list[str]
) -> None:
    src = make(tmp_path / name)  # type: ignore[operator]
    before = src.read_bytes()
    doc = _doc("1.1", name)
    out = tmp_path / "r.pdf"
    assert office.render_python([(doc, src)], out) == {}
    assert doc.pages == 1
    text = _texts(out)[0]
    assert f"Dikonversi otomatis oleh kladoc dari {name}" in text
    for piece in expected:
        assert piece in text
    assert src.read_bytes() == before  # the evidence is only read


def test_refused_files_build_into_the_dossier_without_libreoffice(
    tmp_path: Path, cli: object
) -> None:
    root = clean_dossier(tmp_path / "d")
    folder = root / INDICATOR_1
    commented_docx(folder / "Notulen Komentar 2025.docx")
    gridless_docx(folder / "Tabel Tanpa Grid 2025.docx")
    docm(folder / "Notulen Makro 2025.docm")
    workbook(folder / "Templat Data 2025.xltx", XL_MAIN.replace("sheet.", "template."), "Timur")
    tall_cell_docx(folder / "Laporan Tinggi 2025.docx")
    r = cli("build", root, "--cluster", "kelembagaan", "--converter", "python")  # type: ignore[operator]
    assert r.code == 0, r.out + r.err
    assert "tidak dapat dikonversi" not in r.out + r.err
    out = next((root / "_kladoc").glob("*.pdf"))
    texts = _texts(out)
    assert not any("BERKAS TIDAK DAPAT" in t for t in texts)
    for piece in (
        "Paragraf terakhir notulen",
        "isi r1 k2",
        "Notulen dengan makro",
        "Timur",
        "PENUTUP LAPORAN",
    ):
        assert sum(piece in t for t in texts) == 1, piece


@pytest.mark.parametrize(
    ("installed", "reason", "remedy"),
    [
        (
            True,
            "berkas .doc hanya dapat dikonversi dengan LibreOffice, yang tidak dipakai karena "
            "--converter python",
            "Jalankan `kladoc build` tanpa `--converter python`",
        ),
        (
            False,
            "berkas .doc hanya dapat dikonversi dengan LibreOffice, yang tidak ditemukan",
            "pasang LibreOffice lalu jalankan `kladoc build` lagi",
        ),
    ],
)
def test_legacy_doc_without_libreoffice_says_why(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    installed: bool,
    reason: str,
    remedy: str,
) -> None:
    root = clean_dossier(tmp_path / "d")
    legacy_doc(root / INDICATOR_1 / "Surat Lama 2025.doc")
    monkeypatch.setattr(office, "find_soffice", lambda: Path(sys.executable) if installed else None)
    report = build_pdf(run_check(root), root / "_kladoc", cluster="kelembagaan", converter="python")
    assert report.ok, [e.render() for e in report.errors]
    texts = _texts(report.files[0].path)
    notice = next(t for t in texts if "Surat Lama 2025.doc" in t and "BERKAS TIDAK" in t)
    assert reason in notice and remedy in notice


# -- style names (byte scan, the parser for anything unusual) --------------------------

_STYLES_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
)
_STYLES_BODY = (
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    "<w:rPr><w:b/></w:rPr></w:style>"
    "<w:style w:type='paragraph' w:default='1' w:styleId='Normal'><w:name w:val='Normal'/>"
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Judul"/>'
    '<w:style w:type="paragraph" w:styleId="Daftar"><w:name w:val="List Number 2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Kosong"><w:basedOn w:val="Normal"/></w:style>'
)
_STYLE_MAP = {"Heading1": "heading 1", "Normal": "Normal", "Daftar": "List Number 2"}


def _styles_zip(tmp_path: Path, xml: str) -> zipfile.ZipFile:
    path = tmp_path / "styles.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/styles.xml", xml.encode("utf-8"))
    return zipfile.ZipFile(path)


def test_style_names_scan_reads_a_plain_part(tmp_path: Path) -> None:
    xml = _STYLES_HEAD + _STYLES_BODY + "</w:styles>"
    assert office._scan_style_names(xml.encode()) == _STYLE_MAP
    with _styles_zip(tmp_path, xml) as zf:
        assert office._style_names(zf) == _STYLE_MAP


@pytest.mark.parametrize(
    ("head", "extra", "expected"),
    [
        # a comment, an entity, another namespace binding, an encoding the scan does not read
        (
            _STYLES_HEAD,
            "<!-- <w:style w:styleId='X'><w:name w:val='title'/></w:style> -->",
            _STYLE_MAP,
        ),
        (
            _STYLES_HEAD,
            '<w:style w:styleId="Amp"><w:name w:val="Q&amp;A"/></w:style>',
            {**_STYLE_MAP, "Amp": "Q&A"},
        ),
        (
            _STYLES_HEAD.replace('xmlns:w="', 'xmlns:w="http://x" xmlns:v="'),
            '<v:style v:styleId="V"><v:name v:val="Title"/></v:style>',
            {**_STYLE_MAP, "V": "Title"},
        ),
        (_STYLES_HEAD.replace("UTF-8", "ISO-8859-1"), "", _STYLE_MAP),
        (
            _STYLES_HEAD,
            '<w:style w:styleId="T"><w:name w:val="a\tb"/></w:style>',
            {**_STYLE_MAP, "T": "a b"},
        ),
    ],
)
def test_style_names_unusual_parts_go_to_the_parser(
    tmp_path: Path, head: str, extra: str, expected: dict[str, str]
) -> None:
    xml = head + extra + _STYLES_BODY.replace("w:", "v:" if "xmlns:v" in head else "w:")
    xml += "</w:styles>"
    assert office._scan_style_names(xml.encode()) is None
    with _styles_zip(tmp_path, xml) as zf:
        assert office._style_names(zf) == expected


def test_style_names_damaged_part_is_body_text(tmp_path: Path) -> None:
    # the scan gives up on an unclosed style; the parser then refuses the part
    xml = _STYLES_HEAD + '<w:style w:styleId="H"><w:name w:val="heading 1"/>'
    assert office._scan_style_names(xml.encode()) is None
    with _styles_zip(tmp_path, xml) as zf:
        assert office._style_names(zf) == {}


# -- paragraphs of plain text skip reportlab's markup parser ---------------------------


@pytest.mark.parametrize(
    "markup",
    ["Rp 1.250.000", "  two  spaces\tand a tab  ", "Anak\xa0usia 5–12 tahun ✓", "x"],
)
@pytest.mark.parametrize("transform", [None, "uppercase"])
def test_plain_paragraph_has_the_parsers_fragments(markup: str, transform: str | None) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from kladoc.build.style import register_fonts, styles

    register_fonts()
    style = ParagraphStyle("t", styles()["cell"], textTransform=transform)
    fast, parsed = office._paragraph(markup, style), Paragraph(markup, style)
    assert [vars(f) for f in fast.frags] == [vars(f) for f in parsed.frags]
    assert fast.text == parsed.text
    assert fast.frags[0].link is not parsed.frags[0].link  # nothing shared between paragraphs


def test_paragraph_with_markup_or_no_text_is_parsed() -> None:
    from kladoc.build.style import register_fonts, styles

    register_fonts()
    st = styles()
    bold = office._paragraph("<b>Judul</b> &amp; isi", st["body"])
    assert [(f.text, f.bold) for f in bold.frags] == [("Judul", 1), (" ", 0), ("&", 0), (" isi", 0)]
    assert office._paragraph("   ", st["body"]).frags == []


# -- compressed streams and font subsets reused across files ---------------------------


def test_reused_flate_gives_zlibs_bytes_and_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import zlib

    from reportlab.pdfbase.pdfdoc import PDFStreamFilterZCompress

    flate = office._ReusedFlate(PDFStreamFilterZCompress())
    monkeypatch.setattr(office._ReusedFlate, "KEPT_BYTES", 5000)
    big = bytes(range(256)) * 8  # 2,048 bytes: kept
    assert flate.encode(big) == zlib.compress(big)
    assert flate.encode(big) is flate.kept[big]  # the second time from memory
    assert flate.encode("é" * 10) == zlib.compress("é".encode() * 10)  # small: not kept
    assert list(flate.kept) == [big]
    other = big[::-1]
    flate.encode(other)
    flate.encode(other + b"!")  # past 5,000 bytes: what was kept is dropped first
    assert list(flate.kept) == [other + b"!"]
    assert flate.decode(flate.encode(big)) == big


def test_render_with_reused_font_work_is_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.pdfbase import pdfdoc, pdfmetrics

    from kladoc.build.style import FONT, FONT_BOLD

    src = plain_docx(tmp_path / "a.docx", "Laporan kegiatan Forum Anak — Rp 1.250.000", 30)
    office.render_file(src, tmp_path / "warm.pdf", "a.docx")  # installs the reuse
    office.render_file(src, tmp_path / "again.pdf", "a.docx")  # from memory
    flate = pdfdoc.PDFZCompress
    assert isinstance(flate, office._ReusedFlate)
    assert flate.kept  # the font programs were kept
    # reportlab's own compression and subsetting, for the same file
    monkeypatch.setattr(office, "_reuse_font_work", lambda: None)
    monkeypatch.setattr(pdfdoc, "PDFZCompress", flate.base)
    assert pdfmetrics.getFont(FONT).face._kladoc_subsets  # and the body font's subsets
    for face in (pdfmetrics.getFont(f).face for f in (FONT, FONT_BOLD)):
        monkeypatch.delattr(face, "makeSubset")
    office.render_file(src, tmp_path / "plain.pdf", "a.docx")
    plain = (tmp_path / "plain.pdf").read_bytes()
    assert (tmp_path / "warm.pdf").read_bytes() == plain
    assert (tmp_path / "again.pdf").read_bytes() == plain


_OLD_STYLE_TAG = re.compile(rb"<w:style\b([^>]*?)(/?)>")
_OLD_STYLE_END = re.compile(rb"</w:style\s*>")


def _regex_scan(data: bytes) -> dict[str, str] | None:
    """The scan as first written (regex searches over the whole part): the quicker one
    must give the same answer for every input."""
    decl = office._XML_DECL.match(data)
    if (
        decl is not None
        and b"encoding" in decl.group()
        and not re.search(rb"encoding\s*=\s*[\"']utf-8[\"']", decl.group(), re.I)
    ):
        return None
    if data.count(W[1:-1].encode()) != 1 or office._W_DECL not in data:
        return None
    if b"<!" in data or b"&" in data or b"]]>" in data:
        return None
    names: dict[str, str] = {}
    for m in _OLD_STYLE_TAG.finditer(data):
        if m.group(2):
            continue
        end = _OLD_STYLE_END.search(data, m.end())
        if end is None:
            return None
        sid = office._STYLE_ID.search(m.group(1))
        name = office._STYLE_NAME.search(data, m.end(), end.start())
        if sid is None or not sid.group(2) or name is None:
            continue
        if office._ODD_VALUE.search(sid.group(2)) or office._ODD_VALUE.search(name.group(2)):
            return None
        try:
            names[sid.group(2).decode()] = name.group(2).decode()
        except UnicodeDecodeError:
            return None
    return names


_ODD_BODIES = [
    _STYLES_BODY,
    # tags that start like a style's, end tags with spaces or that are not a style's
    '<w:styleX w:styleId="A"><w:name w:val="a"/></w:styleX>' + _STYLES_BODY,
    '<w:style w:styleId="B"><w:name w:val="b"/></w:style  >' + _STYLES_BODY,
    '<w:style w:styleId="C"><w:name w:val="c"/></w:styles></w:style>',
    '<w:style w:styleId="D"><w:style w:styleId="E"><w:name w:val="e"/></w:style>',
    '<w:style w:styleId="F"><w:name w:val="f"/>',  # never closed
    '<w:style w:styleId="G"/><w:style-x w:styleId="H"><w:name w:val="h"/></w:style>',
    # markup the scan leaves to the parser, after many harmless '!' and ']'
    "<w:style w:styleId='I'><w:name w:val='!!'/></w:style>" * 40 + "<!-- x -->",
    "<w:style w:styleId='J'><w:name w:val='a]b'/></w:style>" * 70 + "<![CDATA[x]]>",
    "<w:style w:styleId='K'><w:name w:val='!'/></w:style>" * 70,
    "<w:style w:styleId='L'><w:name w:val='x]]'/></w:style>" * 70 + "]]>",
    '<w:style w:styleId="M"><w:name w:val="a\nb"/></w:style>',
    '<w:style w:styleId="N"><w:name w:val="\xe9"/></w:style>',
]


@pytest.mark.parametrize("body", _ODD_BODIES)
def test_style_names_scan_agrees_with_the_regex_scan(body: str) -> None:
    for head in (_STYLES_HEAD, _STYLES_HEAD.replace("UTF-8", "latin-1"), _STYLES_HEAD[39:]):
        data = (head + body + "</w:styles>").encode()
        assert office._scan_style_names(data) == _regex_scan(data)
        assert office._scan_style_names(data[:-12]) == _regex_scan(data[:-12])
        latin = (head + body).encode("latin-1", "replace")
        assert office._scan_style_names(latin) == _regex_scan(latin)


def test_style_names_scan_agrees_on_cut_and_spliced_parts() -> None:
    import random

    rng = random.Random(12)
    data = (_STYLES_HEAD + _STYLES_BODY * 30 + "</w:styles>").encode()
    pieces = [b"<!", b"]]>", b"!", b"]", b"<w:style ", b"</w:style>", b"/>", b"'", b"<"]
    for _ in range(400):
        at = rng.randrange(len(data))
        cut = rng.randrange(at, min(len(data), at + 60))
        mutated = data[:at] + rng.choice(pieces) * rng.randrange(1, 80) + data[cut:]
        assert office._scan_style_names(mutated) == _regex_scan(mutated)


def test_holds_finds_a_needle_by_its_rare_byte() -> None:
    assert office._holds(b"a<!b", b"<!", 1)
    assert not office._holds(b"!a<b!", b"<!", 1)
    assert not office._holds(b"!", b"<!", 1)  # the byte first, with nothing before it
    many = b"x!" * (office._RARE_HITS + 5)
    assert not office._holds(many, b"<!", 1)
    assert office._holds(many + b"<!", b"<!", 1)  # found past the hits looked at one by one
    assert office._holds(b"]" * 200 + b"]>", b"]]>", 0)
    assert not office._holds(b"]" * 200, b"]]>", 0)


# -- run text and table rows read without python-docx's per-call XPath ------------------

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(
    "inner",
    [
        "<w:t>Rapat</w:t>",
        '<w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> dibuka  </w:t><w:tab/><w:t>09.00</w:t>',
        '<w:t>a</w:t><w:br/><w:t>b</w:t><w:br w:type="page"/><w:br w:type="column"/><w:cr/>',
        "<w:noBreakHyphen/><w:ptab w:relativeTo='margin' w:alignment='left' w:leader='none'/>",
        "<w:t/><w:sym w:font='Wingdings' w:char='F0FC'/><w:fldChar w:fldCharType='begin'/>"
        "<w:instrText>PAGE</w:instrText><w:softHyphen/><w:t>Anak\u00a0usia 5\u201312</w:t>",
        "<w:drawing/><w:lastRenderedPageBreak/>",
        "",
    ],
)
def test_run_text_is_python_docx_run_text(inner: str) -> None:
    from docx.oxml.parser import parse_xml
    from docx.text.run import Run

    r = parse_xml(f"<w:r {_NS}>{inner}</w:r>")
    assert office._run_text(r) == Run(r, None).text  # type: ignore[arg-type]


def test_table_rows_and_cells_are_python_docx_xpath() -> None:
    from docx.oxml.parser import parse_xml

    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    sdt = "<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent><w:sdtContent>{}</w:sdtContent></w:sdt>"
    row = "<w:tr>" + cell.format("a") + sdt.format(cell.format("b"), cell.format("c")) + "</w:tr>"
    tbl = parse_xml(
        f"<w:tbl {_NS}><w:tblPr/><w:tblGrid/>{row}"
        + sdt.format(row.replace(">a<", ">d<"), "<w:p/>" + row.replace(">a<", ">e<"))
        + "<w:sdt><w:sdtContent><w:sdt><w:sdtContent>"
        + row.replace(">a<", ">nested<")
        + "</w:sdtContent></w:sdt></w:sdtContent></w:sdt>"
        + row.replace(">a<", ">f<")
        + "</w:tbl>"
    )
    rows = list(office._children(tbl, W + "tr"))
    assert rows == tbl.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr")
    assert len(rows) == 4  # the row two content controls deep is not one of them
    for tr in rows:
        assert list(office._children(tr, W + "tc")) == tr.xpath(
            "./w:tc | ./w:sdt/w:sdtContent/w:tc"
        )
    assert office._rows_of(tbl) == [[x, "b", "c"] for x in "adef"]


def _t_text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(W + "t"))


def _stack_blocks(xml: bytes) -> list[tuple[str, str]]:
    """The body's blocks as first read (a stack of every element's start and end)."""
    stack: list[str] = []
    blocks: list[tuple[str, str]] = []
    for event, el in etree.iterparse(
        io.BytesIO(xml), events=("start", "end"), remove_comments=True, remove_pis=True
    ):
        if event == "start":
            stack.append(el.tag)
            continue
        stack.pop()
        if el.tag not in (W + "p", W + "tbl") or len(stack) < 2 or stack[1] != W + "body":
            continue
        if any(tag not in (W + "sdt", W + "sdtContent") for tag in stack[2:]):
            continue
        blocks.append((el.tag, _t_text(el)))
    return blocks


def test_body_blocks_are_the_bodys_paragraphs_and_tables(tmp_path: Path) -> None:
    p = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    textbox = (
        "<w:p><w:r><w:drawing><w:txbxContent>" + p.format("in a text box") + "</w:txbxContent>"
        "</w:drawing><w:t>around it</w:t></w:r></w:p>"
    )
    table = "<w:tbl><w:tr><w:tc>" + p.format("cell") + "</w:tc></w:tr></w:tbl>"
    sdt = "<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>"
    body = (
        p.format("first")
        + "<!-- a comment --><?pi x?>"
        + sdt.format(p.format("controlled") + sdt.format(table + p.format("deeper")))
        + textbox
        + table
        + "<w:customXml>"
        + p.format("custom xml")
        + "</w:customXml>"
        + p.format("last")
        + "<w:sectPr/>"
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS}><w:body>{body}</w:body>'
        + p.format("after the body")
        + "<w:notBody>"
        + p.format("in another part of the document")
        + "</w:notBody></w:document>"
    ).encode()
    path = tmp_path / "blocks.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", xml)
    with zipfile.ZipFile(path) as zf:
        got = [(b.tag, _t_text(b)) for b in office._body_blocks(zf, "word/document.xml")]
    assert got == _stack_blocks(xml)
    assert [text for _tag, text in got] == [
        "first",
        "controlled",
        "cell",
        "deeper",
        "in a text boxaround it",
        "cell",
        "last",
    ]


# -- a paragraph wrapped again at the same width keeps its lines ------------------------


def _counting(para: office._CellParagraph, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    calls: list[float] = []
    real = para.breakLines

    def breakLines(width: Any) -> Any:
        calls.append(width[0])
        return real(width)

    monkeypatch.setattr(para, "breakLines", breakLines)
    return calls


def test_paragraph_wrapped_again_at_the_same_width_keeps_its_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reportlab.platypus import Paragraph

    from kladoc.build.style import register_fonts, styles

    register_fonts()
    style = styles()["cell"]
    text = "Jumlah anak usia 5-12 tahun yang mengikuti forum anak desa " * 4
    para = office._paragraph(text, style, kind=office._CellParagraph)
    calls = _counting(para, monkeypatch)
    first = para.wrap(120, 500)
    assert para.wrap(120, 800) == first and calls == [120]  # the height offered is not read
    assert para.wrap(200, 500) == Paragraph(text, style).wrap(200, 500)
    assert para.wrap(120, 500) == first and calls == [120, 200, 120]  # only the last is kept
    # asked to split where no line fits, reportlab drops the lines: they are made again
    assert para.split(120, 1) == [] and not hasattr(para, "blPara")
    assert para.wrap(120, 500) == first and len(calls) == 4
    assert para.wrap(0, 500) == (0, 0x7FFFFFFF)  # too narrow: nothing kept
    assert para.wrap(120, 500) == first and len(calls) == 5


def test_paragraph_of_many_fragments_is_wrapped_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from kladoc.build.style import register_fonts, styles

    register_fonts()
    para = office._paragraph(
        "<b>Judul</b> dan isi<br/>baris kedua", styles()["cell"], kind=office._CellParagraph
    )
    calls = _counting(para, monkeypatch)
    size = para.wrap(120, 500)
    assert para.wrap(120, 500) == size and calls == [120, 120]


def test_kept_lines_give_the_same_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.platypus import Paragraph, Spacer, Table

    # tables split across pages, cells split inside a row, a repeated header row
    tall = tall_cell_docx(tmp_path / "tall.docx")
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Nama kegiatan", "Keterangan"])
    for n in range(400):
        ws.append([n, f"Kegiatan forum anak {n} " * (n % 7 + 1), "x" if n % 3 else None])
    ws.cell(row=5, column=3, value="Catatan panjang " * 300)
    wb.save(tmp_path / "rows.xlsx")
    for src in (tall, tmp_path / "rows.xlsx"):
        office.render_file(src, tmp_path / "kept.pdf", src.name)
        with monkeypatch.context() as m:
            m.setattr(office, "_CellParagraph", Paragraph)
            office.render_file(src, tmp_path / "plain.pdf", src.name)
        assert (tmp_path / "kept.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()
        assert _pages(tmp_path / "kept.pdf") > 2
    sheet = office.xlsx_flowables(tmp_path / "rows.xlsx", 500)
    table = next(f for f in sheet if isinstance(f, Table))
    assert all(type(c) is office._CellParagraph for row in table._cellvalues for c in row)
    assert all(type(f) is Paragraph for f in sheet if not isinstance(f, (Table, Spacer)))


def test_style_names_of_the_same_part_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(office, "_STYLES_KEPT", {})
    xml = _STYLES_HEAD + _STYLES_BODY + "</w:styles>"
    scans: list[bytes] = []
    real = office._read_style_names
    monkeypatch.setattr(office, "_read_style_names", lambda d: scans.append(d) or real(d))
    with _styles_zip(tmp_path, xml) as zf:
        first = office._style_names(zf)
        first["Heading1"] = "changed by a caller"
        assert office._style_names(zf) == _STYLE_MAP  # kept, and not the caller's copy
        assert len(scans) == 1
        key = (zf.getinfo("word/styles.xml").CRC, len(xml.encode()))
    # other bytes under the same CRC and size (a forged part) are read for themselves
    office._STYLES_KEPT[key] = (b"x" * key[1], {"Heading1": "Title"})
    with _styles_zip(tmp_path, xml) as zf:
        assert office._style_names(zf) == _STYLE_MAP
    assert len(scans) == 2
    for n in range(office._STYLES_KEPT_MAX + 1):  # bounded
        other = xml.replace("Daftar", f"Daftar{n}")
        with _styles_zip(tmp_path, other) as zf:
            office._style_names(zf)
    assert 0 < len(office._STYLES_KEPT) <= office._STYLES_KEPT_MAX


def test_widths_arrays_are_formatted_once_with_reportlabs_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.pdfbase import pdfdoc, pdfmetrics

    from kladoc.build.style import FONT, FONT_BOLD

    doc = pdfdoc.PDFDocument()
    widths = [317.87109375, 400.87890625, 0.0, 1000.0] * 30
    kept = office._WidthsArray(widths)
    assert kept.format(doc) == pdfdoc.PDFArray(widths).format(doc)
    assert kept.format(doc) is office._WidthsArray(list(widths)).format(doc)  # from memory
    mixed = [1, 2.5, pdfdoc.PDFName("x")]
    assert office._WidthsArray(mixed).format(doc) == pdfdoc.PDFArray(mixed).format(doc)
    assert (1, 2.5) not in {k[0][:2] for k in office._WidthsArray.kept}  # not kept

    src = plain_docx(tmp_path / "a.docx", "Laporan **tebal** kegiatan — Rp 1.250.000", 20)
    office.render_file(src, tmp_path / "kept.pdf", "a.docx")
    fonts = [pdfmetrics.getFont(f) for f in (FONT, FONT_BOLD)]
    assert all(f._kladoc_widths for f in fonts)
    # reportlab's own addObjects, for the same file
    monkeypatch.setattr(office, "_reuse_font_work", lambda: None)
    for font in fonts:
        monkeypatch.delattr(font, "addObjects")
    office.render_file(src, tmp_path / "plain.pdf", "a.docx")
    assert (tmp_path / "kept.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()
    assert b"/Widths" in (tmp_path / "plain.pdf").read_bytes()


def test_worker_readers_load_without_numpy_and_render_the_same(tmp_path: Path) -> None:
    import datetime as dt
    import subprocess

    pytest.importorskip("numpy")  # what is kept out of reach
    wb = Workbook()
    ws = wb.active
    ws.append(["Tanggal", "Jumlah", "Persen", "Aktif"])
    for n in range(30):
        ws.append([dt.date(2025, 1, 1) + dt.timedelta(days=n), 1_250_000 + n, n / 7, n % 2 == 0])
    wb.save(tmp_path / "data.xlsx")
    here = office.render_one(str(tmp_path / "data.xlsx"), str(tmp_path / "here.pdf"), "d", "id")
    code = (
        "import sys\n"
        "from kladoc.build import office\n"
        "office._import_readers()\n"
        "import openpyxl.compat.numbers\n"
        "assert 'numpy' not in sys.modules and not openpyxl.compat.numbers.NUMPY\n"
        "print(office.render_one(sys.argv[1], sys.argv[2], 'd', 'id'))\n"
        "import numpy\n"  # still importable afterwards
    )
    args = [sys.executable, "-c", code, str(tmp_path / "data.xlsx"), str(tmp_path / "worker.pdf")]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == repr(here) == "('ok', 1)"
    assert (tmp_path / "worker.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()


def test_character_maps_are_kept_with_reportlabs_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.pdfbase import ttfonts

    src = plain_docx(tmp_path / "a.docx", "Laporan kegiatan — Rp 1.250.000 ✓ é", 10)
    office.render_file(src, tmp_path / "kept.pdf", "a.docx")  # installs the memory
    kept = ttfonts.makeToUnicodeCMap
    assert kept._kladoc_kept  # type: ignore[attr-defined]  # the file's maps were kept
    make = kept.__wrapped__  # type: ignore[attr-defined]  # reportlab's
    subset = [0, *range(32, 127), 0x2014]
    text = kept("AAAAAA+DejaVuSans", subset)
    assert text == make("AAAAAA+DejaVuSans", subset)
    assert kept("AAAAAA+DejaVuSans", list(subset)) is text  # from memory
    assert kept("AAAAAB+DejaVuSans", subset) != text  # the name is part of the map
    monkeypatch.setattr(office, "_CMAPS_KEPT", 1)
    kept("AAAAAC+DejaVuSans", subset)
    assert len(kept._kladoc_kept) == 1  # type: ignore[attr-defined]  # bounded
    # reportlab's own function, for the same file
    monkeypatch.setattr(ttfonts, "makeToUnicodeCMap", make)
    monkeypatch.setattr(office, "_reuse_font_work", lambda: None)
    office.render_file(src, tmp_path / "plain.pdf", "a.docx")
    assert (tmp_path / "kept.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()
