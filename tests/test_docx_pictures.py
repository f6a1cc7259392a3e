"""The Word dossier's pictures at scale: photos copied without their metadata where they
need no change, pictures made in worker processes and kept in the cache by content, and
a worker that hangs costing only its picture."""

from __future__ import annotations

import io
import multiprocessing as mp
import os
import time
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from kladoc.build import docx_context, docx_pictures
from kladoc.build.docx import build_docx
from kladoc.build.docx_media import jpeg_without_metadata, prepare_photo
from kladoc.build.docx_pictures import PictureJob, Pictures, PictureTimeout, trim
from tests import synth
from tests.test_build import PHOTO_3, check, make_dossier

CLUSTER = "klaster-1"  # seven pictures (photos, first pages) in make_dossier's dossier


def media(docx_path: Path) -> list[bytes]:
    with zipfile.ZipFile(docx_path) as zf:
        names = sorted(n for n in zf.namelist() if n.startswith("word/media/"))
        return [zf.read(n) for n in names]


def same_pixels(a: Image.Image, b: Image.Image) -> bool:
    return (
        a.size == b.size
        and ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None
    )


def phone_jpeg(path: Path, *, progressive: bool = False) -> Path:
    """An upright phone photo with EXIF (maker, place), an ICC profile, a comment and
    bytes after its end, as cameras and messengers leave them."""
    src = synth.photo_jpeg(path.with_name("plain.jpg"), size=(1200, 900), seed=3)
    with Image.open(src) as img:
        exif = img.getexif()
        exif[0x8825] = 26  # a GPS IFD pointer stand-in: any tag will do
        buf = io.BytesIO()
        img.save(
            buf,
            "JPEG",
            quality=82,
            progressive=progressive,
            exif=exif.tobytes(),
            icc_profile=b"\0" * 300,
            comment=b"Jl. Merdeka 12, Kota Contoh",
        )
    path.write_bytes(buf.getvalue() + b"SEFT trailer: location and device")
    return path


# -- photos -----------------------------------------------------------------------------


@pytest.mark.parametrize("progressive", [False, True])
def test_an_upright_phone_photo_is_copied_without_its_metadata(
    tmp_path: Path, progressive: bool
) -> None:
    src = phone_jpeg(tmp_path / "foto.jpg", progressive=progressive)
    pic = prepare_photo(src, tmp_path / "out.jpg")
    data = pic.path.read_bytes()
    assert (pic.width, pic.height) == (1200, 900)
    for private in (b"samsung", b"Merdeka", b"trailer", b"Exif"):
        assert private not in data
    with Image.open(src) as a, Image.open(pic.path) as b:
        assert same_pixels(a, b)  # the coded image itself is untouched
        assert "icc_profile" not in b.info and "comment" not in b.info
        assert b.getexif() == {}
    assert len(data) < src.stat().st_size


def test_photos_that_need_a_change_are_encoded_anew(tmp_path: Path) -> None:
    turned = synth.photo_jpeg(tmp_path / "turned.jpg", size=(800, 600), orientation=6, seed=1)
    pic = prepare_photo(turned, tmp_path / "t.jpg")
    assert (pic.width, pic.height) == (800, 600)  # the stored 600×800 turned upright
    big = synth.photo_jpeg(tmp_path / "big.jpg", size=(2000, 1500), seed=2)
    assert (prepare_photo(big, tmp_path / "b.jpg").width) == 1600
    # near-lossless quality: more than COPY_MAX_BYTES_PER_PX, so encoded at PHOTO_QUALITY
    noise = Image.effect_noise((600, 400), 80).convert("RGB")
    heavy = tmp_path / "heavy.jpg"
    noise.save(heavy, "JPEG", quality=100)
    assert heavy.stat().st_size > 0.5 * 600 * 400
    out = prepare_photo(heavy, tmp_path / "h.jpg")
    assert out.path.stat().st_size < heavy.stat().st_size
    with Image.open(out.path) as img:
        assert not same_pixels(img, noise)


def test_jpeg_structures_that_cannot_be_copied_are_refused(tmp_path: Path) -> None:
    data = phone_jpeg(tmp_path / "foto.jpg").read_bytes()
    assert jpeg_without_metadata(data) is not None
    assert jpeg_without_metadata(data[: len(data) // 2]) is None  # cut short
    assert jpeg_without_metadata(b"\x89PNG\r\n\x1a\n" + data) is None
    sof = data.index(b"\xff\xc0")
    arithmetic = data[:sof] + b"\xff\xc9" + data[sof + 2 :]
    assert jpeg_without_metadata(arithmetic) is None
    twelve_bit = data[: sof + 4] + b"\x0c" + data[sof + 5 :]
    assert jpeg_without_metadata(twelve_bit) is None


# -- the cache ----------------------------------------------------------------------------


def counting(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Count the pictures made in this process."""
    made: list[Path] = []
    for name in ("prepare_photo", "render_thumbnail"):
        real = getattr(docx_context, name)

        def maker(source: Path, target: Path, real=real):  # type: ignore[no-untyped-def]
            made.append(source)
            return real(source, target)

        monkeypatch.setattr(docx_context, name, maker)
    return made


def test_a_rebuild_makes_only_the_pictures_of_changed_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_dossier(tmp_path / "D")
    made = counting(monkeypatch)
    first = build_docx(check(root), tmp_path / "a", cluster=CLUSTER, draft=True)
    assert first.ok and len(made) == 7
    cache = docx_pictures.default_cache_dir()
    assert len(list(cache.glob("*/*.jpg"))) == 7
    made.clear()
    again = build_docx(check(root), tmp_path / "b", cluster=CLUSTER, draft=True)
    assert again.ok and made == []
    assert media(again.files[0].path) == media(first.files[0].path)
    synth.photo_jpeg(root / PHOTO_3, size=(1200, 900), seed=99)  # one photo replaced
    changed = build_docx(check(root), tmp_path / "c", cluster=CLUSTER, draft=True)
    assert changed.ok and made == [root / PHOTO_3]
    made.clear()
    fresh = build_docx(check(root), tmp_path / "d", cluster=CLUSTER, draft=True, use_cache=False)
    assert fresh.ok and len(made) == 7
    assert media(fresh.files[0].path) == media(changed.files[0].path)


def test_a_damaged_cache_entry_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_dossier(tmp_path / "D")
    made = counting(monkeypatch)
    first = build_docx(check(root), tmp_path / "a", cluster=CLUSTER, draft=True)
    victim = sorted(docx_pictures.default_cache_dir().glob("*/*.jpg"))[0]
    victim.write_bytes(b"not a picture")
    made.clear()
    again = build_docx(check(root), tmp_path / "b", cluster=CLUSTER, draft=True)
    assert again.ok and len(made) == 1 and again.warnings == first.warnings
    assert media(again.files[0].path) == media(first.files[0].path)


def test_trim_removes_the_least_recently_used_pictures(tmp_path: Path) -> None:
    now = time.time()
    for n, age in enumerate([50, 40, 30, 20, 10]):
        f = tmp_path / "ab" / f"p{n}.jpg"
        f.parent.mkdir(exist_ok=True)
        f.write_bytes(b"x" * 100)
        os.utime(f, (now - age, now - age))
    stale, fresh = tmp_path / "ab" / "p9.jpg.1.part", tmp_path / "ab" / "p8.jpg.2.part"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(stale, (now - 7200, now - 7200))
    trim(tmp_path, 300)
    assert sorted(p.name for p in (tmp_path / "ab").iterdir()) == [
        "p2.jpg",
        "p3.jpg",
        "p4.jpg",
        "p8.jpg.2.part",
    ]


# -- worker processes -------------------------------------------------------------------


def test_pictures_made_in_workers_are_the_ones_made_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_dossier(tmp_path / "D")
    result = check(root)
    here = build_docx(result, tmp_path / "here", cluster=CLUSTER, draft=True, use_cache=False)
    monkeypatch.setattr(docx_pictures, "POOL_MIN", 1)
    monkeypatch.setattr(docx_pictures, "default_workers", lambda: 2)
    made = counting(monkeypatch)  # counts only what this process makes
    pooled = build_docx(result, tmp_path / "pool", cluster=CLUSTER, draft=True, use_cache=False)
    assert pooled.ok and made == []
    assert media(pooled.files[0].path) == media(here.files[0].path)
    assert len(media(here.files[0].path)) == 7


def test_a_picture_a_worker_hangs_on_costs_only_that_picture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs a FIFO to hang on")
    fifo = tmp_path / "hangs.jpg"
    os.mkfifo(fifo)  # opening it for reading waits for a writer that never comes
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    good = synth.photo_jpeg(tmp_path / "ok.jpg", size=(400, 300))
    monkeypatch.setattr(docx_pictures, "POOL_MIN", 1)
    monkeypatch.setattr(docx_pictures, "PICTURE_TIMEOUT", 3.0)
    jobs = [
        PictureJob("photo", good, ""),
        PictureJob("first_page", bad, ""),
        PictureJob("photo", fifo, ""),
    ]
    pictures = Pictures(tmp_path / "work", None, workers=2)
    (tmp_path / "work").mkdir()

    def never(source: Path, target: Path) -> None:
        raise AssertionError("made in this process")

    started = time.monotonic()
    pictures.start(jobs)
    pic = pictures.get(jobs[0], never)  # type: ignore[arg-type]
    assert (pic.width, pic.height) == (400, 300)
    with pytest.raises(Exception) as broken:
        pictures.get(jobs[1], never)  # type: ignore[arg-type]
    assert not isinstance(broken.value, (PictureTimeout, AssertionError))
    with pytest.raises(PictureTimeout) as hung:
        pictures.get(jobs[2], never)  # type: ignore[arg-type]
    assert str(hung.value) == "tidak selesai dalam 3 detik"
    pictures.close()  # the hung worker is stopped, not waited for
    assert time.monotonic() - started < 60


class _Silent:
    """A pool whose workers never answer (they cannot start on this machine)."""

    terminated = False

    def apply_async(self, *args: object) -> _Silent:
        return self

    def get(self, timeout: float) -> None:
        raise mp.TimeoutError

    def terminate(self) -> None:
        _Silent.terminated = True

    def join(self) -> None:
        pass


def test_workers_that_never_answer_cost_one_wait_then_pictures_are_made_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_dossier(tmp_path / "D")
    monkeypatch.setattr(docx_pictures, "POOL_MIN", 1)
    monkeypatch.setattr(docx_pictures, "default_workers", lambda: 2)
    monkeypatch.setattr(docx_pictures, "worker_pool", lambda workers: _Silent())
    made = counting(monkeypatch)
    report = build_docx(check(root), tmp_path / "out", cluster=CLUSTER, draft=True)
    assert report.ok and not [w for w in report.warnings if w[0] == "docx.warn.picture"]
    assert len(made) == 7 and _Silent.terminated
    assert len(media(report.files[0].path)) == 7
