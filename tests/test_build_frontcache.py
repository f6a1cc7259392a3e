"""Issue 16: a volume's front matter (cover, contents, section pages) is drawn once and then
taken from the conversion cache while everything it is drawn from stays the same; the
built files are the same bytes either way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kladoc.build import build_pdf, frontmatter, pdf
from kladoc.build.convcache import CACHE_FOLDER
from kladoc.check import run_check
from kladoc.i18n import set_language
from tests.dossier_factory import clean_dossier


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    drawn: list[str] = []
    real = frontmatter.render_front

    def spy(vol, ctx, path, resolve):  # type: ignore[no-untyped-def]
        drawn.append(vol.file_name)
        return real(vol, ctx, path, resolve)

    monkeypatch.setattr(pdf, "render_front", spy)
    return drawn


def _build(root: Path, out: Path, use_cache: bool = True) -> dict[str, bytes]:
    report = build_pdf(run_check(root), out, converter="python", use_cache=use_cache)
    assert report.ok, [e.render() for e in report.errors]
    return {f.path.name: f.path.read_bytes() for f in report.files}


def _fronts(cache: Path) -> list[Path]:
    return sorted((cache / CACHE_FOLDER).rglob("*.json"))


def test_front_matter_is_drawn_once_then_taken_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = _spy(monkeypatch)
    root = clean_dossier(tmp_path / "d")
    cache = Path(os.environ["KLADOC_CACHE_DIR"])
    first = _build(root, tmp_path / "out1")
    assert sorted(drawn) == sorted(first) and len(first) == 2
    assert len(_fronts(cache)) == 2
    drawn.clear()
    assert _build(root, tmp_path / "out2") == first
    assert drawn == []  # every front matter from the cache
    assert _build(root, tmp_path / "out3", use_cache=False) == first
    assert sorted(drawn) == sorted(first)  # --no-cache draws anew
    drawn.clear()
    monkeypatch.setattr(pdf, "PARALLEL_MIN_PAGES", 0)  # one cluster in the worker
    assert _build(root, tmp_path / "out4") == first
    assert drawn == []  # the one built here from the cache (the worker is not spied)
    assert len(_fronts(cache)) == 2  # the worker computed the same key: no new entry


def test_another_language_or_a_damaged_entry_draws_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = _spy(monkeypatch)
    root = clean_dossier(tmp_path / "d")
    cache = Path(os.environ["KLADOC_CACHE_DIR"])
    first = _build(root, tmp_path / "out1")
    set_language("en")
    english = _build(root, tmp_path / "out2")
    set_language("id")
    assert len(drawn) == 4 and len(_fronts(cache)) == 4
    assert all(english[name] != first[name] for name in first)
    for entry in _fronts(cache):  # what the renderings reported, unreadable now
        entry.write_text("{", "utf-8")
    drawn.clear()
    assert _build(root, tmp_path / "out3") == first
    assert len(drawn) == 2
    drawn.clear()
    assert _build(root, tmp_path / "out4") == first  # kept again, anew
    assert drawn == []


def test_no_cache_keeps_nothing_in_the_cluster_worker_either(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = clean_dossier(tmp_path / "d")
    first = _build(root, tmp_path / "out1", use_cache=False)
    other = tmp_path / "other-cache"
    monkeypatch.setenv("KLADOC_CACHE_DIR", str(other))
    monkeypatch.setattr(pdf, "PARALLEL_MIN_PAGES", 0)  # one cluster in the worker
    assert _build(root, tmp_path / "out2", use_cache=False) == first
    kept = sorted(p.relative_to(other).parts[0] for p in other.rglob("*") if p.is_file())
    assert "convert" not in kept and "decoded" not in kept  # the check's own cache only


def test_a_build_keeps_its_marks_in_a_few_files(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    cache = Path(os.environ["KLADOC_CACHE_DIR"])
    _build(root, tmp_path / "out1")
    files = sorted((cache / "decoded").rglob("*.keys"))
    # one for the evidence PDFs checked before the merge, one per volume that passed
    assert len(files) == 3
    keys = [k for f in files for k in f.read_text("ascii").split()]
    assert len(keys) == len(set(keys)) > 2  # no mark twice
    _build(root, tmp_path / "out2")  # nothing new passed: no new file
    assert sorted((cache / "decoded").rglob("*.keys")) == files
