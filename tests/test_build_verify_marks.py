"""Issue 16: a finished volume's JPEG images that decoded cleanly in a volume that passed
are not decoded again by the next check, nor is its pages' evidence content parsed again;
every other check (and any new or damaged image or content) still runs, and the file
checked is only read."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from kladoc.build import jpegcheck
from kladoc.build import verify as verify_mod
from kladoc.build.assemble import FinishSpec, finish
from kladoc.build.convcache import ConversionCache
from kladoc.build.marks import Marks, recording
from kladoc.build.salvage import check_file
from kladoc.build.stamp import StampFont
from kladoc.build.verify import Expectation, VerifyError, verify

_STAMP = "KLA 2025 · Hal. 1/1"


def _jpeg(seed: int) -> bytes:
    img = Image.new("RGB", (64, 48), (seed * 40 % 256, 120, 200))
    for x in range(0, 64, 8):
        img.putpixel((x, seed % 48), (0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def _volume(
    tmp: Path, name: str, *, damage_image: bool = False, damage_text: bool = False
) -> tuple[Path, StampFont]:
    src = tmp / f"{name}-src.pdf"
    c = canvas.Canvas(str(src), invariant=1)
    c.drawImage(ImageReader(io.BytesIO(_jpeg(1))), 50, 500, width=128, height=96)
    c.drawString(50, 450, "Bukti")
    c.showPage()
    c.save()
    with pikepdf.open(src, allow_overwriting_input=True) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image:
                raw = _jpeg(1)  # the JPEG itself, as a camera's photo is embedded
                if damage_image:  # a JPEG cut in half: qpdf warns while decoding it
                    raw = raw[: len(raw) // 2]
                obj.write(raw, filter=pikepdf.Name.DCTDecode)
        if damage_text:  # page content that no Flate decoder can read
            pdf.pages[0].obj.Contents.write(b"not flate data", filter=pikepdf.Name.FlateDecode)
        pdf.save(src)
    out = tmp / f"{name}.pdf"
    spec = FinishSpec(
        stamps=[_STAMP],
        outline=[],
        links=[],
        front_pages=0,
        attachments=[],
        title="t",
        author="a",
        subject="s",
        keywords="k",
        language="id-ID",
        creator="kladoc",
        created=dt.datetime(2025, 1, 2, tzinfo=dt.UTC),
    )
    return out, finish(src, out, spec)


def _check(vol: tuple[Path, StampFont], marks: ConversionCache | None) -> None:
    verify(vol[0], Expectation(1, [_STAMP], [], []), vol[1], marks)


def _marks(folder: Path) -> list[str]:
    return sorted(k for p in folder.rglob("*.keys") for k in p.read_text("ascii").split())


def _spy_jpegs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many JPEG images still hold data when qpdf's checks run, per check."""
    seen: list[int] = []
    real = verify_mod.syntax_problems

    def spy(pdf: pikepdf.Pdf) -> list[str]:
        seen.append(
            sum(
                1
                for o in pdf.objects
                if isinstance(o, pikepdf.Stream)
                and o.get("/Filter") == pikepdf.Name.DCTDecode
                and len(o.read_raw_bytes()) > 0
            )
        )
        return real(pdf)

    monkeypatch.setattr(verify_mod, "syntax_problems", spy)
    return seen


def test_a_clean_jpeg_is_decoded_once_then_known_by_its_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _spy_jpegs(monkeypatch)
    monkeypatch.setattr(jpegcheck, "_decoder", False)  # qpdf decodes what is not marked
    cache = ConversionCache(tmp_path / "cache" / "convert")
    marks = cache.marks()
    assert marks.folder == tmp_path / "cache" / "decoded"
    vol = _volume(tmp_path, "a")
    before = vol[0].read_bytes()
    _check(vol, marks)
    assert len(_marks(tmp_path / "cache")) == 2  # one image, one page content: a mark each
    _check(vol, marks)
    _check(_volume(tmp_path, "b"), marks)  # the same image in another volume
    assert seen == [1, 0, 0]
    assert vol[0].read_bytes() == before  # the checked file is only read
    assert len(_marks(tmp_path / "cache")) == 2
    # no cache: every image is decoded
    _check(vol, ConversionCache(None).marks())
    _check(vol, None)
    assert seen == [1, 0, 0, 1, 1]
    # with the strict decoder, no image is left for qpdf even with nothing marked
    monkeypatch.setattr(jpegcheck, "_decoder", None)
    _check(vol, None)
    _check(_volume(tmp_path, "c"), ConversionCache(tmp_path / "cache2" / "convert").marks())
    assert seen == [1, 0, 0, 1, 1, 0, 0]
    assert len(_marks(tmp_path / "cache2")) == 2  # marked all the same


def test_a_damaged_jpeg_is_never_marked(tmp_path: Path) -> None:
    marks = ConversionCache(tmp_path / "cache" / "convert").marks()
    bad = _volume(tmp_path, "bad", damage_image=True)
    for _ in range(2):
        with pytest.raises(VerifyError) as exc:
            _check(bad, marks)
        assert exc.value.args[0] == "build.verify.syntax"
    assert _marks(tmp_path / "cache") == []


def test_a_known_jpeg_does_not_excuse_the_rest_of_the_volume(tmp_path: Path) -> None:
    marks = ConversionCache(tmp_path / "cache" / "convert").marks()
    _check(_volume(tmp_path, "good"), marks)
    assert len(_marks(tmp_path / "cache")) == 2  # the image and the page content
    broken = _volume(tmp_path, "broken", damage_text=True)
    with pytest.raises(VerifyError) as exc:
        _check(broken, marks)
    assert exc.value.args[0] == "build.verify.syntax"


def _spy_contents(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The number of content streams of each page when qpdf's checks run, per check."""
    seen: list[list[int]] = []
    real = verify_mod.syntax_problems

    def spy(pdf: pikepdf.Pdf) -> list[str]:
        seen.append([len(p.obj.Contents) for p in pdf.pages])
        return real(pdf)

    monkeypatch.setattr(verify_mod, "syntax_problems", spy)
    return seen


def test_clean_page_content_is_parsed_once_then_only_its_stamps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _spy_contents(monkeypatch)
    marks = ConversionCache(tmp_path / "cache" / "convert").marks()
    vol = _volume(tmp_path, "a")
    before = vol[0].read_bytes()
    _check(vol, marks)
    assert len(_marks(tmp_path / "cache")) == 2  # the image and the page's content
    _check(vol, marks)
    _check(_volume(tmp_path, "b"), marks)  # the same evidence page in another volume
    _check(vol, None)
    assert seen == [[3], [2], [2], [3]]  # opener, evidence content, stamp
    assert vol[0].read_bytes() == before
    assert len(_marks(tmp_path / "cache")) == 2


def test_content_that_does_not_parse_is_never_marked(tmp_path: Path) -> None:
    marks = ConversionCache(tmp_path / "cache" / "convert").marks()
    vol = _volume(tmp_path, "bad")
    with pikepdf.open(vol[0], allow_overwriting_input=True) as pdf:
        # an inline image that never ends: qpdf's content parser reports it
        pdf.pages[0].obj.Contents[1].write(b"BI /W 1 /H 1 /CS /G /BPC 8 ID \x00\x01")
        pdf.save(vol[0])
    for _ in range(2):
        with pytest.raises(VerifyError) as exc:
            _check(vol, marks)
        assert exc.value.args[0] == "build.verify.syntax"
    assert len(_marks(tmp_path / "cache")) == 0


def test_an_evidence_pdf_that_passed_alone_leaves_marks_for_its_volume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contents = _spy_contents(monkeypatch)
    marks = ConversionCache(tmp_path / "cache" / "convert").marks()
    vol = _volume(tmp_path, "a")
    src = tmp_path / "a-src.pdf"  # the evidence PDF the volume was made of
    assert check_file(src) == []  # checked outside a build that records: no marks
    assert _marks(tmp_path / "cache") == []
    with recording(Marks(marks)):
        assert check_file(src) == []
    assert len(_marks(tmp_path / "cache")) == 2  # its image and its page's content
    _check(vol, marks)  # the first check of the volume finds both
    assert contents == [[2]]
    assert len(_marks(tmp_path / "cache")) == 2
    with recording(Marks(marks)):  # a damaged PDF leaves none
        assert check_file(_damaged(tmp_path)) != []
    assert len(_marks(tmp_path / "cache")) == 2


def _damaged(tmp: Path) -> Path:
    _volume(tmp, "bad", damage_text=True)
    return tmp / "bad-src.pdf"
