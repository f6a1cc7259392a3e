"""Dossiers for check/build tests, generated in tmp_path from code."""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

import pikepdf
from PIL import Image

from tests import inspect_fixtures as fx
from tests import synth

MINI_CHECKLIST = """\
schema: 1
id: mini
title: {id: Daftar Mini, en: Mini checklist}
categories:
  - {name: Pratama, min: 500, max: 600}
  - {name: Madya, min: 601, max: 1000}
evidence_types:
  regulasi: {title: Regulasi, keywords: [perda, perwal, perbup], any_year: true}
  sk_kelembagaan: {title: SK, keywords: [sk, keputusan]}
  foto: {title: Foto, keywords: [foto]}
  data_tabel: {title: Data, keywords: [data, rekap]}
clusters:
  - {id: kelembagaan, title: Kelembagaan}
  - {id: klaster-1, title: "Klaster I", short: "Klaster I"}
indicators:
  - {id: "1", cluster: kelembagaan, title: Perda, max_score: 400, opds: [dp3a],
     evidence: [regulasi, sk_kelembagaan]}
  - {id: "2", cluster: klaster-1, title: Gizi, max_score: 300, opds: [dinkes],
     evidence: [foto, data_tabel]}
  - {id: "3a", cluster: klaster-1, title: Tiga A, max_score: 200, opds: [dinkes],
     evidence: [data_tabel]}
  - {id: "3b", cluster: klaster-1, title: Tiga B, max_score: 100, opds: [dinkes],
     evidence: [data_tabel]}
"""

# indicator 1 (max 10): 1.1 document+photo (4), 1.2 budget (3, DP3A and Bappeda), 1.3 a
# number without attachment (3); indicator 2 (max 5): 2.1 matrix+document (3), 2.2 document (3)
SCORED_CHECKLIST = """\
schema: 1
id: skor
title: Skor
categories:
  - {name: Pratama, min: 5, max: 15}
evidence_types:
  regulasi: {title: Regulasi, keywords: [perda], any_year: true}
  anggaran: {title: Anggaran, keywords: [dpa]}
  matriks: {title: Matriks, keywords: [matriks]}
  foto: {title: Foto, keywords: [foto]}
  data_tabel: {title: Data, keywords: [data]}
clusters:
  - {id: kelembagaan, title: Kelembagaan}
indicators:
  - {id: "1", cluster: kelembagaan, title: Satu, max_score: 10, evidence: [regulasi]}
  - {id: "2", cluster: kelembagaan, title: Dua, max_score: 5, evidence: [matriks]}
questions:
  - {id: "1.1", text: "Perda?", max_score: 4, requests: [document, photo], opds: [dp3a]}
  - {id: "1.2", text: "Anggaran?", max_score: 3, requests: [budget], opds: [bappeda, dp3a]}
  - {id: "1.3", text: "Berapa?", max_score: 3, answer: [number], opds: [dp3a]}
  - {id: "2.1", text: "Matriks?", max_score: 3, requests: [matrix, document], opds: [dinsos]}
  - {id: "2.2", text: "Dokumen?", max_score: 3, requests: [document], opds: [dinsos]}
"""


def _can_symlink() -> bool:
    """Windows allows symbolic links only with Developer Mode or admin rights."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        try:
            (Path(tmp) / "link").symlink_to(Path(tmp) / "target")
        except (OSError, NotImplementedError):
            return False
    return True


CAN_SYMLINK = _can_symlink()


def config(root: Path, extra: str = "") -> None:
    (root / "kladoc.toml").write_text(
        'region = "Kota Uji"\nkind = "kota"\nyear = 2025\nchecklist = "mini.yaml"\n'
        f"deadline = 2025-06-30\n{extra}",
        encoding="utf-8",
    )
    (root / "mini.yaml").write_text(MINI_CHECKLIST, encoding="utf-8")


def plain_pdf(path: Path, text: str) -> Path:
    """A text PDF with no metadata dates at all, so only its text can give a year."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    safe = text.replace("(", "").replace(")", "")
    # a second line keeps short texts above the "has a text layer" threshold
    page.Contents = pdf.make_stream(
        f"BT /F1 12 Tf 72 770 Td ({safe}) Tj 0 -16 Td (berkas uji untuk pembaca) Tj ET".encode(
            "latin-1"
        )
    )
    pdf.save(path, deterministic_id=True)
    return path


def noise_jpeg(path: Path, side: int = 1000) -> Path:
    """Incompressible pixels: a large file from a small recipe."""
    data = random.Random(1).randbytes(side * side * 3)
    Image.frombytes("RGB", (side, side), data).save(path, "JPEG", quality=95)
    return path


def clean_dossier(root: Path) -> Path:
    """Every indicator of the mini checklist complete, nothing to report."""
    root.mkdir(parents=True, exist_ok=True)
    config(root)
    synth.text_pdf(
        root / "DP3A" / "1 Perda KLA" / "Perda KLA 2019.pdf",
        title="Perda KLA",
        year=2019,
        doc_kind="PERATURAN DAERAH",
    )
    synth.text_pdf(
        root / "DP3A" / "1 Perda KLA" / "SK Gugus Tugas 2025.pdf",
        title="Gugus Tugas KLA",
        year=2025,
    )
    synth.photo_jpeg(
        root / "Dinas Kesehatan" / "2 Gizi" / "Foto Posyandu 2025.jpg", taken="2025:02:01 09:00:00"
    )
    synth.data_xlsx(
        root / "Dinas Kesehatan" / "2 Gizi" / "Data Gizi 2024-2025.xlsx",
        title="Data gizi",
        headers=["Kecamatan", "2024", "2025"],
        rows=[["Barat", 10, 12]],
        year=2025,
    )
    synth.data_xlsx(
        root / "Dinas Kesehatan" / "3a Rekap 2025.xlsx",
        title="Rekap",
        headers=["A", "B"],
        rows=[[1, 2]],
        year=2025,
    )
    synth.data_xlsx(
        root / "Dinas Kesehatan" / "Ind 3B Data 2024.xlsx",
        title="Data",
        headers=["A", "B"],
        rows=[[1, 2]],
        year=2024,
    )
    return root


def one_of_each(root: Path) -> Path:
    """A dossier with one example of every rule (see EXPECTED in test_check.py)."""
    clean_dossier(root)
    config(root, "max_file_mb = 0.5\n")
    dp3a = root / "DP3A" / "1 Perda KLA"
    dinkes = root / "Dinas Kesehatan"
    # the 3a data goes, so 3a has no evidence at all
    (dinkes / "3a Rekap 2025.xlsx").unlink()
    # indicator 2 loses its data table: its photo remains
    (dinkes / "2 Gizi" / "Data Gizi 2024-2025.xlsx").unlink()
    synth.text_pdf(dp3a / "SK Tim Lama 2019.pdf", title="Tim Lama", year=2019)
    plain_pdf(dp3a / "SK Tim Tanpa Tahun.pdf", "SURAT KEPUTUSAN TIM PELAKSANA")
    plain_pdf(root / "DP3A" / "1 Lain" / "Lampiran 2025.pdf", "Isi lampiran untuk pembaca")
    fx.random_bytes(dp3a / "Perwal rusak 2024.pdf")
    fx.user_password_pdf(dp3a / "Perwal terkunci 2024.pdf")
    (dp3a / "Perwal kosong 2024.pdf").write_bytes(b"")
    (dp3a / "catatan 2025.txt").write_text("catatan rapat\n", encoding="utf-8")
    noise_jpeg(dp3a / "Foto besar 2025.jpg")
    fx.image_only_pdf(dp3a / "Scan Perda 2024.pdf")
    fx.js_openaction_pdf(dp3a / "Perwal interaktif 2024.pdf")
    fx.broken_xref_pdf(dp3a / "Perwal diperbaiki 2024.pdf")
    fx.owner_only_pdf(dp3a / "Perbup terbatas 2024.pdf")
    fx.png_bomb(dp3a / "Foto bom 2025.png")
    (dp3a / "salinan").mkdir()
    shutil.copy2(dp3a / "Perda KLA 2019.pdf", dp3a / "salinan" / "Perda KLA 2019.pdf")
    synth.text_pdf(dinkes / "1 Regulasi" / "SK Tim Dinkes 2025.pdf", title="Tim", year=2025)
    plain_pdf(dinkes / "tanpa kode.pdf", "Keputusan tanpa kode 2025")
    plain_pdf(dinkes / "9 Lain" / "Data 2025.pdf", "Data lain")
    plain_pdf(dinkes / "3 Gizi" / "Data 2025.pdf", "Data gizi")
    plain_pdf(root / "Lain-lain" / "1 SK Tambahan 2025.pdf", "SK tambahan")
    synth.manifest_xlsx(
        root / "DP3A" / "bukti.xlsx",
        [
            {
                "berkas": "../rahasia.pdf",
                "indikator": "1",
                "jenis": "regulasi",
                "tahun": 2025,
                "catatan": "",
            }
        ],
    )
    outside = root.parent / "di luar dossier.pdf"
    plain_pdf(outside, "rahasia")
    if CAN_SYMLINK:
        (dp3a / "tautan keluar.pdf").symlink_to(outside)
        (dp3a / "tautan rusak.pdf").symlink_to(root / "tidak ada.pdf")
    # clutter that must be skipped silently
    (dinkes / "~$Notulen.docx").write_bytes(b"lock")
    (dinkes / "Thumbs.db").write_bytes(b"\x00" * 10)
    (dinkes / ".hidden.pdf").write_bytes(b"x")
    (root / "_kladoc").mkdir()
    plain_pdf(root / "_kladoc" / "old output.pdf", "keluaran lama")
    return root


def tree_state(root: Path, skip: str = "_kladoc") -> dict[str, tuple[str, int]]:
    """Content hash and mtime of every evidence file: what "never modified" is checked by."""
    import hashlib

    state = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and skip not in p.relative_to(root).parts:
            state[p.relative_to(root).as_posix()] = (
                hashlib.sha256(p.read_bytes()).hexdigest(),
                p.stat().st_mtime_ns,
            )
    return state


def buffer_png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(buf, "PNG")
    return buf.getvalue()
