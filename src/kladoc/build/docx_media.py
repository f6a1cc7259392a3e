"""Pictures for the Word dossier: downscaled photos, first-page thumbnails of PDFs, and
stand-ins that keep a cluster with hundreds of photos out of memory.

Every picture is written into the build's work folder; evidence files are only read.
python-docx keeps each picture's bytes in memory until it saves, so the document is
rendered with tiny unique stand-in JPEGs and the real files are streamed into the saved
zip afterwards (`StandIns.finish`)."""

from __future__ import annotations

import io
import re
import shutil
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PHOTO_MAX_PX = 1600  # longest side of an embedded photo
PHOTO_QUALITY = 80
THUMB_WIDTH_PX = 400
PROBE_MIN_BYTES = 64 << 10  # 1.5 MB of page content needs a ~23x ratio to fit under this
THUMB_QUALITY = 85
THUMB_BORDER_PX = 2
BORDER_RGB = (185, 196, 207)  # the PDF build's rule colour
EMU_PER_CM = 360_000
_TOKEN = re.compile(rb"kladoc-picture-([0-9a-f]{32})")


@dataclass
class Picture:
    """A prepared JPEG in the work folder and its pixel size."""

    path: Path
    width: int
    height: int

    def fit(self, max_w_cm: float, max_h_cm: float) -> tuple[int, int]:
        """Display size in EMU inside a box, keeping the aspect ratio."""
        scale = min(max_w_cm / self.width, max_h_cm / self.height)
        return (round(self.width * scale * EMU_PER_CM), round(self.height * scale * EMU_PER_CM))


def eight_bit(img: Any) -> Any:
    """16-bit and 32-bit greyscale (I;16*, I, F) scaled to 8-bit "L"; Pillow's own
    conversion clips every value above 255, which turns such images white. Values are
    divided by the smallest power of two above the brightest one (12-bit scans stay
    visible), other modes are returned as they are."""
    import math

    if img.mode not in ("I", "F") and not img.mode.startswith("I;16"):
        return img
    wide = img if img.mode in ("I", "F") else img.convert("I")
    lo, hi = wide.getextrema()
    if lo >= 0 and hi <= 255:
        return wide.convert("L")
    top = 1 << max(8, math.ceil(math.log2(float(hi) + 1)))
    return wide.point(lambda v: v * (255 / (top - 1))).convert("L")


def _rgb(img: Any) -> Any:
    """Any mode to RGB; transparency becomes white paper, not black."""
    from PIL import Image

    if img.mode == "RGB":
        return img
    if img.mode in ("RGBA", "LA", "P", "PA") or "transparency" in img.info:
        rgba = img.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return img.convert("RGB")


def prepare_photo(source: Path, target: Path) -> Picture:
    """Upright (EXIF orientation applied), at most PHOTO_MAX_PX on its longest side, JPEG.

    `draft` lets the JPEG decoder skip to a reduced scale, so a 50-megapixel photo never
    exists in memory at full size."""
    from PIL import Image, ImageOps

    with Image.open(source) as img:
        # draft scales by whole factors while both sides stay at least the requested
        # size, so ask for the final size, not a square box
        w, h = img.size
        factor = min(1.0, PHOTO_MAX_PX / max(w, h, 1))
        img.draft("RGB", (max(1, int(w * factor)), max(1, int(h * factor))))
        upright = ImageOps.exif_transpose(img)
        try:
            upright.thumbnail((PHOTO_MAX_PX, PHOTO_MAX_PX))
            out = _rgb(eight_bit(upright))
            out.save(target, "JPEG", quality=PHOTO_QUALITY, optimize=False)
            return Picture(target, out.width, out.height)
        finally:
            if upright is not img:
                upright.close()


def render_thumbnail(source: Path, target: Path) -> Picture:
    """Page 1 of a PDF at about THUMB_WIDTH_PX wide, with a thin frame so white pages
    stand out from white paper. PDFium applies the page's own rotation."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageOps

    heavy = _too_complex(source)
    if heavy is not None:
        # PDFium would load the whole page into memory: a plain page-shaped card instead
        w, h = heavy
        size = (THUMB_WIDTH_PX, max(1, min(4000, round(THUMB_WIDTH_PX * h / max(w, 1.0)))))
        card = Image.new("RGB", size, (246, 247, 249))
        framed = ImageOps.expand(card, border=THUMB_BORDER_PX, fill=BORDER_RGB)
        framed.save(target, "JPEG", quality=THUMB_QUALITY)
        return Picture(target, framed.width, framed.height)
    pdf = pdfium.PdfDocument(str(source))
    try:
        page = pdf[0]
        try:
            width, height = page.get_size()  # already as displayed, /Rotate included
            scale = THUMB_WIDTH_PX / max(width, 1.0)
            # an absurd page size must not become an absurd bitmap
            scale = min(scale, 4000 / max(height, 1.0))
            bitmap = page.render(scale=scale)
            try:
                img = bitmap.to_pil()
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        pdf.close()
    framed = ImageOps.expand(_rgb(img), border=THUMB_BORDER_PX, fill=BORDER_RGB)
    framed.save(target, "JPEG", quality=THUMB_QUALITY)
    return Picture(target, framed.width, framed.height)


def _too_complex(source: Path) -> tuple[float, float] | None:
    """The displayed size of page 1 if its content is too large to render in bounded
    memory (see kladoc.pdfcost), else None. Small files cannot hold such a page (content
    streams compress by less than PROBE_MIN_BYTES' ratio), so they are not opened and
    a Word-only build of ordinary PDFs never loads pikepdf."""
    try:
        if source.stat().st_size < PROBE_MIN_BYTES:
            return None
    except OSError:
        return None
    import pikepdf

    from kladoc.pdfcost import MAX_PAGE_CONTENT, page_content

    try:
        with pikepdf.open(source) as pdf:
            page = pdf.pages[0]
            if page_content(page)[0] <= MAX_PAGE_CONTENT:
                return None
            box = page.mediabox
            w, h = abs(float(box[2] - box[0])), abs(float(box[3] - box[1]))
            return (h, w) if int(page.obj.get("/Rotate", 0)) % 180 else (w, h)
    except (pikepdf.PdfError, OSError, ValueError, TypeError, IndexError):
        return None


class StandIns:
    """Tiny unique JPEGs that take the place of the real pictures while rendering."""

    def __init__(self) -> None:
        self.files: dict[str, Path] = {}

    def stand_in(self, real: Path) -> io.BytesIO:
        token = uuid.uuid4().hex
        self.files[token] = real
        from PIL import Image

        buf = io.BytesIO()
        # the token in a JPEG comment keeps python-docx from merging stand-ins
        Image.new("RGB", (1, 1), (255, 255, 255)).save(
            buf, "JPEG", comment=f"kladoc-picture-{token}".encode("ascii")
        )
        buf.seek(0)
        return buf

    def replacements(self, package: Any) -> dict[str, Path]:
        """Zip member name → real file, for every stand-in the rendered document uses."""
        from docx.parts.image import ImagePart

        found: dict[str, Path] = {}
        for part in package.iter_parts():
            if not isinstance(part, ImagePart):
                continue
            m = _TOKEN.search(part.blob)
            if m and m.group(1).decode("ascii") in self.files:
                found[part.partname.lstrip("/")] = self.files[m.group(1).decode("ascii")]
        return found

    @staticmethod
    def finish(saved: Path, target: Path, replacements: dict[str, Path]) -> None:
        """Copy `saved` to `target`, streaming each real picture in place of its stand-in."""
        with zipfile.ZipFile(saved) as zin, zipfile.ZipFile(target, "w") as zout:
            for info in zin.infolist():
                real = replacements.get(info.filename)
                out = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                out.external_attr = info.external_attr
                if real is not None:
                    out.compress_type = zipfile.ZIP_DEFLATED
                    with real.open("rb") as src, zout.open(out, "w") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
                else:
                    out.compress_type = zipfile.ZIP_DEFLATED
                    with zin.open(info) as src, zout.open(out, "w") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
