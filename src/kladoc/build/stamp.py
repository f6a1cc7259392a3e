"""Footer stamps on every page, without parsing or rewriting any page's content.

Each page gets two tiny extra content streams: a shared ``q`` in front of its original
content and its own ``Q … stamp …`` behind it, so whatever state the original leaves
behind cannot leak into the stamp. The stamp is drawn in the page's *displayed* frame
(honouring /Rotate and the crop box origin), so it reads upright at the bottom of what the
viewer shows. One embedded DejaVu Sans subset serves every page of a volume."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pikepdf
from pikepdf import Array, Dictionary, Name

from kladoc.resources import font_path

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFontFile

FONT_KEY = Name("/KladocStamp")
FONT_SIZE = 6.8
MIN_FONT_SIZE = 4.0
BASELINE = 9.0  # points above the displayed bottom edge: inside any printable margin
PAD = 1.6
# marks our stream so verification can find it among a page's content streams
MARKER = b"%kladoc-stamp\n"


@dataclass
class StampFont:
    """A simple TrueType subset: one byte per character, code → DejaVu glyph."""

    ref: pikepdf.Object
    codes: dict[str, int]
    widths: dict[str, float]  # per 1000 units of font size

    def encode(self, text: str) -> bytes:
        q = self.codes.get("?", 63)
        return bytes(self.codes.get(ch, q) for ch in text)

    def decode(self, data: bytes) -> str:
        back = {v: k for k, v in self.codes.items()}
        return "".join(back.get(b, "?") for b in data)

    def width(self, text: str, size: float) -> float:
        return sum(self.widths.get(ch, 500.0) for ch in text) * size / 1000.0


def _subset_order(chars: Iterable[str]) -> list[int]:
    # ASCII keeps its own codes (readable streams, space at 32); the rest follows from 127
    order = [0] * 32 + list(range(32, 127))
    extra = sorted({ord(c) for c in chars if ord(c) >= 127 and ord(c) != 0xA0})
    return order + extra[: 256 - len(order)]


@lru_cache(maxsize=1)
def _face() -> TTFontFile:
    from reportlab.pdfbase.ttfonts import TTFontFile

    # parsing the font file is the slow part; subsetting it again is cheap
    return TTFontFile(str(font_path()))


def make_font(pdf: pikepdf.Pdf, chars: Iterable[str]) -> StampFont:
    from reportlab.pdfbase.ttfonts import makeToUnicodeCMap

    face = _face()
    subset = _subset_order(chars)
    program = face.makeSubset(subset)
    # a subset tag (six capitals) keeps viewers from substituting a system font
    base = "KLADOC+" + bytes(face.name).decode("latin-1")
    file2 = pdf.make_stream(program)
    file2.Length1 = len(program)
    descriptor = pdf.make_indirect(
        Dictionary(
            Type=Name.FontDescriptor,
            FontName=Name("/" + base),
            Flags=4,
            FontBBox=Array(face.bbox),
            ItalicAngle=face.italicAngle,
            Ascent=face.ascent,
            Descent=face.descent,
            CapHeight=face.capHeight,
            StemV=face.stemV,
            MissingWidth=face.defaultWidth,
            FontFile2=file2,
        )
    )
    widths = [round(face.charWidths.get(c, face.defaultWidth), 2) for c in subset]
    cmap = pdf.make_stream(makeToUnicodeCMap(base, subset).encode("ascii"))
    font = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.TrueType,
            BaseFont=Name("/" + base),
            FirstChar=0,
            LastChar=len(subset) - 1,
            Widths=Array(widths),
            FontDescriptor=descriptor,
            ToUnicode=cmap,
        )
    )
    codes: dict[str, int] = {}
    width_map: dict[str, float] = {}
    for code, cp in enumerate(subset):
        if code < 32:
            continue
        codes[chr(cp)] = code
        width_map[chr(cp)] = float(widths[code])
    return StampFont(font, codes, width_map)


def _box(page: pikepdf.Page) -> tuple[float, float, float, float]:
    """The displayed area: the crop box (default: media box), normalised."""
    obj = page.obj
    raw = obj.get("/CropBox") or obj.get("/MediaBox") or Array([0, 0, 612, 792])
    try:
        x0, y0, x1, y1 = (float(v) for v in raw)
    except (TypeError, ValueError):
        x0, y0, x1, y1 = 0.0, 0.0, 612.0, 792.0
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def rotation(page: pikepdf.Page) -> int:
    try:
        return int(page.obj.get("/Rotate", 0)) % 360
    except (TypeError, ValueError):
        return 0


def display_frame(page: pikepdf.Page) -> tuple[tuple[float, ...], float, float]:
    """Matrix from displayed coordinates (origin at the viewer's bottom-left, y up) to the
    page's user space, with the displayed width and height."""
    x0, y0, x1, y1 = _box(page)
    w, h = x1 - x0, y1 - y0
    rot = rotation(page)
    if rot == 90:  # shown turned clockwise: user +y runs to the right
        return (0.0, 1.0, -1.0, 0.0, x1, y0), h, w
    if rot == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1), w, h
    if rot == 270:
        return (0.0, -1.0, 1.0, 0.0, x0, y1), h, w
    return (1.0, 0.0, 0.0, 1.0, x0, y0), w, h


def _num(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def stamp_stream(font: StampFont, text: str, frame: tuple[float, ...], width: float) -> bytes:
    size = FONT_SIZE
    tw = font.width(text, size)
    room = width - 24.0
    if tw > room > 0:
        size = max(MIN_FONT_SIZE, size * room / tw)
        tw = font.width(text, size)
    x = max(2.0, (width - tw) / 2.0)
    y = BASELINE
    bx, by = x - PAD, y - size * 0.28 - PAD
    bw, bh = tw + 2 * PAD, size * 1.08 + 2 * PAD
    hexed = font.encode(text).hex().encode("ascii")
    ops = b" ".join(_num(v).encode() for v in frame)
    return b"".join(
        (
            b"Q\n",
            MARKER,
            b"q ",
            ops,
            b" cm\n",
            b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
            b"1 g ",
            f"{_num(bx)} {_num(by)} {_num(bw)} {_num(bh)}".encode(),
            b" re f\n",
            b"BT 0.23 g ",
            FONT_KEY.unparse(),
            f" {_num(size)} Tf 1 0 0 1 {_num(x)} {_num(y)} Tm ".encode(),
            b"<",
            hexed,
            b"> Tj ET\nEMC\nQ\n",
        )
    )


def stamp_page(
    pdf: pikepdf.Pdf, page: pikepdf.Page, text: str, font: StampFont, opener: pikepdf.Object
) -> None:
    frame, width, _height = display_frame(page)
    obj = page.obj
    resources = obj.get("/Resources")
    if not isinstance(resources, Dictionary):
        resources = Dictionary()
        obj.Resources = resources
    fonts = resources.get("/Font")
    if not isinstance(fonts, Dictionary):
        fonts = Dictionary()
        resources.Font = fonts
    fonts[FONT_KEY] = font.ref
    tail = pdf.make_stream(stamp_stream(font, text, frame, width))
    contents = obj.get("/Contents")
    if contents is None:
        obj.Contents = Array([opener, tail])
    elif isinstance(contents, Array):
        obj.Contents = Array([opener, *contents, tail])
    else:
        obj.Contents = Array([opener, contents, tail])


def make_opener(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """One shared ``q`` stream referenced by every page."""
    return pdf.make_stream(b"q\n")


def read_stamp(page: pikepdf.Page, font: StampFont) -> str | None:
    """The text of our stamp on a page, or None if the page has none."""
    contents = page.obj.get("/Contents")
    if not isinstance(contents, Array) or len(contents) == 0:
        return None
    try:
        data = contents[-1].read_bytes()
    except (pikepdf.PdfError, AttributeError):
        return None
    if MARKER not in data:
        return None
    start = data.rfind(b"<", 0, data.rfind(b"> Tj"))
    end = data.rfind(b"> Tj")
    if start < 0 or end < 0:
        return None
    return font.decode(bytes.fromhex(data[start + 1 : end].decode("ascii")))
