"""The bundled sample dossier: every command works on it and its deliberate problems show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "sample_dossier"

DELIBERATE = {
    ("encrypted", "Bappeda/Indikator-01 Anggaran/1.3a DPA Program Perlindungan Anak 2025.pdf"),
    ("manifest-error", "Dinas Sosial/bukti.xlsx"),
    ("questions-missing", None),
    ("questions-partial", None),
    ("duplicate", "Dinas Kesehatan/17 KTR/17.1 Perda KTR No 3 Tahun 2024.pdf"),
    ("stale-year", "DP3A/02 Kelembagaan/2.1 SK Gugus Tugas KLA 2019.pdf"),
    ("missing-year", "Dukcapil/Indikator-04 Akta Kelahiran/4.2 Scan SK Tim Jemput Bola Akta.pdf"),
    ("unknown-opd", "Lain-lain"),
    ("unmapped-file", "Dinas Kesehatan/scan tanpa nama.pdf"),
    ("unmapped-file", "Lain-lain/Undangan Verifikasi Lapangan KLA 2025.pdf"),
    ("no-text-layer", "Dinas Kesehatan/scan tanpa nama.pdf"),
    ("unknown-question", "Dinas PUPR/11 RBRA/11.9 Sertifikat Standardisasi RBRA 2024.pdf"),
    ("question-unassigned", "DP3A/02 Kelembagaan/Lampiran 3.pdf"),
    ("question-unassigned", "Dinas Kesehatan/13_foto-posyandu-2024.jpg"),
    ("question-unassigned", "Disdik/18 Wajib Belajar/SOP Penanganan ATS 2025.pdf"),
    ("answer-without-evidence", "jawaban.xlsx"),
    ("evidence-without-answer", None),
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
    # the indicator-level gaps give way to the question findings in kla-2024
    assert not {"missing-indicator", "missing-evidence-type"} & {
        f["rule"] for f in data["findings"]
    }
    empty = sorted(i["id"] for i in data["indicators"] if i["status"] == "missing")
    assert empty == ["20", "23b", "24b"]
    assert not [i["id"] for i in data["indicators"] if i["status"] == "partial" and not i["points"]]
    claimed = sorted(
        f["question"] for f in data["findings"] if f["rule"] == "answer-without-evidence"
    )
    assert claimed == ["1.3a", "19.1", "20.1", "23b.1"]  # 1.3a: its DPA is locked
    unanswered = [
        f["indicator"] for f in data["findings"] if f["rule"] == "evidence-without-answer"
    ]
    assert unanswered == ["9", "21c"]
    # realistic, not "Utama": what the evidence carries, far below what the answers claim
    s = data["summary"]
    assert data["schema"] == 2
    assert (s["readiness_score"], s["readiness_max"], s["category"]) == (260.0, 1000.0, None)
    assert (s["claimed_score"], s["points_at_risk"]) == (415.0, 157.0)
    assert s["questions"]["total"] == 274
    assert data["dossier"]["deadline"] is None  # no past deadline on a newcomer's first screen
    by_path = {e["path"]: e for e in data["evidence"]}
    assert by_path["Dinas Sosial/dokumen_001.pdf"]["question"] == "10.4"
    assert by_path["Dinas Sosial/dokumen_001.pdf"]["question_source"] == "manifest"
    assert by_path["DP3A/02 Kelembagaan/2.1 SK Gugus Tugas KLA 2019.pdf"]["question"] == "2.1"
    assigned = sum(1 for e in data["evidence"] if e["question"])
    assert (assigned, len(data["evidence"])) == (94, 100)
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
    assert "sudah lewat" not in r.out
    assert "Nilai menurut jawaban: 415; 157 poin berisiko" in r.out
    assert "2 dari 7 pertanyaan" in r.out  # indicator 4
    r = cli("check", sample, "--lang", "en")
    assert "password-protected" in r.out
    assert "outside 2024–2025" in r.out
    assert "Score the answers claim: 415; 157 points at risk" in r.out
    assert r.out.strip().splitlines()[-1].startswith("Summary:")


def test_sample_dossier_is_small() -> None:
    total = sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file())
    assert total < 10 * 1024 * 1024
