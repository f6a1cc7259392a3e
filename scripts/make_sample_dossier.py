#!/usr/bin/env python3
"""Regenerate ``sample_dossier/``: a small, realistic KLA dossier for "Kota Contoh".

Usage::

    python scripts/make_sample_dossier.py [--out DIR]

The output folder's contents are deleted and rebuilt (nothing outside it is touched);
every file is synthetic and byte-reproducible (see ``tests/synth.py``). The deliberate
problems are listed in ``MASALAH-SENGAJA.md`` inside the folder.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# the synthetic-document builders are test support, kept out of the installed package
sys.path.insert(0, str(ROOT))
from tests import synth  # noqa: E402

EVAL_YEAR = 2025
WALKOT = "WALI KOTA CONTOH"

# file (as the builders name it) → its question; the name gains the code as a prefix.
# Left at indicator level on purpose (question-unassigned):
# "DP3A/02 Kelembagaan/Lampiran 3.pdf", "Dinas Kesehatan/13_foto-posyandu-2024.jpg",
# "Disdik/18 Wajib Belajar/SOP Penanganan ATS 2025.pdf".
# "11.9" is a deliberately bad code (indicator 11 has 11.1-11.7).
QUESTIONS_BY_FOLDER: dict[str, dict[str, str]] = {
    "BPBD/22b Anak Korban Bencana": {
        "Foto Simulasi Bencana di Sekolah 2025.jpg": "22b.4",
        "Matriks Kemitraan Penanganan Anak Korban Bencana 2025.xlsx": "22b.4",
        "Peta Jalur Evakuasi Ramah Anak 2024.pdf": "22b.4",
        "SOP Peringatan Dini Bencana Ramah Anak 2024.pdf": "22b.2",
    },
    "Bagian Hukum/01 Kebijakan KLA": {
        "Foto Konsultasi Publik Ranperwal bersama Forum Anak 2024.jpg": "1.4",
        "Perwal No 12 Tahun 2024 tentang Pencegahan Perkawinan Anak.pdf": "1.2a",
        "Perwal No 5 Tahun 2023 tentang KLA.pdf": "1.2a",
    },
    "Bagian Hukum/17 Kawasan Tanpa Rokok": {
        "Perda No 3 Tahun 2024 tentang KTR.pdf": "17.1",
    },
    "Bappeda/02 RAD KLA": {
        "RAD KLA Kota Contoh 2024-2026.pdf": "2.4",
    },
    "Bappeda/03 Kemitraan": {
        "MoU APSAI Kota Contoh 2024.pdf": "3.1a",
    },
    "Bappeda/Indikator-01 Anggaran": {
        "DPA Program Perlindungan Anak 2025.pdf": "1.3a",
        "Rekap Anggaran KLA per OPD 2024-2025.xlsx": "1.2a",
    },
    "DP3A/02 Kelembagaan": {
        "Notulen Rapat GT KLA Maret 2025.docx": "2.1",
        "Profil Anak Kota Contoh 2024.pdf": "2.5",
        "SK Gugus Tugas KLA 2019.pdf": "2.1",
        "Sertifikat Pelatihan KHA GT 2024.pdf": "2.2",
    },
    "DP3A/03 Peran Masyarakat": {
        "Foto Penandatanganan PKS Yayasan Pelita Anak 2025.jpg": "3.1b",
        "Matriks Kemitraan Dunia Usaha 2024-2025.xlsx": "3.1c",
    },
    "DP3A/06 Partisipasi Anak": {
        "Daftar Hadir Pelatihan 2P Forum Anak 2024.docx": "6.2",
        "Foto Forum Anak Musrenbang 2025.jpg": "6.1",
        "Matriks Keterlibatan Forum Anak dalam Musrenbang 2025.xlsx": "6.3",
        "SK Forum Anak Kota Contoh 2025.pdf": "6.4",
    },
    "DP3A/07 Pencegahan Perkawinan Anak": {
        "Data Dispensasi Kawin 2024-2025.xlsx": "7.1",
        "Foto Sosialisasi Pencegahan Perkawinan Anak 2025.jpg": "7.2",
        "Matriks Penyebab Perkawinan Anak 2024-2025.xlsx": "7.3",
    },
    "DP3A/08 PUSPAGA": {
        "Data Keluarga Terlayani PUSPAGA 2024-2025.xlsx": "8.1",
        "Foto Konseling Keluarga PUSPAGA 2025.jpg": "8.2",
        "Laporan Tahunan PUSPAGA 2024.pdf": "8.3",
        "Matriks Lembaga Konsultasi Keluarga 2025.xlsx": "8.4",
        "SK Pembentukan PUSPAGA 2024.pdf": "8.5",
        "Sertifikat Konselor PUSPAGA 2024.pdf": "8.5",
    },
    "DP3A/21B Layanan Korban Kekerasan": {
        "Matriks Mitra Layanan Korban Kekerasan 2025.xlsx": "21b.1",
        "Rekap Kasus SIMFONI-PPA 2024-2025.xlsx": "21b.2",
    },
    "DP3A/Ind 21a Pencegahan": {
        "Matriks Program Perlindungan Khusus 2025.xlsx": "21a.1",
        "SK Satgas Perlindungan Anak 2024.pdf": "21a.2",
        "SOP Layanan UPTD PPA 2024.pdf": "21a.4a",
    },
    "Dinas Kesehatan/12 Persalinan di Faskes": {
        "Data persalinan 2024-2025.xlsx": "12.1",
    },
    "Dinas Kesehatan/13 Status Gizi": {
        "SK Tim Percepatan Penurunan Stunting 2024.pdf": "13.1",
    },
    "Dinas Kesehatan/14 PMBA": {
        "Data Cakupan ASI Eksklusif 2024-2025.xlsx": "14.1",
        "Foto Ruang ASI Balai Kota 2025.jpg": "14.5",
        "Sertifikat Konselor ASI 2024.pdf": "14.7",
    },
    "Dinas Kesehatan/15 PRAP": {
        "Data Penilaian Mandiri PRAP 2024-2025.xlsx": "15.1",
        "Laporan Monev PRAP 2024.pdf": "15.2",
        "SK Puskesmas Ramah Anak 2025.pdf": "15.1",
    },
    "Dinas Kesehatan/17 KTR": {
        "Foto Sosialisasi KTR di Sekolah 2025.jpg": "17.3a",
        "Laporan Pengawasan KTR 2024.pdf": "17.2",
        "Perda KTR No 3 Tahun 2024.pdf": "17.1",
    },
    "Dinas Kesehatan/22a Layanan HIV dan NAPZA": {
        "Foto Konseling Remaja Puskesmas 2025.jpg": "22a.2",
        "Laporan Pelaksanaan Layanan Anak NAPZA dan HIV 2024.pdf": "22a.1",
        "Matriks Layanan Anak NAPZA HIV 2024-2025.xlsx": "22a.1",
    },
    "Dinas PUPR/11 RBRA": {
        "Foto Taman Bermain Ramah Anak 2025.jpg": "11.3",
        "Matriks RBRA dan RASS 2025.xlsx": "11.1",
        "SK Penetapan Rute Aman Selamat Sekolah 2024.pdf": "11.2",
        "Sertifikat Standardisasi RBRA 2024.pdf": "11.9",
    },
    "Dinas PUPR/16 Air Minum dan Sanitasi": {
        "Data Akses Air Minum dan Sanitasi 2024-2025.xlsx": "16.2",
        "Matriks Kemitraan Air Minum dan Sanitasi 2025.xlsx": "16.7",
        "dokumen pendukung.pdf": "16.5",
    },
    "Disdik/09 PAUD HI": {
        "Data SDM PAUD-HI Terlatih 2024-2025.xlsx": "9.1",
        "Matriks Kemitraan PAUD-HI 2025.xlsx": "9.3",
        "SK Gugus Tugas PAUD-HI 2024.pdf": "9.2",
    },
    "Disdik/18 Wajib Belajar": {
        "Data Anak Tidak Sekolah 2024-2025.xlsx": "18.1",
        "SK Tim Penanganan ATS 2024.pdf": "18.1",
    },
    "Disdik/19 SRA": {
        "Foto Deklarasi SRA SDN 1 Kota Contoh 2024.jpg": "19.4",
    },
    "Diskominfo/05 ILA": {
        "Data Pengakses PISA 2024-2025.xlsx": "5.3",
        "Matriks Layanan PISA 2025.xlsx": "5.1",
        "SK Pusat Informasi Sahabat Anak 2024.pdf": "5.2",
        "SOP Sortir Konten Tidak Layak Anak 2024.pdf": "5.5",
    },
    "Disnaker/21c Pekerja Anak": {
        "Data Pekerja Anak yang Ditarik 2024-2025.xlsx": "21c.1",
        "Matriks Kemitraan Penanganan Pekerja Anak 2025.xlsx": "21c.5",
        "SOP Penarikan Pekerja Anak 2024.pdf": "21c.2",
    },
    "Dukcapil/Indikator-04 Akta Kelahiran": {
        "Data Akta Kelahiran Anak 2024-2025.xlsx": "4.1",
        "Foto Pelayanan Akta Keliling 2025.jpg": "4.1",
        "PKS Dukcapil dengan RSUD tentang Akta Kelahiran 2024.pdf": "4.6",
        "SOP Pelayanan Akta bagi Anak Panti dan ABH 2024.pdf": "4.4",
        "Scan SK Tim Jemput Bola Akta.pdf": "4.2",
    },
    "Kecamatan/25 Kelana": {
        "Data Akta dan Perkawinan Anak per Kecamatan 2024-2025.xlsx": "25.2",
        "Foto Kawasan Tanpa Rokok Kantor Camat 2024.jpg": "25.11",
        "Matriks Forum Anak Kecamatan 2025.xlsx": "25.2",
        "Notulen Musrenbang Anak Kecamatan 2025.docx": "25.4",
    },
    "Kecamatan/26 Dekela": {
        "APBDes Perlindungan Anak Desa Sukamaju 2025.pdf": "26.3",
        "Data Anak per Desa 2024-2025.xlsx": "26.2",
        "Matriks Forum Anak Desa 2025.xlsx": "26.4",
        "Perdes Desa Layak Anak Sukamaju 2024.pdf": "26.2",
    },
}
QUESTIONS = {
    f"{folder}/{name}": code
    for folder, files in QUESTIONS_BY_FOLDER.items()
    for name, code in files.items()
}

# Dinas Sosial's neutral names get their question through bukti.xlsx (column `pertanyaan`)
DINSOS_QUESTIONS = {
    "dokumen_001.pdf": "10.4",
    "dokumen_002.pdf": "21b.1",
    "dokumen_003.xlsx": "24a.2",
    "dokumen_004.pdf": "23a.2",
    "Foto/kunjungan_LKSA_01.jpg": "10.4",
    "dokumen_006.xlsx": "10.1",
    "dokumen_007.pdf": "10.3",
    "dokumen_008.xlsx": "23a.3",
    "dokumen_009.pdf": "23a.4",
    "Foto/layanan_disabilitas_01.jpg": "23a.1",
    "dokumen_010.xlsx": "24a.3",
    "Foto/musyawarah_diversi_01.jpg": "24a.1",
}
# jawaban.xlsx: a positive answer for every question with a file, except these (left
# unanswered: evidence-without-answer), plus positive answers with nothing attached
# (answer-without-evidence) and one negative answer
UNANSWERED = ("9.3", "21c.5")
CLAIMED_WITHOUT_EVIDENCE = ("19.1", "20.1", "23b.1")
NEGATIVE = ("24b.1",)
BAD_CODE = "11.9"  # indicator 11 has questions 11.1-11.7: unknown-question


def named(rel: str) -> str:
    """The path a builder's file really gets: its question code in front of the name."""
    code = QUESTIONS.get(rel)
    if code is None:
        return rel
    folder, _, name = rel.rpartition("/")
    return f"{folder}/{code} {name}" if folder else f"{code} {name}"


KLADOC_TOML = """\
# Konfigurasi kladoc untuk dossier contoh
region = "Kota Contoh"
kind = "kota"
year = 2025
checklist = "kla-2024"
# deadline = 2025-06-30  (isi tenggat dossier Anda sendiri; contoh ini tanpa tenggat)
max_file_mb = 10
language = "id"
"""

MASALAH = """\
# Masalah yang disengaja dalam dossier contoh

Dossier ini sintetis (Kota Contoh, evaluasi 2025, jendela bukti 2024-2025). Indikator lain
sengaja dibuat lengkap; masalah di bawah ini sengaja dimasukkan agar `kladoc check` punya
sesuatu untuk dilaporkan. Semua path relatif terhadap folder `sample_dossier/`.

## Harus dilaporkan

1. **Indikator tanpa bukti sama sekali:** 20 (PKA/RIRA), 23b (anak PSM), 24b (anak korban
   jaringan terorisme). Tidak ada folder/berkas untuk ketiganya: status `kosong`, dan
   `questions-missing` mendaftar pertanyaannya (satu temuan per indikator, bukan per
   pertanyaan).
2. **Bukti baru sebagian:**
   - 12 Persalinan di Faskes: hanya data
     (`Dinas Kesehatan/12 Persalinan di Faskes/Data persalinan 2024-2025.xlsx`),
     tanpa matriks kemitraan.
   - 13 Status Gizi: hanya SK tim dan satu foto, tanpa data status gizi dan matriks.
   - 19 SRA: hanya satu foto (`Disdik/19 SRA/Foto Deklarasi SRA SDN 1 Kota Contoh 2024.jpg`),
     tanpa SK Fasilitator SRA, data SRA, atau sertifikat pelatihan.
3. **Tahun di luar jendela (kedaluwarsa):** `DP3A/02 Kelembagaan/SK Gugus Tugas KLA 2019.pdf`
   (Keputusan Wali Kota tahun 2019; SK Gugus Tugas perlu diperbarui).
4. **Berkas ganda (isi identik) di dua OPD:**
   `Bagian Hukum/17 Kawasan Tanpa Rokok/Perda No 3 Tahun 2024 tentang KTR.pdf` dan
   `Dinas Kesehatan/17 KTR/Perda KTR No 3 Tahun 2024.pdf`.
5. **PDF terkunci kata sandi** (sandi: `rahasia`):
   `Bappeda/Indikator-01 Anggaran/DPA Program Perlindungan Anak 2025.pdf`. Akibatnya
   indikator 1 belum punya bukti anggaran yang bisa dibaca.
6. **Berkas tanpa kode indikator:** `Dinas Kesehatan/scan tanpa nama.pdf` (hasil pindai,
   tanpa lapisan teks).
7. **Folder yang bukan OPD dikenal:** `Lain-lain/` (berisi satu undangan, tanpa kode
   indikator).
8. **Manifest merujuk berkas yang tidak ada:** baris `dokumen_005.pdf` di
   `Dinas Sosial/bukti.xlsx`.
9. **Tahun tidak terbaca tanpa OCR:**
   `Dukcapil/Indikator-04 Akta Kelahiran/Scan SK Tim Jemput Bola Akta.pdf` adalah PDF
   hasil pindai (gambar saja); nama berkas tidak memuat tahun dan metadata tanpa tanggal.
   Tahun 2024 hanya terlihat di gambar.
10. **Nilai berbasis bukti jauh di bawah klaim:** hampir setiap berkas membawa kode
    pertanyaannya (`1.2a …`, `21b.1 …`, atau kolom `pertanyaan` di `Dinas Sosial/bukti.xlsx`);
    nilai berbasis bukti 260 dari 1000 (belum masuk kategori), nilai menurut `jawaban.xlsx`
    415, 157 poin berisiko.
11. **Berkas yang hanya sampai ke indikator** (`question-unassigned`, remedinya menyebut
    pertanyaan kandidat): `DP3A/02 Kelembagaan/Lampiran 3.pdf`,
    `Dinas Kesehatan/13_foto-posyandu-2024.jpg`,
    `Disdik/18 Wajib Belajar/SOP Penanganan ATS 2025.pdf`.
12. **Kode pertanyaan yang tidak ada** (`unknown-question`):
    `Dinas PUPR/11 RBRA/11.9 Sertifikat Standardisasi RBRA 2024.pdf` (indikator 11 hanya
    punya 11.1–11.7).
13. **Dijawab positif tanpa lampiran** (`answer-without-evidence`, di `jawaban.xlsx`): 19.1,
    20.1 dan 23b.1; juga 1.3a, karena DPA-nya terkunci sandi (lihat 5).
14. **Punya bukti tetapi belum dijawab** (`evidence-without-answer`): 9.3 dan 21c.5.

## Boleh dilaporkan sebagai info

- Foto tanpa tanggal EXIF (diteruskan lewat aplikasi pesan):
  `Disdik/19 SRA/Foto Deklarasi SRA SDN 1 Kota Contoh 2024.jpg`.
- Berkas Dekela (indikator 26) dikumpulkan di folder `Kecamatan/`, bukan oleh desa/kelurahan.

## Harus dilewati tanpa pesan

- `DP3A/02 Kelembagaan/~$Notulen Rapat.docx` (berkas kunci Office)
- `Dinas Kesehatan/13 Status Gizi/Thumbs.db` (cache gambar Windows)

## Bukan masalah (jangan dilaporkan sebagai galat)

- `DP3A/06 Partisipasi Anak/Foto Forum Anak Musrenbang 2025.jpg` menyimpan piksel dalam
  posisi miring dengan tag EXIF Orientation 6; tampil tegak bila EXIF diterapkan (panah
  merah "ATAS" di bagian atas).
- `DP3A/02 Kelembagaan/Lampiran 3.pdf` dan
  `Dinas PUPR/16 Air Minum dan Sanitasi/dokumen pendukung.pdf`: nama tidak memuat
  jenis/tahun; keduanya harus dikenali dari teks dokumen (Keputusan tahun 2025;
  Laporan tahun 2024).
- `Dinas Sosial/`: berkas bernama netral (`dokumen_001.pdf`, `Foto/...jpg`, ...) dipetakan
  lewat `bukti.xlsx`.
- `Bagian Hukum/01 Kebijakan KLA/Perwal No 5 Tahun 2023 tentang KLA.pdf`: regulasi tahun
  2023 yang masih berlaku.
- Teks SK memuat tahun lain (UU 23/2002, UU 35/2014, Perpres 25/2021, NIP pejabat, masa
  bakti "2025-2027"); tahun dokumen adalah tahun pada nomor dan tanggal penetapan.
"""


def masalah() -> str:
    """MASALAH with every path as the files are really named (with their question code)."""
    text = MASALAH
    for rel in sorted(QUESTIONS, key=len, reverse=True):
        text = text.replace(f"`{rel}`", f"`{named(rel)}`")
    return text


def answers(out: Path) -> None:
    """The root jawaban.xlsx, as DP3A fills it in."""
    sys.path.insert(0, str(ROOT / "src"))
    from kladoc.checklist import load_checklist

    checklist = load_checklist("kla-2024")
    with_files = set(QUESTIONS.values()) | set(DINSOS_QUESTIONS.values())
    rows: list[tuple[str, str]] = []
    for q in checklist.questions:
        if q.id in NEGATIVE:
            rows.append((q.id, "Tidak"))
        elif (q.id in with_files and q.id not in UNANSWERED) or q.id in CLAIMED_WITHOUT_EVIDENCE:
            rows.append((q.id, "12" if "number" in q.answer else "Ya"))
        else:
            rows.append((q.id, ""))
    synth.answers_xlsx(out / "jawaban.xlsx", rows)


def kec_rows(
    seed: int, lo: float, hi: float, years: Sequence[int] = (2024, 2025), pct: bool = True
) -> list[list[object]]:
    """One row per kecamatan with a plausible value per year (seeded, no clock)."""
    rng = random.Random(seed)
    rows: list[list[object]] = []
    for kec in synth.KECAMATAN:
        base = rng.uniform(lo, hi)
        vals = [base + i * rng.uniform(0, (hi - lo) / 4) for i in range(len(years))]
        rows.append([kec, *[round(v, 1) if pct else int(v) for v in vals]])
    return rows


class Dossier:
    """Builders addressed by paths relative to the dossier root."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def p(self, rel: str) -> Path:
        return self.root / named(rel)

    def pdf(self, rel: str, **kw: Any) -> None:
        synth.text_pdf(self.p(rel), **kw)

    def photo(self, rel: str, **kw: Any) -> None:
        kw.setdefault("seed", sum(map(ord, rel)))
        synth.photo_jpeg(self.p(rel), **kw)

    def xlsx(self, rel: str, **kw: Any) -> None:
        synth.data_xlsx(self.p(rel), **kw)

    def docx(self, rel: str, **kw: Any) -> None:
        synth.minutes_docx(self.p(rel), **kw)

    def sop(
        self,
        rel: str,
        *,
        title: str,
        authority: str,
        year: int,
        steps: list[str],
        number: str | None = None,
        day_month: tuple[int, int] = (15, 2),
    ) -> None:
        self.pdf(
            rel,
            title=title,
            doc_kind="STANDAR OPERASIONAL PROSEDUR",
            authority=authority,
            number=number,
            year=year,
            day_month=day_month,
            body_lines=steps,
        )

    def sk(
        self,
        rel: str,
        *,
        title: str,
        year: int,
        lines: list[str],
        number: str,
        authority: str = WALKOT,
        day_month: tuple[int, int] = (10, 1),
        pages: int = 1,
    ) -> None:
        self.pdf(
            rel,
            title=title,
            authority=authority,
            number=number,
            year=year,
            day_month=day_month,
            body_lines=lines,
            pages=pages,
        )


def build(out: Path) -> None:
    d = Dossier(out)
    (out / "kladoc.toml").write_text(KLADOC_TOML, encoding="utf-8")
    (out / "MASALAH-SENGAJA.md").write_text(masalah(), encoding="utf-8")
    answers(out)
    bagian_hukum(d)
    bappeda(d)
    dp3a(d)
    dinkes(d)
    disdik(d)
    dukcapil(d)
    diskominfo(d)
    pupr(d)
    dinsos(d)
    bpbd(d)
    disnaker(d)
    kecamatan(d)
    d.pdf(
        "Lain-lain/Undangan Verifikasi Lapangan KLA 2025.pdf",
        title="Undangan Verifikasi Lapangan Kota Layak Anak",
        doc_kind="SURAT UNDANGAN",
        authority="KEPALA DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK KOTA CONTOH",
        number="400.2/112/DP3A/2025",
        year=2025,
        day_month=(2, 6),
        body_lines=[
            "Sehubungan dengan jadwal verifikasi lapangan evaluasi KLA Tahun 2025, dengan hormat "
            "kami mengundang Bapak/Ibu Kepala Perangkat Daerah anggota Gugus Tugas KLA untuk "
            "hadir pada rapat persiapan.",
            "Hari/tanggal: Kamis, 12 Juni 2025; pukul 09.00 WIB s.d. selesai; tempat: Ruang "
            "Rapat Sekretariat Daerah Kota Contoh.",
        ],
    )


# --------------------------------------------------------------------------- OPDs

PERDA_KTR: dict[str, Any] = {
    "title": "Kawasan Tanpa Rokok",
    "doc_kind": "PERATURAN DAERAH KOTA CONTOH",
    "authority": WALKOT,
    "number": "3 TAHUN 2024",
    "year": 2024,
    "day_month": (15, 4),
    "pages": 2,
    "body_lines": [
        "Kawasan Tanpa Rokok meliputi fasilitas pelayanan kesehatan, tempat proses belajar "
        "mengajar, tempat anak bermain, tempat ibadah, angkutan umum, dan tempat kerja.",
        "Setiap orang dilarang memasang iklan, promosi, dan sponsor rokok di Kawasan Tanpa Rokok.",
        "Pelanggaran dikenai sanksi administratif berupa teguran lisan, teguran tertulis, dan "
        "denda administratif.",
    ],
}


def bagian_hukum(d: Dossier) -> None:
    d.pdf(
        "Bagian Hukum/01 Kebijakan KLA/Perwal No 5 Tahun 2023 tentang KLA.pdf",
        title="Penyelenggaraan Kota Layak Anak",
        doc_kind="PERATURAN",
        number="5 TAHUN 2023",
        year=2023,
        day_month=(20, 2),
        pages=3,
        body_lines=[
            "Peraturan Wali Kota ini mengatur penyelenggaraan Kota Layak Anak yang meliputi "
            "penguatan kelembagaan dan lima klaster hak anak.",
            "Pemerintah Daerah membentuk Gugus Tugas KLA dan menyusun Rencana Aksi Daerah KLA.",
            "Setiap Perangkat Daerah mengalokasikan anggaran pemenuhan hak anak sesuai tugas "
            "dan fungsinya.",
            "Forum Anak dilibatkan dalam proses perencanaan pembangunan daerah.",
        ],
    )
    d.pdf(
        "Bagian Hukum/01 Kebijakan KLA/"
        "Perwal No 12 Tahun 2024 tentang Pencegahan Perkawinan Anak.pdf",
        title="Pencegahan Perkawinan Anak",
        doc_kind="PERATURAN",
        number="12 TAHUN 2024",
        year=2024,
        day_month=(3, 6),
        pages=2,
        body_lines=[
            "Pencegahan perkawinan anak dilaksanakan melalui edukasi, konseling pranikah, dan "
            "pendampingan keluarga.",
            "Perangkat Daerah terkait berkoordinasi dengan Kantor Kementerian Agama dan "
            "Pengadilan Agama.",
        ],
    )
    synth.text_pdf(
        d.p("Bagian Hukum/17 Kawasan Tanpa Rokok/Perda No 3 Tahun 2024 tentang KTR.pdf"),
        **PERDA_KTR,
    )
    d.photo(
        "Bagian Hukum/01 Kebijakan KLA/"
        "Foto Konsultasi Publik Ranperwal bersama Forum Anak 2024.jpg",
        size=(1280, 960),
        taken="2024:05:21 10:03:12",
        caption="Forum Anak memberi masukan Rancangan Perwal Pencegahan Perkawinan Anak",
    )


def bappeda(d: Dossier) -> None:
    synth.encrypted_pdf(
        d.p("Bappeda/Indikator-01 Anggaran/DPA Program Perlindungan Anak 2025.pdf"),
        user_password="rahasia",
        title="Program Perlindungan Khusus Anak",
        doc_kind="DOKUMEN PELAKSANAAN ANGGARAN",
        authority="KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA CONTOH",
        number="DPA/1.02.0.00.0.00.01.0000/2025",
        year=2025,
        day_month=(6, 1),
        body_lines=[
            "1. Program Perlindungan Khusus Anak: Rp 1.250.000.000,00",
            "2. Program Pemenuhan Hak Anak: Rp 875.500.000,00",
            "3. Program Pengarusutamaan Hak Anak: Rp 310.000.000,00",
            "Sumber dana: APBD Kota Contoh Tahun Anggaran 2025.",
        ],
    )
    d.xlsx(
        "Bappeda/Indikator-01 Anggaran/Rekap Anggaran KLA per OPD 2024-2025.xlsx",
        title="Rekapitulasi Anggaran Pemenuhan Hak Anak per Perangkat Daerah 2024-2025",
        headers=["No", "Perangkat Daerah", "Program", "Anggaran 2024 (Rp)", "Anggaran 2025 (Rp)"],
        rows=[
            [1, "DP3A", "Perlindungan Khusus Anak", 1_100_000_000, 1_250_000_000],
            [2, "Dinas Kesehatan", "Pemenuhan Upaya Kesehatan", 2_450_000_000, 2_610_000_000],
            [3, "Dinas Pendidikan", "Pengelolaan Pendidikan", 3_200_000_000, 3_350_000_000],
            [4, "Dinas Sosial", "Rehabilitasi Sosial", 640_000_000, 700_000_000],
            [5, "Dukcapil", "Pendaftaran Penduduk", 180_000_000, 195_000_000],
            [6, "Dinas PUPR", "Penyelenggaraan Taman Bermain", 900_000_000, 0],
        ],
        year=2025,
    )
    d.pdf(
        "Bappeda/02 RAD KLA/RAD KLA Kota Contoh 2024-2026.pdf",
        title="Rencana Aksi Daerah Kota Layak Anak 2024-2026",
        doc_kind="DOKUMEN PERENCANAAN",
        authority="KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA CONTOH",
        year=2024,
        day_month=(29, 1),
        pages=3,
        body_lines=[
            "BAB I Pendahuluan: RAD KLA disusun sebagai acuan Perangkat Daerah dalam pemenuhan "
            "hak dan perlindungan khusus anak tahun 2024-2026.",
            "BAB II Kelembagaan: penguatan Gugus Tugas KLA, Profil Anak, dan partisipasi "
            "lembaga masyarakat, dunia usaha, serta media massa.",
            "BAB III Klaster I sampai V: sasaran, indikator, kegiatan, dan penanggung jawab.",
            "BAB IV Pemantauan dan Evaluasi: monev dilaksanakan setiap tahun oleh Gugus Tugas.",
        ],
    )
    d.pdf(
        "Bappeda/03 Kemitraan/MoU APSAI Kota Contoh 2024.pdf",
        title="Kemitraan Pemenuhan Hak Anak dengan Asosiasi Perusahaan Sahabat Anak Indonesia",
        doc_kind="NOTA KESEPAHAMAN",
        authority=WALKOT,
        number="415.4/07/NK/2024",
        year=2024,
        day_month=(22, 7),
        body_lines=[
            "PIHAK KESATU: Pemerintah Kota Contoh. PIHAK KEDUA: APSAI Kota Contoh.",
            "Ruang lingkup: penyediaan ruang laktasi, ruang bermain ramah anak, dan pencegahan "
            "pekerja anak di lingkungan usaha.",
            "Jangka waktu: tiga tahun sejak ditandatangani.",
        ],
    )


def dp3a(d: Dossier) -> None:
    kp = "KEPALA DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK KOTA CONTOH"
    d.pdf(
        "DP3A/02 Kelembagaan/SK Gugus Tugas KLA 2019.pdf",
        title="Pembentukan Gugus Tugas Kota Layak Anak",
        number="188.45/61/2019",
        year=2019,
        day_month=(14, 1),
        pages=2,
        body_lines=[
            "Membentuk Gugus Tugas Kota Layak Anak dengan susunan keanggotaan sebagaimana "
            "tercantum dalam Lampiran.",
            "Gugus Tugas bertugas mengoordinasikan kebijakan, program, dan kegiatan untuk "
            "mewujudkan Kota Layak Anak.",
            "Keputusan ini berlaku sejak tanggal ditetapkan.",
        ],
    )
    # Neutral name: type and year must come from the text.
    d.pdf(
        "DP3A/02 Kelembagaan/Lampiran 3.pdf",
        title="Tim Penyusun Profil Anak Kota Contoh",
        number="27 TAHUN 2025",
        year=2025,
        day_month=(10, 2),
        body_lines=[
            "Membentuk Tim Penyusun Profil Anak Kota Contoh dengan susunan sebagaimana "
            "tercantum dalam Lampiran.",
            "Tim bertugas menghimpun data terpilah anak dari seluruh Perangkat Daerah.",
        ],
    )
    d.docx(
        "DP3A/02 Kelembagaan/Notulen Rapat GT KLA Maret 2025.docx",
        title="Rapat Koordinasi Gugus Tugas Kota Layak Anak",
        date_text="Selasa, 18 Maret 2025",
        year=2025,
        attendees=[
            ("Budi Prasetyo", "Bappeda"),
            ("Sri Wahyuni", "DP3A"),
            ("dr. Rina Kartikasari", "Dinas Kesehatan"),
            ("Agus Salim", "Dinas Pendidikan"),
            ("Yohanes Manurung", "Dinas Sosial"),
            ("Lestari Purba", "Disdukcapil"),
            ("Fajar Nugroho", "Diskominfo"),
            ("Intan Permata", "Forum Anak Kota Contoh"),
        ],
        points=[
            "Pembagian penanggung jawab bukti per klaster untuk evaluasi KLA 2025.",
            "SK Gugus Tugas tahun 2019 perlu diperbarui; Bagian Hukum menyiapkan rancangan.",
            "Batas pengumpulan bukti ke Sekretariat GT KLA: 30 Mei 2025.",
        ],
    )
    lock_name = b"Admin DP3A"
    lock = bytes([len(lock_name)]) + lock_name.ljust(53, b" ")
    lock += bytes([len(lock_name), 0]) + lock_name.decode().encode("utf-16-le")
    d.p("DP3A/02 Kelembagaan/~$Notulen Rapat.docx").write_bytes(lock.ljust(162, b"\0"))
    d.pdf(
        "DP3A/02 Kelembagaan/Sertifikat Pelatihan KHA GT 2024.pdf",
        title="Pelatihan Konvensi Hak Anak bagi Anggota Gugus Tugas KLA",
        doc_kind="SERTIFIKAT",
        authority=kp,
        number="800/045/DP3A/2024",
        year=2024,
        day_month=(25, 9),
        body_lines=[
            "Diberikan kepada: Sri Wahyuni, S.Sos., M.AP.",
            "Sebagai PESERTA Pelatihan Konvensi Hak Anak (KHA) yang diselenggarakan pada "
            "23-25 September 2024 di Kota Contoh (30 jam pelajaran).",
        ],
    )
    d.pdf(
        "DP3A/02 Kelembagaan/Profil Anak Kota Contoh 2024.pdf",
        title="Profil Anak Kota Contoh",
        doc_kind="PROFIL",
        authority=kp,
        year=2024,
        day_month=(30, 12),
        pages=4,
        body_lines=[
            "Jumlah anak (0-17 tahun) Kota Contoh tahun 2024: 142.318 jiwa (laki-laki 72.904, "
            "perempuan 69.414).",
            "Data terpilah menurut kecamatan, kelompok umur, dan jenis kelamin disajikan untuk "
            "kelembagaan dan klaster I sampai V.",
        ],
    )
    d.xlsx(
        "DP3A/03 Peran Masyarakat/Matriks Kemitraan Dunia Usaha 2024-2025.xlsx",
        title="Matriks Kemitraan Lembaga Masyarakat, Dunia Usaha, dan Media 2024-2025",
        headers=["No", "Mitra", "Jenis", "Bentuk Kemitraan", "Klaster", "Dasar", "Tahun"],
        rows=[
            [1, "PT Sumber Air Contoh", "Dunia usaha", "Ruang laktasi pabrik", "III", "PKS", 2024],
            [2, "Radio Suara Contoh", "Media", "Siaran Forum Anak", "I", "MoU", 2024],
            [3, "Yayasan Pelita Anak", "Lembaga masyarakat", "Pendampingan ABH", "V", "PKS", 2025],
            [4, "APSAI Kota Contoh", "Dunia usaha", "Pencegahan pekerja anak", "V", "MoU", 2024],
        ],
        year=2025,
    )
    d.pdf(
        "DP3A/06 Partisipasi Anak/SK Forum Anak Kota Contoh 2025.pdf",
        title="Pengurus Forum Anak Kota Contoh Periode 2025-2027",
        number="188.45/33/2025",
        year=2025,
        day_month=(17, 2),
        pages=2,
        body_lines=[
            "Menetapkan susunan pengurus Forum Anak Kota Contoh periode 2025-2027 sebagaimana "
            "tercantum dalam Lampiran.",
            "Forum Anak berperan sebagai Pelopor dan Pelapor (2P).",
        ],
    )
    d.photo(
        "DP3A/06 Partisipasi Anak/Foto Forum Anak Musrenbang 2025.jpg",
        orientation=6,
        taken="2025:03:05 09:41:27",
        caption="Forum Anak menyampaikan usulan pada Musrenbang Kota Contoh, 5 Maret 2025",
    )
    d.docx(
        "DP3A/06 Partisipasi Anak/Daftar Hadir Pelatihan 2P Forum Anak 2024.docx",
        title="Pelatihan Pelopor dan Pelapor (2P) Forum Anak Kota Contoh",
        date_text="Sabtu, 19 Oktober 2024",
        year=2024,
        place="Aula DP3A Kota Contoh",
        chair="Kepala Bidang Pemenuhan Hak Anak DP3A",
        attendees=[(n, "Forum Anak Kecamatan " + k) for n, k in zip(
            ("Naya Putri", "Rafi Akbar", "Salsabila", "Kevin Tan", "Dinda Ayu"),
            synth.KECAMATAN, strict=True,
        )],
        points=[
            "Materi hak anak dan peran 2P (Pelopor dan Pelapor).",
            "Praktik menyusun usulan Forum Anak untuk Musrenbang 2025.",
            "Rencana tindak lanjut: kampanye anti-perundungan di sekolah.",
        ],
    )  # fmt: skip
    d.xlsx(
        "DP3A/07 Pencegahan Perkawinan Anak/Data Dispensasi Kawin 2024-2025.xlsx",
        title="Data Permohonan Dispensasi Kawin Anak per Kecamatan 2024-2025",
        headers=["Kecamatan", "2024", "2025 (s.d. April)"],
        rows=kec_rows(7, 3, 15, pct=False),
        year=2025,
    )
    d.pdf(
        "DP3A/08 PUSPAGA/Laporan Tahunan PUSPAGA 2024.pdf",
        title="Laporan Layanan Pusat Pembelajaran Keluarga (PUSPAGA) Kota Contoh",
        doc_kind="LAPORAN",
        authority=kp,
        year=2024,
        day_month=(31, 12),
        pages=2,
        body_lines=[
            "Sepanjang tahun 2024 PUSPAGA melayani 412 keluarga melalui konseling tatap muka, "
            "layanan daring, dan kelas pengasuhan.",
            "Konselor tersertifikasi: 4 orang psikolog dan 2 orang konselor keluarga.",
        ],
    )
    d.photo(
        "DP3A/08 PUSPAGA/Foto Konseling Keluarga PUSPAGA 2025.jpg",
        size=(1280, 960),
        taken="2025:01:21 13:05:44",
        caption="Kelas pengasuhan PUSPAGA Kota Contoh, Januari 2025",
    )
    d.pdf(
        "DP3A/Ind 21a Pencegahan/SOP Layanan UPTD PPA 2024.pdf",
        title="Standar Operasional Prosedur Layanan UPTD Perlindungan Perempuan dan Anak",
        doc_kind="STANDAR OPERASIONAL PROSEDUR",
        authority=kp,
        number="SOP/03/UPTD-PPA/2024",
        year=2024,
        day_month=(8, 4),
        body_lines=[
            "1. Pengaduan diterima melalui hotline, datang langsung, atau rujukan.",
            "2. Asesmen awal dilakukan paling lambat 1 x 24 jam.",
            "3. Penjangkauan, pengelolaan kasus, penampungan sementara, mediasi, dan "
            "pendampingan korban.",
        ],
    )
    d.xlsx(
        "DP3A/Ind 21a Pencegahan/Matriks Program Perlindungan Khusus 2025.xlsx",
        title="Matriks Program/Kegiatan Perangkat Daerah terkait Perlindungan Khusus Anak 2025",
        headers=["No", "Perangkat Daerah", "Program/Kegiatan", "Sasaran", "Anggaran (Rp)"],
        rows=[
            [1, "DP3A", "Sosialisasi pencegahan kekerasan", "Sekolah dan kelurahan", 150_000_000],
            [2, "Dinas Sosial", "Rehabilitasi sosial anak", "Anak korban", 220_000_000],
            [3, "Satpol PP", "Razia anak jalanan terpadu", "Anak jalanan", 45_000_000],
            [4, "BNN Kota", "Edukasi bahaya NAPZA", "Pelajar SMP/SMA", 60_000_000],
        ],
        year=2025,
    )
    d.xlsx(
        "DP3A/21B Layanan Korban Kekerasan/Rekap Kasus SIMFONI-PPA 2024-2025.xlsx",
        title="Rekapitulasi Kasus Kekerasan terhadap Anak (SIMFONI-PPA) 2024-2025",
        headers=["Jenis Kekerasan", "2024", "2025 (s.d. Mei)", "Terlayani (%)"],
        rows=[
            ["Fisik", 38, 14, 100],
            ["Psikis", 27, 11, 100],
            ["Seksual", 31, 9, 100],
            ["Penelantaran", 12, 4, 100],
            ["Eksploitasi", 3, 1, 100],
        ],
        year=2025,
    )
    d.photo(
        "DP3A/03 Peran Masyarakat/Foto Penandatanganan PKS Yayasan Pelita Anak 2025.jpg",
        size=(1280, 960),
        taken="2025:01:30 11:20:05",
        caption="Penandatanganan PKS DP3A dengan Yayasan Pelita Anak",
    )
    d.xlsx(
        "DP3A/06 Partisipasi Anak/Matriks Keterlibatan Forum Anak dalam Musrenbang 2025.xlsx",
        title="Matriks Usulan Forum Anak dalam Musrenbang dan Tindak Lanjutnya 2025",
        headers=["No", "Usulan Forum Anak", "Forum", "Perangkat Daerah", "Tindak Lanjut"],
        rows=[
            [1, "Taman baca di kelurahan", "Musrenbang Kota", "Dinas Perpustakaan", "RKPD 2026"],
            [2, "Zona selamat sekolah", "Musrenbang Kota", "Dinas Perhubungan", "Dianggarkan 2025"],
            [3, "Kampanye anti-perundungan", "Musrenbang Kecamatan", "Disdik", "Terlaksana"],
        ],
        year=2025,
    )
    d.xlsx(
        "DP3A/07 Pencegahan Perkawinan Anak/Matriks Penyebab Perkawinan Anak 2024-2025.xlsx",
        title="Matriks Data Perkawinan Anak dan Penyebabnya 2024-2025",
        headers=["Penyebab", "2024", "2025", "Sumber Data"],
        rows=[
            ["Kehamilan tidak diinginkan", 11, 4, "Pengadilan Agama"],
            ["Faktor ekonomi", 6, 2, "KUA"],
            ["Tradisi/budaya", 3, 1, "KUA"],
        ],
        year=2025,
    )
    d.photo(
        "DP3A/07 Pencegahan Perkawinan Anak/Foto Sosialisasi Pencegahan Perkawinan Anak 2025.jpg",
        size=(1280, 960),
        taken="2025:02:26 09:15:40",
        caption="Sosialisasi pencegahan perkawinan anak di SMAN 2 Kota Contoh",
    )
    d.xlsx(
        "DP3A/08 PUSPAGA/Matriks Lembaga Konsultasi Keluarga 2025.xlsx",
        title="Matriks Lembaga Konsultasi Keluarga yang Berfungsi 2025",
        headers=["Lembaga", "Jumlah", "Berfungsi", "Pengelola"],
        rows=[
            ["PUSPAGA", 1, 1, "DP3A"],
            ["LK3", 1, 1, "Dinas Sosial"],
            ["BKB", 24, 21, "DPPKB"],
            ["BKR", 18, 15, "DPPKB"],
            ["Pusaka Sakinah", 5, 5, "Kemenag"],
        ],
        year=2025,
    )
    d.xlsx(
        "DP3A/08 PUSPAGA/Data Keluarga Terlayani PUSPAGA 2024-2025.xlsx",
        title="Jumlah Keluarga Terlayani PUSPAGA 2024-2025",
        headers=["Jenis Layanan", "2024", "2025 (s.d. April)"],
        rows=[["Konseling", 236, 88], ["Kelas pengasuhan", 141, 52], ["Layanan daring", 35, 19]],
        year=2025,
    )
    d.sk(
        "DP3A/08 PUSPAGA/SK Pembentukan PUSPAGA 2024.pdf",
        title="Pembentukan Pusat Pembelajaran Keluarga (PUSPAGA) Kota Contoh",
        number="188.45/18/2024",
        year=2024,
        lines=["Membentuk PUSPAGA Kota Contoh sebagai layanan satu pintu keluarga holistik."],
    )
    d.pdf(
        "DP3A/08 PUSPAGA/Sertifikat Konselor PUSPAGA 2024.pdf",
        title="Pelatihan Konselor Keluarga PUSPAGA",
        doc_kind="SERTIFIKAT",
        authority=kp,
        number="800/077/DP3A/2024",
        year=2024,
        day_month=(4, 7),
        body_lines=["Diberikan kepada: Made Ayu Lestari, S.Psi., sebagai konselor PUSPAGA."],
    )
    d.sk(
        "DP3A/Ind 21a Pencegahan/SK Satgas Perlindungan Anak 2024.pdf",
        title="Satuan Tugas Perlindungan Perempuan dan Anak",
        number="188.45/29/2024",
        year=2024,
        day_month=(19, 2),
        lines=["Membentuk Satgas Perlindungan Perempuan dan Anak di setiap kecamatan."],
    )
    d.xlsx(
        "DP3A/21B Layanan Korban Kekerasan/Matriks Mitra Layanan Korban Kekerasan 2025.xlsx",
        title="Matriks Perangkat Daerah dan Mitra Layanan Anak Korban Kekerasan 2025",
        headers=["Mitra", "Peran", "Dasar Kerja Sama"],
        rows=[
            ["UPTD PPA", "Pengelolaan kasus dan pendampingan", "Perwal 5/2023"],
            ["RSUD Kota Contoh", "Visum dan layanan medis", "PKS 2024"],
            ["Polres (Unit PPA)", "Penyidikan", "MoU 2024"],
            ["Dinas Sosial", "Rehabilitasi sosial", "SOP rujukan 2024"],
        ],
        year=2025,
    )


def dinkes(d: Dossier) -> None:
    kd = "KEPALA DINAS KESEHATAN KOTA CONTOH"
    d.xlsx(
        "Dinas Kesehatan/12 Persalinan di Faskes/Data persalinan 2024-2025.xlsx",
        title="Persentase Persalinan di Fasilitas Pelayanan Kesehatan 2024-2025",
        headers=["Kecamatan", "2024 (%)", "2025 (%)"],
        rows=kec_rows(12, 88, 97),
        year=2025,
    )
    d.photo(
        "Dinas Kesehatan/13_foto-posyandu-2024.jpg",
        size=(1280, 960),
        taken="2024:08:14 08:32:10",
        caption="Penimbangan balita di Posyandu Melati, Kelurahan Contoh Utara",
    )
    d.pdf(
        "Dinas Kesehatan/13 Status Gizi/SK Tim Percepatan Penurunan Stunting 2024.pdf",
        title="Tim Percepatan Penurunan Stunting Kota Contoh",
        number="188.45/41/2024",
        year=2024,
        day_month=(5, 3),
        pages=2,
        body_lines=[
            "Membentuk Tim Percepatan Penurunan Stunting dengan susunan keanggotaan sebagaimana "
            "tercantum dalam Lampiran.",
            "Tim melaksanakan penanganan masalah gizi sesuai Permenkes Nomor 29 Tahun 2019.",
        ],
    )
    d.p("Dinas Kesehatan/13 Status Gizi/Thumbs.db").write_bytes(
        bytes.fromhex("d0cf11e0a1b11ae1").ljust(3072, b"\0")
    )
    d.pdf(
        "Dinas Kesehatan/14 PMBA/Sertifikat Konselor ASI 2024.pdf",
        title="Pelatihan Konselor Menyusui 40 Jam",
        doc_kind="SERTIFIKAT",
        authority=kd,
        number="445/1207/DINKES/2024",
        year=2024,
        day_month=(16, 5),
        body_lines=[
            "Diberikan kepada: Bidan Ratna Sari Dewi, A.Md.Keb. (Puskesmas Contoh Timur)",
            "Telah mengikuti Pelatihan Konselor Menyusui 40 jam pada 6-15 Mei 2024.",
        ],
    )
    d.photo(
        "Dinas Kesehatan/14 PMBA/Foto Ruang ASI Balai Kota 2025.jpg",
        size=(1280, 960),
        taken="2025:02:03 10:15:00",
        caption="Ruang ASI Balai Kota Contoh",
    )
    d.pdf(
        "Dinas Kesehatan/15 PRAP/SK Puskesmas Ramah Anak 2025.pdf",
        title="Penetapan Puskesmas dengan Pelayanan Ramah Anak",
        authority=kd,
        number="440/88/DINKES/2025",
        year=2025,
        day_month=(14, 1),
        body_lines=[
            "Menetapkan 8 (delapan) Puskesmas sebagai Puskesmas dengan Pelayanan Ramah Anak "
            "sebagaimana tercantum dalam Lampiran.",
            "Kepala Puskesmas melaksanakan penilaian mandiri PRAP setiap tahun.",
        ],
    )
    d.pdf(
        "Dinas Kesehatan/15 PRAP/Laporan Monev PRAP 2024.pdf",
        title="Laporan Monitoring dan Evaluasi Puskesmas Ramah Anak",
        doc_kind="LAPORAN",
        authority=kd,
        year=2024,
        day_month=(20, 11),
        pages=2,
        body_lines=[
            "Monitoring dilaksanakan bersama DP3A dan Forum Anak pada 12 puskesmas.",
            "Hasil: 8 puskesmas memenuhi standar PRAP, 4 puskesmas perlu perbaikan ruang "
            "tunggu ramah anak.",
        ],
    )
    d.pdf(
        "Dinas Kesehatan/22a Layanan HIV dan NAPZA/"
        "Laporan Pelaksanaan Layanan Anak NAPZA dan HIV 2024.pdf",
        title="Layanan bagi Anak Korban NAPZA dan Anak dengan HIV",
        doc_kind="LAPORAN",
        authority=kd,
        year=2024,
        day_month=(27, 12),
        body_lines=[
            "Tahun 2024: 6 anak korban NAPZA menjalani rehabilitasi rawat jalan; 3 anak dengan "
            "HIV mendapat terapi ARV dan pendampingan psikososial.",
            "Mitra: BNN Kota Contoh, Dinas Sosial, UPTD PPA.",
        ],
    )
    d.xlsx(
        "Dinas Kesehatan/22a Layanan HIV dan NAPZA/Matriks Layanan Anak NAPZA HIV 2024-2025.xlsx",
        title="Matriks Anak Korban NAPZA dan HIV yang Terlayani 2024-2025",
        headers=["Kategori", "2024", "2025", "Layanan", "Mitra"],
        rows=[
            ["Korban NAPZA", 6, 2, "Rehabilitasi rawat jalan", "BNN Kota"],
            ["Terinfeksi HIV", 3, 1, "ARV + pendampingan", "UPTD PPA"],
            ["Korban pornografi", 2, 1, "Konseling psikolog", "DP3A"],
        ],
        year=2025,
    )
    synth.scanned_pdf(
        d.p("Dinas Kesehatan/scan tanpa nama.pdf"),
        lines=[
            "PEMERINTAH KOTA CONTOH",
            "DINAS KESEHATAN",
            "",
            "BERITA ACARA",
            "PELAKSANAAN KELAS IBU BALITA",
            "",
            "Pada hari ini Rabu tanggal dua puluh satu bulan Agustus",
            "bertempat di Puskesmas Contoh Selatan telah dilaksanakan",
            "Kelas Ibu Balita yang diikuti oleh 25 orang ibu.",
            "",
            "Materi: pemberian makan bayi dan anak, tumbuh kembang,",
            "dan imunisasi dasar lengkap.",
        ],
        seed=5,
    )
    d.xlsx(
        "Dinas Kesehatan/14 PMBA/Data Cakupan ASI Eksklusif 2024-2025.xlsx",
        title="Cakupan ASI Eksklusif Bayi 0-6 Bulan per Kecamatan 2024-2025",
        headers=["Kecamatan", "2024 (%)", "2025 (%)"],
        rows=kec_rows(14, 62, 80),
        year=2025,
    )
    d.xlsx(
        "Dinas Kesehatan/15 PRAP/Data Penilaian Mandiri PRAP 2024-2025.xlsx",
        title="Hasil Penilaian Mandiri Puskesmas Ramah Anak 2024-2025",
        headers=["Kecamatan", "Skor 2024", "Skor 2025"],
        rows=kec_rows(15, 70, 92),
        year=2025,
    )
    d.pdf(
        "Dinas Kesehatan/17 KTR/Laporan Pengawasan KTR 2024.pdf",
        title="Laporan Pengawasan Kawasan Tanpa Rokok",
        doc_kind="LAPORAN",
        authority=kd,
        year=2024,
        day_month=(13, 12),
        body_lines=[
            "Pengawasan KTR bersama Satpol PP dilakukan di 40 sekolah, 12 puskesmas, dan 15 "
            "tempat bermain anak.",
            "Ditemukan 9 pelanggaran; seluruhnya diberi teguran tertulis.",
        ],
    )
    d.photo(
        "Dinas Kesehatan/17 KTR/Foto Sosialisasi KTR di Sekolah 2025.jpg",
        size=(1280, 960),
        taken="2025:03:11 08:40:19",
        caption="Sosialisasi Kawasan Tanpa Rokok di SMPN 5 Kota Contoh",
    )
    d.photo(
        "Dinas Kesehatan/22a Layanan HIV dan NAPZA/Foto Konseling Remaja Puskesmas 2025.jpg",
        size=(1280, 960),
        taken="2025:02:07 13:30:00",
        caption="Layanan konseling remaja (PKPR) Puskesmas Contoh Timur",
    )


def disdik(d: Dossier) -> None:
    kd = "KEPALA DINAS PENDIDIKAN KOTA CONTOH"
    d.pdf(
        "Disdik/09 PAUD HI/SK Gugus Tugas PAUD-HI 2024.pdf",
        title="Gugus Tugas Pengembangan Anak Usia Dini Holistik Integratif",
        number="188.45/52/2024",
        year=2024,
        day_month=(2, 5),
        pages=2,
        body_lines=[
            "Membentuk Gugus Tugas PAUD-HI dengan susunan keanggotaan sebagaimana tercantum "
            "dalam Lampiran.",
            "Gugus Tugas mengoordinasikan layanan pendidikan, kesehatan, gizi, pengasuhan, dan "
            "perlindungan anak usia dini.",
        ],
    )
    d.xlsx(
        "Disdik/18 Wajib Belajar/Data Anak Tidak Sekolah 2024-2025.xlsx",
        title="Data Anak Tidak Sekolah (ATS) usia 7-18 tahun per Kecamatan 2024-2025",
        headers=["Kecamatan", "ATS 2024", "ATS 2025", "Kembali Sekolah 2025"],
        rows=[[*r, int(r[2]) // 2] for r in kec_rows(18, 20, 90, pct=False)],
        year=2025,
    )
    d.pdf(
        "Disdik/18 Wajib Belajar/SOP Penanganan ATS 2025.pdf",
        title="Pencegahan dan Penanganan Anak Tidak Sekolah",
        doc_kind="STANDAR OPERASIONAL PROSEDUR",
        authority=kd,
        number="SOP/07/DISDIK/2025",
        year=2025,
        day_month=(3, 2),
        body_lines=[
            "1. Pendataan ATS melalui Dapodik dan data kelurahan.",
            "2. Verifikasi oleh satuan pendidikan dan pendamping sosial.",
            "3. Penempatan kembali ke sekolah formal atau pendidikan kesetaraan.",
        ],
    )
    d.photo(
        "Disdik/19 SRA/Foto Deklarasi SRA SDN 1 Kota Contoh 2024.jpg",
        size=(1280, 960),
        taken=None,  # forwarded via a messenger app: EXIF date stripped
        caption="Deklarasi Sekolah Ramah Anak SDN 1 Kota Contoh",
    )
    d.xlsx(
        "Disdik/09 PAUD HI/Data SDM PAUD-HI Terlatih 2024-2025.xlsx",
        title="Persentase SDM Layanan PAUD-HI yang Terlatih KHA 2024-2025",
        headers=["Kecamatan", "2024 (%)", "2025 (%)"],
        rows=kec_rows(9, 40, 70),
        year=2025,
    )
    d.xlsx(
        "Disdik/09 PAUD HI/Matriks Kemitraan PAUD-HI 2025.xlsx",
        title="Matriks Kemitraan PAUD-HI dengan Perangkat Daerah Lain 2025",
        headers=["Perangkat Daerah", "Layanan", "Bentuk Kegiatan"],
        rows=[
            ["Dinas Kesehatan", "Kesehatan dan gizi", "Pemeriksaan tumbuh kembang"],
            ["Disdukcapil", "Perlindungan", "Akta kelahiran di PAUD"],
            ["DP3A", "Pengasuhan", "Kelas parenting"],
        ],
        year=2025,
    )
    d.sk(
        "Disdik/18 Wajib Belajar/SK Tim Penanganan ATS 2024.pdf",
        title="Tim Penanganan Anak Tidak Sekolah",
        authority=kd,
        number="420/316/DISDIK/2024",
        year=2024,
        day_month=(22, 7),
        lines=["Membentuk Tim Penanganan Anak Tidak Sekolah tingkat kota dan kecamatan."],
    )


def dukcapil(d: Dossier) -> None:
    d.xlsx(
        "Dukcapil/Indikator-04 Akta Kelahiran/Data Akta Kelahiran Anak 2024-2025.xlsx",
        title="Persentase Anak 0-17 Tahun yang Memiliki Kutipan Akta Kelahiran 2024-2025",
        headers=["Kecamatan", "2024 (%)", "2025 (%)"],
        rows=kec_rows(4, 93, 99),
        year=2025,
    )
    synth.scanned_pdf(
        d.p("Dukcapil/Indikator-04 Akta Kelahiran/Scan SK Tim Jemput Bola Akta.pdf"),
        lines=[
            "PEMERINTAH KOTA CONTOH",
            "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
            "",
            "KEPUTUSAN KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
            "NOMOR 474.1/045/DUKCAPIL/2024",
            "TENTANG",
            "TIM JEMPUT BOLA PELAYANAN AKTA KELAHIRAN ANAK",
            "",
            "Menimbang : bahwa untuk mempercepat kepemilikan akta kelahiran anak,",
            "                    terutama anak yang memerlukan perlindungan khusus,",
            "                    perlu dibentuk Tim Jemput Bola;",
            "",
            "MEMUTUSKAN:",
            "KESATU  : Membentuk Tim Jemput Bola Pelayanan Akta Kelahiran Anak.",
            "KEDUA   : Tim melayani panti asuhan, LPKA, dan anak jalanan.",
            "",
            "Ditetapkan di Kota Contoh",
            "pada tanggal 8 Januari 2024",
            "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL,",
        ],
        pages=2,
        seed=4,
    )
    d.photo(
        "Dukcapil/Indikator-04 Akta Kelahiran/Foto Pelayanan Akta Keliling 2025.jpg",
        size=(1280, 960),
        taken="2025:02:19 10:02:55",
        caption="Pelayanan akta kelahiran keliling di LKSA Kasih Bunda",
    )
    d.sop(
        "Dukcapil/Indikator-04 Akta Kelahiran/SOP Pelayanan Akta bagi Anak Panti dan ABH 2024.pdf",
        title="Pelayanan Akta Kelahiran bagi Anak yang Memerlukan Perlindungan Khusus",
        authority="KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA CONTOH",
        number="SOP/02/DUKCAPIL/2024",
        year=2024,
        steps=[
            "1. Pendataan anak di LKSA, LPKA, dan anak jalanan bersama Dinas Sosial.",
            "2. Penerbitan akta dengan SPTJM bila dokumen orang tua tidak ada.",
            "3. Penyerahan akta di lokasi (jemput bola).",
        ],
    )
    d.pdf(
        "Dukcapil/Indikator-04 Akta Kelahiran/"
        "PKS Dukcapil dengan RSUD tentang Akta Kelahiran 2024.pdf",
        title="Penerbitan Akta Kelahiran Bayi Baru Lahir di RSUD Kota Contoh",
        doc_kind="PERJANJIAN KERJA SAMA",
        authority="KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA CONTOH",
        number="470/112/PKS/2024",
        year=2024,
        day_month=(2, 9),
        body_lines=[
            "PIHAK KESATU: Disdukcapil Kota Contoh. PIHAK KEDUA: RSUD Kota Contoh.",
            "Akta kelahiran, KIA, dan kartu keluarga diserahkan sebelum ibu dan bayi pulang.",
        ],
    )


def diskominfo(d: Dossier) -> None:
    d.pdf(
        "Diskominfo/05 ILA/SK Pusat Informasi Sahabat Anak 2024.pdf",
        title="Penetapan Pusat Informasi Sahabat Anak (PISA)",
        authority="KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA CONTOH",
        number="481/23/DISKOMINFO/2024",
        year=2024,
        day_month=(11, 6),
        body_lines=[
            "Menetapkan Perpustakaan Daerah, 5 perpustakaan kecamatan, dan Taman Baca Pelangi "
            "sebagai Pusat Informasi Sahabat Anak.",
            "Pengelola PISA wajib menyortir bahan bacaan dan memblokir konten tidak layak anak.",
        ],
    )
    d.xlsx(
        "Diskominfo/05 ILA/Data Pengakses PISA 2024-2025.xlsx",
        title="Jumlah Anak Pengakses Pusat Informasi Sahabat Anak 2024-2025",
        headers=["Kecamatan", "2024", "2025"],
        rows=kec_rows(5, 800, 2400, pct=False),
        year=2025,
    )
    d.xlsx(
        "Diskominfo/05 ILA/Matriks Layanan PISA 2025.xlsx",
        title="Matriks Lembaga Layanan Informasi Layak Anak dan Fasilitasnya 2025",
        headers=["Lembaga", "Fasilitas", "Jam Layanan", "Layanan AMPK"],
        rows=[
            ["Perpustakaan Daerah", "Pojok baca anak, komputer", "08.00-16.00", "Ya"],
            ["Taman Baca Pelangi", "Buku cerita, dongeng", "15.00-18.00", "Ya"],
            ["Perpustakaan Kecamatan Contoh Utara", "Buku anak", "08.00-14.00", "Tidak"],
        ],
        year=2025,
    )
    d.sop(
        "Diskominfo/05 ILA/SOP Sortir Konten Tidak Layak Anak 2024.pdf",
        title="Penyortiran Bahan Bacaan dan Pemblokiran Tautan Tidak Layak Anak",
        authority="KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA CONTOH",
        year=2024,
        day_month=(19, 6),
        steps=[
            "1. Pengelola PISA memeriksa bahan bacaan baru sebelum dipajang.",
            "2. Tautan tidak layak anak dilaporkan ke Diskominfo untuk diblokir.",
        ],
    )


def pupr(d: Dossier) -> None:
    kd = "KEPALA DINAS PEKERJAAN UMUM DAN PENATAAN RUANG KOTA CONTOH"
    d.photo(
        "Dinas PUPR/11 RBRA/Foto Taman Bermain Ramah Anak 2025.jpg",
        taken="2025:01:11 16:40:02",
        caption="Ruang Bermain Ramah Anak Taman Kota, Kecamatan Contoh Tengah",
    )
    d.pdf(
        "Dinas PUPR/11 RBRA/Sertifikat Standardisasi RBRA 2024.pdf",
        title="Standardisasi Ruang Bermain Ramah Anak Taman Kota",
        doc_kind="SERTIFIKAT",
        authority="DEPUTI BIDANG PEMENUHAN HAK ANAK KEMENTERIAN PPPA",
        number="RBRA/2024/117",
        year=2024,
        day_month=(23, 7),
        body_lines=[
            "Ruang Bermain Ramah Anak Taman Kota, Kota Contoh, dinyatakan memenuhi standar "
            "RBRA dengan kategori BAIK.",
        ],
    )
    # Neutral name: type (LAPORAN) and year (2024) must come from the text.
    d.pdf(
        "Dinas PUPR/16 Air Minum dan Sanitasi/dokumen pendukung.pdf",
        title="Capaian Akses Air Minum dan Sanitasi Layak Rumah Tangga",
        doc_kind="LAPORAN",
        authority=kd,
        year=2024,
        day_month=(18, 12),
        pages=2,
        body_lines=[
            "Akses air minum layak rumah tangga mencapai 91,4 persen; akses sanitasi layak "
            "84,7 persen.",
            "IPLT Kota Contoh melayani penyedotan lumpur tinja terjadwal di 3 kecamatan.",
        ],
    )
    d.xlsx(
        "Dinas PUPR/16 Air Minum dan Sanitasi/Data Akses Air Minum dan Sanitasi 2024-2025.xlsx",
        title="Persentase Rumah Tangga dengan Akses Air Minum dan Sanitasi Layak",
        headers=["Kecamatan", "Air minum 2024 (%)", "Air minum 2025 (%)"],
        rows=kec_rows(16, 80, 96),
        year=2025,
    )
    d.xlsx(
        "Dinas PUPR/11 RBRA/Matriks RBRA dan RASS 2025.xlsx",
        title="Matriks Ruang Bermain Ramah Anak dan Rute Aman Selamat Sekolah 2025",
        headers=["Lokasi", "Jenis", "Kecamatan", "Standar", "Tahun"],
        rows=[
            ["Taman Kota", "RBRA", "Contoh Tengah", "Tersertifikasi", 2024],
            ["Taman Cempaka", "RBRA", "Contoh Utara", "Proses", 2025],
            ["SDN 1 - SMPN 3", "RASS", "Contoh Barat", "Zona selamat sekolah", 2025],
        ],
        year=2025,
    )
    d.sk(
        "Dinas PUPR/11 RBRA/SK Penetapan Rute Aman Selamat Sekolah 2024.pdf",
        title="Penetapan Rute Aman Selamat ke dan dari Sekolah",
        number="188.45/66/2024",
        year=2024,
        day_month=(15, 7),
        lines=["Menetapkan 6 ruas jalan sebagai Rute Aman Selamat ke dan dari Sekolah (RASS)."],
    )
    d.xlsx(
        "Dinas PUPR/16 Air Minum dan Sanitasi/Matriks Kemitraan Air Minum dan Sanitasi 2025.xlsx",
        title="Matriks Kemitraan Penyediaan Air Minum dan Sanitasi Layak 2025",
        headers=["Mitra", "Program", "Lokasi"],
        rows=[
            ["PDAM Tirta Contoh", "Sambungan rumah MBR", "3 kecamatan"],
            ["Baznas Kota Contoh", "Jamban sehat", "Contoh Selatan"],
        ],
        year=2025,
    )


def dinsos(d: Dossier) -> None:
    ks = "KEPALA DINAS SOSIAL KOTA CONTOH"
    d.pdf(
        "Dinas Sosial/dokumen_001.pdf",
        title="Akreditasi Lembaga Kesejahteraan Sosial Anak Kasih Bunda",
        doc_kind="SERTIFIKAT",
        authority="KETUA BADAN AKREDITASI LEMBAGA KESEJAHTERAAN SOSIAL",
        number="BALKS/0412/2024",
        year=2024,
        day_month=(9, 9),
        body_lines=["LKSA Kasih Bunda Kota Contoh terakreditasi dengan nilai A (Sangat Baik)."],
    )
    d.pdf(
        "Dinas Sosial/dokumen_002.pdf",
        title="Rujukan Layanan Anak Korban Kekerasan dan Eksploitasi",
        doc_kind="STANDAR OPERASIONAL PROSEDUR",
        authority=ks,
        number="SOP/11/DINSOS/2024",
        year=2024,
        day_month=(4, 3),
        body_lines=[
            "1. Penerimaan rujukan dari UPTD PPA, kepolisian, atau masyarakat.",
            "2. Asesmen pekerja sosial dan penyusunan rencana intervensi.",
            "3. Rehabilitasi sosial dan reintegrasi anak ke keluarga.",
        ],
    )
    d.xlsx(
        "Dinas Sosial/dokumen_003.xlsx",
        title="Data Anak Berhadapan dengan Hukum yang Didiversi 2024-2025",
        headers=["Tahap", "2024", "2025", "Rehabilitasi/Reintegrasi"],
        rows=[["Penyidikan", 9, 4, 13], ["Penuntutan", 3, 1, 4], ["Pengadilan", 2, 0, 2]],
        year=2025,
    )
    d.pdf(
        "Dinas Sosial/dokumen_004.pdf",
        title="Layanan bagi Anak Penyandang Disabilitas",
        doc_kind="LAPORAN",
        authority=ks,
        year=2025,
        day_month=(28, 4),
        body_lines=[
            "Triwulan I 2025: 57 anak penyandang disabilitas menerima alat bantu, terapi, dan "
            "pendampingan keluarga.",
            "Layanan dilaksanakan bersama Dinas Pendidikan (sekolah inklusi) dan Dinas Kesehatan.",
        ],
    )
    d.photo(
        "Dinas Sosial/Foto/kunjungan_LKSA_01.jpg",
        size=(1280, 960),
        taken="2025:02:14 14:20:31",
        caption="Pendampingan LKSA Kasih Bunda oleh pekerja sosial",
    )
    d.xlsx(
        "Dinas Sosial/dokumen_006.xlsx",
        title="Matriks LKSA dan Lembaga Pengasuhan Sementara 2025",
        headers=["Lembaga", "Jenis", "Jumlah Anak", "Akreditasi"],
        rows=[
            ["LKSA Kasih Bunda", "LKSA", 42, "A"],
            ["LKSA Al-Ikhlas", "LKSA", 35, "B"],
            ["Pesantren Darul Ilmi", "Pesantren", 160, "-"],
            ["TPA Ceria", "Daycare", 28, "-"],
        ],
        year=2025,
    )
    d.sop(
        "Dinas Sosial/dokumen_007.pdf",
        title="Mekanisme Dukungan Pengangkatan Anak",
        authority=ks,
        year=2024,
        day_month=(12, 8),
        steps=[
            "1. Konsultasi calon orang tua angkat dan asesmen oleh pekerja sosial.",
            "2. Rekomendasi tim pertimbangan perizinan pengangkatan anak.",
        ],
    )
    d.xlsx(
        "Dinas Sosial/dokumen_008.xlsx",
        title="Data Anak Penyandang Disabilitas yang Terlayani 2024-2025",
        headers=["Kecamatan", "2024", "2025"],
        rows=kec_rows(23, 8, 30, pct=False),
        year=2025,
    )
    d.sop(
        "Dinas Sosial/dokumen_009.pdf",
        title="Layanan Rehabilitasi Sosial Anak Penyandang Disabilitas",
        authority=ks,
        year=2025,
        day_month=(20, 1),
        steps=[
            "1. Asesmen kebutuhan anak dan keluarga.",
            "2. Pemberian alat bantu, terapi, dan rujukan ke sekolah inklusi.",
        ],
    )
    d.photo(
        "Dinas Sosial/Foto/layanan_disabilitas_01.jpg",
        size=(1280, 960),
        taken="2025:03:19 10:44:02",
        caption="Penyerahan alat bantu dengar bagi anak penyandang disabilitas",
    )
    d.xlsx(
        "Dinas Sosial/dokumen_010.xlsx",
        title="Matriks Kasus ABH yang Didiversi per Tahap 2024-2025",
        headers=["Tahap", "Lembaga", "2024", "2025"],
        rows=[
            ["Penyidikan", "Polres (Unit PPA)", 9, 4],
            ["Penuntutan", "Kejaksaan Negeri", 3, 1],
            ["Pengadilan", "Pengadilan Negeri", 2, 0],
        ],
        year=2025,
    )
    d.photo(
        "Dinas Sosial/Foto/musyawarah_diversi_01.jpg",
        size=(1280, 960),
        taken="2025:04:08 14:05:51",
        caption="Musyawarah diversi di Polres Kota Contoh (wajah disamarkan)",
    )
    synth.manifest_xlsx(
        d.p("Dinas Sosial/bukti.xlsx"),
        [
            {**row, "pertanyaan": DINSOS_QUESTIONS.get(str(row["berkas"]))}
            for row in [
            {"berkas": "dokumen_001.pdf", "indikator": "10", "jenis": "sertifikat",
             "tahun": 2024, "catatan": "Sertifikat akreditasi LKSA Kasih Bunda"},
            {"berkas": "dokumen_002.pdf", "indikator": "21b", "jenis": "sop_mekanisme",
             "tahun": 2024, "catatan": "SOP rujukan layanan anak korban kekerasan"},
            {"berkas": "dokumen_003.xlsx", "indikator": "24a", "jenis": "data_tabel",
             "tahun": 2025, "catatan": "Data ABH yang didiversi 2024-2025"},
            {"berkas": "dokumen_004.pdf", "indikator": "23a", "jenis": "laporan_monev",
             "tahun": 2025, "catatan": "Laporan layanan anak penyandang disabilitas TW I"},
            {"berkas": "Foto/kunjungan_LKSA_01.jpg", "indikator": "10", "jenis": "foto",
             "tahun": 2025, "catatan": "Pendampingan LKSA Kasih Bunda, 14 Februari 2025"},
            {"berkas": "dokumen_005.pdf", "indikator": "24a", "jenis": "sop_mekanisme",
             "tahun": 2025, "catatan": "SOP pendampingan ABH"},
            {"berkas": "dokumen_006.xlsx", "indikator": "10", "jenis": "matriks",
             "tahun": 2025, "catatan": "Matriks LKSA dan lembaga pengasuhan sementara"},
            {"berkas": "dokumen_007.pdf", "indikator": "10", "jenis": "sop_mekanisme",
             "tahun": 2024, "catatan": "Mekanisme dukungan pengangkatan anak"},
            {"berkas": "dokumen_008.xlsx", "indikator": "23a", "jenis": "data_tabel",
             "tahun": 2025, "catatan": "Data anak penyandang disabilitas terlayani 2024-2025"},
            {"berkas": "dokumen_009.pdf", "indikator": "23a", "jenis": "sop_mekanisme",
             "tahun": 2025, "catatan": "SOP rehabilitasi sosial anak penyandang disabilitas"},
            {"berkas": "Foto/layanan_disabilitas_01.jpg", "indikator": "23a", "jenis": "foto",
             "tahun": 2025, "catatan": "Penyerahan alat bantu dengar, 19 Maret 2025"},
            {"berkas": "dokumen_010.xlsx", "indikator": "24a", "jenis": "matriks",
             "tahun": 2025, "catatan": "Matriks diversi per tahap"},
            {"berkas": "Foto/musyawarah_diversi_01.jpg", "indikator": "24a", "jenis": "foto",
             "tahun": 2025, "catatan": "Musyawarah diversi, 8 April 2025 (wajah disamarkan)"},
        ]
        ],
        headers=(*synth.MANIFEST_HEADERS, "pertanyaan"),
    )  # fmt: skip


def bpbd(d: Dossier) -> None:
    d.pdf(
        "BPBD/22b Anak Korban Bencana/Peta Jalur Evakuasi Ramah Anak 2024.pdf",
        title="Jalur Evakuasi Ramah Anak dan Sistem Peringatan Dini di Sekolah",
        doc_kind="DOKUMEN",
        authority="KEPALA PELAKSANA BADAN PENANGGULANGAN BENCANA DAERAH KOTA CONTOH",
        year=2024,
        day_month=(7, 10),
        body_lines=[
            "Peta jalur evakuasi disusun untuk 24 sekolah di kawasan rawan banjir.",
            "Sistem peringatan dini menggunakan sirene dan gambar yang mudah dipahami anak.",
        ],
    )
    d.photo(
        "BPBD/22b Anak Korban Bencana/Foto Simulasi Bencana di Sekolah 2025.jpg",
        size=(1280, 960),
        taken="2025:04:26 08:55:12",
        caption="Simulasi evakuasi banjir di SMPN 3 Kota Contoh",
    )
    d.sop(
        "BPBD/22b Anak Korban Bencana/SOP Peringatan Dini Bencana Ramah Anak 2024.pdf",
        title="Peringatan Dini dan Evakuasi Ramah Anak",
        authority="KEPALA PELAKSANA BADAN PENANGGULANGAN BENCANA DAERAH KOTA CONTOH",
        year=2024,
        day_month=(7, 10),
        steps=[
            "1. Sirene dan pesan bergambar dikirim ke sekolah di kawasan rawan.",
            "2. Anak dievakuasi lebih dahulu bersama guru pendamping.",
            "3. Pos pengungsian menyediakan ruang ramah anak.",
        ],
    )
    d.xlsx(
        "BPBD/22b Anak Korban Bencana/Matriks Kemitraan Penanganan Anak Korban Bencana 2025.xlsx",
        title="Matriks Kemitraan Layanan bagi Anak Korban Bencana 2025",
        headers=["Mitra", "Peran"],
        rows=[
            ["Dinas Sosial", "Dukungan psikososial"],
            ["Dinas Pendidikan", "Sekolah darurat"],
            ["PMI Kota Contoh", "Pertolongan pertama"],
        ],
        year=2025,
    )


def disnaker(d: Dossier) -> None:
    d.xlsx(
        "Disnaker/21c Pekerja Anak/Data Pekerja Anak yang Ditarik 2024-2025.xlsx",
        title="Data Pekerja Anak yang Ditarik dan Dilayani 2024-2025",
        headers=["Kecamatan", "2024", "2025"],
        rows=kec_rows(21, 0, 6, pct=False),
        year=2025,
    )
    d.xlsx(
        "Disnaker/21c Pekerja Anak/Matriks Kemitraan Penanganan Pekerja Anak 2025.xlsx",
        title="Matriks Kemitraan Penarikan dan Penanganan Pekerja Anak 2025",
        headers=["Mitra", "Peran"],
        rows=[
            ["Satpol PP", "Penjangkauan"],
            ["Dinas Sosial", "Rehabilitasi sosial"],
            ["Disdik", "Pengembalian ke sekolah"],
        ],
        year=2025,
    )
    d.sop(
        "Disnaker/21c Pekerja Anak/SOP Penarikan Pekerja Anak 2024.pdf",
        title="Penarikan dan Penanganan Pekerja Anak",
        authority="KEPALA DINAS TENAGA KERJA KOTA CONTOH",
        year=2024,
        day_month=(11, 3),
        steps=[
            "1. Identifikasi pekerja anak melalui pengawasan dan laporan masyarakat.",
            "2. Penarikan, asesmen, dan rujukan ke layanan pendidikan atau pelatihan.",
        ],
    )


def kecamatan(d: Dossier) -> None:
    d.xlsx(
        "Kecamatan/25 Kelana/Matriks Forum Anak Kecamatan 2025.xlsx",
        title="Matriks Forum Anak Kecamatan Kota Contoh 2025",
        headers=["Kecamatan", "SK Forum Anak", "Tahun SK", "Jumlah Pengurus", "Ikut Musrenbang"],
        rows=[[k, "Ada", 2024 + i % 2, 15 + 2 * i, "Ya"] for i, k in enumerate(synth.KECAMATAN)],
        year=2025,
    )
    d.photo(
        "Kecamatan/25 Kelana/Foto Kawasan Tanpa Rokok Kantor Camat 2024.jpg",
        size=(1280, 960),
        taken="2024:11:05 09:12:40",
        caption="Papan Kawasan Tanpa Rokok, Kantor Camat Contoh Barat",
    )
    d.docx(
        "Kecamatan/25 Kelana/Notulen Musrenbang Anak Kecamatan 2025.docx",
        title="Musrenbang Anak Kecamatan Contoh Utara",
        date_text="Rabu, 22 Januari 2025",
        year=2025,
        place="Aula Kantor Camat Contoh Utara",
        chair="Camat Contoh Utara",
        attendees=[
            ("Camat Contoh Utara", "Kecamatan"),
            ("Ketua Forum Anak Kecamatan", "Forum Anak"),
            ("Lurah Sukamaju", "Kelurahan Sukamaju"),
            ("Perwakilan Puskesmas", "Dinas Kesehatan"),
        ],
        points=[
            "Usulan Forum Anak: penerangan jalan menuju sekolah dan taman baca di kelurahan.",
            "Usulan ditampung dalam Musrenbang Kecamatan 2025.",
        ],
    )
    d.pdf(
        "Kecamatan/26 Dekela/Perdes Desa Layak Anak Sukamaju 2024.pdf",
        title="Desa Layak Anak",
        doc_kind="PERATURAN DESA SUKAMAJU",
        authority="KEPALA DESA SUKAMAJU",
        number="4 TAHUN 2024",
        year=2024,
        day_month=(19, 8),
        body_lines=[
            "Pemerintah Desa menjamin pemenuhan hak anak dan perlindungan anak di desa.",
            "Pemerintah Desa mengalokasikan APBDes untuk kegiatan Forum Anak Desa dan PATBM.",
        ],
    )
    d.pdf(
        "Kecamatan/26 Dekela/APBDes Perlindungan Anak Desa Sukamaju 2025.pdf",
        title="Rincian APBDes Bidang Pemenuhan Hak dan Perlindungan Anak Desa Sukamaju",
        doc_kind="ANGGARAN PENDAPATAN DAN BELANJA DESA",
        authority="KEPALA DESA SUKAMAJU",
        year=2025,
        day_month=(6, 1),
        body_lines=[
            "1. Kegiatan Forum Anak Desa: Rp 15.000.000,00",
            "2. Operasional PATBM: Rp 12.500.000,00",
            "3. Pemberian makanan tambahan balita: Rp 30.000.000,00",
        ],
    )

    # --------------------------------------------------------------------------- main
    d.xlsx(
        "Kecamatan/25 Kelana/Data Akta dan Perkawinan Anak per Kecamatan 2024-2025.xlsx",
        title="Data Kepemilikan Akta Kelahiran Anak per Kecamatan 2024-2025",
        headers=["Kecamatan", "Akta 2024 (%)", "Akta 2025 (%)"],
        rows=kec_rows(25, 91, 99),
        year=2025,
    )
    d.xlsx(
        "Kecamatan/26 Dekela/Matriks Forum Anak Desa 2025.xlsx",
        title="Matriks Forum Anak Desa/Kelurahan 2025",
        headers=["Desa/Kelurahan", "SK Forum Anak", "PATBM", "Ikut Musrenbangdes"],
        rows=[["Sukamaju", "Ada", "Ada", "Ya"], ["Sukasari", "Ada", "Belum", "Ya"]],
        year=2025,
    )
    d.xlsx(
        "Kecamatan/26 Dekela/Data Anak per Desa 2024-2025.xlsx",
        title="Data Anak per Desa/Kelurahan (Akta, Gizi, Pendidikan) 2024-2025",
        headers=["Desa/Kelurahan", "Jumlah Anak 2024", "Jumlah Anak 2025"],
        rows=[["Sukamaju", 1204, 1231], ["Sukasari", 987, 1002]],
        year=2025,
    )


def duplicate(out: Path) -> None:
    # Same bytes, different names: both offices uploaded the Perda KTR.
    src = out / named("Bagian Hukum/17 Kawasan Tanpa Rokok/Perda No 3 Tahun 2024 tentang KTR.pdf")
    dst = out / named("Dinas Kesehatan/17 KTR/Perda KTR No 3 Tahun 2024.pdf")
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def clean(out: Path) -> None:
    """Empty ``out`` (only its contents), refusing folders that are not a sample dossier."""
    if not out.exists():
        out.mkdir(parents=True)
        return
    children = list(out.iterdir())
    if children and not (out / "kladoc.toml").is_file():
        sys.exit(f"menolak menghapus {out}: folder tidak kosong dan tanpa kladoc.toml")
    for child in children:
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def summary(out: Path) -> None:
    total_files = total_bytes = 0
    print(f"{'Folder':<20} {'berkas':>6} {'ukuran':>10}")
    for top in sorted(out.iterdir()):
        files = [top] if top.is_file() else [f for f in top.rglob("*") if f.is_file()]
        size = sum(f.stat().st_size for f in files)
        total_files += len(files)
        total_bytes += size
        print(f"{top.name:<20} {len(files):>6} {size / 1024:>8.0f} KB")
    print(f"{'TOTAL':<20} {total_files:>6} {total_bytes / 1024 / 1024:>8.2f} MB")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "sample_dossier")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    clean(out)
    build(out)
    duplicate(out)
    summary(out)


if __name__ == "__main__":
    main()
