"""Odd images in a build (issue 12 item 4): 16-bit greyscale, tiny, rotated fax TIFFs."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from kladoc.build import build_pdf
from kladoc.build.docx_media import eight_bit, prepare_photo
from kladoc.check import run_check
from tests.dossier_factory import clean_dossier


def gradient16(path: Path, top: int) -> Path:
    img = Image.new("I;16", (64, 48))
    img.putdata([(x * top) // 63 for _y in range(48) for x in range(64)])
    img.save(path)
    return path


def fax_tiff(path: Path) -> Path:
    """A CCITT G4 TIFF, 300 x 100 px, black left third, with EXIF orientation 6."""
    img = Image.new("1", (300, 100), 1)
    img.paste(0, (0, 0, 100, 100))
    exif = Image.Exif()
    exif[0x0112] = 6
    img.save(path, compression="group4", exif=exif)
    return path


def test_eight_bit_scales_16_bit_and_12_bit_greyscale() -> None:
    full = Image.new("I;16", (2, 1))
    full.putdata([0, 65535])
    assert eight_bit(full).mode == "L" and list(eight_bit(full).getdata()) == [0, 255]
    twelve = Image.new("I;16", (2, 1))
    twelve.putdata([0, 4095])
    assert list(eight_bit(twelve).getdata()) == [0, 255]
    rgb = Image.new("RGB", (1, 1))
    assert eight_bit(rgb) is rgb


def test_word_photo_of_a_16_bit_png_is_not_white(tmp_path: Path) -> None:
    src = gradient16(tmp_path / "g.png", 65535)
    pic = prepare_photo(src, tmp_path / "g.jpg")
    with Image.open(pic.path) as out:
        lo, hi = out.convert("L").getextrema()
    assert lo < 20 and hi > 230


def _photo_pages(pdf_path: Path, names: list[str]) -> dict[str, Image.Image]:
    """The photo page captioned with each name (its last mention: the evidence index
    before it names it too), rendered small."""
    doc = pdfium.PdfDocument(pdf_path)
    found: dict[str, Image.Image] = {}
    try:
        for i in range(len(doc)):
            text = doc[i].get_textpage().get_text_range()
            for name in names:
                if name in text:
                    found[name] = doc[i].render(scale=0.5).to_pil().convert("L")
    finally:
        doc.close()
    return found


def test_16_bit_tiny_and_rotated_fax_images_build_and_show(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    folder = root / "Dinas Kesehatan" / "2 Gizi"
    gradient16(folder / "Foto Gradasi 2025.tif", 65535)
    gradient16(folder / "Foto Gradasi 2025.png", 65535)
    Image.new("RGB", (8, 8), (200, 30, 30)).save(folder / "Foto Ikon 2025.png")
    fax_tiff(folder / "Foto Faks 2025.tif")
    result = run_check(root, jobs=1)
    report = build_pdf(result, root / "_kladoc", cluster="klaster-1", converter="python")
    assert report.ok, [e.render() for e in report.errors]
    assert [p for k, p in report.warnings if k == "build.warn.convert"] == []
    names = [
        "Foto Gradasi 2025.tif",
        "Foto Gradasi 2025.png",
        "Foto Ikon 2025.png",
        "Foto Faks 2025.tif",
    ]
    pages = _photo_pages(report.files[0].path, names)
    assert sorted(pages) == sorted(names)
    for name in names[:2]:  # a ramp from black to white across the photo, not white
        page = pages[name]
        w, h = page.size
        left, right = (
            page.getpixel((w * 3 // 10, h * 46 // 100)),
            page.getpixel((w * 7 // 10, h * 46 // 100)),
        )
        assert left < 100 and right > 150, (name, left, right)
    fax = pages["Foto Faks 2025.tif"]  # upright: 100 px wide, the black third on top
    w, h = fax.size
    assert w < h
    assert fax.getpixel((w // 2, h * 20 // 100)) < 60
    assert fax.getpixel((w // 2, h * 60 // 100)) > 200
    icon = pages["Foto Ikon 2025.png"]
    assert icon.getpixel((icon.width // 2, icon.height * 45 // 100)) < 150  # red, not paper


def damaged_restart_jpeg(path: Path) -> Path:
    """A light 400 x 300 photo saved with a restart marker every row, 200 bytes of its
    entropy data (and a restart marker with them) zeroed: Pillow decodes it without a
    complaint, pdfium's decoder gives up at the broken restart and paints black."""
    import io

    from PIL import ImageDraw

    img = Image.new("RGB", (400, 300), (230, 200, 120))
    ImageDraw.Draw(img).rectangle((50, 50, 350, 250), fill=(40, 120, 200))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90, restart_marker_rows=1)
    data = bytearray(buf.getvalue())
    third = len(data) // 3
    data[third : third + 200] = bytes(200)
    path.write_bytes(bytes(data))
    return path


def _mean(img: Image.Image) -> float:
    from PIL import ImageStat

    return float(ImageStat.Stat(img.convert("L")).mean[0])


def test_a_jpeg_pdfium_cannot_decode_is_re_encoded_not_black(tmp_path: Path) -> None:
    import img2pdf
    from PIL import ImageFile

    from kladoc.build.convert import damaged_jpeg

    src = damaged_restart_jpeg(tmp_path / "rusak.jpg")
    assert damaged_jpeg(src)
    # decoded whole by the check: the restart markers are still scanned
    assert damaged_jpeg(src, decoded=True)
    clean = tmp_path / "utuh.jpg"
    Image.new("RGB", (40, 30), (230, 200, 120)).save(clean)
    assert not damaged_jpeg(clean)
    assert not damaged_jpeg(clean, decoded=True)
    cut = tmp_path / "terpotong.jpg"
    noisy = tmp_path / "derau.jpg"
    Image.effect_noise((256, 256), 60).convert("RGB").save(noisy, quality=90)
    cut.write_bytes(noisy.read_bytes()[: noisy.stat().st_size // 2])
    assert damaged_jpeg(cut)  # data that ends early: the strict decode sees it
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False  # the probe leaves the global alone
    # the fixture reproduces the defect: passed through, pdfium shows mostly black
    raw = pdfium.PdfDocument(img2pdf.convert(str(src)))
    try:
        assert _mean(raw[0].render(scale=1).to_pil()) < 90
    finally:
        raw.close()
    root = clean_dossier(tmp_path / "d")
    folder = root / "Dinas Kesehatan" / "2 Gizi"
    damaged_restart_jpeg(folder / "Foto Posyandu 2025.jpg")
    result = run_check(root, jobs=1)
    assert [e.facts.status for e in result.evidence if e.path.endswith(".jpg")] == ["ok"]
    report = build_pdf(result, root / "_kladoc", cluster="klaster-1", converter="python")
    assert report.ok, [e.render() for e in report.errors]
    page = _photo_pages(report.files[0].path, ["Foto Posyandu 2025.jpg"])["Foto Posyandu 2025.jpg"]
    w, h = page.size
    photo = page.crop((w // 10, h // 8, w * 9 // 10, h * 7 // 10))
    assert _mean(photo) > 110, _mean(photo)
