"""Optional OCR for scans and photos of documents (`pip install "kladoc[ocr]"`).

The engine is RapidOCR on ONNX Runtime (`rapidocr-onnxruntime`): pip-only on Windows, Linux
and macOS, with its detection and recognition models inside the wheel, so nothing is
downloaded at run time. It is imported lazily and built once per process (each inspection
worker has its own), single-threaded because the worker pool already uses every core.

What the rest of kladoc sees is plain text, read line by line in reading order, which the
classifier treats exactly like a PDF's text layer. RapidOCR's recogniser often drops the
spaces between words ("KEPUTUSANWALIKOTA", "NOMOR188.45/12"), so :func:`normalise_text`
puts back the ones classification depends on."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from kladoc.models import FileFacts

ENGINE_MODULE = "rapidocr_onnxruntime"
ENGINE_PACKAGE = "rapidocr-onnxruntime"
INSTALL_HINT = 'pip install "kladoc[ocr]"'

READ_MAX_SIDE = 2000  # px; RapidOCR itself shrinks anything larger, so render no larger
READ_DPI = 200  # scans are rendered at this resolution unless the cap above is smaller
PROBE_MAX_SIDE = 960  # px; the cheap "is this a document?" pass
MIN_DOC_LINES = 8  # text boxes a page of a document has at the least
MIN_DOC_AREA = 0.04  # share of the image covered by text boxes
MIN_SCORE = 0.5
# workers `check --ocr` starts unless --jobs says otherwise: each peaks at ~0.6-1 GB RSS
MAX_DEFAULT_JOBS = 2


@dataclass(frozen=True)
class Line:
    """One recognised text line; box in pixels of the image it was read from."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    score: float


def available() -> bool:
    """True where the OCR extra is installed (without importing the heavy engine)."""
    try:
        return importlib.util.find_spec(ENGINE_MODULE) is not None
    except (ImportError, ValueError):
        return False


def engine_version() -> str:
    """Part of the inspection cache key: a new engine may read differently."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{ENGINE_PACKAGE} {version(ENGINE_PACKAGE)}"
    except PackageNotFoundError:
        return ENGINE_PACKAGE


def cache_key(enabled: bool) -> str:
    """What the cache stores per entry: facts read with and without OCR never mix."""
    return f"ocr:{engine_version()}" if enabled else ""


_custom_engine: Any = None


def use_engine(engine: Any) -> None:
    """Replace the engine in this process (the bench measures another one side by side).
    It is called like RapidOCR: ``engine(rgb_array, use_det=, use_cls=, use_rec=)`` returns
    ``(result, elapsed)`` where result is a list of ``[quad, text, score]`` (det only:
    quads). ``None`` restores RapidOCR."""
    global _custom_engine
    _custom_engine = engine


def _engine() -> Any:
    return _custom_engine if _custom_engine is not None else _rapidocr()


@lru_cache(maxsize=1)
def _rapidocr() -> Any:
    import logging

    from rapidocr_onnxruntime import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


def _array(image: Image.Image) -> Any:
    import numpy as np

    return np.asarray(image.convert("RGB"))


def _shrunk(image: Image.Image, max_side: int) -> Image.Image:
    scale = max_side / max(image.size)
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.BILINEAR)


def _quad_bounds(quad: Any) -> tuple[float, float, float, float]:
    xs = [float(p[0]) for p in quad]
    ys = [float(p[1]) for p in quad]
    return min(xs), min(ys), max(xs), max(ys)


def looks_like_document(image: Image.Image) -> bool:
    """A cheap test on a downscaled copy: the text detector alone (no recognition) must find
    many text lines covering a fair share of the picture. A photo of an activity has a
    banner or a T-shirt slogan at most; a page of a letter or decree has dozens of lines."""
    small = _shrunk(image, PROBE_MAX_SIDE)
    result, _ = _engine()(_array(small), use_det=True, use_cls=False, use_rec=False)
    boxes = result or []
    if len(boxes) < MIN_DOC_LINES:
        return False
    area = 0.0
    for quad in boxes:
        left, top, right, bottom = _quad_bounds(quad)
        area += max(0.0, right - left) * max(0.0, bottom - top)
    return area / (small.width * small.height) >= MIN_DOC_AREA


def read_lines(image: Image.Image) -> list[Line]:
    """Every text line the engine recognises, in the engine's reading order."""
    image = _shrunk(image, READ_MAX_SIDE)
    result, _ = _engine()(_array(image))
    lines = []
    for quad, text, score in result or []:
        if float(score) < MIN_SCORE or not str(text).strip():
            continue
        left, top, right, bottom = _quad_bounds(quad)
        lines.append(Line(str(text).strip(), left, top, right, bottom, float(score)))
    return lines


def lines_to_text(lines: list[Line]) -> str:
    """Boxes on the same row joined with a space, rows top to bottom, then normalised."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.top + ln.bottom) / 2):
        mid = (line.top + line.bottom) / 2
        if rows:
            last = rows[-1][0]
            half = max(1.0, (last.bottom - last.top) / 2)
            if abs(mid - (last.top + last.bottom) / 2) <= half:
                rows[-1].append(line)
                continue
        rows.append([line])
    text = "\n".join(
        " ".join(ln.text for ln in sorted(row, key=lambda ln: ln.left)) for row in rows
    )
    return normalise_text(text)


def read_text(image: Image.Image) -> str:
    """The text of a picture of a page, ready for the classifier."""
    return lines_to_text(read_lines(image))


# -- putting back the spaces ---------------------------------------------------------------

# Words whose presence as separate words classification or year detection depends on: the
# evidence-type keywords of the built-in checklists and the fixed phrases of Indonesian
# official documents. Only glued tokens are split, and only where these words cover most of
# the token, so an ordinary long word stays whole.
_WORDS = """
    surat keputusan peraturan instruksi edaran bupati walikota wali kota kabupaten provinsi
    pemerintah daerah desa kepala dinas sekretariat sekretaris badan kantor camat kecamatan
    kelurahan nomor tahun tentang menimbang mengingat memperhatikan memutuskan menetapkan
    ditetapkan pada tanggal diundangkan dengan rahmat tuhan yang maha esa
    perda perbup perwal perdes qanun lembaran berita susunan keanggotaan pengurus kepbup kepwal
    anggaran belanja pelaksanaan dokumen rencana kerja realisasi pagu apbd apbdes
    aksi rpjmd rkpd renstra renja profil anak layak kerangka acuan
    data rekap rekapitulasi tabel jumlah persentase capaian cakupan terpilah
    matriks kemitraan program kegiatan peran foto dokumentasi
    notulen notula notulensi daftar hadir absensi presensi undangan acara rapat koordinasi
    rakor musrenbang sertifikat piagam sertifikasi akreditasi penghargaan telah mengikuti
    nota kesepahaman perjanjian sama kerjasama kesepakatan bersama naskah
    standar operasional prosedur pelayanan mekanisme alur layanan rujukan pengaduan juknis
    petunjuk teknis pedoman monitoring evaluasi pemantauan laporan tahunan hasil pengawasan
    pendampingan leaflet brosur poster spanduk baliho sosialisasi kampanye inovasi
    januari februari maret april mei juni juli agustus september oktober november nopember
    desember tim gugus tugas forum pembentukan perlindungan pemenuhan hak
    undang presiden menteri sebagaimana diubah
"""
_VOCABULARY = frozenset(_WORDS.split())
_SPLIT_MIN_TOKEN = 8
_ALPHA_RUN = re.compile(r"[A-Za-z]+")
# "NOMOR188", "12Maret2019", "dari1"; not codes such as "DP3A" or "21a"
_LETTER_DIGIT = re.compile(r"(?<![A-Za-z])([A-Za-z]{4,})(?=\d)")
_DIGIT_LETTER = re.compile(r"(?<=\d)(?=[A-Za-z]{3})")
# the recogniser's usual slip in the one word the number hangs on: "NOM0R", "N0MOR"
_NOMOR = re.compile(r"\bN[O0]M[O0]R(?=\b|\d)", re.I)
_BY_LENGTH = sorted(_VOCABULARY, key=len, reverse=True)


def _segment(token: str) -> str:
    """Split a glued token into vocabulary words where they cover most of it."""
    low = token.lower()
    n = len(low)
    # best[i] = (unknown characters, pieces, split points) for low[:i]
    best: list[tuple[int, int, tuple[int, ...]] | None] = [None] * (n + 1)
    best[0] = (0, 0, ())
    for i in range(n):
        cur = best[i]
        if cur is None:
            continue
        unknown, pieces, cuts = cur
        # one unknown character, extending the current unknown run
        cand = (unknown + 1, pieces, cuts)
        if best[i + 1] is None or cand < best[i + 1]:  # type: ignore[operator]
            best[i + 1] = cand
        for word in _BY_LENGTH:
            if low.startswith(word, i):
                j = i + len(word)
                cand = (unknown, pieces + 1, (*cuts, i, j))
                if best[j] is None or cand < best[j]:  # type: ignore[operator]
                    best[j] = cand
    final = best[n]
    if final is None:
        return token
    unknown, pieces, cuts = final
    if pieces == 0 or unknown * 2 > n:
        return token
    points = sorted({c for c in cuts if 0 < c < n})
    if not points:
        return token
    parts = [token[a:b] for a, b in zip((0, *points), (*points, n), strict=True)]
    return " ".join(parts)


def normalise_text(text: str) -> str:
    """Spaces between letters and digits, and between glued vocabulary words."""
    text = _NOMOR.sub(lambda m: m.group(0).replace("0", "O"), text)
    text = _LETTER_DIGIT.sub(r"\1 ", text)
    text = _DIGIT_LETTER.sub(" ", text)
    return _ALPHA_RUN.sub(
        lambda m: _segment(m.group(0)) if len(m.group(0)) >= _SPLIT_MIN_TOKEN else m.group(0),
        text,
    )


# -- inspection hooks ------------------------------------------------------------------------


def render_pages(path: Path, indices: list[int], dpi: int = READ_DPI) -> list[Image.Image]:
    """Pages of a PDF as pictures, longest side capped at :data:`READ_MAX_SIDE`, drawn in
    the page's own (unrotated) coordinates so boxes map straight back onto it."""
    import pypdfium2 as pdfium

    images = []
    doc = pdfium.PdfDocument(path)
    try:
        for index in indices:
            page = doc[index]
            try:
                w, h = page.get_size()
                scale = min(dpi / 72, READ_MAX_SIDE / max(w, h, 1))
                rotation = (360 - page.get_rotation()) % 360
                images.append(page.render(scale=scale, rotation=rotation).to_pil().convert("L"))
            finally:
                page.close()
    finally:
        doc.close()
    return images


def ocr_pdf(path: Path, facts: FileFacts) -> None:
    """A PDF without a text layer: read its first page and its last page (signatures,
    "Ditetapkan di ... pada tanggal ...")."""
    pages = facts.pages or 0
    if pages <= 0:
        return
    indices = [0] if pages == 1 else [0, pages - 1]
    texts = [read_text(img) for img in render_pages(path, indices)]
    text = "\n".join(t for t in texts if t).strip()
    if text:
        facts.set_text(text)
        facts.ocr = True


def open_upright(path: Path, max_side: int = READ_MAX_SIDE) -> Image.Image:
    """The photo as a viewer shows it (EXIF rotation applied), at most `max_side` wide."""
    with Image.open(path) as img:
        if img.format == "JPEG":
            img.draft("RGB", (max_side, max_side))
        upright = ImageOps.exif_transpose(img)
        upright = upright.convert("RGB")
    return _shrunk(upright, max_side)


def ocr_image(path: Path, facts: FileFacts) -> None:
    """A photo: read it only where it looks like a document."""
    image = open_upright(path)
    if not looks_like_document(image):
        return
    text = read_text(image)
    if text:
        facts.set_text(text)
        facts.ocr = True


def apply_ocr(path: Path, facts: FileFacts) -> None:
    """The inspection hook: OCR where the file has no text of its own. Never raises for a
    bad file (the caller's guard records it)."""
    if facts.status != "ok" or facts.has_text:
        return
    if facts.kind == "pdf":
        ocr_pdf(path, facts)
    elif facts.kind == "image":
        ocr_image(path, facts)
