"""Issue 16: conversions kept across builds by content, clusters built in a worker, and
the same bytes every time the same dossier is built (cached or not, here or there)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kladoc.build import build_pdf, pdf
from kladoc.build.convcache import CACHE_FOLDER, MARKS_FOLDER, ConversionCache
from kladoc.check import run_check
from tests import synth
from tests.dossier_factory import clean_dossier


def _dossier(root: Path) -> Path:
    clean_dossier(root)
    dinkes = root / "Dinas Kesehatan"
    synth.minutes_docx(
        root / "DP3A" / "1 Perda KLA" / "Notulen Rapat 2025.docx",
        title="Rapat Gugus Tugas",
        date_text="2 Mei 2025",
        attendees=["Ketua", "Sekretaris"],
        points=["Pembahasan", "Tindak lanjut"],
        year=2025,
    )
    synth.photo_jpeg(dinkes / "2 Gizi" / "Foto Timbang 2025.jpg", taken="2025:03:01 09:00:00")
    return root


def _build(root: Path, out: Path) -> dict[str, bytes]:
    report = build_pdf(run_check(root), out, converter="python", draft=True)
    assert report.ok, [e.render() for e in report.errors]
    assert len(report.files) >= 2
    return {f.path.name: f.path.read_bytes() for f in report.files}


def _entries(cache: Path) -> set[str]:
    folder = cache / CACHE_FOLDER
    return {p.name for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()


def test_the_same_build_gives_the_same_bytes_cached_or_not_and_in_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _dossier(tmp_path / "d")
    cache = Path(os.environ["KLADOC_CACHE_DIR"])
    cold = _build(root, tmp_path / "out1")  # nothing cached yet
    kinds = sorted(name.rsplit(".", 1)[1] for name in _entries(cache))
    # a rendering per DOCX/XLSX (4), a page per photo (2), the front matter of each volume
    # (2: a PDF and what its rendering reported); each PDF's passed checks are a mark
    assert kinds == ["json"] * 2 + ["pdf"] * 8
    marks = [
        line
        for keys in (cache / MARKS_FOLDER).rglob("*.keys")
        for line in keys.read_text(encoding="ascii").split()
    ]
    checked = {
        ConversionCache(cache / CACHE_FOLDER).key("pdf-check", e.facts.sha256, "salvage-1")
        for e in run_check(root).evidence
        if e.facts.kind == "pdf"
    }
    assert len(checked) == 2 and checked <= set(marks)
    warm = _build(root, tmp_path / "out2")  # every conversion from the cache
    assert warm == cold
    monkeypatch.setattr(pdf, "PARALLEL_MIN_PAGES", 0)  # half the clusters in a worker
    assert _build(root, tmp_path / "out3") == cold
    monkeypatch.setenv("KLADOC_CACHE_DIR", str(tmp_path / "empty-cache"))
    assert _build(root, tmp_path / "out4") == cold  # converted afresh, in the worker too


def test_a_rebuild_after_one_change_converts_that_file_only(tmp_path: Path) -> None:
    root = _dossier(tmp_path / "d")
    cache = Path(os.environ["KLADOC_CACHE_DIR"])
    first = _build(root, tmp_path / "out")
    before = _entries(cache)
    notes = root / "DP3A" / "1 Perda KLA" / "Notulen Rapat 2025.docx"
    synth.minutes_docx(
        notes,
        title="Rapat Gugus Tugas (perubahan)",
        date_text="2 Mei 2025",
        attendees=["Ketua", "Sekretaris", "Anggota"],
        points=["Pembahasan", "Tindak lanjut"],
        year=2025,
    )
    second = _build(root, tmp_path / "out")
    added = _entries(cache) - before
    # the new rendering, and the front matter of the one volume that shows it
    assert sorted(name.rsplit(".", 1)[1] for name in added) == ["json", "pdf", "pdf"]
    changed = {name for name in first if first[name] != second[name]}
    assert len(changed) == 1  # the cluster that shows the notes; the others as they were


def test_no_cache_converts_afresh_and_keeps_nothing(tmp_path: Path) -> None:
    root = _dossier(tmp_path / "d")
    cache = Path(os.environ["KLADOC_CACHE_DIR"])
    first = _build(root, tmp_path / "out1")
    assert _entries(cache)
    report = build_pdf(
        run_check(root), tmp_path / "out2", converter="python", draft=True, use_cache=False
    )
    assert report.ok
    assert {f.path.name: f.path.read_bytes() for f in report.files} == first
    other = tmp_path / "other-cache"
    os.environ["KLADOC_CACHE_DIR"] = str(other)
    try:
        build_pdf(run_check(root), tmp_path / "out3", converter="python", use_cache=False)
    finally:
        os.environ["KLADOC_CACHE_DIR"] = str(cache)
    assert _entries(other) == set()


def test_a_used_entry_is_kept_when_the_cache_is_trimmed(tmp_path: Path) -> None:
    cache = ConversionCache(tmp_path / "convert")
    made = tmp_path / "made.pdf"
    keys = []
    for n in range(3):
        made.write_bytes(bytes([n]) * 100)
        key = cache.key("office", f"{n:064x}")
        cache.store(key, made)
        keys.append(key)
    old = time.time() - 1000
    for n, key in enumerate(keys):
        entry = tmp_path / "convert" / key[:2] / f"{key}.pdf"  # type: ignore[index]
        os.utime(entry, (old + n, old + n))
    assert cache.fetch(keys[0], tmp_path / "got.pdf")  # the oldest is used again
    leftover = tmp_path / "convert" / "zz" / ".tmp-abc"
    leftover.parent.mkdir()
    leftover.write_bytes(b"x")
    os.utime(leftover, (old - 7200, old - 7200))  # an interrupted write, hours ago
    cache.trim(200)
    assert cache.has(keys[0], ".pdf") and cache.has(keys[2], ".pdf")
    assert not cache.has(keys[1], ".pdf")  # least recently used
    assert not leftover.exists()
