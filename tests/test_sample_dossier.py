"""The bundled sample dossier: every command works on it and its deliberate problems show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "sample_dossier"

DELIBERATE = {
    ("encrypted", "Bappeda/Indikator-01 Anggaran/DPA Program Perlindungan Anak 2025.pdf"),
    ("manifest-error", "Dinas Sosial/bukti.xlsx"),
    ("missing-indicator", None),
    ("missing-evidence-type", None),
    ("duplicate", "Dinas Kesehatan/17 KTR/Perda KTR No 3 Tahun 2024.pdf"),
    ("stale-year", "DP3A/02 Kelembagaan/SK Gugus Tugas KLA 2019.pdf"),
    ("missing-year", "Dukcapil/Indikator-04 Akta Kelahiran/Scan SK Tim Jemput Bola Akta.pdf"),
    ("unknown-opd", "Lain-lain"),
    ("unmapped-file", "Dinas Kesehatan/scan tanpa nama.pdf"),
    ("unmapped-file", "Lain-lain/Undangan Verifikasi Lapangan KLA 2025.pdf"),
    ("no-text-layer", "Dinas Kesehatan/scan tanpa nama.pdf"),
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # a copy, so the cache and outputs never land in the repository's sample
    dest = tmp_path_factory.mktemp("sample") / "sample_dossier"
    shutil.copytree(SAMPLE, dest)
    return dest


def test_sample_dossier_shows_its_deliberate_problems(sample: Path, cli) -> None:
    r = cli("check", sample, "--format", "json")
    assert r.code == 1
    data = json.loads(r.out)
    found = {(f["rule"], f["path"]) for f in data["findings"]}
    assert found >= DELIBERATE
    missing = sorted(f["indicator"] for f in data["findings"] if f["rule"] == "missing-indicator")
    assert missing == ["20", "23b", "24b"]
    assert data["summary"]["category"] == "Utama"
    paths = {e["path"] for e in data["evidence"]}
    assert not any("~$" in p or "Thumbs.db" in p for p in paths)
    rotated = next(e for e in data["evidence"] if e["path"].endswith("Musrenbang 2025.jpg"))
    assert rotated["type"] == "foto"
    manifest = {e["path"]: e for e in data["evidence"]}["Dinas Sosial/dokumen_001.pdf"]
    assert manifest["indicator_source"] == "manifest"


def test_sample_dossier_terminal_report_in_both_languages(sample: Path, cli) -> None:
    r = cli("check", sample)
    assert r.code == 1
    assert "Kota Contoh" in r.out
    assert "dilindungi kata sandi" in r.out
    assert "di luar periode 2024–2025" in r.out
    assert r.out.strip().splitlines()[-1].startswith("Ringkasan:")
    r = cli("check", sample, "--lang", "en")
    assert "password-protected" in r.out
    assert "outside 2024–2025" in r.out
    assert r.out.strip().splitlines()[-1].startswith("Summary:")


def test_sample_dossier_is_small() -> None:
    total = sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file())
    assert total < 10 * 1024 * 1024
