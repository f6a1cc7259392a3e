"""A small dossier with question codes for the upload-pack tests, built in tmp_path."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from tests import synth

QUESTIONS_CHECKLIST = """\
schema: 1
id: unggah
title: Uji unggah
categories:
  - {name: Pratama, min: 5, max: 100}
evidence_types:
  regulasi: {title: Regulasi, keywords: [perda], any_year: true}
  sk_kelembagaan: {title: "SK Kelembagaan (SK Gugus Tugas, Forum Anak)", keywords: [sk]}
  foto: {title: Foto Kegiatan, keywords: [foto]}
  data_tabel: {title: Data, keywords: [data, rekap]}
clusters:
  - {id: kelembagaan, title: Kelembagaan}
  - {id: klaster-1, title: "Klaster I: Hak Sipil dan Kebebasan", short: "Klaster I"}
indicators:
  - {id: "1", cluster: kelembagaan, title: Perda, max_score: 10, opds: [dp3a],
     evidence: [regulasi, sk_kelembagaan]}
  - {id: "2", cluster: klaster-1, title: Gizi, max_score: 10, opds: [dinkes],
     evidence: [foto, data_tabel]}
questions:
  - {id: "1.1", text: "Apakah terdapat Perda tentang KLA?", max_score: 3,
     requests: [document], opds: [dp3a]}
  - {id: "1.2a", text: "Apakah terdapat SK Gugus Tugas KLA yang ditetapkan kepala daerah?",
     max_score: 3, requests: [document], opds: [dp3a]}
  - {id: "1.3", text: "Berapa: anggota <gugus> tugas / forum? \\"aktif\\"", max_score: 2,
     answer: [number], requests: [document], opds: [dp3a]}
  - {id: "2.1", text: "Foto kegiatan posyandu", max_score: 2, requests: [photo],
     opds: [dinkes]}
  - {id: "2.2", text: "Data gizi anak", max_score: 2, requests: [document], opds: [dinkes]}
"""

CLUSTER_0 = "Kelembagaan/Indikator 1"
CLUSTER_1 = "Klaster I Hak Sipil dan Kebebasan/Indikator 2"
FILE_11 = f"{CLUSTER_0}/1.1 Apakah terdapat Perda tentang KLA.pdf"
FILE_12A = f"{CLUSTER_0}/1.2a Apakah terdapat SK Gugus Tugas KLA.pdf"
FILE_21 = f"{CLUSTER_1}/2.1 Foto kegiatan posyandu.pdf"
FILE_22 = f"{CLUSTER_1}/2.2 Data gizi anak.pdf"


def upload_dossier(root: Path, extra_toml: str = "") -> Path:
    """Question 1.1: a 2-page Perda; 1.2a: a 1-page SK then a 3-page annex; 1.3: nothing;
    2.1: one photo; 2.2: one workbook. Answers for 1.2a (Ya) and 1.3 (12)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "kladoc.toml").write_text(
        'region = "Kota Uji"\nkind = "kota"\nyear = 2025\nchecklist = "unggah.yaml"\n'
        f"deadline = 2025-06-30\n{extra_toml}",
        encoding="utf-8",
    )
    (root / "unggah.yaml").write_text(QUESTIONS_CHECKLIST, encoding="utf-8")
    synth.text_pdf(
        root / "DP3A" / "1.1 Perda KLA 2019.pdf",
        title="Perda KLA",
        year=2019,
        pages=2,
        doc_kind="PERATURAN DAERAH",
    )
    synth.text_pdf(root / "DP3A" / "1.2a SK Gugus Tugas 2025.pdf", title="Gugus Tugas", year=2025)
    synth.text_pdf(
        root / "DP3A" / "1.2a SK Lampiran Gugus Tugas 2025.pdf",
        title="Lampiran Gugus Tugas",
        year=2025,
        pages=3,
    )
    synth.photo_jpeg(
        root / "Dinas Kesehatan" / "2.1 Foto Posyandu 2025.jpg", taken="2025:02:01 09:00:00"
    )
    synth.data_xlsx(
        root / "Dinas Kesehatan" / "2.2 Data Gizi 2025.xlsx",
        title="Data gizi",
        headers=["Kecamatan", "2024", "2025"],
        rows=[["Barat", 10, 12]],
        year=2025,
    )
    answers(root, {"1.2a": "Ya", "1.3": "12"})
    return root


def answers(root: Path, values: dict[str, str]) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["kode", "jawaban", "catatan"])
    for code, value in values.items():
        ws.append([code, value, ""])
    wb.save(root / "jawaban.xlsx")
