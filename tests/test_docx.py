"""`kladoc build --format docx`: the editable Word twin of the PDF dossier. Every check
reads the output back with python-docx (headings, index rows against the inventory,
inline pictures, TOC and page fields) or with LibreOffice when it is installed."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import docx
import pikepdf
import pytest
from docx.oxml.ns import qn
from PIL import Image, ImageChops, ImageOps, ImageStat

from kladoc.build.docx import (
    build_docx,
    default_template,
    export_template,
    resolve_template,
)
from kladoc.build.docx_context import footer_parts, narrative_blocks
from kladoc.build.plan import file_stem
from kladoc.check import CheckResult
from kladoc.config import OUTPUT_MANIFEST
from kladoc.errors import UsageError
from kladoc.i18n import pick, set_language
from tests import synth
from tests.test_build import (
    CORRUPT,
    DOCX,
    ENCRYPTED,
    PHOTO_3,
    PHOTO_6,
    XLSX,
    check,
    make_dossier,
    tree_state,
)

ROOT = Path(__file__).resolve().parent.parent
KLASTER_I = "Klaster-I-Hak-Sipil-dan-Kebebasan.docx"
INDEX_HEAD = ["No.", "Berkas", "OPD", "Jenis", "Tahun", "Hal.", "SHA-256"]
TOC_INSTR = r'TOC \o "1-3" \h \z \u'


@dataclass
class Built:
    root: Path
    out: Path
    result: CheckResult
    files: dict[str, Path]  # cluster id → .docx
    before: dict[str, tuple[str, float]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    set_language("id")
    root = make_dossier(tmp_path_factory.mktemp("docx") / "Dossier KLA 2025")
    before = tree_state(root)
    result = check(root)
    report = build_docx(result, result.config.output_dir, draft=True)  # gaps and figures
    assert report.ok, [e.render() for e in report.errors]
    yield Built(
        root, result.config.output_dir, result, {f.cluster: f.path for f in report.files}, before
    )


# -- reading the output -----------------------------------------------------------------


def index_rows(document: docx.document.Document) -> list[list[str]]:
    """Rows of every evidence index table (header row excluded), in document order."""
    rows = []
    for table in document.tables:
        cells = [c.text for c in table.rows[0].cells]
        if cells == INDEX_HEAD:
            rows += [[c.text for c in row.cells] for row in table.rows[1:]]
    return rows


def headings(document: docx.document.Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def field_codes(element: Any) -> list[str]:
    return [(node.text or "").strip() for node in element.iter(qn("w:instrText"))]


def captioned_pictures(document: docx.document.Document) -> dict[str, Image.Image]:
    """Caption text → the picture in the paragraph just above it."""
    found = {}
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paras = cell.paragraphs
                for pic, cap in pairwise(paras):
                    blips = pic._p.findall(".//" + qn("a:blip"))
                    if blips and cap.text:
                        part = document.part.related_parts[blips[0].get(qn("r:embed"))]
                        found[cap.text] = Image.open(io.BytesIO(part.blob))
    return found


def mapped(result: CheckResult, cluster: str) -> list[tuple[str, str]]:
    ids = {i.id for i in result.checklist.indicators_in(cluster)}
    return sorted(
        (e.name, e.facts.sha256[:12] or "-") for e in result.evidence if e.indicator in ids
    )


# -- structure ------------------------------------------------------------------------------


def test_one_docx_per_cluster_named_like_the_pdf(built: Built) -> None:
    clusters = built.result.checklist.clusters
    assert sorted(p.name for p in built.out.glob("*.docx")) == sorted(
        f"{file_stem(pick(c.title))}.docx" for c in clusters
    )
    # no temporary file or folder; the manifest records what kladoc wrote
    assert [p.name for p in built.out.iterdir() if p.name.startswith(".")] == [OUTPUT_MANIFEST]


def test_a_heading_1_per_indicator_in_checklist_order(built: Built) -> None:
    for cl in built.result.checklist.clusters:
        document = docx.Document(str(built.files[cl.id]))
        expected = [
            f"Indikator {i.id} — {pick(i.title)}"
            for i in built.result.checklist.indicators_in(cl.id)
        ]
        assert headings(document, 1) == expected
        # each section has its evidence index and open gaps under Heading 2
        h2 = headings(document, 2)
        assert h2.count("Daftar Bukti Dukung") == len(expected)
        assert h2.count("Kekurangan yang Masih Terbuka") == len(expected)


def test_index_rows_equal_the_inventory(built: Built) -> None:
    total = 0
    for cl in built.result.checklist.clusters:
        rows = index_rows(docx.Document(str(built.files[cl.id])))
        assert sorted((r[1].split("\n")[0], r[6]) for r in rows) == mapped(built.result, cl.id)
        total += len(rows)
    assert total == sum(1 for e in built.result.evidence if e.indicator)


def test_index_columns_and_unusable_files(built: Built) -> None:
    rows = {
        r[1].split("\n")[0]: r for r in index_rows(docx.Document(str(built.files["klaster-1"])))
    }
    by_name = {e.name: e for e in built.result.evidence}
    for rel in (ENCRYPTED, CORRUPT):
        name = rel.rsplit("/", 1)[1]
        row = rows[name]
        assert row[0].startswith("5.")
        assert "tidak dapat ditampilkan: " in row[1]
        assert rel not in row[1]  # the reason, without repeating the path
    assert "dilindungi kata sandi" in rows["DPA ILA 2025.pdf"][1]
    perwal = rows["Perwal Akta Rotasi 2024.pdf"]
    assert perwal[2:6] == ["Disdukcapil", "Regulasi", "2024", "2"]
    assert perwal[6] == by_name["Perwal Akta Rotasi 2024.pdf"].facts.sha256[:12]
    assert rows[XLSX.rsplit("/", 1)[1]][5] == "-"  # an Office file has no known page count
    assert rows["Brosur ILA “Ramah Anak” – Déwi 2025.pdf"][0] == "5.1"


def test_inline_pictures_photos_and_first_pages(built: Built) -> None:
    path = built.files["klaster-1"]
    document = docx.Document(str(path))
    ids = {i.id for i in built.result.checklist.indicators_in("klaster-1")}
    ev = [e for e in built.result.evidence if e.indicator in ids and e.usable]
    photos = [e for e in ev if e.facts.kind == "image"]
    pdfs = [e for e in ev if e.facts.kind == "pdf"]
    assert len(photos) == 2 and len(pdfs) == 5
    assert len(document.inline_shapes) == len(photos) + len(pdfs)
    captions = captioned_pictures(document)
    assert {c for c in captions if c.startswith("Foto: ")} == {f"Foto: {e.name}" for e in photos}
    assert sum(1 for c in captions if "halaman 1 dari" in c) == len(pdfs)
    assert headings(document, 2).count("Foto") == 1  # only indicator 4 has photos
    # nothing for the unusable files, the Office files or the photos' full-size originals
    with zipfile.ZipFile(path) as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
    assert len(media) == len(photos) + len(pdfs)


@pytest.mark.parametrize("rel", [PHOTO_6, PHOTO_3])
def test_photos_are_upright_downscaled_copies(built: Built, rel: str) -> None:
    name = rel.rsplit("/", 1)[1]
    shown = captioned_pictures(docx.Document(str(built.files["klaster-1"])))[f"Foto: {name}"]
    assert max(shown.size) <= 1600
    with Image.open(built.root / rel) as src:
        upright = ImageOps.exif_transpose(src).convert("RGB")
    assert shown.size == upright.size  # 1200×900 stays, only turned upright
    assert shown.getexif().get(0x0112, 1) == 1  # no orientation left for a viewer to apply

    def distance(candidate: Image.Image) -> float:
        return sum(
            ImageStat.Stat(
                ImageChops.difference(candidate.resize(shown.size), shown.convert("RGB"))
            ).mean
        )

    assert distance(upright) < 0.5 * distance(upright.rotate(180))


def test_large_photos_are_downscaled_to_1600_px(tmp_path: Path) -> None:
    root = tmp_path / "D"
    root.mkdir()
    (root / "kladoc.toml").write_text('region = "Kota Contoh"\nyear = 2025\n', encoding="utf-8")
    synth.photo_jpeg(
        root / "DP3A" / "02 Kelembagaan" / "Foto Rapat 2025.jpg",
        seed=5,
        size=(4000, 3000),
        orientation=8,
    )
    report = build_docx(check(root), tmp_path / "out", cluster="kelembagaan", draft=True)
    assert report.ok
    shown = captioned_pictures(docx.Document(str(report.files[0].path)))
    assert [im.size for im in shown.values()] == [(1600, 1200)]


def test_contents_field_page_fields_header_and_update_on_open(built: Built) -> None:
    document = docx.Document(str(built.files["klaster-1"]))
    body = document.element.body
    assert TOC_INSTR in field_codes(body)
    kinds = [c.get(qn("w:fldCharType")) for c in body.iter(qn("w:fldChar"))]
    assert kinds[:2] == ["begin", "separate"] and "end" in kinds
    toc = [p.text for p in document.paragraphs if p.style.name == "toc 1"]
    assert toc == headings(document, 1)  # shown until Word fills in the page numbers
    settings = document.settings.element.find(qn("w:updateFields"))
    assert settings is not None and settings.get(qn("w:val")) == "true"
    sec = document.sections[0]
    assert sec.different_first_page_header_footer  # the cover has no header or footer
    # the fixture builds the draft: its header says so
    assert (
        sec.header.paragraphs[0].text == "DRAF · Kota Contoh · Klaster I: Hak Sipil dan Kebebasan"
    )
    footer = sec.footer.paragraphs[0]
    assert field_codes(footer._p) == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("Halaman ") and " dari " in footer.text
    assert "Disusun" in sec.first_page_footer.paragraphs[0].text


def test_cover_mirrors_the_pdf_cover(built: Built) -> None:
    document = docx.Document(str(built.files["klaster-1"]))
    texts = [p.text for p in document.paragraphs[:12]]
    assert "PEMERINTAH KOTA CONTOH" in texts
    assert "Klaster I: Hak Sipil dan Kebebasan" in texts
    assert "Evaluasi Kabupaten/Kota Layak Anak Tahun 2025" in texts
    box = " ".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "PERKIRAAN KESIAPAN DOKUMEN KLASTER INI" in box
    assert "11 berkas" in box and "poin" in box and "galat" in box
    assert document.core_properties.title.startswith("Klaster I: Hak Sipil dan Kebebasan — ")


def test_narrative_gaps_and_facts(built: Built) -> None:
    document = docx.Document(str(built.files["klaster-1"]))
    assert "Capaian" in headings(document, 3)
    para = next(p for p in document.paragraphs if p.text.startswith("Forum Anak aktif"))
    assert [r.text for r in para.runs if r.bold] == ["lima"]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["rapat rutin tiap bulan", "terlibat dalam RPJMD"]
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("GALAT") and "dilindungi kata sandi" in t for t in texts)
    assert any(t.startswith("Saran: ") for t in texts)
    facts = [
        [c.text for c in row.cells]
        for table in document.tables
        for row in table.rows
        if row.cells[0].text == "Status kelengkapan"
    ]
    assert facts and all(" poin" in f[1] for f in facts)


def test_evidence_is_never_modified(built: Built) -> None:
    assert tree_state(built.root) == built.before


def test_english(built: Built, tmp_path: Path) -> None:
    set_language("en")
    try:
        report = build_docx(built.result, tmp_path, cluster="klaster-1", draft=True)
    finally:
        set_language("id")
    document = docx.Document(str(report.files[0].path))
    assert headings(document, 1)[0].startswith("Indicator 4 — ")
    assert document.sections[0].footer.paragraphs[0].text.startswith("Page ")
    heads = [[c.text for c in tb.rows[0].cells] for tb in document.tables]
    assert ["Code", "Question", "Max score", "Answer", "Evidence"] in heads  # the questions
    assert any(h[:2] == ["No.", "File"] for h in heads)  # the evidence index


# -- templates --------------------------------------------------------------------------


def edited_template(path: Path, find: str, replace: str) -> Path:
    """A copy of the default template with one tag replaced, edited as staff would."""
    document = docx.Document(str(default_template()))
    for p in document.paragraphs:
        if find in p.text:
            for run in p.runs[1:]:
                run.text = ""
            p.runs[0].text = p.text.replace(find, replace) if len(p.runs) == 1 else replace
            break
    else:
        raise AssertionError(find)
    document.save(str(path))
    return path


def test_no_earlier_clusters_document_is_alive_when_the_next_is_written(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-docx's parts refer to each other, so a written cluster's package (its XML in
    libxml2's memory, tens of MB for a large cluster) would wait for the cycle collector:
    memory grew with every cluster (a 5,000-file build's main process 194 MB, 105 MB
    with this)."""
    import gc

    from docx.opc.part import Part

    import kladoc.build.docx as docx_build

    write = docx_build._write_cluster
    alive: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        alive.append(sum(isinstance(o, Part) for o in gc.get_objects()))
        return write(*args, **kwargs)

    monkeypatch.setattr(docx_build, "_write_cluster", counted)
    gc.collect()  # what earlier tests left
    gc.disable()  # the automatic collector must not be what frees them
    try:
        report = build_docx(built.result, tmp_path / "out")
    finally:
        gc.enable()
    assert report.ok, [e.render() for e in report.errors]
    assert len(alive) == len(built.files) > 1
    assert alive == [alive[0]] * len(alive)


@pytest.mark.parametrize(
    ("replace", "named"),
    [
        ("{{ region ", ["{{ region", "tidak lengkap"]),
        ("{{ nonexistent }}", ["'nonexistent'", "{{ nonexistent }}"]),
    ],
)
def test_a_broken_user_template_names_the_tag_exits_3_and_leaves_nothing(
    cli, built: Built, tmp_path: Path, replace: str, named: list[str]
) -> None:
    template = edited_template(tmp_path / "templat saya.docx", "{{ labels.kicker }}", replace)
    out = tmp_path / "out"
    good = cli("build", built.root, "--format", "docx", "--cluster", "I", "-o", out)
    assert good.code == 0, good.err
    previous = hashlib.sha256((out / KLASTER_I).read_bytes()).hexdigest()
    r = cli("build", built.root, "--format", "docx", "--template", template, "-o", out)
    assert r.code == 3
    err = " ".join(r.err.split())
    for part in [*named, str(template)]:
        assert part in err, err
    # the earlier dossier is untouched, and no new or temporary file remains
    assert sorted(p.name for p in out.iterdir()) == [OUTPUT_MANIFEST, KLASTER_I]
    assert hashlib.sha256((out / KLASTER_I).read_bytes()).hexdigest() == previous
    assert err.count("Templat Word") == 1  # reported once, not once per cluster
    fresh = tmp_path / "fresh"
    r = cli("build", built.root, "--format", "docx", "--template", template, "-o", fresh)
    assert r.code == 3
    assert list(fresh.iterdir()) == []  # no .docx, no temporary file or folder


def test_format_both_keeps_valid_pdfs_when_the_template_breaks(
    cli, built: Built, tmp_path: Path
) -> None:
    template = edited_template(tmp_path / "t.docx", "{{ labels.kicker }}", "{{ nonexistent }}")
    out = tmp_path / "out"
    r = cli(
        "build",
        built.root,
        "--cluster",
        "kelembagaan",
        "--converter",
        "python",
        "--template",
        template,
        "-o",
        out,
    )
    assert r.code == 3
    assert sorted(p.name for p in out.iterdir()) == [OUTPUT_MANIFEST, "Kelembagaan.pdf"]
    with pikepdf.open(out / "Kelembagaan.pdf") as pdf:
        assert len(pdf.pages) > 2


def test_format_docx_skips_the_pdfs_and_both_builds_both(cli, built: Built, tmp_path: Path) -> None:
    r = cli(
        "build", built.root, "--format", "docx", "--cluster", "kelembagaan", "-o", tmp_path / "a"
    )
    assert r.code == 0, r.err
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [
        OUTPUT_MANIFEST,
        "Kelembagaan.docx",
    ]
    assert "Selesai: 1 berkas Word ditulis" in r.out
    r = cli(
        "build",
        built.root,
        "--cluster",
        "kelembagaan",
        "--converter",
        "python",
        "-o",
        tmp_path / "b",
    )
    assert r.code == 0, r.err
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [
        OUTPUT_MANIFEST,
        "Kelembagaan.docx",
        "Kelembagaan.pdf",
    ]
    assert "1 berkas PDF" in r.out and "1 berkas Word" in r.out
    r = cli("build", built.root, "--format", "word")
    assert r.code == 2


def test_template_from_config_and_missing_template(cli, tmp_path: Path) -> None:
    root = tmp_path / "D"
    root.mkdir()
    synth.text_pdf(
        root / "Bappeda" / "01 Kebijakan" / "Perwal KLA 2024.pdf", title="KLA", year=2024
    )
    edited_template(
        root / "templat.docx", "{{ labels.kicker }}", "TEMPLAT DINAS {{ region|upper }}"
    )
    (root / "kladoc.toml").write_text(
        'region = "Kota Contoh"\nyear = 2025\ntemplate = "templat.docx"\n', encoding="utf-8"
    )
    r = cli("build", root, "--format", "docx", "--cluster", "kelembagaan")
    assert r.code == 0, r.err
    document = docx.Document(str(root / "_kladoc" / "Kelembagaan.docx"))
    assert "TEMPLAT DINAS KOTA CONTOH" in [p.text for p in document.paragraphs]
    r = cli("build", root, "--format", "docx", "--template", tmp_path / "tidak ada.docx")
    assert r.code == 2
    assert "tidak ada.docx" in r.err and "tidak ditemukan" in r.err
    (tmp_path / "bukan.docx").write_text("bukan word", encoding="utf-8")
    r = cli(
        "build",
        root,
        "--format",
        "pdf",
        "--template",
        tmp_path / "bukan.docx",
        "--converter",
        "python",
        "-o",
        tmp_path / "pdf-only",
    )
    assert r.code == 0, r.err  # a PDF-only build never reads the Word template
    r = cli("build", root, "--template", tmp_path / "bukan.docx")
    assert r.code == 2 and "bukan berkas Word" in r.err


def test_template_export(cli, tmp_path: Path) -> None:
    target = tmp_path / "templat dinas.docx"
    r = cli("template", "export", target)
    assert r.code == 0, r.err
    assert target.read_bytes() == default_template().read_bytes()
    assert str(target) in r.out
    target.write_bytes(b"mine")
    r = cli("template", "export", target)
    assert r.code == 2 and "--force" in r.err
    assert target.read_bytes() == b"mine"
    r = cli("template", "export", target, "--force")
    assert r.code == 0
    assert target.read_bytes() == default_template().read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    with pytest.raises(UsageError):
        export_template(target)


def test_the_committed_template_is_what_the_script_makes() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_docx_template
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert make_docx_template.make_template() == (ROOT / "templates" / "dossier.docx").read_bytes()


def test_default_template_uses_builtin_heading_styles_and_no_fixed_text() -> None:
    document = docx.Document(str(default_template()))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3", "toc 1", "TOC Heading"} <= styles
    # every visible word comes from a variable, so one template serves both languages
    for p in document.paragraphs:
        text = p.text.strip()
        assert not text or "{" in text, text


def test_resolve_template_precedence(built: Built, tmp_path: Path) -> None:
    assert resolve_template(built.result.config) == default_template()
    mine = shutil.copy(default_template(), tmp_path / "x.docx")
    assert resolve_template(built.result.config, Path(mine)) == Path(mine)
    with pytest.raises(UsageError):
        resolve_template(built.result.config, tmp_path / "missing.docx")


# -- robustness -------------------------------------------------------------------------


def test_a_picture_that_fails_costs_only_that_picture(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kladoc.build import docx_context

    def broken(source: Path, target: Path) -> object:
        raise OSError("simulated decoder failure")

    monkeypatch.setattr(docx_context, "prepare_photo", broken)
    report = build_docx(built.result, tmp_path, cluster="klaster-1", draft=True)
    assert report.ok
    assert sorted(p["path"] for k, p in report.warnings if k == "docx.warn.picture") == sorted(
        [PHOTO_6, PHOTO_3]
    )
    document = docx.Document(str(report.files[0].path))
    assert len(document.inline_shapes) == 5  # the first pages remain
    rows = {r[1].split("\n")[0]: r[1] for r in index_rows(document)}
    assert "simulated decoder failure" in rows[PHOTO_6.rsplit("/", 1)[1]]


def test_a_failed_save_leaves_the_previous_file(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kladoc.build import docx as docx_mod

    first = build_docx(built.result, tmp_path, cluster="kelembagaan")
    before = first.files[0].path.read_bytes()

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx_mod.StandIns, "finish", staticmethod(full_disk))
    report = build_docx(built.result, tmp_path, cluster="kelembagaan")
    assert [e.key for e in report.errors] == ["output.unwritable"]  # says: check free space
    assert first.files[0].path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [OUTPUT_MANIFEST, "Kelembagaan.docx"]


def test_special_characters_in_names_are_escaped(tmp_path: Path) -> None:
    root = tmp_path / "D"
    root.mkdir()
    (root / "kladoc.toml").write_text(
        'region = "Kota A & B <Uji>"\nyear = 2025\n', encoding="utf-8"
    )
    synth.text_pdf(
        root / "Bappeda" / "01 Kebijakan" / "Perwal A & B <2024>.pdf", title="KLA", year=2024
    )
    report = build_docx(check(root), tmp_path / "out", cluster="kelembagaan", draft=True)
    assert report.ok, [e.render() for e in report.errors]
    document = docx.Document(str(report.files[0].path))
    assert index_rows(document)[0][1] == "Perwal A & B <2024>.pdf"
    # the draft (the submission leaves out files not linked to a question)
    assert document.sections[0].header.paragraphs[0].text.startswith("DRAF · Kota A & B <Uji> · ")


def test_many_photos_stream_into_the_file(tmp_path: Path) -> None:
    """Stand-ins keep photos out of memory while rendering; each real photo is in the
    saved file exactly once and in the right place."""
    root = tmp_path / "D"
    root.mkdir()
    (root / "kladoc.toml").write_text('region = "Kota Contoh"\nyear = 2025\n', encoding="utf-8")
    folder = root / "DP3A" / "02 Kelembagaan"
    for i in range(12):
        synth.photo_jpeg(folder / f"Foto {i:02d} 2025.jpg", seed=i, size=(800, 600))
    report = build_docx(check(root), tmp_path / "out", cluster="kelembagaan", draft=True)
    assert report.ok
    pictures = captioned_pictures(docx.Document(str(report.files[0].path)))
    assert len(pictures) == 12
    for i in range(12):
        with Image.open(folder / f"Foto {i:02d} 2025.jpg") as src:
            original = src.convert("RGB")
        shown = pictures[f"Foto: Foto {i:02d} 2025.jpg"].convert("RGB")
        assert sum(ImageStat.Stat(ImageChops.difference(original, shown)).mean) < 15


@pytest.mark.skipif(
    not (ROOT / "sample_dossier" / "kladoc.toml").is_file(), reason="no sample dossier"
)
def test_sample_dossier_builds(tmp_path: Path) -> None:
    sample = ROOT / "sample_dossier"
    before = tree_state(sample)
    result = check(sample)
    report = build_docx(result, tmp_path / "out", draft=True)
    assert report.ok, [e.render() for e in report.errors]
    assert len(report.files) == len(result.checklist.clusters)
    rows = sum(len(index_rows(docx.Document(str(f.path)))) for f in report.files)
    assert rows == sum(1 for e in result.evidence if e.indicator)
    assert tree_state(sample) == before


# -- units ------------------------------------------------------------------------------


def test_narrative_blocks() -> None:
    blocks = narrative_blocks("# Judul\nbaris satu\nbaris **dua**\n\n- butir\n* kedua\n")
    assert [(b["kind"], b["text"]) for b in blocks] == [
        ("heading", "Judul"),
        ("text", "baris satu baris dua"),
        ("bullet", "butir"),
        ("bullet", "kedua"),
    ]
    assert "<w:b/>" in blocks[1]["rich"].xml


def test_footer_parts_in_both_languages() -> None:
    assert footer_parts() == ("Halaman ", " dari ", "")
    set_language("en")
    try:
        assert footer_parts() == ("Page ", " of ", "")
    finally:
        set_language("id")


# -- what it looks like -----------------------------------------------------------------


def _soffice() -> Path | None:
    from kladoc.build.office import find_soffice

    return find_soffice()


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_and_paginates_it(built: Built, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    soffice = _soffice()
    assert soffice is not None
    profile = (tmp_path / "lo-profile").resolve().as_uri()
    subprocess.run(
        [
            str(soffice),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(built.files["klaster-1"]),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf_path = tmp_path / KLASTER_I.replace(".docx", ".pdf")
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        assert len(pdf) > 1
        texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    joined = " ".join(" ".join(texts).split())
    assert "Klaster I: Hak Sipil dan Kebebasan" in texts[0]
    assert "Daftar Isi" in texts[1]
    assert "Halaman 2 dari" in texts[1]
    for heading in ("Indikator 4 — ", "Indikator 5 — ", "Indikator 6 — "):
        assert heading in joined
    assert DOCX.rsplit("/", 1)[1] in joined


def test_readme_documents_every_template_variable(built: Built, tmp_path: Path) -> None:
    from kladoc.build.docx_context import ContextBuilder
    from kladoc.build.plan import cluster_sections

    result = built.result
    sections = cluster_sections(
        result.checklist,
        "klaster-1",
        result.evidence,
        result.indicators,
        result.findings,
        result.config.root,
    )
    from kladoc.build.docx import load_narratives

    load_narratives(result, sections, [])
    cluster = result.checklist.cluster("klaster-1")
    assert cluster is not None
    ctx = ContextBuilder(result, tmp_path, draft=True).context(
        cluster, sections, lambda pic, box: "pic"
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("### Word dossier template")
    table = readme[start : readme.index("\n### ", start + 1)]

    def documented(prefix: str, key: str) -> bool:
        return any(form in table for form in (f"`{prefix}{key}`", f"`.{key}`", f"`{prefix}{key}."))

    sec = next(s for s in ctx["sections"] if s["docs"] and s["narrative"] and s["gaps"])
    groups: list[tuple[str, dict[str, Any]]] = [
        ("", ctx),
        ("cluster.", ctx["cluster"]),
        ("summary.", ctx["summary"]),
        ("labels.", ctx["labels"]),
        ("s.", sec),
        ("f.", sec["facts"][0]),
        ("b.", sec["narrative"][0]),
        ("d.", sec["docs"][0]),
        ("p.", sec["thumbnails"][0]),
        ("g.", sec["gaps"][0]),
    ]
    missing = [
        prefix + key for prefix, group in groups for key in group if not documented(prefix, key)
    ]
    assert not missing


@pytest.mark.parametrize(("logo", "pictures"), [("logo.webp", 1), ("rusak.png", 0)])
def test_logo_on_the_cover(tmp_path: Path, logo: str, pictures: int) -> None:
    root = tmp_path / "D"
    root.mkdir()
    (root / "kladoc.toml").write_text(
        f'region = "Kota Contoh"\nyear = 2025\nlogo = "{logo}"\n', encoding="utf-8"
    )
    if pictures:
        Image.new("RGBA", (120, 150), (11, 92, 142, 255)).save(root / logo, "WEBP")
    else:
        (root / logo).write_bytes(b"not a picture")
    report = build_docx(check(root), tmp_path / "out", cluster="kelembagaan")
    assert report.ok, [e.render() for e in report.errors]
    assert len(docx.Document(str(report.files[0].path)).inline_shapes) == pictures
    assert [k for k, _ in report.warnings] == ([] if pictures else ["build.warn.logo"])


def test_update_fields_and_language_are_set_even_if_the_template_lacks_them(
    built: Built, tmp_path: Path
) -> None:
    document = docx.Document(str(default_template()))
    settings = document.settings.element
    settings.remove(settings.find(qn("w:updateFields")))
    template = tmp_path / "tanpa.docx"
    document.save(str(template))
    report = build_docx(built.result, tmp_path / "out", cluster="kelembagaan", template=template)
    assert report.ok
    out = docx.Document(str(report.files[0].path))
    names = [child.tag.split("}")[1] for child in out.settings.element]
    assert names.index("updateFields") < names.index("compat")  # schema order
    lang = out.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    assert lang is not None and lang.get(qn("w:val")) == "id-ID"
