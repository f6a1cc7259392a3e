"""Hostile conditions during `kladoc build`: Ctrl+C, files vanishing, a full disk."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kladoc.build import build_pdf
from kladoc.check import run_check
from tests import synth
from tests.dossier_factory import clean_dossier


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def _slow_dossier(root: Path) -> Path:
    """Enough pages that a build takes a few seconds on this machine."""
    root = clean_dossier(root)
    for n in range(40):
        synth.scanned_pdf(
            root / "DP3A" / "1 Perda KLA" / f"Scan Perda {n:02d} 2024.pdf",
            lines=[f"PERDA {n}"],
            pages=8,
            dpi=100,
            seed=n,
        )
    return root


@pytest.mark.skipif(os.name == "nt", reason="SIGINT delivery to a child differs on Windows")
def test_sigint_during_build_exits_130_and_keeps_the_previous_dossier(tmp_path: Path) -> None:
    root = _slow_dossier(tmp_path / "d")
    out = root / "_kladoc"
    env = dict(os.environ, KLADOC_CACHE_DIR=str(tmp_path / "cache"))
    cmd = [sys.executable, "-m", "kladoc", "build", str(root), "--converter", "python"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    before = _hashes(out)
    # change the evidence so the next build has real work and different output
    synth.text_pdf(root / "DP3A" / "1 Perda KLA" / "SK Baru 2025.pdf", title="Baru", year=2025)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    # interrupt once the build is under way: its private work folder has appeared
    while time.monotonic() < deadline and proc.poll() is None:
        # (inside the staging folder of the build's output set)
        if any(w.name.startswith(".kladoc-build-") for w in out.glob(".kladoc-staging-*/*")):
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode(errors="replace")[-2000:]
    assert b"Traceback" not in err
    assert "Dihentikan; dossier sebelumnya tidak diubah." in err.decode()
    # the whole set is the old one: every file, the manifest included, and nothing else
    assert _hashes(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(before)
    assert ".kladoc-outputs.json" in before


def test_file_deleted_between_scan_and_build(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    result = run_check(root, jobs=1)
    gone = root / "DP3A" / "1 Perda KLA" / "SK Gugus Tugas 2025.pdf"
    gone.unlink()
    report = build_pdf(result, root / "_kladoc", cluster="kelembagaan", converter="python")
    assert report.ok, [e.render() for e in report.errors]
    assert [o.path.name for o in report.files] == ["Kelembagaan.pdf"]
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(root / "_kladoc" / "Kelembagaan.pdf")
    try:
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    assert "SK Gugus Tugas 2025.pdf" in text  # named on its notice page, not silently dropped


def test_full_disk_during_build_is_exit_3_and_keeps_the_previous_dossier(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = clean_dossier(tmp_path / "d")
    assert cli("build", root, "--converter", "python").code == 0
    out = root / "_kladoc"
    before = _hashes(out)
    from kladoc import fsutil

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "replace", full)
    r = cli("build", root, "--converter", "python")
    assert r.code == 3
    assert "disk penuh" in r.err
    assert "Traceback" not in r.err
    assert _hashes(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(before)


def test_output_folder_that_is_a_file_is_exit_3(tmp_path: Path, cli) -> None:
    root = clean_dossier(tmp_path / "d")
    blocker = tmp_path / "keluaran"
    blocker.write_text("bukan folder", encoding="utf-8")
    r = cli("build", root, "--output", blocker, "--converter", "python")
    assert r.code == 3
    assert "Traceback" not in r.err
    assert blocker.read_text(encoding="utf-8") == "bukan folder"
