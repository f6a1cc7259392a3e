"""Turn every evidence file into PDF pages the merge can take.

PDFs are used as they are (or a downsampled copy under --compact). Photos go through
img2pdf (lossless for JPEG; EXIF orientation honoured) onto an A4 page whose caption was
drawn by reportlab. Files that cannot be shown get a notice page naming the remedy.
Everything is written into the build's work folder; evidence files are only read."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pikepdf
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from kladoc.build.convcache import ConversionCache
from kladoc.build.docx_media import eight_bit
from kladoc.build.marks import Marks, recorder
from kladoc.build.plan import Doc
from kladoc.build.salvage import check_open, salvage
from kladoc.build.style import (
    ACCENT,
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    human_size,
    register_fonts,
)
from kladoc.errors import short_error
from kladoc.i18n import t
from kladoc.inspect.pdf import open_pdf

COMPACT_DPI = 150
IMAGE_CHUNK = 80  # images composed per intermediate PDF: bounds open files and memory
FLIPPED = {2, 4, 5, 7}  # EXIF orientations img2pdf does not handle (mirrored)
PHOTO_MARGIN = 14 * mm
CAPTION_H = 20 * mm
STAMP_ZONE = 10 * mm


@dataclass
class ConvertContext:
    work: Path
    compact: bool = False
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    opd_short: Callable[[str | None], str] = lambda i: i or "-"
    type_title: Callable[[str | None], str] = lambda i: i or "-"
    progress: Callable[[int], None] | None = None
    ocr: bool = False  # give scanned pages an invisible text layer (kladoc.build.ocr_layer)
    # conversions kept across builds (ConversionCache(None): none)
    cache: ConversionCache = field(default_factory=ConversionCache.default)
    _seq: int = 0

    def path(self, stem: str, suffix: str = ".pdf") -> Path:
        self._seq += 1
        return self.work / f"{stem}-{self._seq:05d}{suffix}"

    def tick(self, n: int = 1) -> None:
        if self.progress is not None:
            self.progress(n)


# -- fingerprints -----------------------------------------------------------------------


def _inherited(obj: pikepdf.Object, key: str) -> Any:
    seen = 0
    node: Any = obj
    while node is not None and seen < 64:
        if key in node:
            return node[key]
        node = node.get("/Parent")
        seen += 1
    return None


def signature(page: pikepdf.Page) -> tuple[object, ...]:
    """What the first page of a document looks like, independent of how qpdf re-encodes
    it: rotation, media box and a hash of the decoded content."""
    rot = _inherited(page.obj, "/Rotate")
    box = _inherited(page.obj, "/MediaBox")
    try:
        box_t = tuple(round(float(v), 2) for v in box) if box is not None else ()
    except (TypeError, ValueError):
        box_t = ()
    digest = hashlib.sha1()
    contents = page.obj.get("/Contents")
    try:
        items = (
            list(contents)
            if isinstance(contents, pikepdf.Array)
            else ([contents] if contents is not None else [])
        )
        for item in items:
            digest.update(item.read_bytes())
    except (pikepdf.PdfError, AttributeError, TypeError, ValueError):
        digest.update(b"?")
    return (int(rot or 0) % 360, box_t, digest.hexdigest()[:16])


def read_pdf(doc: Doc, path: Path) -> None:
    """Count pages and fingerprint the first one; the counts come from the file itself,
    never from a cache."""
    with pikepdf.open(path) as pdf:
        read_open_pdf(doc, pdf)


def read_open_pdf(doc: Doc, pdf: pikepdf.Pdf) -> None:
    n = len(pdf.pages)
    if n == 0:
        raise ValueError("0 pages")
    doc.pages = n
    doc.signature = signature(pdf.pages[0])


def unlocked_copy(source: Path, target: Path) -> Path:
    """A PDF whose password guards only its embedded files, saved without them: the pages
    need no password, and the attachments cannot be decrypted anyway."""
    pdf, _ = open_pdf(source)
    with pdf:
        names = pdf.Root.get("/Names")
        if isinstance(names, pikepdf.Dictionary) and "/EmbeddedFiles" in names:
            del names["/EmbeddedFiles"]
        for page in pdf.pages:
            annots = page.obj.get("/Annots")
            if isinstance(annots, pikepdf.Array):
                kept = [a for a in annots if not _is_file_attachment(a)]
                page.obj.Annots = pikepdf.Array(kept)
        pdf.save(target, encryption=False)
    return target


def _is_file_attachment(annot: object) -> bool:
    return isinstance(annot, pikepdf.Dictionary) and annot.get("/Subtype") == "/FileAttachment"


class DamagedError(ValueError):
    """A PDF whose damaged content could not be salvaged."""


def prepare_pdf(doc: Doc, ctx: ConvertContext) -> None:
    doc.kind, doc.pdf, doc.first = "pdf", doc.source, 1
    if doc.evidence.facts.attachments_encrypted:
        # qpdf asks for the password protecting only the attachments: merge a copy
        # without them (and without encryption) instead.
        doc.pdf = unlocked_copy(doc.source, ctx.path("unlocked"))
    checked = doc.pdf
    # qpdf's checks passed on these bytes before: a mark says so, among the build's marks
    # (build/marks.py: a few files for thousands of PDFs) or, outside a build that keeps
    # them, as an empty marker file in the cache
    marks = recorder()
    keys: Marks | ConversionCache = marks if marks is not None else ctx.cache
    key = (
        None
        if checked != doc.source
        else keys.key("pdf-check", doc.evidence.facts.sha256, "salvage-1")
    )
    known = marks.has(key) if marks is not None else ctx.cache.has(key, ".ok")
    with pikepdf.open(checked) as pdf:  # one open for the count, the fingerprint, the checks
        read_open_pdf(doc, pdf)
        problems = [] if known else check_open(pdf)
    doc.size = doc.evidence.facts.size or doc.source.stat().st_size
    if not known and not problems:
        if marks is not None:
            marks.add([key])
        else:
            ctx.cache.store(key, None, ".ok")
    if problems:
        # checked on its own so one damaged file cannot fail the merged dossier
        target = ctx.path("salvaged")
        left = salvage(checked, target, problems)
        if left:
            raise DamagedError(t("build.placeholder.damaged", detail=_qpdf_line(left[0], target)))
        doc.pdf = target
        read_pdf(doc, target)
        ctx.warnings.append(
            (
                "build.warn.salvaged",
                {"path": doc.evidence.path, "detail": _qpdf_line(problems[0], checked)},
            )
        )
    if ctx.compact:
        from kladoc.build.compact import compact_pdf

        target = ctx.path("compact")
        if compact_pdf(doc.pdf, target, COMPACT_DPI):
            doc.pdf = target
            doc.size = target.stat().st_size
            read_pdf(doc, target)
    if ctx.ocr and not doc.evidence.facts.has_text:
        from kladoc.build.ocr_layer import add_text_layer

        target = ctx.path("ocr")
        if add_text_layer(doc.pdf or doc.source, target):
            doc.pdf = target
            doc.size = target.stat().st_size
            read_pdf(doc, target)


# -- placeholders -----------------------------------------------------------------------


def render_placeholders(docs: list[Doc], ctx: ConvertContext) -> None:
    if not docs:
        return
    register_fonts()
    path = ctx.path("notices")
    c = Canvas(str(path), pagesize=A4, invariant=1)
    w, h = A4
    for i, doc in enumerate(docs, start=1):
        _placeholder_page(c, doc, w, h)
        c.showPage()
        doc.kind, doc.pdf, doc.first, doc.pages = "placeholder", path, i, 1
        doc.size = 6_000
        ctx.tick()
    c.save()
    with pikepdf.open(path) as pdf:
        for doc in docs:
            doc.signature = signature(pdf.pages[doc.first - 1])


def _placeholder_page(c: Canvas, doc: Doc, w: float, h: float) -> None:
    ev = doc.evidence
    x0, top = 28 * mm, h - 40 * mm
    box_w = w - 56 * mm
    c.setFillColorRGB(0.99, 0.96, 0.95)
    c.setStrokeColorRGB(0.78, 0.16, 0.16)
    c.setLineWidth(1.2)
    rows = [
        (t("build.placeholder.file"), ev.path),
        (t("build.placeholder.opd"), doc.evidence.opd_folder),
        (
            t("build.placeholder.indicator"),
            f"{ev.indicator} · " + t("build.stamp.doc", number=doc.number),
        ),
        (t("build.placeholder.size"), human_size(ev.facts.size)),
        (
            "SHA-256",
            " ".join(ev.facts.sha256[i : i + 32] for i in range(0, 64, 32))
            if ev.facts.sha256
            else "-",
        ),
        (t("build.placeholder.problem"), doc.reason),
        (t("build.placeholder.remedy"), doc.remedy),
    ]
    label_w = 40 * mm
    value_w = box_w - label_w - 16 * mm
    laid = [(label, simpleSplit(str(value), FONT, 9.5, value_w) or ["-"]) for label, value in rows]
    intro = simpleSplit(t("build.placeholder.intro"), FONT, 9.5, box_w - 16 * mm)
    height = 30 * mm + len(intro) * 12.5 + sum(len(v) * 12.5 + 7 for _, v in laid)
    c.roundRect(x0, top - height, box_w, height, 3 * mm, stroke=1, fill=1)
    y = top - 14 * mm
    c.setFillColorRGB(0.78, 0.16, 0.16)
    c.setFont(FONT_BOLD, 14)
    c.drawString(x0 + 8 * mm, y, t("build.placeholder.title"))
    y -= 9 * mm
    c.setFillColor(INK)
    c.setFont(FONT, 9.5)
    for line in intro:
        c.drawString(x0 + 8 * mm, y, line)
        y -= 12.5
    y -= 4 * mm
    for label, lines in laid:
        c.setFont(FONT_BOLD, 9)
        c.setFillColor(MUTED)
        c.drawString(x0 + 8 * mm, y, label)
        c.setFont(FONT_BOLD if label == t("build.placeholder.remedy") else FONT, 9.5)
        c.setFillColor(INK)
        for line in lines:
            c.drawString(x0 + 8 * mm + label_w, y, line)
            y -= 12.5
        y -= 7


# -- photos -----------------------------------------------------------------------------


@dataclass
class _Photo:
    doc: Doc
    pdf: Path  # img2pdf output (one page, maybe /Rotate)
    landscape: bool


def _displayed_size(path: Path, orientation: int | None) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as img:
        w, h = img.size
    return (h, w) if (orientation or 1) in (5, 6, 7, 8) else (w, h)


@contextlib.contextmanager
def _truncated_images(allowed: bool) -> Iterator[None]:
    from PIL import ImageFile

    saved = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = allowed
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = saved


MAX_JPEG_SCAN = 64 << 20  # bytes of a JPEG read to check its restart markers


def damaged_jpeg(path: Path, decoded: bool = False) -> bool:
    """A JPEG whose entropy-coded data is cut short or broken: Pillow (libjpeg) fills in
    what it cannot read, but the viewer's decoder (pdfium, on the img2pdf page that passes
    JPEG data through) gives up and paints the rest black, so such a file is re-encoded.
    Two cheap tests: a strict decode at 1/8 scale (data that ends early), and a byte scan
    of a baseline scan's restart markers (one missing or out of order: damaged data).
    `decoded`: the check already decoded these bytes strictly (at 1/8 scale:
    kladoc.inspect.image) and they were whole, so only the byte scan is left to do."""
    if decoded:
        return broken_restarts(_jpeg_head(path))
    from PIL import Image

    with Image.open(path) as img:
        if img.format != "JPEG":
            return False
        img.draft(img.mode, (max(1, img.width // 8), max(1, img.height // 8)))
        with _truncated_images(False):
            try:
                img.load()
            except (OSError, SyntaxError, ValueError):
                return True
    return broken_restarts(_jpeg_head(path))


def _jpeg_head(path: Path) -> bytes:
    """Up to MAX_JPEG_SCAN bytes of the file; read(n) would first allocate all n."""
    with path.open("rb") as fh:
        return fh.read(min(os.fstat(fh.fileno()).st_size, MAX_JPEG_SCAN))


def broken_restarts(data: bytes) -> bool:
    """True if the one scan of a baseline JPEG with a restart interval has its restart
    markers (RST0..RST7, cycling) missing, out of order or short of the count its size
    implies. Other JPEGs (progressive, several scans, no restart interval): False."""
    i, interval, mcus, scans = 2, 0, 0, 0
    if not data.startswith(b"\xff\xd8"):
        return False
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return False  # not a marker where one must be: leave it to the decoder
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        seg = data[i + 4 : i + 2 + length]
        if marker in (0xC2, 0xC3, 0xC6, 0xC7, 0xCA, 0xCB, 0xCE, 0xCF):
            return False  # progressive or lossless: several scans, not judged here
        if marker in (0xC0, 0xC1) and len(seg) >= 6:
            h, w, n = int.from_bytes(seg[1:3], "big"), int.from_bytes(seg[3:5], "big"), seg[5]
            comps = [seg[6 + 3 * k + 1] for k in range(n) if 6 + 3 * k + 1 < len(seg)]
            hmax = max((c >> 4 for c in comps), default=1) or 1
            vmax = max((c & 15 for c in comps), default=1) or 1
            if n == 1:
                hmax = vmax = 1
            mcus = -(-w // (8 * hmax)) * -(-h // (8 * vmax))
        elif marker == 0xDD and len(seg) >= 2:
            interval = int.from_bytes(seg[0:2], "big")
        elif marker == 0xDA:
            scans += 1
            if scans > 1 or not interval or not mcus or (len(seg) and seg[0] != len(comps)):
                return False
            return _restarts_short(data, i + 2 + length, -(-mcus // interval) - 1)
        i += 2 + length
    return False


def _restarts_short(data: bytes, start: int, expected: int) -> bool:
    """Scan entropy-coded data from `start`: restart markers must come in order until
    the image's end, `expected` of them in all."""
    seen = 0
    i = data.find(b"\xff", start)
    while i != -1 and i + 1 < len(data):
        nxt = data[i + 1]
        if 0xD0 <= nxt <= 0xD7:
            if nxt - 0xD0 != seen % 8:
                return True
            seen += 1
        elif nxt == 0xD9:
            return seen < expected
        elif nxt not in (0x00, 0xFF):
            return True  # another marker inside the scan
        i = data.find(b"\xff", i + 2)
    return seen < expected


def _reencode(src: Path, dst: Path, box: tuple[int, int] | None) -> None:
    """Pillow path: upright pixels (all EXIF orientations), optional downsampling; what a
    damaged file still holds is kept."""
    from PIL import Image, ImageOps

    with Image.open(src) as img, _truncated_images(True):
        img.seek(0)
        im = eight_bit(ImageOps.exif_transpose(img) or img)
        if im.mode in ("RGBA", "LA", "P"):
            rgba = im.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            im = flat
        elif im.mode not in ("RGB", "L"):
            im = im.convert("RGB")
        if box is not None:
            im.thumbnail(box, Image.Resampling.LANCZOS)
        if im.mode == "1":  # bilevel scans (fax TIFFs) stay sharp and small as PNG
            im.save(dst, "PNG", optimize=True)
            return
        im.save(dst, "JPEG", quality=78 if box else 90, optimize=True, dpi=(COMPACT_DPI,) * 2)


def _fax_orientation(path: Path) -> int | None:
    """The TIFF orientation of a CCITT-compressed (fax) TIFF, None for other images.
    img2pdf passes fax data through and gets rotated ones wrong (width and height
    swapped, an empty page), so those are re-encoded from Pillow's upright pixels."""
    from PIL import Image

    with Image.open(path) as img:
        if not str(img.info.get("compression", "")).startswith("group"):
            return None
        return int(img.getexif().get(0x0112, 1) or 1)


def _img2pdf(src: Path, dst: Path, rotate: bool) -> None:
    import img2pdf
    from PIL import Image

    with Image.open(src) as probe:
        smallest = max(1, min(probe.size))
    # qpdf and PDF viewers need pages of at least 3 pt: a tiny image gets a lower
    # resolution (its smallest side at least 24 pt); the overlay then scales it to the box
    dpi = min(300.0, 72.0 * smallest / 24)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = img2pdf.convert(
            str(src),
            rotation=img2pdf.Rotation.ifvalid if rotate else img2pdf.Rotation.none,
            layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)),
        )
    dst.write_bytes(data)


def _photo_box(landscape_page: bool) -> tuple[int, int]:
    pw, ph = landscape(A4) if landscape_page else A4
    w_in = (pw - 2 * PHOTO_MARGIN) / 72
    h_in = (ph - PHOTO_MARGIN - CAPTION_H - STAMP_ZONE) / 72
    return round(w_in * COMPACT_DPI), round(h_in * COMPACT_DPI)


def convert_photo(doc: Doc, ctx: ConvertContext) -> _Photo:
    facts = doc.evidence.facts
    orientation = facts.orientation or 1
    fax = _fax_orientation(doc.source) if doc.source.suffix.lower() in (".tif", ".tiff") else None
    # Pillow's libtiff decoder already turns fax pixels upright (and reports that size)
    dw, dh = _displayed_size(doc.source, 1 if fax is not None else orientation)
    land = dw > dh
    out = ctx.path("photo")
    # the picture's page depends only on its bytes and these settings: made once
    ocr = bool(ctx.ocr and facts.ocr)
    key = ctx.cache.key("photo", facts.sha256, ctx.compact, ocr, orientation)
    if ctx.cache.fetch(key, out):
        return _Photo(doc, out, land)
    tried_pillow = False
    if ctx.compact or orientation in FLIPPED or (fax is not None and fax != 1):
        jpeg = ctx.path("photo", ".jpg")
        box = _photo_box(land) if ctx.compact else None
        _reencode(doc.source, jpeg, box)
        tried_pillow = True
        use_original = (
            ctx.compact
            and orientation not in FLIPPED
            and (jpeg.stat().st_size >= doc.source.stat().st_size)
        )
        if use_original:
            _img2pdf(doc.source, out, rotate=True)
        else:
            _img2pdf(jpeg, out, rotate=False)
    elif damaged_jpeg(doc.source, decoded=facts.status == "ok"):  # re-encode what Pillow reads
        tried_pillow = True
    else:
        try:
            _img2pdf(doc.source, out, rotate=True)
        except Exception:  # img2pdf refuses some encodings (16-bit, odd TIFFs): re-encode
            tried_pillow = True
    if tried_pillow and not out.exists():
        jpeg = ctx.path("photo", ".jpg")
        _reencode(doc.source, jpeg, None)
        _img2pdf(jpeg, out, rotate=False)
    if ocr:  # the check read it as a photo of a document
        from kladoc.build.ocr_layer import add_text_layer

        searchable = ctx.path("photo-ocr")
        if not add_text_layer(out, searchable):
            return _Photo(doc, out, land)  # no text layer now (no OCR engine?): not kept
        out = searchable
    ctx.cache.store(key, out)
    return _Photo(doc, out, land)


def _caption(c: Canvas, doc: Doc, ctx: ConvertContext, pw: float) -> None:
    ev = doc.evidence
    y = STAMP_ZONE + CAPTION_H - 7 * mm
    c.setStrokeColor(ACCENT)
    c.setLineWidth(0.8)
    c.line(
        PHOTO_MARGIN,
        STAMP_ZONE + CAPTION_H - 2.5 * mm,
        pw - PHOTO_MARGIN,
        STAMP_ZONE + CAPTION_H - 2.5 * mm,
    )
    room = pw - 2 * PHOTO_MARGIN
    c.setFillColor(INK)
    c.setFont(FONT_BOLD, 9.5)
    name = f"{doc.number}  {ev.name}"
    c.drawString(PHOTO_MARGIN, y, _fit(c, name, FONT_BOLD, 9.5, room))
    meta = [ctx.opd_short(ev.opd) if ev.opd else ev.opd_folder]
    if ev.type:
        meta.append(ctx.type_title(ev.type).split(" (", 1)[0])
    if ev.year:
        meta.append(str(ev.year))
    meta.append(str(PurePosixPath(ev.path).parent))
    c.setFont(FONT, 8)
    c.setFillColor(MUTED)
    c.drawString(PHOTO_MARGIN, y - 11, _fit(c, " · ".join(meta), FONT, 8, room))
    if ev.note:
        c.setFillColor(INK)
        c.drawString(PHOTO_MARGIN, y - 22, _fit(c, ev.note, FONT, 8, room))


def _fit(c: Canvas, text: str, font: str, size: float, room: float) -> str:
    if c.stringWidth(text, font, size) <= room:
        return text
    while text and c.stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…"


def convert_photos(docs: list[Doc], ctx: ConvertContext) -> list[Doc]:
    """Returns the documents that failed (they become notice pages)."""
    failed: list[Doc] = []
    photos: list[_Photo] = []
    for doc in docs:
        try:
            photos.append(convert_photo(doc, ctx))
        except Exception as exc:  # one odd image must not stop the build
            doc.reason = t("build.placeholder.convert_failed", detail=short_error(exc, 160))
            ctx.warnings.append(
                ("build.warn.convert", {"path": doc.evidence.path, "detail": short_error(exc, 160)})
            )
            failed.append(doc)
    for start in range(0, len(photos), IMAGE_CHUNK):
        _compose(photos[start : start + IMAGE_CHUNK], ctx)
    return failed


def _compose(photos: list[_Photo], ctx: ConvertContext) -> None:
    register_fonts()
    captions = ctx.path("captions")
    c = Canvas(str(captions), pagesize=A4, invariant=1)
    for p in photos:
        size = landscape(A4) if p.landscape else A4
        c.setPageSize(size)
        _caption(c, p.doc, ctx, size[0])
        c.showPage()
    c.save()
    out_path = ctx.path("photos")
    opened: list[pikepdf.Pdf] = []
    try:
        with pikepdf.open(captions) as cap, pikepdf.new() as out:
            for i, p in enumerate(photos):
                out.pages.append(cap.pages[i])
                page = out.pages[-1]
                pw, ph = (float(v) for v in page.mediabox[2:4])
                src = pikepdf.open(p.pdf)
                opened.append(src)
                rect = pikepdf.Rectangle(
                    PHOTO_MARGIN, STAMP_ZONE + CAPTION_H, pw - PHOTO_MARGIN, ph - PHOTO_MARGIN
                )
                _overlay(page, src.pages[0], rect, i)
            out.save(out_path)
    finally:
        for src in opened:
            src.close()
    with pikepdf.open(out_path) as pdf:
        for i, p in enumerate(photos):
            doc = p.doc
            doc.kind, doc.pdf, doc.first, doc.pages = "image", out_path, i + 1, 1
            doc.size = p.pdf.stat().st_size + 1_500
            doc.signature = signature(pdf.pages[i])
            ctx.tick()


def _overlay(page: pikepdf.Page, other: pikepdf.Page, rect: pikepdf.Rectangle, n: int) -> None:
    """pikepdf's Page.add_overlay under a resource name of our own (it draws a random
    one, which made every build's bytes differ); one name per photo of a composed file,
    as reportlab's caption pages share one resource dictionary."""
    formx = other.as_form_xobject()
    name = page.add_resource(formx, pikepdf.Name.XObject, pikepdf.Name(f"/KladocPhoto{n}"))
    placement = page.calc_form_xobject_placement(
        formx, name, rect, allow_shrink=True, allow_expand=True
    )
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"Q\n", prepend=False)
    page.contents_add(placement, prepend=False)
    page.contents_coalesce()


def _qpdf_line(problem: str, path: Path) -> str:
    """A qpdf message without its severity and the work file's name."""
    text = problem.split(": ", 1)[-1] if problem.startswith(("WARNING", "ERROR")) else problem
    for name in (str(path), str(path.resolve()), path.name):
        at = text.find(name)
        if at >= 0:
            text = re.sub(r"^\s*(\(offset \d+\))?:?\s*", "", text[at + len(name) :])
            break
    return text[:160]
