"""Synthetic dossier generator for the build benchmark.

Writes a kladoc dossier of text PDFs, scanned (image-only) PDFs and phone photos, spread
over every indicator of the built-in checklist (each file named by one of its indicator's
questions, "1.2a …"), until it holds at least ``pages`` pages.
Deterministic for a given (pages, seed); a stamp file lets repeated runs reuse it.

    python bench/gen_dossier.py OUT_DIR --pages 6000
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from kladoc.checklist import load_checklist
from kladoc.opd import OpdRegistry

# the synthetic-document builders are test support (tests/synth.py), not part of the package
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests import synth

GENERATOR_VERSION = 4  # 4: file names start with a question code
STAMP = ".bench-dossier.json"

# share of documents by kind; PDFs have 2-24 pages, photos one
MIX = (("scan", 0.42), ("text", 0.33), ("photo", 0.25))
TITLES = (
    "SK Gugus Tugas KLA",
    "Laporan Kegiatan Forum Anak",
    "Data Capaian Indikator",
    "Notulen Rapat Koordinasi",
    "Peraturan Wali Kota tentang Perlindungan Anak",
    "Dokumen Pelaksanaan Anggaran",
    "Laporan Monev Semester",
    "Profil Anak Daerah",
    "Matriks Program Lintas OPD",
    "Nota Kesepahaman dengan Dunia Usaha",
)


@dataclass
class DossierStats:
    pages: int = 0
    files: int = 0
    pdfs: int = 0
    scan_pages: int = 0
    text_pages: int = 0
    photos: int = 0
    bytes: int = 0


def _opd_folders(region: str) -> dict[str, str]:
    reg = OpdRegistry.builtin(region=region)
    return {i: o.short for i, o in reg.opds.items()}


def generate(root: Path, pages: int, seed: int = 7) -> DossierStats:
    """Create (or reuse) a dossier at ``root`` with at least ``pages`` pages."""
    root = Path(root)
    stamp = root / STAMP
    want = {"version": GENERATOR_VERSION, "pages": pages, "seed": seed}
    if stamp.is_file():
        data = json.loads(stamp.read_text(encoding="utf-8"))
        if data.get("params") == want:
            return DossierStats(**data["stats"])
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "kladoc.toml").write_text(
        'region = "Kota Contoh"\nkind = "kota"\nyear = 2025\nchecklist = "kla-2024"\n'
        'max_file_mb = 100\nlanguage = "id"\n',
        encoding="utf-8",
    )
    checklist = load_checklist("kla-2024")
    folders = _opd_folders("Kota Contoh")
    rng = random.Random(seed)
    stats = DossierStats()
    n = 0
    while stats.pages < pages:
        ind = checklist.indicators[n % len(checklist.indicators)]
        opd = folders.get(ind.opds[0], "DP3A") if ind.opds else "DP3A"
        folder = root / opd / f"{ind.id} Bukti Indikator {ind.id}"
        # each file names a question of its indicator ("1.2a …"), round-robin
        code = ind.questions[(n // len(checklist.indicators)) % len(ind.questions)].id
        kind = rng.choices([k for k, _ in MIX], [w for _, w in MIX])[0]
        year = rng.choice((2024, 2025))
        title = f"{rng.choice(TITLES)} {n:04d}"
        if kind == "photo":
            path = synth.photo_jpeg(
                folder / f"{code} Foto Kegiatan {n:04d} {year}.jpg",
                seed=n,
                size=(1600, 1200),
                orientation=rng.choice((1, 1, 1, 6)),
                taken=f"{year}:08:17 10:22:01",
            )
            stats.photos += 1
            count = 1
        elif kind == "scan":
            count = rng.randint(2, 24)
            path = synth.scanned_pdf(
                folder / f"{code} Scan {title} {year}.pdf",
                pages=count,
                lines=[title.upper(), "", f"Dokumen nomor {n}", "Isi dokumen hasil pindai."],
                year=year,
                seed=n,
            )
            stats.scan_pages += count
            stats.pdfs += 1
        else:
            count = rng.randint(2, 24)
            path = synth.text_pdf(
                folder / f"{code} {title} {year}.pdf",
                title=title,
                pages=count,
                year=year,
                rotate=90 if n % 23 == 0 else 0,
            )
            stats.text_pages += count
            stats.pdfs += 1
        stats.pages += count
        stats.files += 1
        stats.bytes += path.stat().st_size
        n += 1
    stamp.write_text(json.dumps({"params": want, "stats": asdict(stats)}), encoding="utf-8")
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    stats = generate(args.out, args.pages, args.seed)
    print(json.dumps(asdict(stats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
