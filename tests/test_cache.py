from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from kladoc import cache as cache_mod
from kladoc import inspection, resultcache
from kladoc.cache import cache_file_for
from kladoc.check import run_check
from tests.dossier_factory import clean_dossier, one_of_each, plain_pdf


@pytest.fixture(autouse=True)
def _inspection_cache_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the inspection cache: no run gets a whole kept result (that
    layer above it has its own tests, tests/test_result_cache.py)."""
    monkeypatch.setattr(resultcache, "load", lambda *a, **kw: None)


@pytest.fixture
def inspected(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Records which files each run actually had to open."""
    calls: list[list[str]] = []
    real = inspection.inspect_many

    def spy(paths, **kw):
        calls.append(sorted(Path(p).name for p in paths))
        return real(paths, **kw)

    monkeypatch.setattr(inspection, "inspect_many", spy)
    return calls


def _dicts(result) -> dict:
    data = result.to_dict()
    data["dossier"].pop("days_to_deadline")
    return data


def test_warm_run_opens_nothing_and_gives_identical_results(tmp_path: Path, inspected) -> None:
    root = one_of_each(tmp_path / "d")
    cold = run_check(root, jobs=2)
    warm = run_check(root, jobs=2)
    assert len(inspected[0]) == len(cold.evidence)
    assert inspected[1] == []
    assert _dicts(cold) == _dicts(warm)


def test_modified_renamed_deleted_files(tmp_path: Path, inspected) -> None:
    root = clean_dossier(tmp_path / "d")
    run_check(root, jobs=1)
    sk = root / "DP3A" / "1 Perda KLA" / "SK Gugus Tugas 2025.pdf"
    plain_pdf(sk, "SURAT KEPUTUSAN YANG DIUBAH TAHUN 2025")  # modified
    perda = root / "DP3A" / "1 Perda KLA" / "Perda KLA 2019.pdf"
    perda.rename(perda.with_name("Perda KLA Nomor 1 2019.pdf"))  # renamed
    (root / "Dinas Kesehatan" / "Ind 3B Data 2024.xlsx").unlink()  # deleted
    result = run_check(root, jobs=1)
    assert inspected[1] == ["Perda KLA Nomor 1 2019.pdf", "SK Gugus Tugas 2025.pdf"]
    assert "Dinas Kesehatan/Ind 3B Data 2024.xlsx" not in {e.path for e in result.evidence}
    sk_ev = {e.path: e for e in result.evidence}["DP3A/1 Perda KLA/SK Gugus Tugas 2025.pdf"]
    assert sk_ev.facts.sha256 == hashlib.sha256(sk.read_bytes()).hexdigest()
    conn = sqlite3.connect(cache_file_for(root))
    paths = {r[0] for r in conn.execute("SELECT path FROM facts")}
    conn.close()
    assert "DP3A/1 Perda KLA/Perda KLA 2019.pdf" not in paths
    assert "Dinas Kesehatan/Ind 3B Data 2024.xlsx" not in paths


@pytest.mark.skipif(os.name == "nt", reason="Windows ctime is the creation time")
def test_same_size_and_mtime_but_new_content_is_seen(tmp_path: Path, inspected) -> None:
    root = clean_dossier(tmp_path / "d")
    target = root / "DP3A" / "1 Perda KLA" / "SK Gugus Tugas 2025.pdf"
    plain_pdf(target, "SURAT KEPUTUSAN AAAA")
    first = run_check(root, jobs=1)
    st = target.stat()
    plain_pdf(target, "SURAT KEPUTUSAN BBBB")
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (target.stat().st_size, target.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    second = run_check(root, jobs=1)
    assert inspected[1] == ["SK Gugus Tugas 2025.pdf"]
    digest = {e.path: e.facts.sha256 for e in second.evidence}
    before = {e.path: e.facts.sha256 for e in first.evidence}
    key = "DP3A/1 Perda KLA/SK Gugus Tugas 2025.pdf"
    assert digest[key] != before[key]


def test_version_change_invalidates(tmp_path: Path, inspected, monkeypatch) -> None:
    root = clean_dossier(tmp_path / "d")
    run_check(root, jobs=1)
    monkeypatch.setattr(cache_mod, "FINGERPRINT", cache_mod.FINGERPRINT + "-next")
    run_check(root, jobs=1)
    assert len(inspected[1]) == 6


def test_no_cache_bypasses(tmp_path: Path, inspected) -> None:
    root = clean_dossier(tmp_path / "d")
    run_check(root, jobs=1, use_cache=False)
    run_check(root, jobs=1, use_cache=False)
    assert [len(c) for c in inspected] == [6, 6]
    assert not cache_file_for(root).exists()


def test_corrupt_cache_is_rebuilt_with_a_warning(tmp_path: Path, cli) -> None:
    root = clean_dossier(tmp_path / "d")
    path = cache_file_for(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    r = cli("check", root)
    assert r.code == 0
    assert "dibuat ulang" in r.err
    result = run_check(root, jobs=1)
    assert result.warnings == []  # healthy again


def test_locked_cache_is_bypassed_not_fatal(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache_mod, "BUSY_TIMEOUT_MS", 100)
    root = clean_dossier(tmp_path / "d")
    run_check(root, jobs=1)
    (root / "DP3A" / "1 Perda KLA" / "SK Gugus Tugas 2025.pdf").touch()
    holder = sqlite3.connect(cache_file_for(root), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run_check(root, jobs=1)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [k for k, _ in result.warnings] == ["cache.disabled"]
    assert len(result.evidence) == 6


def test_two_runs_at_once_do_not_corrupt(tmp_path: Path) -> None:
    root = one_of_each(tmp_path / "d")
    results: list = []
    threads = [
        threading.Thread(target=lambda: results.append(run_check(root, jobs=1))) for _ in range(2)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(results) == 2
    assert _dicts(results[0]) == _dicts(results[1])
    conn = sqlite3.connect(cache_file_for(root))
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert _dicts(run_check(root, jobs=1)) == _dicts(results[0])


def test_serial_and_parallel_results_are_identical(tmp_path: Path) -> None:
    root = one_of_each(tmp_path / "d")
    serial = run_check(root, jobs=1, use_cache=False)
    parallel = run_check(root, jobs=2, use_cache=False)
    assert _dicts(serial) == _dicts(parallel)


def test_no_worker_processes_still_inspects_everything(tmp_path: Path, monkeypatch) -> None:
    from kladoc import pool

    def refuse(self, ctx) -> None:
        raise OSError("no child processes allowed here")

    monkeypatch.setattr(pool._Worker, "__init__", refuse)
    root = clean_dossier(tmp_path / "d")
    result = run_check(root, jobs=2, use_cache=False)
    assert len(result.evidence) == 6
    assert all(e.facts.status == "ok" for e in result.evidence)
    assert result.findings == []
