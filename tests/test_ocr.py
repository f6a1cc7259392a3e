"""The optional OCR (`kladoc[ocr]`): scans and photos of documents read, classified like a
text layer, cached per option, and given an invisible text layer in the dossier.

Fixture scans are made here: an SK rendered by reportlab, rasterised by pdfium, wrapped as
an image-only PDF. Tests that need the engine skip where the extra is not installed."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import img2pdf
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import ImageChops

from kladoc import ocr
from kladoc.cache import InspectionCache, Stamp, cache_file_for
from kladoc.check import run_check
from kladoc.classify import classify_type, classify_year, number_from_text, year_from_text
from kladoc.config import load_config
from kladoc.errors import ConfigError
from kladoc.inspect import inspect_file
from tests import synth
from tests.dossier_factory import config

NUMBER = "188.45/123/KPTS/2019"
# the check's bound on every process (issue 16). Measured on Linux for the dossier of the
# memory test below, 20 runs of `check --ocr` (--jobs 1 and 2): the OCR worker peaked at
# 168-172 MB (engine loaded: ~150 MB), the main process at ~31 MB; `build --ocr`: the
# inspection worker ~168 MB, the page-reading process ~165 MB, the build itself ~117 MB
OCR_LIMIT_MB = 150  # private memory of any one process (88-92 MB measured)
OCR_RSS_LIMIT_MB = 240  # RSS with the shared libraries' pages (167-213 MB measured)
# Runs a command; prints the largest peak RSS of it and its descendants (ru_maxrss) and
# the largest private (anonymous) memory any of them held, sampled from /proc every 5 ms.
# RSS also counts the pages of shared libraries (OpenCV and ONNX Runtime: 60-90 MB) that
# happen to be mapped, which depends on the page cache: the same worker measured 167 MB
# in a long-used virtual environment and 195-213 MB in a fresh one, with the same 39 MB of
# private memory after the imports. The private peak is what the work itself costs.
PEAK_WRAPPER = (
    "import os, resource, subprocess, sys, threading\n"
    "peak = [0]\n"
    "def tree(pid):\n"
    "    out = [pid]\n"
    "    for p in out:\n"
    "        try:\n"
    "            with open('/proc/%d/task/%d/children' % (p, p)) as f:\n"
    "                out += [int(c) for c in f.read().split()]\n"
    "        except OSError:\n"
    "            pass\n"
    "    return out\n"
    "def sample(proc):\n"
    "    while proc.poll() is None:\n"
    "        for pid in tree(proc.pid):\n"
    "            try:\n"
    "                with open('/proc/%d/status' % pid) as f:\n"
    "                    for line in f:\n"
    "                        if line.startswith('RssAnon:'):\n"
    "                            peak[0] = max(peak[0], int(line.split()[1]))\n"
    "            except OSError:\n"
    "                pass\n"
    "        threading.Event().wait(0.005)\n"
    "proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, text=True)\n"
    "t = threading.Thread(target=sample, args=(proc,)); t.start()\n"
    "out = proc.communicate()[0]; t.join()\n"
    "sys.stdout.write(out)\n"
    "print('MAXRSS_KB=%d ANON_KB=%d EXIT=%d' % (resource.getrusage(resource.RUSAGE_CHILDREN)"
    ".ru_maxrss, peak[0], proc.returncode))\n"
)


def page_texts(path: Path) -> list[str]:
    """The text pdfium reads on each page of `path` (what a verifier's search finds)."""
    doc = pdfium.PdfDocument(path)
    texts = []
    for page in doc:
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    doc.close()
    return texts


def _engine() -> None:
    pytest.importorskip("rapidocr_onnxruntime")


def scan_pdf(path: Path, *, dpi: int = 120, year: int | None = 2019) -> Path:
    """An SK page as a scanner makes it: one greyscale JPEG per page, no text layer."""
    src = synth.text_pdf(
        path.with_suffix(".src.pdf"),
        title="Gugus Tugas KLA",
        year=year,
        number=NUMBER if year else None,
    )
    doc = pdfium.PdfDocument(src)
    page = doc[0]
    img = page.render(scale=dpi / 72).to_pil().convert("L")
    page.close()
    doc.close()
    src.unlink()
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=70, dpi=(dpi, dpi))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        img2pdf.convert(
            [buf.getvalue()], layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)), nodate=True
        )
    )
    return path


# -- without the engine ---------------------------------------------------------------------


def _mean_difference(a, b) -> float:
    """Mean absolute grey difference of two pictures of one page at a quarter of `a`'s size
    (where resampling differs little; the page shifted by 1 % differs by ~9)."""
    from PIL import Image, ImageStat

    size = (a.width // 4, a.height // 4)
    a, b = (im.convert("L").resize(size, Image.Resampling.BOX) for im in (a, b))
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def _same_size(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """pdfium and Pillow round a scaled side apiece: within a pixel."""
    return abs(a[0] - b[0]) <= 1 and abs(a[1] - b[1]) <= 1


def test_a_page_that_is_one_jpeg_is_read_from_the_jpeg(tmp_path: Path) -> None:
    """A scan page (one JPEG filling the page) is decoded at a DCT scale, grey, in the same
    coordinates as pdfium draws the page; anything else is drawn by pdfium."""
    source = scan_pdf(tmp_path / "scan.pdf", dpi=300)  # 2480 x 3508 px
    with pikepdf.open(source) as pdf:
        (raw,) = [im.read_raw_bytes() for im in pdf.pages[0].get_images().values()]
    assert ocr.page_jpeg(source, 0) == (raw, pytest.approx(297 / 25.4 * 72, abs=1))
    drawn = ocr.render_pages(source, [0])[0]
    picture = ocr.page_picture(source, 0)
    # decoded at 1/1 (3508 * 0.9 / 2000 < 2) then shrunk: the size pdfium draws at
    assert (picture.mode, picture.size) == ("L", (1414, 2000))
    assert _same_size(drawn.size, (1414, 2000))
    assert _mean_difference(drawn, picture) < 3
    # 4800 px long: decoded at 1/2, then shrunk to 2000
    big = scan_pdf(tmp_path / "big.pdf", dpi=410)
    assert _same_size(ocr.page_picture(big, 0).size, ocr.render_pages(big, [0])[0].size)
    # a small page is read at READ_DPI, as pdfium draws it
    with pikepdf.open(source) as pdf:
        pdf.pages[0].obj.MediaBox = [0, 0, 297, 420]  # A6, the picture squeezed onto it
        pdf.pages[0].obj.Contents = pdf.make_stream(b"q 297 0 0 420 0 0 cm /Im0 Do Q")
        pdf.save(tmp_path / "a6.pdf")
    small = ocr.page_picture(tmp_path / "a6.pdf", 0)
    assert small.size == (826, 1167)  # 1/2 of 2480 x 3508 (the DCT scale), shrunk to 200 dpi
    assert _same_size(small.size, ocr.render_pages(tmp_path / "a6.pdf", [0])[0].size)

    # a photo wrapped by img2pdf with its EXIF turn as the page's /Rotate: read unturned,
    # as render_pages draws it
    from PIL import Image

    turned = tmp_path / "turned.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    ocr.render_pages(source, [0])[0].save(turned, "JPEG", exif=exif)
    wrapped = tmp_path / "wrapped.pdf"
    wrapped.write_bytes(img2pdf.convert(str(turned), rotation=img2pdf.Rotation.ifvalid))
    with pikepdf.open(wrapped) as pdf:
        assert int(pdf.pages[0].obj.get("/Rotate", 0)) in (90, 270)
    assert ocr.page_jpeg(wrapped, 0) is not None
    drawn, picture = ocr.render_pages(wrapped, [0])[0], ocr.page_picture(wrapped, 0)
    assert _same_size(picture.size, (1414, 2000)) and _same_size(drawn.size, picture.size)
    assert _mean_difference(drawn, picture) < 3

    # text, or an image not filling the page, or two images: drawn by pdfium
    assert ocr.page_jpeg(synth.text_pdf(tmp_path / "t.pdf", title="x", year=2020), 0) is None
    framed = tmp_path / "framed.pdf"
    framed.write_bytes(
        img2pdf.convert(
            raw,
            layout_fun=img2pdf.get_layout_fun(
                (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297)),
                border=(img2pdf.mm_to_pt(20), img2pdf.mm_to_pt(20)),
            ),
        )
    )
    assert ocr.page_jpeg(framed, 0) is None
    assert _same_size(ocr.page_picture(framed, 0).size, ocr.render_pages(framed, [0])[0].size)
    with pikepdf.open(source) as pdf:
        page = pdf.pages[0]
        name = next(iter(page.resources.XObject.keys()))
        page.contents_add(pdf.make_stream(f"q 10 0 0 10 0 0 cm {name} Do Q".encode()))
        pdf.save(tmp_path / "twice.pdf")
    assert ocr.page_jpeg(tmp_path / "twice.pdf", 0) is None


def test_normalise_puts_back_the_spaces_classification_needs() -> None:
    assert ocr.normalise_text("KEPUTUSANWALIKOTACONTOH") == "KEPUTUSAN WALIKOTA CONTOH"
    assert ocr.normalise_text("NOMOR188.45/12/KPTS/2019") == "NOMOR 188.45/12/KPTS/2019"
    assert ocr.normalise_text("NOM0R065/132/DP3A/2022") == "NOMOR 065/132/DP3A/2022"
    assert ocr.normalise_text("pada tanggal12Maret2019") == "pada tanggal 12 Maret 2019"
    assert ocr.normalise_text("NOMOR12TAHUN2019") == "NOMOR 12 TAHUN 2019"
    # ordinary words and codes stay whole
    assert ocr.normalise_text("mendatangkan DP3A 21a") == "mendatangkan DP3A 21a"


def test_number_and_year_come_from_the_heading_not_from_cited_laws() -> None:
    draft = (
        "KEPUTUSAN BUPATI CONTOH\nNOMOR 188.45/   /HK\n"
        "Mengingat : Undang-Undang Nomor 23\nTahun 2002 tentang Perlindungan Anak;"
    )
    assert year_from_text(draft) is None
    glued = "NOMOR 188.45/ /HK\n2. Peraturan PresidenNomor 25 Tahun 2021 tentang Kebijakan"
    assert year_from_text(glued) is None
    assert ocr.normalise_text("Undang-UndangNomor 23") == "Undang-Undang Nomor 23"
    assert number_from_text(draft) is None
    assert number_from_text("PERATURAN BUPATI CONTOH\nNOMOR 12 TAHUN 2019\n") == "12 TAHUN 2019"
    assert number_from_text(f"KEPUTUSAN\nNOMOR {NUMBER}\nTENTANG") == NUMBER
    assert year_from_text("KEPUTUSAN WALI KOTA CONTOH NOMOR 188/12 TAHUN 2025 TENTANG") == 2025
    # a letter's number ends with its year; a cited law's "Nomor 5/2019" does not count
    assert year_from_text("LAPORAN KEGIATAN\nNOMOR 052/447/DP3A/2016\n") == 2016
    assert year_from_text("LAPORAN\nmenurut Peraturan Nomor 5/2019 dan lainnya") is None


def test_ocr_without_the_extra_is_a_usage_error_naming_the_pip_command(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "d"
    root.mkdir()
    config(root)
    monkeypatch.setattr(ocr, "available", lambda: False)
    res = cli("check", root, "--ocr", "--lang", "en")
    assert res.code == 2
    assert 'pip install "kladoc[ocr]"' in res.err
    (root / "kladoc.toml").write_text(
        (root / "kladoc.toml").read_text(encoding="utf-8") + "ocr = true\n", encoding="utf-8"
    )
    res = cli("build", root)
    assert res.code == 2
    assert 'pip install "kladoc[ocr]"' in res.err


def test_config_ocr_key(tmp_path: Path) -> None:
    (tmp_path / "kladoc.toml").write_text("ocr = true\n", encoding="utf-8")
    assert load_config(tmp_path).ocr is True
    assert load_config(tmp_path.parent).ocr is False
    (tmp_path / "kladoc.toml").write_text('ocr = "ya"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(tmp_path)


# -- with the engine -------------------------------------------------------------------------


def test_scan_is_read_and_classified_like_a_text_layer(tmp_path: Path) -> None:
    _engine()
    from kladoc.checklist import load_checklist

    path = scan_pdf(tmp_path / "scan.pdf")
    plain = inspect_file(path)
    assert (plain.has_text, plain.ocr, plain.text) == (False, False, "")
    facts = inspect_file(path, ocr=True)
    assert facts.ocr is True
    assert facts.has_text is False  # the file still has no text layer of its own
    types = load_checklist("kla-2024", tmp_path).evidence_types.values()
    assert classify_year("scan", facts) == type(classify_year("scan", facts))(2019, "ocr")
    etype = classify_type("scan", facts, types)
    assert (etype.value, etype.source) == ("sk_kelembagaan", "ocr")
    assert number_from_text(facts.text) == NUMBER


def test_photo_of_an_activity_is_not_read(tmp_path: Path) -> None:
    _engine()
    photo = synth.photo_jpeg(tmp_path / "foto.jpg", seed=2)
    assert ocr.looks_like_document(ocr.open_upright(photo)) is False
    facts = inspect_file(photo, ocr=True)
    assert (facts.status, facts.ocr, facts.text) == ("ok", False, "")
    page = ocr.render_pages(scan_pdf(tmp_path / "sk.pdf"), [0])[0]
    assert ocr.looks_like_document(page) is True


def test_check_ocr_runs_in_the_pool_and_is_cached_per_option(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _engine()
    root = tmp_path / "d"
    root.mkdir()
    config(root, "inspect_timeout = 600\n")  # a loaded shared machine must not time OCR out
    scan_pdf(root / "DP3A" / "1 Kelembagaan" / "pindaian.pdf")
    rel = "DP3A/1 Kelembagaan/pindaian.pdf"

    plain = run_check(root, jobs=1)
    (ev,) = plain.evidence
    assert (ev.year, ev.year_source, ev.type_source) == (None, "", "")

    result = run_check(root, jobs=1, overrides={"ocr": True})
    (ev,) = result.evidence
    assert (ev.year, ev.year_source) == (2019, "ocr")
    assert (ev.type, ev.type_source) == ("sk_kelembagaan", "ocr")

    # both runs' facts are cached side by side
    cache = InspectionCache(cache_file_for(root), ocr.cache_key(True))
    stamp = Stamp.of((root / rel).stat())
    (hit,) = cache.lookup([(rel, stamp)])
    cache.close()
    assert hit is not None and hit.ocr is True
    cache = InspectionCache(cache_file_for(root), "")
    (hit,) = cache.lookup([(rel, stamp)])
    cache.close()
    assert hit is not None and hit.ocr is False

    # a second run of either kind inspects nothing
    def no_inspection(paths, **kwargs):
        assert list(paths) == []
        return []

    monkeypatch.setattr("kladoc.inspection.inspect_many", no_inspection)
    again = run_check(root, jobs=1, overrides={"ocr": True})
    assert again.evidence[0].year_source == "ocr"
    assert run_check(root, jobs=1).evidence[0].year_source == ""

    res = cli("check", root, "--ocr", "--format", "json")
    assert '"year_source": "ocr"' in res.out


def test_text_layer_is_invisible_and_keeps_the_page_image(tmp_path: Path) -> None:
    _engine()
    from kladoc.build.ocr_layer import add_text_layer

    source = scan_pdf(tmp_path / "scan.pdf")
    before = source.read_bytes()
    target = tmp_path / "out.pdf"
    assert add_text_layer(source, target) == 1
    assert source.read_bytes() == before  # the evidence file is only read
    doc = pdfium.PdfDocument(target)
    textpage = doc[0].get_textpage()
    text = textpage.get_text_range()
    assert NUMBER in text and "KEPUTUSAN" in text
    textpage.close()
    doc.close()
    with pikepdf.open(source) as a, pikepdf.open(target) as b:
        raw_a = [im.read_raw_bytes() for im in a.pages[0].get_images().values()]
        raw_b = [im.read_raw_bytes() for im in b.pages[0].get_images().values()]
        assert raw_a == raw_b and len(raw_a) == 1
        assert b"3 Tr" in b"".join(
            x.read_bytes()
            for x in b.pages[0].obj.Resources.XObject.values()
            if x.Subtype == "/Form"
        )
    # pages drawn the same: the text is in render mode 3, under the image
    drawn = []
    for pdf_path in (source, target):
        doc = pdfium.PdfDocument(pdf_path)
        drawn.append(doc[0].render(scale=0.5).to_pil().convert("RGB"))
        doc.close()
    assert ImageChops.difference(*drawn).getbbox() is None
    # a page that already has text is left alone
    assert (
        add_text_layer(synth.text_pdf(tmp_path / "t.pdf", title="x", year=2020), tmp_path / "n.pdf")
        == 0
    )
    assert not (tmp_path / "n.pdf").exists()


def test_build_ocr_makes_the_dossier_searchable(tmp_path: Path, cli) -> None:
    _engine()
    root = tmp_path / "d"
    root.mkdir()
    config(root, "inspect_timeout = 600\n")  # a loaded shared machine must not time OCR out
    scan = scan_pdf(root / "DP3A" / "1 Kelembagaan" / "pindaian.pdf")
    before = scan.read_bytes()
    # a 2019 SK is outside the 2025 window: only the draft dossier includes it
    res = cli("build", root, "--ocr", "--draft", "--format", "pdf", "--jobs", "1")
    assert res.code == 0, res.err
    assert scan.read_bytes() == before
    (dossier,) = sorted((root / "_kladoc").glob("*Kelembagaan*.pdf"))
    pages = page_texts(dossier)
    assert any(NUMBER in p for p in pages)


def photo_of_sk(path: Path, *, dpi: int) -> Path:
    """A phone photo (JPEG) of the SK page, `dpi` as the camera saw the paper."""
    src = synth.text_pdf(
        path.with_suffix(".src.pdf"), title="Gugus Tugas KLA", year=2019, number=NUMBER
    )
    doc = pdfium.PdfDocument(src)
    page = doc[0]
    picture = page.render(scale=dpi / 72).to_pil().convert("RGB")
    page.close()
    doc.close()
    src.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(path, "JPEG", quality=80)
    return path


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KB on Linux only")
def test_check_ocr_memory_stays_bounded(tmp_path: Path) -> None:
    """A memory bound, not a timing test: the largest process of a fresh `kladoc check
    --ocr` run (main process and pool workers; ru_maxrss of the waited-for descendants,
    each process's own peak) on a 200 dpi scan and a 300 dpi photo of a document, and of
    `kladoc build --ocr` on them."""
    _engine()
    root = tmp_path / "d"
    root.mkdir()
    config(root, "inspect_timeout = 600\n")  # a loaded shared machine must not time OCR out
    scan_pdf(root / "DP3A" / "1 Kelembagaan" / "pindaian.pdf", dpi=200)
    photo_of_sk(root / "DP3A" / "1 Kelembagaan" / "foto sk.jpg", dpi=300)
    env = dict(os.environ, KLADOC_CACHE_DIR=str(tmp_path / "cache"))
    runs = [["check", str(root), "--ocr", "--no-cache", "--jobs", jobs, "--format", "json"]
            for jobs in ("1", "2")]  # fmt: skip
    # the build reads both again (inspection) and gives each a text layer (page reader)
    runs.append(["build", str(root), "--ocr", "--draft", "--format", "pdf", "--jobs", "1"])
    for args in runs:
        cmd = [sys.executable, "-c", PEAK_WRAPPER, sys.executable, "-m", "kladoc", *args]
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900).stdout
        m = re.search(r"MAXRSS_KB=(\d+) ANON_KB=(\d+) EXIT=(\d+)", out)
        assert m, out
        if args[0] == "check":
            assert int(m.group(3)) == 1  # gaps in the checklist, no crash
            assert out.count('"year_source": "ocr"') == 2  # the scan and the photo were read
        else:
            assert int(m.group(3)) == 0
        rss, anon = int(m.group(1)) / 1024, int(m.group(2)) / 1024
        what = " ".join(args[:1] + args[2:])
        assert 20 < anon < OCR_LIMIT_MB, f"{what} held {anon:.0f} MB of private memory"
        assert rss < OCR_RSS_LIMIT_MB, f"{what} peaked at {rss:.0f} MB RSS"
    dossier = next((root / "_kladoc").glob("*Kelembagaan*.pdf"))
    texts = page_texts(dossier)
    assert sum(NUMBER in t for t in texts) == 2  # the scan's page and the photo's


def test_build_ocr_gives_a_photo_of_a_document_a_text_layer(tmp_path: Path, cli) -> None:
    _engine()
    root = tmp_path / "d"
    root.mkdir()
    config(root, "inspect_timeout = 600\n")  # a loaded shared machine must not time OCR out
    src = synth.text_pdf(tmp_path / "src.pdf", title="Gugus Tugas KLA", year=2019, number=NUMBER)
    doc = pdfium.PdfDocument(src)
    page = doc[0]
    picture = page.render(scale=150 / 72).to_pil().convert("RGB")
    page.close()
    doc.close()
    photo = root / "DP3A" / "1 Kelembagaan" / "foto sk.jpg"
    photo.parent.mkdir(parents=True)
    picture.save(photo, "JPEG", quality=80)
    before = photo.read_bytes()
    # a 2019 SK is outside the 2025 window: only the draft dossier includes it
    res = cli("build", root, "--ocr", "--draft", "--format", "pdf", "--jobs", "1")
    assert res.code == 0, res.err
    assert photo.read_bytes() == before
    (dossier,) = sorted((root / "_kladoc").glob("*Kelembagaan*.pdf"))
    pages = page_texts(dossier)
    assert any(NUMBER in p and "KEPUTUSAN" in p for p in pages)
