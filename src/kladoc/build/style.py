"""Shared look of every page kladoc draws itself: fonts, colours, margins, text helpers."""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kladoc.build.content import SEVERITY_HEX, STATUS_HEX, human_size, long_date, number
from kladoc.resources import font_path

__all__ = ["human_size", "long_date", "number"]  # re-exported: text helpers live in content

FONT = "KladocSans"
FONT_BOLD = "KladocSans-Bold"

PAGE_W, PAGE_H = A4
MARGIN_X = 22 * mm
MARGIN_TOP = 20 * mm
# the footer stamp lives in the bottom 10 mm; our own pages keep well clear of it
MARGIN_BOTTOM = 22 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6876")
ACCENT = colors.HexColor("#0b5c8e")
ACCENT_LIGHT = colors.HexColor("#e4eef6")
RULE = colors.HexColor("#b9c4cf")
ZEBRA = colors.HexColor("#f4f7fa")
STATUS_COLOURS = {k: colors.HexColor(f"#{v}") for k, v in STATUS_HEX.items()}
SEVERITY_COLOURS = {k: colors.HexColor(f"#{v}") for k, v in SEVERITY_HEX.items()}


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """DejaVu Sans covers Indonesian text, typographic quotes and dashes on any machine."""
    from reportlab.lib.fonts import addMapping

    pdfmetrics.registerFont(TTFont(FONT, str(font_path())))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(font_path(bold=True))))
    # no italic face is bundled: italic markup falls back to the upright faces
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8, leading=10),
        "muted": ParagraphStyle("muted", base, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", base, fontSize=7.8, leading=9.4),
        "cell_head": ParagraphStyle(
            "cell_head", base, fontName=FONT_BOLD, fontSize=7.8, leading=9.4, textColor=colors.white
        ),
        "label": ParagraphStyle(
            "label", base, fontName=FONT_BOLD, fontSize=8.5, leading=11, textColor=MUTED
        ),
        "h1": ParagraphStyle(
            "h1", base, fontName=FONT_BOLD, fontSize=17, leading=21, textColor=INK, spaceAfter=4
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=14,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=5,
        ),
        "h3": ParagraphStyle(
            "h3", base, fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=6, spaceAfter=3
        ),
        "kicker": ParagraphStyle(
            "kicker", base, fontName=FONT_BOLD, fontSize=9, leading=12, textColor=ACCENT
        ),
        "center": ParagraphStyle("center", base, alignment=TA_CENTER),
    }


def esc(text: object) -> str:
    """Plain text made safe for reportlab's paragraph markup."""
    return escape(str(text))


def roman(n: int) -> str:
    out = []
    for value, sym in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)
