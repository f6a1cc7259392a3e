"""build/jpegcheck.py: the strict JPEG decode that spares qpdf its image decoding must never
pass data that qpdf's own checks fail."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from kladoc.build import jpegcheck
from kladoc.build.convcache import ConversionCache
from kladoc.build.marks import set_aside_images
from kladoc.build.salvage import syntax_problems


def _jpeg(mode: str, **save: object) -> bytes:
    rnd = random.Random(7)
    bands = len(Image.new(mode, (1, 1)).getbands())
    img = Image.frombytes(mode, (96, 64), rnd.randbytes(96 * 64 * bands))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85, **save)
    return buf.getvalue()


SOURCES = {
    "gray": _jpeg("L"),
    "rgb": _jpeg("RGB"),
    "progressive": _jpeg("RGB", progressive=True),
    "cmyk": _jpeg("CMYK"),
    "subsampled": _jpeg("RGB", subsampling=2),
}


def _pdf(data: bytes, images: int = 1) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(96, 64))
    xobjects = pikepdf.Dictionary()
    ops = b""
    for i in range(images):
        img = pikepdf.Stream(pdf, data)
        img.Type, img.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        img.Width, img.Height, img.BitsPerComponent = 96, 64, 8
        img.ColorSpace = pikepdf.Name.DeviceGray
        img.Filter = pikepdf.Name.DCTDecode
        xobjects[f"/Im{i}"] = img
        ops += f"q 96 0 0 64 0 0 cm /Im{i} Do Q\n".encode()
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=xobjects)
    page.Contents = pdf.make_stream(ops)
    return pdf


def _qpdf_passes(data: bytes) -> bool:
    with _pdf(data) as pdf:
        return not syntax_problems(pdf)


def _damaged(data: bytes, rnd: random.Random) -> bytes:
    """One of the damages a copied, cut or bit-rotted file shows."""
    b = bytearray(data)
    kind = rnd.randrange(5)
    at = rnd.randrange(2, len(b))
    if kind == 0:  # cut short
        return bytes(b[:at])
    if kind == 1:  # a few bytes changed
        for _ in range(rnd.randrange(1, 4)):
            b[rnd.randrange(2, len(b))] = rnd.randrange(256)
        return bytes(b)
    if kind == 2:  # bytes inserted
        return bytes(
            b[:at] + bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 9))) + b[at:]
        )
    if kind == 3:  # bytes lost
        return bytes(b[:at] + b[at + rnd.randrange(1, 9) :])
    b[at] ^= 1 << rnd.randrange(8)  # one bit flipped
    return bytes(b)


def test_clean_jpegs_pass_like_qpdf() -> None:
    for name, data in SOURCES.items():
        assert jpegcheck.decodes(data), name
        assert _qpdf_passes(data), name


def test_decodes_at_one_eighth_scale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cheap part is the scale: a full-size decode costs three times as much."""
    import simplejpeg

    shapes: list[tuple[int, ...]] = []

    class Spy:
        decode_jpeg_header = staticmethod(simplejpeg.decode_jpeg_header)

        @staticmethod
        def decode_jpeg(data: bytes, **kw: object) -> object:
            out = simplejpeg.decode_jpeg(data, **kw)
            shapes.append(out.shape)
            return out

    monkeypatch.setattr(jpegcheck, "_decoder", Spy)
    for data in SOURCES.values():
        assert jpegcheck.decodes(data)
    assert [s[:2] for s in shapes] == [(8, 12)] * len(SOURCES)  # 96×64 at 1/8


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_never_passes_what_qpdf_fails(name: str) -> None:
    rnd = random.Random(name)
    data = SOURCES[name]
    fails = caught = 0
    for _ in range(150):
        bad = _damaged(data, rnd)
        if not _qpdf_passes(bad):
            fails += 1
            assert not jpegcheck.decodes(bad), bad.hex()
            caught += 1
    assert fails >= 60  # the damages are real: most of them fail qpdf's checks
    assert caught == fails


def test_not_a_jpeg_is_left_to_qpdf() -> None:
    assert not jpegcheck.decodes(b"")
    assert not jpegcheck.decodes(b"\r\n" + SOURCES["rgb"])  # qpdf fails it too
    assert not _qpdf_passes(b"\r\n" + SOURCES["rgb"])
    assert not jpegcheck.decodes(b"\x89PNG\r\n\x1a\n")


def test_huge_images_are_left_to_qpdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jpegcheck, "MAX_PIXELS", 96 * 64 - 1)
    assert not jpegcheck.decodes(SOURCES["gray"])


def test_without_simplejpeg_qpdf_decodes_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "simplejpeg", None)  # import fails
    monkeypatch.setattr(jpegcheck, "_decoder", None)
    assert not jpegcheck.available()
    assert jpegcheck.decode_later(SOURCES["gray"]) is None
    assert not jpegcheck.decodes(SOURCES["gray"])
    with _pdf(SOURCES["gray"]) as pdf:
        assert set_aside_images(pdf, None) == []
        kept = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and "/Subtype" in o]
        assert [len(o.read_raw_bytes()) for o in kept] == [len(SOURCES["gray"])]


def test_set_aside_empties_clean_images_in_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kladoc.build.marks.ASIDE_BATCH", 1)  # one image per batch
    bad = SOURCES["gray"][: len(SOURCES["gray"]) // 2]
    marks = ConversionCache(tmp_path / "convert").marks()
    with _pdf(SOURCES["gray"], images=3) as pdf:
        damaged = pikepdf.Stream(pdf, bad)
        damaged.Type, damaged.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        damaged.Filter = pikepdf.Name.DCTDecode
        damaged.Width, damaged.Height, damaged.BitsPerComponent = 96, 64, 8
        damaged.ColorSpace = pikepdf.Name.DeviceGray
        pdf.pages[0].Resources.XObject["/Bad"] = damaged
        fresh = set_aside_images(pdf, marks)
        sizes = sorted(
            len(o.read_raw_bytes())
            for o in pdf.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
        )
    # three clean images emptied, the damaged one left for qpdf; each has a key to mark
    assert sizes == [0, 0, 0, len(bad)]
    assert len(fresh) == 4


def test_not_fast_leaves_unmarked_images_to_qpdf(tmp_path: Path) -> None:
    marks = ConversionCache(tmp_path / "convert").marks()
    with _pdf(SOURCES["gray"], images=2) as pdf:
        fresh = set_aside_images(pdf, marks, fast=False)
        sizes = [
            len(o.read_raw_bytes())
            for o in pdf.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
        ]
    assert sizes == [len(SOURCES["gray"])] * 2
    assert len(fresh) == 2  # the same bytes twice: one key, listed per image
