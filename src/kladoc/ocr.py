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
import io
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from kladoc.heap import M_MMAP_THRESHOLD, glibc
from kladoc.models import FileFacts

ENGINE_MODULE = "rapidocr_onnxruntime"
ENGINE_PACKAGE = "rapidocr-onnxruntime"
INSTALL_HINT = 'pip install "kladoc[ocr]"'

READ_MAX_SIDE = 2000  # px; RapidOCR itself shrinks anything larger, so render no larger
# a JPEG photo may be decoded down to this share of READ_MAX_SIDE (see open_upright)
DRAFT_SHARE = 0.9
READ_DPI = 200  # scans are rendered at this resolution unless the cap above is smaller
# Memory. The detector's activations cost ~110 bytes per input pixel (~300 with glibc's
# default heap, see _bound_heap): a whole 2000 px page made a worker peak at 0.75-1 GB.
# Lines are therefore found on a copy at most DET_MAX_SIDE long, in horizontal strips of
# DET_STRIP rows overlapping by DET_OVERLAP (more than a text line is tall, so every line
# lies whole inside one strip's core), and each line is then recognised alone from the
# full-size picture. The same strips decide whether a photo shows a document (measured on
# the bench's 25 phone photos of documents: 19-25 lines covering 12-36 % of the picture;
# on activity photos: 3 lines, 2 %), and their lines are then read.
DET_MAX_SIDE = 960
DET_STRIP = 128  # rows per strip (a multiple of 32, as the detector wants)
DET_OVERLAP = 64
# The recogniser costs ~500 bytes per pixel of the line scaled to 48 px high: a line across
# a 2000 px page is ~3000 px wide there (+100 MB). Longer lines are read in pieces cut at
# the gaps between words.
REC_HEIGHT = 48
REC_MAX_WIDTH = 800
MIN_DOC_LINES = 8  # text boxes a page of a document has at the least
MIN_DOC_AREA = 0.04  # share of the image covered by text boxes
MIN_SCORE = 0.5
# glibc: blocks from this size up are mapped apart and unmapped when freed (see _bound_heap)
HEAP_MMAP_THRESHOLD = 1 << 20
# workers `check --ocr` starts unless --jobs says otherwise: each holds ~150 MB with the
# engine loaded and peaks at 160-170 MB on a 300 dpi photo or scan (tests/test_ocr.py bounds it)
MAX_DEFAULT_JOBS = 2


Quad = list[tuple[float, float]]


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

    _bound_heap()
    from rapidocr_onnxruntime import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    # det_limit_side_len: never upscale a strip (the default blows a short side up to 736 px)
    return RapidOCR(
        intra_op_num_threads=1,
        inter_op_num_threads=1,
        det_limit_side_len=32,
        rec_batch_num=1,
    )


def _bound_heap() -> None:
    """Every block of at least :data:`HEAP_MMAP_THRESHOLD` gets its own mapping, handed
    back to the system the moment it is freed. glibc otherwise raises that threshold to the
    largest block freed so far (up to 32 MB), after which ONNX Runtime's tensors come from
    the heap, whose free pieces are reused only in part: a detector pass on a 960 px picture
    peaked at ~300 MB instead of the ~135 MB it holds at once, and a worker reading photos
    at 190-220 MB instead of 170-195. A lower threshold saves little more and costs a
    second of page faults per page."""
    libc = glibc()
    if libc is not None:
        libc.mallopt(M_MMAP_THRESHOLD, HEAP_MMAP_THRESHOLD)


def _run(image: Image.Image, **options: bool) -> Any:
    """One engine call. Afterwards the C heap's free pages go back to the system: ONNX
    Runtime (its arena is off) frees each inference's tensors, but glibc keeps the pages,
    so without this a worker's resident memory creeps up by ~50 MB over a few pages."""
    result, _ = _engine()(_array(image), **options)
    libc = glibc()
    if libc is not None:
        libc.malloc_trim(0)
    return result


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
    """A cheap test: the text detector alone (no recognition) must find many text lines
    covering a fair share of the picture. A photo of an activity has a banner or a T-shirt
    slogan at most; a page of a letter or decree has dozens of lines."""
    return is_document(detect_quads(image), image.size)


def is_document(quads: list[Quad], size: tuple[int, int]) -> bool:
    """:func:`looks_like_document` on lines already found in a picture of `size`."""
    if len(quads) < MIN_DOC_LINES:
        return False
    area = 0.0
    for quad in quads:
        left, top, right, bottom = _quad_bounds(quad)
        area += max(0.0, right - left) * max(0.0, bottom - top)
    return area / (size[0] * size[1]) >= MIN_DOC_AREA


def detect_quads(image: Image.Image) -> list[Quad]:
    """Text line outlines (corner points clockwise from top left) in `image`'s pixels, found
    on a copy at most :data:`DET_MAX_SIDE` long, strip by strip (see DET_STRIP)."""
    small = _shrunk(image, DET_MAX_SIDE)
    scale = image.width / small.width
    step = DET_STRIP - DET_OVERLAP
    quads: list[Quad] = []
    top = 0
    while True:
        bottom = min(small.height, top + DET_STRIP)
        strip = small.crop((0, top, small.width, bottom))
        result = _run(strip, use_det=True, use_cls=False, use_rec=False)
        # a line belongs to the strip whose core holds its middle: the first strip's core
        # starts at the top of the page, the last one's ends at the bottom
        core_top = top + (DET_OVERLAP / 2 if top > 0 else 0)
        core_bottom = bottom - (DET_OVERLAP / 2 if bottom < small.height else 0)
        for quad in result or []:
            points = [(float(x), float(y) + top) for x, y in quad]
            mid = sum(y for _, y in points) / len(points)
            if core_top <= mid < core_bottom or (bottom == small.height and mid == bottom):
                quads.append([(x * scale, y * scale) for x, y in points])
        if bottom >= small.height:
            return quads
        top += step


def _crop_line(image: Image.Image, quad: Quad) -> Image.Image:
    """The line's quadrilateral straightened into an upright strip (skew, perspective)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad[:4]
    width = max(
        1,
        round(
            max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, ((x2 - x3) ** 2 + (y2 - y3) ** 2) ** 0.5)
        ),
    )
    height = max(
        1,
        round(
            max(((x3 - x0) ** 2 + (y3 - y0) ** 2) ** 0.5, ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5)
        ),
    )
    # QUAD data: upper left, lower left, lower right, upper right
    return image.transform(
        (width, height),
        Image.Transform.QUAD,
        (x0, y0, x3, y3, x2, y2, x1, y1),
        resample=Image.Resampling.BICUBIC,
    )


def _pieces(crop: Image.Image) -> list[Image.Image]:
    """A straightened line cut where it is widest blank near every REC_MAX_WIDTH (at the
    recogniser's scale), so each piece stays under that width and no word is split."""
    limit = max(1, round(REC_MAX_WIDTH * crop.height / REC_HEIGHT))
    if crop.width <= limit:
        return [crop]
    grey = crop.convert("L")
    # mean ink per column: a gap between words has none
    column_ink = [255 - v for v in grey.resize((crop.width, 1), Image.Resampling.BOX).tobytes()]
    # ink around each column over a third of the line's height: zero only between words,
    # where the gap is wider than the one between letters
    half = max(1, crop.height // 6)
    running = [0]
    for ink in column_ink:
        running.append(running[-1] + ink)
    near = [
        running[min(len(column_ink), x + half + 1)] - running[max(0, x - half)]
        for x in range(crop.width)
    ]
    pieces = []
    start = 0
    while crop.width - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = min(range(lo, hi), key=lambda x: (near[x], -x))
        pieces.append(crop.crop((start, 0, cut, crop.height)))
        start = cut
    pieces.append(crop.crop((start, 0, crop.width, crop.height)))
    return pieces


def read_lines(image: Image.Image, quads: list[Quad] | None = None) -> list[Line]:
    """Every text line the engine recognises, top to bottom, in the pixels of `image` at
    most :data:`READ_MAX_SIDE` long; `quads`, found by :func:`detect_quads` on that same
    picture, spare a second detection. A greyscale page stays grey (a third of the memory of
    RGB): each line is made RGB on its own, as the recogniser wants."""
    image = _shrunk(image, READ_MAX_SIDE)
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    lines = []
    for quad in detect_quads(image) if quads is None else quads:
        crop = _crop_line(image, quad)
        if crop.height >= crop.width * 1.5:  # a vertical line of text, as RapidOCR turns it
            crop = crop.transpose(Image.Transpose.ROTATE_90)
        texts, scores = [], []
        for piece in _pieces(crop):
            result = _run(piece, use_det=False, use_cls=False, use_rec=True)
            if result and str(result[0][0]).strip():
                texts.append(str(result[0][0]).strip())
                scores.append(float(result[0][1]))
        if not texts:
            continue
        text, score = " ".join(texts), min(scores)
        if score < MIN_SCORE:
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
                # drawn grey: a third of the memory of RGB, and what the OCR reads anyway
                bitmap = page.render(scale=scale, rotation=rotation, grayscale=True)
                picture = bitmap.to_pil()
                images.append(picture if picture.mode == "L" else picture.convert("L"))
                del bitmap
            finally:
                page.close()
    finally:
        doc.close()
    return images


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
PAGE_FIT = 0.5  # points: how closely a page's one image must cover its crop box
_IMAGE_OPS = frozenset({"q", "Q", "cm", "Do"})


def _times(m: _Matrix, n: _Matrix) -> _Matrix:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t,
            e * q + f * s + u)  # fmt: skip


def page_jpeg(path: Path, index: int) -> tuple[bytes, float] | None:
    """The JPEG of a page that is nothing but one grey or RGB JPEG filling its crop box
    upright (a flatbed scan, a photo wrapped by img2pdf), as stored in the file, and the
    page's longest side in points; None for any other page. Such a page is read from the
    JPEG itself at a reduced DCT scale instead of being drawn whole by pdfium (which
    decodes the whole JPEG: a photo taken at 300 dpi cost +40 MB)."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            page = pdf.pages[index]
            ctm = _IDENTITY
            saved: list[_Matrix] = []
            drawn: list[tuple[str, _Matrix]] = []
            for instruction in pikepdf.parse_content_stream(page):
                if not isinstance(instruction, pikepdf.ContentStreamInstruction):
                    return None  # an inline image
                operands, op = instruction.operands, str(instruction.operator)
                if op not in _IMAGE_OPS:
                    return None
                if op == "q":
                    saved.append(ctm)
                elif op == "Q":
                    ctm = saved.pop() if saved else _IDENTITY
                elif op == "cm":
                    a, b, c, d, e, f = (float(v) for v in operands)
                    ctm = _times((a, b, c, d, e, f), ctm)
                else:
                    drawn.append((str(operands[0]), ctm))
            if len(drawn) != 1:
                return None
            name, (a, b, c, d, e, f) = drawn[0]
            image = page.resources.XObject[name]
            if (
                image.get("/Subtype") != pikepdf.Name.Image
                or image.get("/Filter") not in (pikepdf.Name.DCTDecode, [pikepdf.Name.DCTDecode])
                or image.get("/ColorSpace") not in (pikepdf.Name.DeviceGray, pikepdf.Name.DeviceRGB)
                or image.get("/BitsPerComponent") != 8
                or any(k in image for k in ("/Decode", "/SMask", "/Mask", "/ImageMask"))
            ):
                return None
            x0, y0, x1, y1 = (float(v) for v in page.cropbox)
            x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
            if abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0:
                return None
            if max(abs(e - x0), abs(f - y0), abs(e + a - x1), abs(f + d - y1)) > PAGE_FIT:
                return None
            return bytes(image.read_raw_bytes()), max(x1 - x0, y1 - y0)
    except Exception:  # anything unusual: pdfium draws the page
        return None


def _draft(img: Image.Image, max_side: int, mode: str) -> None:
    """Have a JPEG decoded straight at the smallest DCT scale (1/2, 1/4, 1/8) that still
    gives at least :data:`DRAFT_SHARE` of `max_side`, in `mode` ("L" from a colour JPEG
    is its luma, decoded without the colour planes)."""
    if img.format != "JPEG":
        return
    scale = min(1.0, max_side / max(img.size) * DRAFT_SHARE)
    img.draft(mode, (math.ceil(img.width * scale), math.ceil(img.height * scale)))


def page_picture(path: Path, index: int) -> Image.Image:
    """One PDF page as :func:`render_pages` draws it (grey, in the page's own unrotated
    coordinates, at most :data:`READ_MAX_SIDE` long), from its JPEG where the page is
    nothing else (:func:`page_jpeg`)."""
    found = page_jpeg(path, index)
    if found is not None:
        data, side = found
        max_side = min(READ_MAX_SIDE, round(side * READ_DPI / 72))
        try:
            with Image.open(io.BytesIO(data)) as img:
                if img.format == "JPEG" and img.mode in ("L", "RGB"):
                    _draft(img, max_side, "L")
                    img.load()
                    picture = _shrunk(img, max_side)
                    return picture if picture.mode == "L" else picture.convert("L")
        except (OSError, ValueError, Image.DecompressionBombError):
            pass  # pdfium may still draw what Pillow cannot decode
    return render_pages(path, [index])[0]


def page_lines(path: Path, index: int) -> tuple[list[Line], tuple[int, int]]:
    """The lines of one PDF page and the size of the picture their boxes are in."""
    image = page_picture(path, index)
    return read_lines(image), image.size


def ocr_pdf(path: Path, facts: FileFacts) -> None:
    """A PDF without a text layer: read its first page and its last page (signatures,
    "Ditetapkan di ... pada tanggal ...")."""
    pages = facts.pages or 0
    if pages <= 0:
        return
    indices = [0] if pages == 1 else [0, pages - 1]
    # one page alive at a time
    texts = [read_text(page_picture(path, index)) for index in indices]
    text = "\n".join(t for t in texts if t).strip()
    if text:
        facts.set_text(text)
        facts.ocr = True


def open_upright(path: Path, max_side: int = READ_MAX_SIDE) -> Image.Image:
    """The photo as a viewer shows it (EXIF rotation applied), grey, at most `max_side`
    long. Memory: a JPEG is decoded straight to grey (its luma: a third of RGB) at a DCT
    scale (1/2, 1/4, 1/8) whenever that gives at least :data:`DRAFT_SHARE` of `max_side`,
    so a 12 MP photo is never held whole; the picture is shrunk before it is turned (the
    turn copies it). Each line is made RGB on its own for the recogniser."""
    with Image.open(path) as img:
        _draft(img, max_side, "L")
        img.load()
        picture = _shrunk(img, max_side)  # keeps img.info, so its EXIF orientation
    ImageOps.exif_transpose(picture, in_place=True)
    return picture if picture.mode == "L" else picture.convert("L")


def ocr_image(path: Path, facts: FileFacts) -> None:
    """A photo: read it only where it looks like a document."""
    image = open_upright(path)
    quads = detect_quads(image)
    if not is_document(quads, image.size):
        return
    text = lines_to_text(read_lines(image, quads))
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
