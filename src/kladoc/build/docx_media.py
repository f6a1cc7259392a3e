"""Pictures for the Word dossier: downscaled photos, first-page thumbnails of PDFs, and
stand-ins that keep a cluster with hundreds of photos out of memory.

Every picture is written into the build's work folder; evidence files are only read.
python-docx would keep each picture's bytes in memory until it saves, so the document is
rendered and saved with empty picture parts and the real files are streamed into the
saved zip afterwards (`StandIns.finish`)."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PHOTO_MAX_PX = 1600  # longest side of an embedded photo
PHOTO_QUALITY = 80
ORIENTATION_TAG = 0x0112
# a photo copied as it is may take this many bytes a pixel (a phone's ~0.1-0.3 at its own
# quality); a heavier one (near-lossless quality) is encoded anew at PHOTO_QUALITY
COPY_MAX_BYTES_PER_PX = 0.5
THUMB_WIDTH_PX = 400
PROBE_MIN_BYTES = 64 << 10  # 1.5 MB of page content needs a ~23x ratio to fit under this
THUMB_QUALITY = 85
THUMB_BORDER_PX = 2
BORDER_RGB = (185, 196, 207)  # the PDF build's rule colour
EMU_PER_CM = 360_000
PICTURE_ZLIB_LEVEL = 1


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
    """Upright (EXIF orientation applied), at most PHOTO_MAX_PX on its longest side, JPEG,
    without the metadata the camera wrote (place, time, device).

    A JPEG that is already all of that but for its metadata (the usual phone photo sent
    on by chat) is copied without its metadata segments (`jpeg_without_metadata`): the
    same pixels, without a decode and a lossy encode. Otherwise `draft` lets the JPEG
    decoder skip to a reduced scale, so a 50-megapixel photo never exists in memory at
    full size, and the result is encoded anew."""
    from PIL import Image, ImageOps

    with Image.open(source) as img:
        w, h = img.size
        if (
            img.format == "JPEG"
            and img.mode in ("RGB", "L")
            and max(w, h) <= PHOTO_MAX_PX
            and img.getexif().get(ORIENTATION_TAG, 1) == 1
        ):
            data = source.read_bytes()
            copy = (
                jpeg_without_metadata(data) if len(data) <= COPY_MAX_BYTES_PER_PX * w * h else None
            )
            if copy is not None:
                target.write_bytes(copy)
                return Picture(target, w, h)
        # draft scales by whole factors while both sides stay at least the requested
        # size, so ask for the final size, not a square box
        factor = min(1.0, PHOTO_MAX_PX / max(w, h, 1))
        img.draft("RGB", (max(1, int(w * factor)), max(1, int(h * factor))))
        # in place: an upright photo (most of them) is not copied
        ImageOps.exif_transpose(img, in_place=True)
        img.thumbnail((PHOTO_MAX_PX, PHOTO_MAX_PX))
        out = _rgb(eight_bit(img))
        out.save(target, "JPEG", quality=PHOTO_QUALITY, optimize=False)
        return Picture(target, out.width, out.height)


# marker segments a copied JPEG keeps: frame and scan headers, tables, restart interval,
# JFIF (APP0) and Adobe (APP14, says how the colours are coded); not EXIF, XMP, IPTC,
# ICC (a re-encoded photo has none either, so both look the same) nor comments
_DROPPED_MARKERS = frozenset(range(0xE1, 0xF0)) - {0xEE} | {0xFE}
# frames Word and every viewer read: baseline, extended and progressive Huffman
_PLAIN_FRAMES = frozenset({0xC0, 0xC1, 0xC2})
_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def jpeg_without_metadata(data: bytes) -> bytes | None:
    """`data` (a JPEG file) without its metadata segments and anything after its end, or
    None if it is not a plain 8-bit Huffman JPEG whose structure reads cleanly (then the
    photo is encoded anew). The coded image is copied byte for byte."""
    n = len(data)
    if not data.startswith(b"\xff\xd8"):
        return None
    out = bytearray(b"\xff\xd8")
    i = 2
    frames = 0
    while True:
        if i + 2 > n or data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte before a marker
            i += 1
            continue
        if marker == 0xD9:  # end of image
            return bytes(out) + b"\xff\xd9" if frames == 1 else None
        if marker == 0x01 or 0xD0 <= marker <= 0xD8 or i + 4 > n:
            return None  # a marker without a segment, out of place
        end = i + 2 + int.from_bytes(data[i + 2 : i + 4], "big")
        if end < i + 4 or end > n:
            return None
        if marker in _FRAMES:
            if marker not in _PLAIN_FRAMES or data[i + 4] != 8:
                return None  # arithmetic, lossless, hierarchical or 12-bit
            frames += 1
        if marker not in _DROPPED_MARKERS:
            out += data[i:end]
        i = end
        if marker == 0xDA:  # entropy-coded data, up to the next marker
            j = i
            while True:
                j = data.find(b"\xff", j)
                if j < 0 or j + 1 >= n:
                    return None
                following = data[j + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    j += 2  # a stuffed 0xFF, or a restart marker: still image data
                elif following == 0xFF:
                    j += 1
                else:
                    break
            out += data[i:j]
            i = j


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


PICTURE_XML = (
    "</w:t></w:r><w:r><w:drawing>"
    '<wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Picture {n}"/>'
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
    '</w:drawing></w:r><w:r><w:t xml:space="preserve">'
)


class StandIns:
    """The document's pictures as empty parts while it is rendered and saved; the real
    files are streamed into the saved zip afterwards (`finish`).

    python-docx would read, hash and keep every picture, look for a free part name and id
    by scanning all the others (quadratic in the pictures of a cluster), and docxtpl's
    InlineImage goes through it: a cluster with a thousand pictures spent most of its
    time there. Here each picture gets its part name and relationship id by counting,
    and its drawing XML from a string (`PICTURE_XML`, the markup python-docx writes);
    docxtpl renumbers the drawing ids after rendering, as for its own pictures."""

    def __init__(self, tpl: Any) -> None:
        self.tpl = tpl
        self.files: dict[str, Path] = {}  # zip member name → real file
        self._parts: dict[Path, Any] = {}  # real file → its (empty) part
        self._rids: dict[tuple[int, Path], str] = {}  # (story part, file) → relationship id
        self._next_rid: dict[int, int] = {}
        self._taken: set[str] | None = None  # part names the template already has
        self.drawings = 0  # pictures placed so far (the drawing's id until docxtpl renumbers)

    def picture(self, real: Path, width: int, height: int) -> InlinePicture:
        """What a template variable holds for a picture `width` x `height` EMU."""
        return InlinePicture(self, real, width, height)

    def _part(self, real: Path) -> Any:
        part = self._parts.get(real)
        if part is None:
            from docx.opc.constants import CONTENT_TYPE
            from docx.opc.packuri import PackURI
            from docx.opc.part import Part

            package = self.tpl.docx.part.package
            if self._taken is None:
                self._taken = {str(p.partname) for p in package.iter_parts()}
            n = len(self._parts) + 1
            while f"/word/media/picture{n}.jpg" in self._taken:
                n += 1
            name = f"/word/media/picture{n}.jpg"
            self._taken.add(name)
            part = Part(PackURI(name), CONTENT_TYPE.JPEG, b"", package)
            self._parts[real] = part
            self.files[name.lstrip("/")] = real
        return part

    def relate(self, real: Path) -> tuple[str, str]:
        """(relationship id, file name) of `real` from the part being rendered."""
        from docx.opc.constants import RELATIONSHIP_TYPE

        story = self.tpl.current_rendering_part
        image = self._part(real)
        key = (id(story), real)
        rid = self._rids.get(key)
        if rid is None:
            n = self._next_rid.get(id(story))
            if n is None:
                numbers = [int(r[3:]) for r in story.rels if r[:3] == "rId" and r[3:].isdigit()]
                n = max(numbers, default=0) + 1
            while f"rId{n}" in story.rels:  # a relationship python-docx added meanwhile
                n += 1
            rid = f"rId{n}"
            story.load_rel(RELATIONSHIP_TYPE.IMAGE, image, rid)
            self._next_rid[id(story)] = n + 1
            self._rids[key] = rid
        return rid, str(image.partname).rsplit("/", 1)[1]

    def replacements(self) -> dict[str, Path]:
        """Zip member name → real file, for every picture the rendered document uses."""
        return dict(self.files)

    @staticmethod
    def finish(saved: Path, target: Path, replacements: dict[str, Path]) -> None:
        """Copy `saved` to `target`, streaming each real picture in place of its empty
        part. Pictures are deflated at the fastest level (JPEG data gains little more at
        the default level, for twice the time)."""
        with zipfile.ZipFile(saved) as zin, zipfile.ZipFile(target, "w") as zout:
            for info in zin.infolist():
                real = replacements.get(info.filename)
                out = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                out.external_attr = info.external_attr
                if real is not None:
                    # one picture is small; the fastest level gets nearly all of the gain
                    zout.writestr(out, real.read_bytes(), zipfile.ZIP_DEFLATED, PICTURE_ZLIB_LEVEL)
                else:
                    out.compress_type = zipfile.ZIP_DEFLATED
                    with zin.open(info) as src, zout.open(out, "w") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)


@dataclass
class InlinePicture:
    """A picture in the template's context: docxtpl's autoescaping asks for its markup
    (`__html__`) where the template places it, in whichever part that is."""

    owner: StandIns
    real: Path
    width: int
    height: int

    def __html__(self) -> str:
        rid, name = self.owner.relate(self.real)
        self.owner.drawings += 1
        n = self.owner.drawings
        return PICTURE_XML.format(cx=self.width, cy=self.height, n=n, name=name, rid=rid)

    def __str__(self) -> str:
        return self.__html__()
