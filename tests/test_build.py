"""`kladoc build`: the dossier PDF a verifier opens. Everything is checked on the output
itself: page counts, bookmarks, contents links and printed page numbers, stamps read back
with PDFium, upright photos and stamps, safety, and atomic replacement."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageOps, ImageStat

from kladoc.build import BuildReport, build_pdf
from kladoc.check import CheckResult, run_check
from kladoc.errors import UsageError
from kladoc.i18n import set_language
from tests import synth
from tests.dossier_factory import tree_state

KLASTER_I = "Klaster-I-Hak-Sipil-dan-Kebebasan.pdf"
STAMP_BASE = "Kota Contoh · KLA 2025 · Klaster I"
ROTATED = "Dukcapil/04 Akta Kelahiran/Perwal Akta Rotasi 2024.pdf"
ODD_BOX = "Diskominfo/05 ILA/Brosur ILA “Ramah Anak” – Déwi 2025.pdf"
PHOTO_6 = "Dukcapil/04 Akta Kelahiran/Foto Pelayanan Akta 2025.jpg"
PHOTO_3 = "Dukcapil/04 Akta Kelahiran/Foto Jemput Bola 2025.jpg"
ENCRYPTED = "Diskominfo/05 ILA/DPA ILA 2025.pdf"
CORRUPT = "Diskominfo/05 ILA/Rusak 2024.pdf"
DOCX = "DP3A/06 Partisipasi Anak/Notulen Forum Anak 2025.docx"
XLSX = "Dukcapil/04 Akta Kelahiran/Data Akta Kelahiran 2024-2025.xlsx"


# -- fixtures ---------------------------------------------------------------------------


def _hostile(path: Path) -> None:
    """Rewrite a PDF in place with JavaScript on open, a Launch link, a 270° page with an
    odd media box origin: everything a stamp and the sanitizer must cope with."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        js = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        )
        pdf.Root.OpenAction = js
        pdf.Root.Names = pikepdf.Dictionary(
            JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("x"), js]))
        )
        page = pdf.pages[0]
        page.obj.MediaBox = pikepdf.Array([100, 200, 695.28, 1041.89])
        page.obj.Rotate = 270
        launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))
        page.obj.Annots = pdf.make_indirect(
            pikepdf.Array(
                [
                    pdf.make_indirect(
                        pikepdf.Dictionary(
                            Type=pikepdf.Name.Annot,
                            Subtype=pikepdf.Name.Link,
                            Rect=pikepdf.Array([150, 300, 300, 340]),
                            A=launch,
                        )
                    )
                ]
            )
        )
        pdf.save(path)


def make_dossier(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "kladoc.toml").write_text(
        'region = "Kota Contoh"\nkind = "kota"\nyear = 2025\nchecklist = "kla-2024"\n',
        encoding="utf-8",
    )
    akta = root / "Dukcapil" / "04 Akta Kelahiran"
    synth.text_pdf(
        akta / "SK Tim Akta 2024.pdf", title="Tim Percepatan Akta Kelahiran", pages=3, year=2024
    )
    synth.text_pdf(
        akta / "Perwal Akta Rotasi 2024.pdf",
        title="Akta Kelahiran Anak",
        pages=2,
        year=2024,
        rotate=90,
        doc_kind="PERATURAN WALI KOTA CONTOH",
    )
    synth.data_xlsx(
        akta / "Data Akta Kelahiran 2024-2025.xlsx",
        title="Data Akta Kelahiran Anak",
        headers=["Kecamatan", "2024", "2025"],
        rows=[[k, 1200 + i, 1300 + i] for i, k in enumerate(synth.KECAMATAN)],
        year=2025,
    )
    synth.photo_jpeg(
        akta / "Foto Pelayanan Akta 2025.jpg",
        orientation=6,
        seed=1,
        size=(1200, 900),
        taken="2025:03:04 09:00:00",
    )
    synth.photo_jpeg(
        akta / "Foto Jemput Bola 2025.jpg",
        orientation=3,
        seed=2,
        size=(900, 1200),
        taken="2025:05:06 09:00:00",
    )
    synth.scanned_pdf(
        akta / "Scan SK Lama 2024.pdf",
        lines=["SURAT KEPUTUSAN", "Tim Akta"],
        pages=2,
        year=2024,
        dpi=100,
    )
    ila = root / "Diskominfo" / "05 ILA"
    brochure = synth.text_pdf(
        ila / "Brosur ILA “Ramah Anak” – Déwi 2025.pdf",
        title="Informasi Layak Anak",
        pages=2,
        year=2025,
        doc_kind="LAPORAN",
    )
    _hostile(brochure)
    synth.encrypted_pdf(ila / "DPA ILA 2025.pdf", title="DPA Informasi Layak Anak", year=2025)
    (ila / "Rusak 2024.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\ngarbage")
    forum = root / "DP3A" / "06 Partisipasi Anak"
    synth.minutes_docx(
        forum / "Notulen Forum Anak 2025.docx",
        title="Rapat Forum Anak Kota Contoh",
        date_text="Selasa, 18 Maret 2025",
        attendees=["Andi", ("Dewi", "Forum Anak")],
        points=["Forum Anak menyampaikan usulan.", "Tindak lanjut disepakati."],
        year=2025,
    )
    synth.text_pdf(forum / "SK Forum Anak 2025.pdf", title="Pengurus Forum Anak", year=2025)
    (forum / "narasi.md").write_text(
        "# Capaian\nForum Anak aktif di **lima** kecamatan, dengan “musrenbang anak”.\n\n"
        "- rapat rutin tiap bulan\n- terlibat dalam RPJMD\n",
        encoding="utf-8",
    )
    synth.text_pdf(
        root / "Bappeda" / "01 Kebijakan" / "Perwal KLA 2024.pdf",
        title="Kabupaten/Kota Layak Anak",
        year=2024,
        doc_kind="PERATURAN WALI KOTA CONTOH",
    )
    return root


@dataclass
class Built:
    root: Path
    out: Path
    result: CheckResult
    report: BuildReport
    hashes: dict[str, tuple[str, int]]


def check(root: Path) -> CheckResult:
    return run_check(root, jobs=1, use_cache=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    set_language("id")
    root = make_dossier(tmp_path_factory.mktemp("build") / "Dossier KLA 2025")
    before = tree_state(root)
    result = check(root)
    # the draft: every document, its notice pages and gaps (the submission version: below)
    report = build_pdf(result, result.config.output_dir, converter="python", draft=True)
    yield Built(root, result.config.output_dir, result, report, before)


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, CheckResult]:
    root = tmp_path / "Dossier"
    root.mkdir()
    (root / "kladoc.toml").write_text('region = "Kota Contoh"\nyear = 2025\n', encoding="utf-8")
    for i in range(3):
        synth.text_pdf(
            root / "Bappeda" / "01 Kebijakan" / f"Perwal {i} 2024.pdf",
            title=f"Kebijakan {i}",
            pages=2 + i,
            year=2024,
        )
    synth.photo_jpeg(
        root / "DP3A" / "02 Kelembagaan" / "Foto Rapat 2025.jpg", seed=5, size=(2400, 1800)
    )
    return root, check(root)


# -- reading the output -----------------------------------------------------------------


def page_texts(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def stamp_of(text: str) -> str:
    lines = [ln for ln in text.splitlines() if "Hal." in ln and "KLA 2025" in ln]
    return lines[-1] if lines else ""


def outline_pages(path: Path) -> list[tuple[int, str, int]]:
    """(depth, title, 0-based page) for every bookmark, depth first."""
    out: list[tuple[int, str, int]] = []
    with pikepdf.open(path) as pdf:
        index = {p.objgen: i for i, p in enumerate(pdf.pages)}

        def walk(items: list[pikepdf.OutlineItem], depth: int) -> None:
            for it in items:
                out.append((depth, it.title, index[it.destination[0].objgen]))
                walk(list(it.children), depth + 1)

        with pdf.open_outline() as outline:
            walk(list(outline.root), 1)
    return out


def toc_links(path: Path) -> list[tuple[int, str, int]]:
    """(page, text inside the link, 0-based destination) for every internal link."""
    found = []
    with pikepdf.open(path) as pdf:
        index = {p.objgen: i for i, p in enumerate(pdf.pages)}
        for n, page in enumerate(pdf.pages):
            for a in page.obj.get("/Annots", []):
                if a.get("/Subtype") == pikepdf.Name.Link and "/Dest" in a:
                    found.append((n, tuple(float(v) for v in a.Rect), index[a.Dest[0].objgen]))
    doc = pdfium.PdfDocument(str(path))
    try:
        return [(n, doc[n].get_textpage().get_text_bounded(*rect), dest) for n, rect, dest in found]
    finally:
        doc.close()


def source_pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


# -- the tests --------------------------------------------------------------------------


def test_one_pdf_per_cluster_with_readable_names(built: Built) -> None:
    assert built.report.ok, built.report.errors
    names = sorted(p.name for p in built.out.glob("*.pdf"))
    assert names == sorted(
        [
            "Kelembagaan.pdf",
            KLASTER_I,
            "Klaster-II-Lingkungan-Keluarga-dan-Pengasuhan-Alternatif.pdf",
            "Klaster-III-Kesehatan-Dasar-dan-Kesejahteraan.pdf",
            "Klaster-IV-Pendidikan-Pemanfaatan-Waktu-Luang-dan-Kegiatan-Budaya.pdf",
            "Klaster-V-Perlindungan-Khusus.pdf",
            "Kecamatan-dan-Desa-Kelurahan-Layak-Anak-Kelana-Dekela.pdf",
        ]
    )
    # nothing half-written or temporary is left behind
    assert not list(built.out.glob(".*.tmp"))
    assert not list(built.out.glob(".kladoc-build-*"))


def test_page_count_is_front_matter_plus_every_evidence_page(built: Built) -> None:
    path = built.out / KLASTER_I
    out = next(f for f in built.report.files if f.path.name == KLASTER_I)
    texts = page_texts(path)
    assert len(texts) == out.pages
    # per document: as many stamped pages as the source has (photos and notices: 1)
    root = built.root
    counts: dict[str, int] = {}
    for text in texts:
        m = re.search(r"Bukti (\d+[a-z]?\.\d+)", stamp_of(text))
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    docs = sorted(
        (e for e in built.result.evidence if e.indicator in ("4", "5", "6")),
        key=lambda e: (["4", "5", "6"].index(e.indicator or ""), e.path.casefold()),
    )
    numbering: dict[str, int] = {}
    for ev in docs:
        numbering[ev.indicator or ""] = numbering.get(ev.indicator or "", 0) + 1
        number = f"{ev.indicator}.{numbering[ev.indicator or '']}"
        if ev.facts.kind == "pdf" and ev.usable:
            assert counts[number] == source_pages(root / ev.path), ev.path
        elif ev.facts.kind == "image" or not ev.usable:
            assert counts[number] == 1, ev.path
        else:
            assert counts[number] >= 1, ev.path
    # cover, one contents page, the section pages of 4, 5, 6 (with their questions tables:
    # several pages each, kla-2024 has questions)
    stamps = [stamp_of(text) for text in texts]
    section_pages = [x for x in stamps if "· Indikator " in x and "Bukti" not in x]
    assert len(section_pages) > 3
    assert sum(counts.values()) == out.pages - 2 - len(section_pages)


def test_outline_has_four_levels_landing_on_the_named_pages(built: Built) -> None:
    path = built.out / KLASTER_I
    items = outline_pages(path)
    texts = page_texts(path)
    assert [d for d, _, _ in items].count(1) == 1
    assert items[0][:2] == (1, "Klaster I: Hak Sipil dan Kebebasan") and items[0][2] == 0
    indicators = [(title, page) for d, title, page in items if d == 2]
    assert [t.split(" — ")[0] for t, _ in indicators] == [
        "Indikator 4",
        "Indikator 5",
        "Indikator 6",
    ]
    for title, page in indicators:
        stamp = stamp_of(texts[page])
        assert f"· {title.split(' — ')[0]} ·" in stamp and "Bukti" not in stamp
    # kla-2024 has questions: cluster › indicator › question › document; the fixture's files
    # carry no question code, so each indicator's files sit under the draft's heading
    assert [title for d, title, _ in items if d == 3] == ["Belum dikaitkan ke pertanyaan"] * 3
    docs = [(title, page) for d, title, page in items if d == 4]
    assert len(docs) == sum(1 for e in built.result.evidence if e.indicator in ("4", "5", "6"))
    for title, page in docs:
        number = title.split(" ", 1)[0]
        assert f"Bukti {number} ·" in stamp_of(texts[page]), title
        # the page before a document's first page belongs to something else
        assert f"Bukti {number} ·" not in stamp_of(texts[page - 1])


def test_contents_links_and_printed_numbers_are_the_real_pages(built: Built) -> None:
    path = built.out / KLASTER_I
    texts = page_texts(path)
    links = toc_links(path)
    # three indicators, each one's "Belum dikaitkan ke pertanyaan" heading, eleven documents
    assert len(links) == 3 + 3 + 11
    for page, text, dest in links:
        assert page == 1  # all on the contents page
        label = text.strip().split()[0]
        if label == "Belum":  # the heading links to its first document
            assert "Bukti " in stamp_of(texts[dest])
            continue
        printed = int(_printed_number(text))
        assert printed == dest + 1, (text, dest)
        stamp = stamp_of(texts[dest])
        if "." in label:
            assert f"Bukti {label} ·" in stamp, (label, stamp)
        else:
            assert f"Indikator {label} ·" in stamp and "Bukti" not in stamp


def _printed_number(row: str) -> str:
    """The page number at the end of a contents row's first line (after the dot leader)."""
    for line in row.splitlines():
        m = re.search(r"\.\s*(\d+)\s*$", line.strip())
        if m:
            return m.group(1)
    raise AssertionError(row)


def test_every_page_carries_its_stamp(built: Built) -> None:
    for out in built.report.files:
        texts = page_texts(out.path)
        total = len(texts)
        for n, text in enumerate(texts, start=1):
            stamp = stamp_of(text)
            # the fixture builds the draft: marked on every page, evidence pages included
            assert stamp.startswith("DRAF · Kota Contoh · KLA 2025 · "), (out.path.name, n, stamp)
            label = ("i", "ii", "iii", "iv")[n - 1] if n <= 2 else str(n)
            assert stamp.endswith(f"Hal. {label} dari {total}"), stamp


def test_page_labels_roman_front_matter_then_physical_numbers(built: Built) -> None:
    with pikepdf.open(built.out / KLASTER_I) as pdf:
        nums = list(pdf.Root.PageLabels.Nums)
        assert int(nums[0]) == 0 and nums[1].get("/S") == pikepdf.Name.r
        assert int(nums[2]) == 2 and nums[3].S == pikepdf.Name.D and int(nums[3].St) == 3
        assert str(pdf.docinfo.Title).startswith("Klaster I: Hak Sipil dan Kebebasan")
        assert str(pdf.docinfo.Author) == "Kota Contoh"
        assert "2025" in str(pdf.docinfo.Subject)


def _stamp_chars(
    path: Path, page_no: int
) -> tuple[list[tuple[float, float]], int, tuple[float, ...]]:
    """Centres of the stamp's characters in displayed coordinates (origin bottom-left)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[page_no]
        rot = page.get_rotation()
        x0, y0, x1, y1 = page.get_cropbox()
        tp = page.get_textpage()
        text = tp.get_text_range()
        start = text.rfind("Kota Contoh · KLA")
        out = []
        for i in range(start, start + len("Kota Contoh · KLA 2025")):
            left, bottom, right, top = tp.get_charbox(i)
            x, y = (left + right) / 2, (bottom + top) / 2
            u, v = {
                0: (x - x0, y - y0),
                90: (y - y0, x1 - x),
                180: (x1 - x, y1 - y),
                270: (y1 - y, x - x0),
            }[rot]
            out.append((u, v))
        return out, rot, (x0, y0, x1, y1)
    finally:
        doc.close()


def _first_page_of(built: Built, rel: str) -> int:
    path = built.out / KLASTER_I
    name = rel.rsplit("/", 1)[-1]
    for depth, title, page in outline_pages(path):
        if depth == 4 and title.endswith(name):
            return page
    raise AssertionError(rel)


@pytest.mark.parametrize("rel", [ROTATED, ODD_BOX])
def test_rotated_pages_are_stamped_upright_in_the_bottom_margin(built: Built, rel: str) -> None:
    path = built.out / KLASTER_I
    page = _first_page_of(built, rel)
    chars, rot, box = _stamp_chars(path, page)
    assert rot in (90, 270)
    width = box[3] - box[1]  # displayed width of a page turned a quarter
    us = [u for u, _ in chars if u]
    assert us == sorted(us) and us[-1] - us[0] > 40  # reads left to right
    assert all(0 < v < 20 for _, v in chars)  # at the displayed bottom, inside the page
    assert all(0 < u < width for u in us)
    # and the rendered page shows ink in its bottom strip, none in the top strip
    doc = pdfium.PdfDocument(str(path))
    try:
        img = doc[page].render(scale=1).to_pil().convert("L")
    finally:
        doc.close()
    w, h = img.size
    assert w > h  # displayed landscape
    bottom = img.crop((0, h - 18, w, h))
    assert ImageStat.Stat(bottom).extrema[0][0] < 100


def _photo_area(path: Path, page: int) -> Image.Image:
    doc = pdfium.PdfDocument(str(path))
    try:
        img = doc[page].render(scale=1).to_pil().convert("RGB")
    finally:
        doc.close()
    w, h = img.size
    top_part = img.crop((0, 0, w, h - 90))  # above the caption band and the stamp
    bbox = ImageChops.difference(top_part, Image.new("RGB", top_part.size, "white")).getbbox()
    assert bbox is not None
    return top_part.crop(bbox)


@pytest.mark.parametrize("rel", [PHOTO_6, PHOTO_3])
def test_exif_rotated_photos_are_upright(built: Built, rel: str) -> None:
    shown = _photo_area(built.out / KLASTER_I, _first_page_of(built, rel))
    with Image.open(built.root / rel) as src:
        upright = ImageOps.exif_transpose(src).convert("RGB")
    assert (shown.width > shown.height) == (upright.width > upright.height)

    def distance(candidate: Image.Image) -> float:
        a = candidate.resize(shown.size)
        return sum(ImageStat.Stat(ImageChops.difference(a, shown)).mean)

    assert distance(upright) < 0.5 * distance(upright.rotate(180))


def test_unusable_files_get_a_notice_naming_the_remedy(built: Built) -> None:
    path = built.out / KLASTER_I
    texts = page_texts(path)
    findings = {f.path: f for f in built.result.findings if f.severity == "error" and f.path}
    for rel in (ENCRYPTED, CORRUPT):
        text = " ".join(texts[_first_page_of(built, rel)].split())
        assert "BERKAS TIDAK DAPAT DITAMPILKAN" in text
        assert rel.rsplit("/", 1)[-1] in text
        remedy = " ".join(findings[rel].remedy.split())
        assert remedy[:40] in text


def test_office_files_are_converted_and_attached(built: Built) -> None:
    path = built.out / KLASTER_I
    texts = page_texts(path)
    assert "NOTULEN RAPAT" in texts[_first_page_of(built, DOCX)]
    xlsx_text = texts[_first_page_of(built, XLSX)]
    assert "Contoh Utara" in xlsx_text and "1.200" in xlsx_text
    with pikepdf.open(path) as pdf:
        attached = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
    by_name = {name.split(" ", 1)[1]: data for name, data in attached.items()}
    for rel in (DOCX, XLSX):
        assert by_name[rel.rsplit("/", 1)[-1]] == (built.root / rel).read_bytes()


def test_narrative_and_gaps_on_the_section_page(built: Built) -> None:
    path = built.out / KLASTER_I
    texts = page_texts(path)
    items = outline_pages(path)

    def section_text(ind: str) -> str:
        """The section's pages: with its questions table a section takes several."""
        pages = [
            x for x in texts if f"· Indikator {ind} ·" in stamp_of(x) and "Bukti" not in stamp_of(x)
        ]
        return " ".join(" ".join(pages).split())

    section6 = next(p for d, t, p in items if d == 2 and t.startswith("Indikator 6"))
    assert "INDIKATOR 6" in texts[section6]
    text = section_text("6")
    assert "Forum Anak aktif di lima kecamatan, dengan “musrenbang anak”." in text
    assert "Daftar Bukti Dukung" in text and "Kekurangan yang Masih Terbuka" in text
    section5 = next(p for d, t, p in items if d == 2 and t.startswith("Indikator 5"))
    assert "INDIKATOR 5" in texts[section5]
    text5 = section_text("5")
    assert "dilindungi kata sandi" in text5  # the encrypted file's finding
    assert "Saran:" in text5


def test_no_active_content_reaches_the_dossier(built: Built) -> None:
    for out in built.report.files:
        with pikepdf.open(out.path) as pdf:
            assert "/OpenAction" not in pdf.Root
            names = pdf.Root.get("/Names", pikepdf.Dictionary())
            assert "/JavaScript" not in names
            for page in pdf.pages:
                for annot in page.obj.get("/Annots", []):
                    action = annot.get("/A")
                    if action is not None:
                        assert action.get("/S") not in (
                            pikepdf.Name.JavaScript,
                            pikepdf.Name.Launch,
                        )


def test_evidence_is_never_written(built: Built) -> None:
    assert tree_state(built.root) == built.hashes


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_forced_failure_mid_build_keeps_the_previous_dossier(
    small: tuple[Path, CheckResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, result = small
    out = result.config.output_dir
    first = build_pdf(result, out, cluster="kelembagaan")
    assert first.ok
    before = _snapshot(out)
    assert "Kelembagaan.pdf" in before

    from kladoc.build import stamp

    calls = {"n": 0}
    real = stamp.stamp_page

    def failing(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("disk full (simulated)")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("kladoc.build.assemble.stamp_page", failing)
    report = build_pdf(check(root), out, cluster="kelembagaan")
    assert not report.ok and "disk full" in report.errors[0].render()
    assert _snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".kladoc-build-")]


def test_interrupt_mid_build_keeps_the_previous_dossier(
    small: tuple[Path, CheckResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    _root, result = small
    out = result.config.output_dir
    assert build_pdf(result, out, cluster="kelembagaan").ok
    before = _snapshot(out)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("kladoc.build.pdf.verify", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_pdf(result, out, cluster="kelembagaan")
    assert _snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".kladoc-build-")]


def test_verification_catches_pages_out_of_place(
    small: tuple[Path, CheckResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    _root, result = small
    from kladoc.build import pdf as pdf_mod

    real = pdf_mod.page_source

    def swapped(vol, front):  # type: ignore[no-untyped-def]
        runs = real(vol, front)
        # two documents trade places, yet stamps and contents still follow the plan
        i, j = [k for k, r in enumerate(runs) if r[0] != front][:2]
        runs[i], runs[j] = runs[j], runs[i]
        return runs

    monkeypatch.setattr(pdf_mod, "page_source", swapped)
    report = build_pdf(result, result.config.output_dir, cluster="kelembagaan", draft=True)
    assert not report.ok
    assert "Pemeriksaan akhir" in report.errors[0].render()
    assert not (result.config.output_dir / "Kelembagaan.pdf").exists()


def test_max_mb_splits_into_volumes_each_with_cover_and_contents(tmp_path: Path) -> None:
    root = tmp_path / "Dossier"
    (root).mkdir()
    (root / "kladoc.toml").write_text('region = "Kota Contoh"\nyear = 2025\n', encoding="utf-8")
    folder = root / "Dukcapil" / "04 Akta Kelahiran"
    for i in range(5):
        synth.scanned_pdf(
            folder / f"Scan Akta {i} 2024.pdf",
            lines=[f"DOKUMEN {i}"],
            pages=3,
            year=2024,
            dpi=120,
            seed=i,
        )
    sizes = [p.stat().st_size for p in folder.iterdir()]
    limit_mb = (2.2 * max(sizes) + 200_000) / (1024 * 1024)
    result = check(root)
    report = build_pdf(
        result, result.config.output_dir, cluster="klaster-1", max_mb=limit_mb, draft=True
    )
    assert report.ok, report.errors
    files = sorted(report.files, key=lambda f: f.volume)
    total = len(files)
    assert total >= 2
    seen_docs = 0
    for f in files:
        name = f"Klaster-I-Hak-Sipil-dan-Kebebasan (Jilid {f.volume} dari {total}).pdf"
        assert f.path.name == name
        assert f.size <= limit_mb * 1024 * 1024
        texts = page_texts(f.path)
        assert f"Jilid {f.volume} dari {total}" in texts[0]  # its own cover
        assert "Daftar Isi" in texts[1]  # and contents
        seen_docs += f.documents
        items = outline_pages(f.path)
        assert items[0][1].endswith(f"(Jilid {f.volume} dari {total})")
    assert seen_docs == 5
    # a later build without the limit replaces the volumes
    again = build_pdf(check(root), result.config.output_dir, cluster="klaster-1", draft=True)
    assert [p.name for p in again.removed] and all("Jilid" in p.name for p in again.removed)
    assert sorted(p.name for p in result.config.output_dir.glob("Klaster-I*.pdf")) == [
        "Klaster-I-Hak-Sipil-dan-Kebebasan.pdf"
    ]


def test_a_document_above_the_limit_is_reported_not_cut(tmp_path: Path) -> None:
    root = tmp_path / "Dossier"
    root.mkdir()
    (root / "kladoc.toml").write_text('region = "Kota Contoh"\nyear = 2025\n', encoding="utf-8")
    folder = root / "Dukcapil" / "04 Akta Kelahiran"
    big = synth.scanned_pdf(folder / "Scan Besar 2024.pdf", lines=["BESAR"], pages=6, year=2024)
    synth.text_pdf(folder / "SK Kecil 2024.pdf", title="Kecil", year=2024)
    limit_mb = big.stat().st_size / 2 / (1024 * 1024)
    result = check(root)
    report = build_pdf(
        result, result.config.output_dir, cluster="klaster-1", max_mb=limit_mb, draft=True
    )
    assert report.ok
    keys = [k for k, _ in report.warnings]
    assert "build.warn.doc_over_limit" in keys
    params = dict(report.warnings)["build.warn.doc_over_limit"]
    assert params["path"].endswith("Scan Besar 2024.pdf")
    # every page of the big document is there: nothing was cut
    holder = next(f for f in report.files if any("Scan Besar" in t for t in page_texts(f.path)[:2]))
    assert sum("Bukti 4.1" in stamp_of(t) for t in page_texts(holder.path)) == 6


def test_compact_shrinks_photos_and_scans(tmp_path: Path) -> None:
    root = tmp_path / "Dossier"
    root.mkdir()
    (root / "kladoc.toml").write_text('region = "Kota Contoh"\nyear = 2025\n', encoding="utf-8")
    folder = root / "Dukcapil" / "04 Akta Kelahiran"
    synth.scanned_pdf(
        folder / "Scan 300dpi 2024.pdf", lines=["PINDAIAN"], pages=2, year=2024, dpi=300
    )
    synth.photo_jpeg(folder / "Foto Besar 2025.jpg", size=(4000, 3000), seed=9, quality=95)
    source = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = check(root)
    normal = build_pdf(result, tmp_path / "normal", cluster="klaster-1", draft=True)
    small = build_pdf(result, tmp_path / "compact", cluster="klaster-1", compact=True, draft=True)
    assert normal.ok and small.ok
    a, b = normal.files[0], small.files[0]
    assert a.pages == b.pages
    assert b.size < a.size * 0.6
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == source  # sources untouched


def test_output_folder_inside_an_opd_folder_is_refused(built: Built) -> None:
    with pytest.raises(UsageError) as err:
        build_pdf(built.result, built.root / "DP3A" / "hasil")
    assert err.value.key == "build.output_in_opd"
    with pytest.raises(UsageError) as err:
        build_pdf(built.result, built.root / "Hasil Build")
    assert err.value.key == "build.output_in_dossier"
    assert not (built.root / "DP3A" / "hasil").exists()


def test_english_build(small: tuple[Path, CheckResult], tmp_path: Path) -> None:
    root, _ = small
    set_language("en")
    try:
        report = build_pdf(check(root), tmp_path / "en", cluster="kelembagaan")
        path = report.files[0].path
        assert path.name == "Institutional-Framework.pdf"
        texts = page_texts(path)
        assert "EVIDENCE DOSSIER" in texts[0] and "Contents" in texts[1]
        n = len(texts)
        assert (
            texts[-1]
            .rstrip()
            .endswith(f"Kota Contoh · KLA 2025 · Institutional · Indicator 3 · Page {n} of {n}")
        )
    finally:
        set_language("id")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_converts_office_files_in_one_batch(tmp_path: Path) -> None:
    root = make_dossier(tmp_path / "Dossier")
    result = check(root)
    report = build_pdf(result, result.config.output_dir, cluster="klaster-1", draft=True)
    assert report.ok, report.errors
    texts = page_texts(report.files[0].path)
    assert any("Rapat Forum Anak" in t for t in texts)
    assert not list(root.rglob(".~lock*"))  # LibreOffice worked on copies


def test_logo_on_the_cover_and_a_bad_logo_is_only_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "Dossier"
    root.mkdir()
    Image.new("RGB", (300, 360), (11, 92, 142)).save(root / "logo.png")
    synth.text_pdf(root / "Bappeda" / "01 Kebijakan" / "Perwal 2024.pdf", title="x", year=2024)
    for logo, expect_image in (("logo.png", True), ("tidak-ada.png", False)):
        (root / "kladoc.toml").write_text(
            f'region = "Kota Contoh"\nyear = 2025\nlogo = "{logo}"\n', encoding="utf-8"
        )
        report = build_pdf(check(root), tmp_path / logo, cluster="kelembagaan")
        assert report.ok
        with pikepdf.open(report.files[0].path) as pdf:
            xobjects = pdf.pages[0].obj.Resources.get("/XObject", {})
            images = [x for x in xobjects.values() if x.get("/Subtype") == pikepdf.Name.Image]
        assert bool(images) == expect_image
        warned = [k for k, _ in report.warnings] == ["build.warn.logo"]
        assert warned != expect_image


def test_progress_reports_conversion_and_clusters(
    small: tuple[Path, CheckResult], tmp_path: Path
) -> None:
    _root, result = small
    seen: dict[str, list[tuple[int, int]]] = {}

    def progress(stage: str, advance: int, total: int) -> None:
        seen.setdefault(stage, []).append((advance, total))

    report = build_pdf(result, tmp_path / "out", progress=progress, draft=True)
    assert report.ok
    assert sum(a for a, _ in seen["convert"]) == seen["convert"][0][1] == 4
    assert sum(a for a, _ in seen["build"]) == seen["build"][0][1] == 7


SAMPLE = Path(__file__).resolve().parent.parent / "sample_dossier"


@pytest.mark.skipif(not (SAMPLE / "kladoc.toml").is_file(), reason="no sample dossier")
def test_sample_dossier_builds_and_verifies(tmp_path: Path) -> None:
    before = tree_state(SAMPLE)
    result = check(SAMPLE)
    report = build_pdf(result, tmp_path / "out", converter="python", draft=True)
    assert report.ok, [e.render() for e in report.errors]
    assert len(report.files) == 7
    mapped = [e for e in result.evidence if e.indicator]
    assert sum(f.documents for f in report.files) == len(mapped)
    assert tree_state(SAMPLE) == before


def test_a_file_qpdf_cannot_merge_becomes_a_notice(
    small: tuple[Path, CheckResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    _root, result = small
    from kladoc.build import pdf as pdf_mod
    from kladoc.build.assemble import MergeError

    real = pdf_mod.merge

    def picky(runs, out, label):  # type: ignore[no-untyped-def]
        if any(path.name == "Perwal 1 2024.pdf" for path, _, _ in runs):
            raise MergeError("build.error.failed", file=label, detail="simulated qpdf error")
        real(runs, out, label)

    monkeypatch.setattr(pdf_mod, "merge", picky)
    report = build_pdf(result, result.config.output_dir, cluster="kelembagaan", draft=True)
    assert report.ok, [e.render() for e in report.errors]
    assert [p["path"] for k, p in report.warnings if k == "build.warn.convert"] == [
        "Bappeda/01 Kebijakan/Perwal 1 2024.pdf"
    ]
    texts = page_texts(report.files[0].path)
    notice = next(t for t in texts if "BERKAS TIDAK DAPAT DITAMPILKAN" in t)
    assert "Perwal 1 2024.pdf" in notice and "simulated qpdf error" in " ".join(notice.split())


def test_pdf_with_only_its_attachments_locked_is_in_the_dossier(tmp_path: Path) -> None:
    """Issue 12 item 10: pages that open without a password are built, not a notice."""
    from tests import inspect_fixtures as fx

    root = tmp_path / "Dossier"
    root.mkdir()
    (root / "kladoc.toml").write_text('region = "Kota Contoh"\nyear = 2025\n', encoding="utf-8")
    folder = root / "Dukcapil" / "04 Akta Kelahiran"
    folder.mkdir(parents=True)
    source = fx.attachments_only_encrypted_pdf(folder / "SK Akta 2024.pdf")
    before = tree_state(root)
    result = check(root)
    rel = "Dukcapil/04 Akta Kelahiran/SK Akta 2024.pdf"
    own = sorted(f.rule for f in result.findings if f.path == rel)
    assert [r for r in own if not r.startswith("question-")] == [
        "active-content",  # the (locked) attachment itself
        "attachments-encrypted",
    ]
    report = build_pdf(result, result.config.output_dir, cluster="klaster-1", draft=True)
    assert report.ok, report.errors
    assert [k for k, _ in report.warnings if k == "build.warn.convert"] == []
    (built,) = report.files
    texts = page_texts(built.path)
    assert any(fx.SK_TEXT in text for text in texts)
    with pikepdf.open(built.path) as pdf:
        assert not pdf.is_encrypted
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
    assert tree_state(root, skip=result.config.output_dir.name) == before
    assert source.is_file()
