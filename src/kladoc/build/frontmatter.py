"""Cover, table of contents and one section page per indicator, drawn with reportlab.

One PDF per volume: cover, contents, then the section pages in indicator order. The
contents rows report where they were drawn, so assembly can turn them into links."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from kladoc.build.content import (
    ClusterDossier,
    CoverFigures,
    FactRow,
    GapRow,
    IndexRow,
    QuestionRow,
    SectionContent,
    question_groups,
    short_type,
)
from kladoc.build.narrative import Block
from kladoc.build.plan import Doc, Volume
from kladoc.build.style import (
    ACCENT,
    ACCENT_LIGHT,
    FONT,
    FONT_BOLD,
    FRAME_W,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_H,
    PAGE_W,
    RULE,
    SEVERITY_COLOURS,
    STATUS_COLOURS,
    ZEBRA,
    esc,
    register_fonts,
    styles,
)
from kladoc.i18n import t

HEADER_Y = PAGE_H - 12 * mm


__all__ = ["short_type"]  # re-exported from content, where both dossiers find it


@dataclass
class FrontContext:
    """What one volume's front matter draws: the cluster's content, the verified logo,
    and one line per volume for the cover of a split dossier."""

    dossier: ClusterDossier
    logo: Path | None = None
    volume_ranges: list[str] = field(default_factory=list)
    sections: dict[str, SectionContent] = field(init=False)
    rows: dict[str, IndexRow] = field(init=False)

    def __post_init__(self) -> None:
        self.sections = {c.id: c for c in self.dossier.sections}
        self.rows = {r.number: r for c in self.dossier.sections for r in c.rows}

    @property
    def summary(self) -> CoverFigures:
        return self.dossier.figures


@dataclass
class Link:
    front_page: int  # 1-based page of the front-matter PDF
    rect: tuple[float, float, float, float]
    target: tuple[str, str]  # ("section", indicator id) | ("doc", document number)


@dataclass
class FrontResult:
    pages: int
    toc_pages: int
    section_pages: dict[str, int]
    links: list[Link]
    toc_numbers: dict[int, list[int]]  # front page → printed page numbers, top to bottom
    # indicator id → [(front page, box of the "from page" column)] where its index is drawn
    index_boxes: dict[str, list[tuple[int, tuple[float, float, float, float]]]]


INDEX_WIDTHS = [24.0, 0.0, 54.0, 78.0, 36.0, 28.0, 38.0, 60.0]
INDEX_WIDTHS[1] = FRAME_W - sum(INDEX_WIDTHS)
START_COLUMN = 6


def toc_number_box() -> tuple[float, float, float, float]:
    """Where contents rows print their page numbers (left, bottom, right, top)."""
    right = MARGIN_X + FRAME_W
    return (right - TocRow.PAGE_W, MARGIN_BOTTOM - 2, right + 1, PAGE_H - MARGIN_TOP + 2)


class _Mark(Flowable):
    """Zero-size flowable that records the page it lands on."""

    def __init__(self, key: str, sink: dict[str, int]) -> None:
        super().__init__()
        self.key, self.sink = key, sink
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.sink[self.key] = self.canv.getPageNumber()


@dataclass
class _Slot:
    x: float
    y: float
    kind: str  # "toc1" | "toc2" | "cell"
    target: tuple[str, str]
    extent: float
    text: tuple[str, float] | None


class _Refs:
    """Page numbers that are drawn before they are known.

    Where a page number belongs is recorded as it is laid out; each page that has any
    ends with one form XObject holding all of them, defined when the canvas is saved, by
    which time the front matter's own page counts — and so every page number — are
    final. The layout never depends on the numbers, so one rendering suffices. (One form
    per page, not per number: thousands of tiny PDF objects cost more than the text.)"""

    def __init__(self) -> None:
        self.slots: dict[int, list[_Slot]] = {}  # page → its numbers, in drawing order
        self.toc: list[tuple[int, tuple[str, str]]] = []  # (page, target), in drawing order

    def use(
        self,
        c: Canvas,
        kind: str,
        target: tuple[str, str],
        extent: float = 0.0,
        text: tuple[str, float] | None = None,
    ) -> None:
        """A number of `kind` for `target` at the current origin (its baseline; right
        end for contents rows, whose dot leader reaches `extent` to the left). `text`:
        a fixed (line, word spacing) drawn in its place, in the same order, so whatever
        reads the column (verify) reads it where it stands."""
        x, y = c.absolutePosition(0, 0)
        slot = _Slot(x, y, kind, target, extent, text)
        self.slots.setdefault(c.getPageNumber(), []).append(slot)

    def place(self, c: Canvas) -> None:
        """At the end of a page: draw the form of its numbers (defined at save time)."""
        if c.getPageNumber() in self.slots:
            c.doForm(f"kpn{c.getPageNumber()}")

    def define(self, c: Canvas, pages: dict[tuple[str, str], int]) -> None:
        for page, slots in self.slots.items():
            c.beginForm(f"kpn{page}", lowerx=0, lowery=0, upperx=PAGE_W, uppery=PAGE_H)
            text = c.beginText()
            for slot in slots:
                if slot.text is not None:
                    line, spacing = slot.text
                    text.setFont(FONT_BOLD, 7.8)
                    text.setFillColor(INK)
                    text.setTextOrigin(slot.x, slot.y)
                    text.setWordSpace(spacing)
                    text.textOut(line)
                    text.setWordSpace(0)
                    continue
                self._number(text, slot.x, slot.y, slot.kind, str(pages[slot.target]), slot.extent)
            c.drawText(text)
            c.endForm()

    @staticmethod
    def _number(text: Any, x: float, y: float, kind: str, number: str, extent: float) -> None:
        if kind == "cell":
            text.setFont(FONT_BOLD, 7.8)
            text.setFillColor(INK)
            text.setTextOrigin(x, y)
            text.textOut(number)
            return
        font, size = (FONT_BOLD, 9.6) if kind == "toc1" else (FONT, 8.8)
        width = stringWidth(number, font, size)
        text.setFont(font, size)
        text.setFillColor(INK)
        text.setTextOrigin(x - width, y)  # right-aligned at x
        text.textOut(number)
        # dot leader on a grid anchored at the right edge, so rows line up
        dot_w = stringWidth(". ", FONT, size)
        stop = -width - 6
        first = -((-extent) // dot_w) * dot_w
        count = int((stop - first) // dot_w)
        if count > 0:
            text.setFillColor(RULE)
            text.setFont(FONT, size)
            text.setTextOrigin(x + first, y)
            text.textOut(". " * count)


class TocRow(Flowable):
    """A contents line: number, wrapped title, dot leader, page number; records its box."""

    NUM_W = 34.0
    PAGE_W = 34.0

    def __init__(
        self,
        label: str,
        title: str,
        meta: str,
        target: tuple[str, str],
        level: int,
        links: list[Link],
        refs: _Refs,
    ) -> None:
        super().__init__()
        self.label, self.title, self.meta = label, title, meta
        self.target, self.level, self.links, self.refs = target, level, links, refs
        self.font = FONT_BOLD if level == 1 else FONT
        self.size = 9.6 if level == 1 else 8.8
        self.leading = self.size * 1.3
        self.indent = {1: 0.0, 2: 14.0}.get(level, 28.0)  # 3: a document under its question
        self.pad = 4.0 if level == 1 else 2.2

    def _text_width(self, aw: float) -> float:
        return aw - self.indent - self.NUM_W - self.PAGE_W - 10

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.lines = simpleSplit(self.title, self.font, self.size, self._text_width(aw)) or [""]
        self.height = (
            len(self.lines) * self.leading + 2 * self.pad + (self.size * 1.2 if self.meta else 0)
        )
        return aw, self.height

    def draw(self) -> None:
        c = self.canv
        if self.level == 1:
            c.setFillColor(ACCENT_LIGHT)
            c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        y = self.height - self.pad - self.size
        x_label = self.indent + 4
        x_text = self.indent + self.NUM_W
        c.setFillColor(ACCENT if self.level == 1 else INK)
        c.setFont(self.font, self.size)
        c.drawString(x_label, y, self.label)
        c.setFillColor(INK)
        page = c.getPageNumber()
        for i, line in enumerate(self.lines):
            c.drawString(x_text, y, line)
            if i == len(self.lines) - 1:
                right = self.width - 4
                x_end = x_text + c.stringWidth(line, self.font, self.size)
                c.saveState()
                c.translate(right, y)
                self.refs.use(
                    c, "toc1" if self.level == 1 else "toc2", self.target, extent=x_end + 6 - right
                )
                c.restoreState()
            y -= self.leading
        if self.meta:
            c.setFont(FONT, 7.4)
            c.setFillColor(MUTED if self.level >= 2 else STATUS_COLOURS["missing"])
            meta = self.meta
            room = self._text_width(self.width)
            while meta and c.stringWidth(meta, FONT, 7.4) > room:
                meta = meta[:-2] + "…" if len(meta) > 2 else ""
            c.drawString(x_text, y + self.leading - self.size * 1.25 - 0.5, meta)
        x, y0 = c.absolutePosition(0, 0)
        self.links.append(Link(page, (x, y0, x + self.width, y0 + self.height), self.target))
        self.refs.toc.append((page, self.target))


def _status_text(status: str) -> str:
    return t(f"status.{status}")


# -- tables drawn from pre-measured rows ---------------------------------------------------
#
# An evidence index has a row per document: thousands in a large dossier. A reportlab
# Table of Paragraphs parses and wraps every cell again for each layout pass and split;
# these tables measure each cell once, with the line breaking of a plain Paragraph, and
# draw exactly what the Table drew (same positions, colours, zebra rows and rules).

CELL_PAD_X, CELL_PAD_TOP, CELL_PAD_BOTTOM = 3.2, 2.6, 2.8
CELL_SIZE, CELL_LEADING = 7.8, 9.4
SPACE_SHRINK = 0.05  # reportlab's default: a line may take 5% of a space per gap more


class _Piece(str):
    """Part of a word too long for its line (reportlab's splitLongWords)."""


def _split_word(word: str, used: float, width: float, font: str, size: float) -> list[_Piece]:
    pieces: list[_Piece] = []
    text = ""
    for ch in word:
        cw = stringWidth(ch, font, size)
        new = used + cw
        if new > width and (text or cw <= width):
            pieces.append(_Piece(text))
            new, text = cw, ""
        text += ch
        used = new
    pieces.append(_Piece(text))
    return pieces


def plain_text(text: str) -> bool:
    """Text that `wrap_words` breaks exactly as a Paragraph would (no no-break or soft
    hyphens, which reportlab treats specially)."""
    return "\xa0" not in text and "\xad" not in text


def wrap_words(text: str, font: str, size: float, width: float) -> list[tuple[str, float]]:
    """The lines of a one-font Paragraph of plain `text` in a frame `width` wide: the
    same greedy breaking, space shrinkage and splitting of over-long words. Each line
    comes with its word spacing: negative where the line uses the shrinkage, else 0."""
    words: list[str] = text.split()
    if not words:
        return []
    space = stringWidth(" ", font, size)
    shrink = SPACE_SHRINK * space
    lines: list[tuple[float, list[str]]] = []  # (room left, words)
    line: list[str] = []
    current = -space
    forced = False
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if not word and isinstance(word, _Piece):
            forced = True
        word_w = stringWidth(word, font, size)
        new = current + space + word_w
        limit = width + shrink * len(line)
        if new > limit and not forced and not isinstance(word, _Piece) and word_w > width:
            words[i:i] = _split_word(word, current + space, width, font, size)
            forced = True
            continue
        if new <= limit or not line or forced:
            if word:
                line.append(word)
            if forced:
                forced = False
                lines.append((width - new, line))
                line, current = [], -space
            else:
                current = new
        else:
            lines.append((width - current, line))
            line, current = [word], word_w
    if line:
        lines.append((width - current, line))
    return [
        (" ".join(ln), room / (len(ln) - 1) if room < -1e-8 and len(ln) > 1 else 0.0)
        for room, ln in lines
    ]


@dataclass
class _Text:
    """Lines of one font and colour in a cell, set like a Paragraph (`raw`: like a
    Table's plain string cell, drawn in black at the cell font's own leading)."""

    lines: list[tuple[str, float]]  # (text, word spacing)
    font: str = FONT
    size: float = CELL_SIZE
    colour: Any = INK
    raw: bool = False

    @property
    def height(self) -> float:
        return len(self.lines) * (self.size * 1.2 if self.raw else CELL_LEADING)


@dataclass
class _Ref:
    """A page number filled in at save time (the 'from page' column)."""

    target: tuple[str, str]
    fixed: list[tuple[str, float]] = field(default_factory=list)  # text instead, by line

    @property
    def height(self) -> float:
        return CELL_LEADING * max(1, len(self.fixed))


# a Flowable: a Paragraph, for text that wrap_words cannot set
CellBlock: TypeAlias = _Text | _Ref | Flowable
Cell: TypeAlias = list[CellBlock]


def _text(
    text: str, width: float, font: str = FONT, size: float = CELL_SIZE, colour: Any = INK
) -> CellBlock:
    if not plain_text(text):
        style = ParagraphStyle(
            "cellx", styles()["cell"], fontName=font, fontSize=size, textColor=colour
        )
        para = Paragraph(esc(text), style)
        para.wrap(width - 2 * CELL_PAD_X, 1e6)
        return para
    return _Text(wrap_words(text, font, size, width - 2 * CELL_PAD_X), font, size, colour)


def _raw(text: str) -> _Text:
    """A Table's plain string cell: unwrapped lines in black."""
    return _Text([(line, 0.0) for line in text.split("\n")], raw=True)


def _block_height(block: CellBlock) -> float:
    if isinstance(block, (_Text, _Ref)):
        return block.height
    return float(block.height)


class _Grid(Flowable):
    """A table with a repeated header row, zebra rows and a rule under every row, as
    `_table_style` styles a reportlab Table, from cells measured once. Splits between
    rows like a Table with repeatRows=1 (each part starts its zebra with white)."""

    def __init__(
        self,
        widths: list[float],
        head: list[Cell],
        rows: list[list[Cell]],
        refs: _Refs,
        on_draw: Callable[[_Grid], None] | None = None,
        heights: list[float] | None = None,
        continued: bool = False,
    ) -> None:
        super().__init__()
        self.widths, self.head, self.rows, self.refs = widths, head, rows, refs
        self.on_draw = on_draw
        # what is left of a split table, on a later page: reportlab's Table draws its
        # repeated header's rule twice (a darker hairline); so do these parts
        self.continued = continued
        self.heights = heights or [self._row_height(r) for r in [head, *rows]]
        self.width = sum(widths)
        self.height = sum(self.heights)

    @staticmethod
    def _row_height(row: list[Cell]) -> float:
        content = max(sum(_block_height(b) for b in cell) for cell in row)
        return content + CELL_PAD_TOP + CELL_PAD_BOTTOM

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        used, fit = 0.0, 0
        for n, rh in enumerate(self.heights, start=1):
            if used + rh > ah:
                break
            fit, used = n, used + rh
        if fit <= 1:
            return []
        if fit == len(self.heights):
            return [self]
        body = fit - 1
        head_h = self.heights[0]
        return [
            _Grid(
                self.widths,
                self.head,
                self.rows[:body],
                self.refs,
                self.on_draw,
                self.heights[:fit],
                continued=self.continued,
            ),
            _Grid(
                self.widths,
                self.head,
                self.rows[body:],
                self.refs,
                self.on_draw,
                [head_h, *self.heights[fit:]],
                continued=True,
            ),
        ]

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        lefts = [0.0]
        for w in self.widths:
            lefts.append(lefts[-1] + w)
        tops = [self.height]
        for h in self.heights:
            tops.append(tops[-1] - h)
        c.setFillColor(ACCENT)
        c.rect(0, tops[0], self.width, tops[1] - tops[0], stroke=0, fill=1)
        for i in range(len(self.rows)):
            c.setFillColor(ZEBRA if i % 2 else colors.white)
            c.rect(0, tops[i + 1], self.width, -self.heights[i + 1], stroke=0, fill=1)
        text = c.beginText()  # one text object for the whole table: far fewer operators
        for row, top in zip([self.head, *self.rows], tops, strict=False):
            for cell, left in zip(row, lefts, strict=False):
                self._draw_cell(text, cell, left + CELL_PAD_X, top - CELL_PAD_TOP)
        c.drawText(text)
        c.setLineCap(1)
        c.setLineJoin(1)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.35)
        if self.continued:
            c.line(0, tops[1], self.width, tops[1])
        for y in tops[1:]:
            c.line(0, y, self.width, y)
        c.restoreState()
        if self.on_draw is not None:
            self.on_draw(self)

    def _draw_cell(self, text: Any, cell: Cell, x: float, y: float) -> None:
        c = self.canv
        for block in cell:
            if isinstance(block, _Text):
                text.setFont(block.font, block.size)
                text.setFillColor(colors.black if block.raw else block.colour)
                lead = block.size * 1.2 if block.raw else CELL_LEADING
                base = y - block.size
                for line, spacing in block.lines:
                    text.setTextOrigin(x, base)
                    if spacing:  # as a Paragraph sets a line that uses the shrinkage
                        text.setWordSpace(spacing)
                        text.textOut(line)
                        text.setWordSpace(0)  # text state outlives the line
                    else:
                        text.textOut(line)
                    base -= lead
            elif isinstance(block, _Ref):
                c.saveState()
                c.translate(x, y - CELL_SIZE)
                lines: list[tuple[str, float] | None] = list(block.fixed) or [None]
                for fixed in lines:
                    self.refs.use(c, "cell", block.target, text=fixed)
                    c.translate(0, -CELL_LEADING)
                c.restoreState()
            else:
                block.drawOn(c, x, y - block.height)
            y -= _block_height(block)


def _head(keys: list[str], widths: list[float]) -> list[Cell]:
    return [
        [_text(t(f"build.col.{k}"), w, FONT_BOLD, colour=colors.white)]
        for k, w in zip(keys, widths, strict=True)
    ]


class _Renderer:
    def __init__(self, vol: Volume, ctx: FrontContext) -> None:
        register_fonts()
        self.vol, self.ctx, self.st = vol, ctx, styles()
        self.links: list[Link] = []
        self.refs = _Refs()
        self.marks: dict[str, int] = {}
        self.index_boxes: dict[str, list[tuple[int, tuple[float, float, float, float]]]] = {}

    # -- page decorations -------------------------------------------------------------
    def _header(self, c: Canvas, _doc: Any) -> None:
        c.saveState()
        c.setFont(FONT, 7.6)
        c.setFillColor(MUTED)
        title = self.ctx.dossier.title
        if self.vol.total > 1:
            title += " · " + t("build.cover.volume", n=self.vol.number, total=self.vol.total)
        right = t("build.header", region=self.ctx.dossier.region_text, year=self.ctx.dossier.year)
        room = FRAME_W - c.stringWidth(right, FONT, 7.6) - 16
        while c.stringWidth(title, FONT, 7.6) > room and len(title) > 3:
            title = title[:-2] + "…"
        c.drawString(MARGIN_X, HEADER_Y, title)
        c.drawRightString(PAGE_W - MARGIN_X, HEADER_Y, right)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(MARGIN_X, HEADER_Y - 4, PAGE_W - MARGIN_X, HEADER_Y - 4)
        c.restoreState()

    def _cover(self, c: Canvas, _doc: Any) -> None:
        ctx = self.ctx
        dossier = ctx.dossier
        c.saveState()
        c.setFillColor(ACCENT)
        c.rect(0, PAGE_H - 9 * mm, PAGE_W, 9 * mm, stroke=0, fill=1)
        y = PAGE_H - 34 * mm
        if ctx.logo is not None:
            y = self._logo(c, ctx.logo, PAGE_H - 18 * mm)
        region = dossier.region_text.upper()
        y = self._centred(c, t("build.cover.government", region=region), FONT_BOLD, 15, y, INK)
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.4)
        c.line(PAGE_W / 2 - 22 * mm, y + 1.5 * mm, PAGE_W / 2 + 22 * mm, y + 1.5 * mm)
        y -= 8 * mm
        y = self._centred(c, t("build.cover.kicker"), FONT_BOLD, 11, y, ACCENT, spacing=1.6)
        self._centred(c, t("build.cover.evaluation", year=dossier.year), FONT, 11.5, y - 2, MUTED)
        y = min(y - 30 * mm, PAGE_H - 112 * mm)
        head, _, rest = dossier.title.partition(": ")
        if rest:
            y = self._centred(c, head.upper(), FONT_BOLD, 13, y, ACCENT, spacing=1.4)
            y -= 14
            y = self._centred(c, rest, FONT_BOLD, 24, y, INK, width=PAGE_W - 50 * mm)
        else:
            y = self._centred(c, dossier.title, FONT_BOLD, 26, y, INK, width=PAGE_W - 50 * mm)
        if self.vol.total > 1:
            y -= 4
            y = self._centred(
                c,
                t("build.cover.volume", n=self.vol.number, total=self.vol.total),
                FONT_BOLD,
                13,
                y,
                MUTED,
            )
        self._summary_box(c, min(y - 12 * mm, 128 * mm))
        c.setFont(FONT, 8)
        c.setFillColor(MUTED)
        c.drawCentredString(PAGE_W / 2, 22 * mm, dossier.built_text)
        c.restoreState()

    def _logo(self, c: Canvas, path: Path, y: float) -> float:
        img = ImageReader(str(path))
        iw, ih = img.getSize()
        h = 26 * mm
        w = h * iw / ih if ih else h
        if w > 60 * mm:
            w, h = 60 * mm, 60 * mm * ih / iw
        c.drawImage(img, (PAGE_W - w) / 2, y - h + 6 * mm, w, h, mask="auto")
        return y - h - 2 * mm

    def _centred(
        self,
        c: Canvas,
        text: str,
        font: str,
        size: float,
        y: float,
        colour: Any,
        width: float | None = None,
        spacing: float = 0.0,
    ) -> float:
        c.setFont(font, size)
        c.setFillColor(colour)
        for line in simpleSplit(text, font, size, width or PAGE_W - 40 * mm):
            if spacing:
                # character spacing is graphics state: keep it from leaking into later text
                c.saveState()
                w = c.stringWidth(line, font, size) + spacing * (len(line) - 1)
                obj = c.beginText((PAGE_W - w) / 2, y)
                obj.setFont(font, size)
                obj.setCharSpace(spacing)
                obj.textLine(line)
                c.drawText(obj)
                c.restoreState()
            else:
                c.drawCentredString(PAGE_W / 2, y, line)
            y -= size * 1.3
        return y

    def _summary_box(self, c: Canvas, top: float) -> None:
        s = self.ctx.summary
        draft = self.ctx.dossier.draft
        x, w = 30 * mm, PAGE_W - 60 * mm
        rows = [(t("build.cover.evidence"), s.evidence_text)]
        if draft:  # readiness is the team's business, not the evaluators'
            rows.insert(0, (t("build.cover.indicators"), s.indicators_text))
            rows.append((t("build.cover.gaps"), s.gaps_text))
        ranges = self.ctx.volume_ranges if self.vol.total > 1 else []
        head = 36 * mm if draft else 12 * mm
        h = head + len(rows) * 6.2 * mm + (len(ranges) * 4.6 * mm + 5 * mm if ranges else 0)
        bottom = top - h
        c.setFillColor(colors.HexColor("#f6f9fc"))
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.roundRect(x, bottom, w, h, 3 * mm, stroke=1, fill=1)
        inner = x + 8 * mm
        y = top - 9 * mm
        if draft:
            y = self._readiness(c, s, inner, y, w)
        else:
            y -= 1 * mm
        for label, value in rows:
            c.setFont(FONT_BOLD, 9)
            c.setFillColor(MUTED)
            c.drawString(inner, y, label)
            c.setFont(FONT, 9.5)
            c.setFillColor(INK)
            c.drawString(inner + 42 * mm, y, value)
            y -= 6.2 * mm
        if ranges:
            y -= 1 * mm
            c.setStrokeColor(RULE)
            c.line(inner, y + 4 * mm, x + w - 8 * mm, y + 4 * mm)
            for n, line in enumerate(ranges, start=1):
                c.setFont(FONT_BOLD if n == self.vol.number else FONT, 8.6)
                c.setFillColor(INK if n == self.vol.number else MUTED)
                c.drawString(inner, y - 1 * mm, line)
                y -= 4.6 * mm
        if not draft:
            return
        c.setFont(FONT, 7.2)
        c.setFillColor(MUTED)
        note = simpleSplit(t("report.readiness_note"), FONT, 7.2, w - 16 * mm)
        ny = bottom - 5 * mm
        for line in note:
            c.drawString(inner, ny, line)
            ny -= 9

    def _readiness(self, c: Canvas, s: CoverFigures, inner: float, y: float, w: float) -> float:
        """The draft's readiness header, figure and bar; returns the next line's y."""
        c.setFont(FONT_BOLD, 9)
        c.setFillColor(ACCENT)
        c.drawString(inner, y, t("build.cover.readiness").upper())
        share = s.share
        y -= 9 * mm
        c.setFillColor(INK)
        c.setFont(FONT_BOLD, 20)
        big = s.percent
        c.drawString(inner, y, big)
        c.setFont(FONT, 10)
        c.setFillColor(MUTED)
        c.drawString(
            inner + c.stringWidth(big, FONT_BOLD, 20) + 4 * mm,
            y + 1,
            s.points_text,
        )
        y -= 6 * mm
        bar_w = w - 16 * mm
        c.setFillColor(colors.HexColor("#dde5ec"))
        c.roundRect(inner, y, bar_w, 2.6 * mm, 1.3 * mm, stroke=0, fill=1)
        if share > 0:
            c.setFillColor(STATUS_COLOURS["complete"] if share >= 0.999 else ACCENT)
            c.roundRect(
                inner,
                y,
                max(2.6 * mm, bar_w * min(share, 1.0)),
                2.6 * mm,
                1.3 * mm,
                stroke=0,
                fill=1,
            )
        return y - 8 * mm

    # -- story ------------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        st = self.st
        vol = self.vol
        out: list[Flowable] = [Spacer(1, 1), NextPageTemplate("body"), PageBreak()]
        out.append(Paragraph(esc(t("build.toc.title")), st["h1"]))
        out.append(Paragraph(esc(t("build.toc.hint")), st["muted"]))
        out.append(Spacer(1, 8))
        for sec in vol.sections:
            content = self.ctx.sections[sec.id]
            out.append(CondPageBreak(40))
            docs = vol.docs.get(sec.id, [])
            empty = "" if sec.docs else t("build.section.no_evidence")
            out.append(
                TocRow(
                    content.id,
                    content.title,
                    empty,
                    ("section", sec.id),
                    1,
                    self.links,
                    self.refs,
                )
            )
            groups = question_groups(sec.indicator, docs)
            if groups is None:  # a checklist without questions: documents under the indicator
                out.extend(self._toc_docs(docs, 2))
            for group in groups or []:
                # the question (its code and text) at the page of its first document
                out.append(
                    TocRow(
                        group.code,
                        group.text,
                        "",
                        ("doc", group.docs[0].number),
                        2,
                        self.links,
                        self.refs,
                    )
                )
                out.extend(self._toc_docs(group.docs, 3))
            out.append(Spacer(1, 3))
        for sec in vol.sections:
            out.append(PageBreak())
            out.append(_Mark(sec.id, self.marks))
            out.extend(self._section(self.ctx.sections[sec.id]))
        return out

    def _toc_docs(self, docs: list[Doc], level: int) -> list[Flowable]:
        return [
            TocRow(
                doc.number,
                doc.name,
                self._doc_meta(self.ctx.rows[doc.number]),
                ("doc", doc.number),
                level,
                self.links,
                self.refs,
            )
            for doc in docs
        ]

    def _doc_meta(self, row: IndexRow) -> str:
        parts = [row.opd]
        if row.type != "-":
            parts.append(row.type)
        if row.year != "-":
            parts.append(row.year)
        parts.append(t("build.pages_short", n=row.pages or 0))
        if row.shown_as == "placeholder":
            parts.append(t("build.toc.placeholder"))
        elif row.shown_as == "office":
            parts.append(t("build.toc.converted"))
        return " · ".join(parts)

    def _section(self, content: SectionContent) -> list[Flowable]:
        st = self.st
        out: list[Flowable] = [
            Paragraph(esc(content.kicker), st["kicker"]),
            Spacer(1, 2),
            Paragraph(esc(content.title), st["h1"]),
            Spacer(1, 6),
            self._facts(content.facts),
        ]
        if content.narrative:
            out.append(Paragraph(esc(t("build.section.narrative")), st["h2"]))
            for rel, blocks in content.narrative:
                out.extend(_narrative(blocks, st))
                out.append(Paragraph(esc(rel), st["muted"]))
                out.append(Spacer(1, 4))
        if content.questions:
            out.append(Paragraph(esc(t("build.section.questions")), st["h2"]))
            out.append(self._questions(content.questions))
            if content.unassigned:  # the draft only: the submission leaves them out
                numbers = ", ".join(r.number for r in content.unassigned)
                out.append(Spacer(1, 3))
                out.append(
                    Paragraph(
                        f"<b>{esc(t('build.section.unassigned'))}:</b> {esc(numbers)}", st["body"]
                    )
                )
        out.append(Paragraph(esc(t("build.section.evidence")), st["h2"]))
        out.append(
            self._index(content)
            if content.rows
            else Paragraph(esc(t("build.section.no_evidence")), st["body"])
        )
        if not self.ctx.dossier.draft:  # the submission version shows no findings
            return out
        out.append(Paragraph(esc(t("build.section.gaps")), st["h2"]))
        if not content.gaps:
            out.append(Paragraph(esc(t("build.section.no_gaps")), st["body"]))
        for gap in content.gaps:
            out.append(self._gap(gap))
        return out

    def _fact_value(self, row: FactRow) -> Flowable:
        st = self.st
        if row.kind == "status":
            colour = STATUS_COLOURS.get(row.status, INK).hexval()[2:]
            return Paragraph(
                f'<font color="#{colour}"><b>{esc(_status_text(row.status))}</b></font> · '
                + esc(row.text),
                st["body"],
            )
        if row.kind == "checklist":
            marks = []
            for ok, name in row.checks:
                colour = STATUS_COLOURS["complete" if ok else "missing"].hexval()[2:]
                marks.append(f'<font color="#{colour}">{"✓" if ok else "✗"}</font> {esc(name)}')
            return Paragraph("<br/>".join(marks), st["body"])
        return Paragraph(esc(row.text), st["body"])

    def _facts(self, facts: list[FactRow]) -> Table:
        st = self.st
        data = [[Paragraph(esc(row.label), st["label"]), self._fact_value(row)] for row in facts]
        table = Table(data, colWidths=[42 * mm, FRAME_W - 42 * mm], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.35, RULE),
                    ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return table

    def _questions(self, questions: list[QuestionRow]) -> Flowable:
        """Code, question, maximum score, the answer from jawaban.xlsx, the evidence."""
        widths = [30.0, 0.0, 36.0, 70.0, 70.0]
        widths[1] = FRAME_W - sum(widths)
        keys = ["question", "question_text", "question_max", "answer", "files"]
        rows: list[list[Cell]] = [
            [
                [_text(q.code, widths[0], FONT_BOLD)],
                [_text(q.text, widths[1])],
                [_raw(q.max_score)],
                [_text(q.answer, widths[3])],
                [_text(q.files_text, widths[4])],
            ]
            for q in questions
        ]
        return _Grid(widths, _head(keys, widths), rows, self.refs)

    def _index(self, content: SectionContent) -> Flowable:
        w = INDEX_WIDTHS
        keys = ["no", "file", "opd", "type", "year", "pages", "start", "sha"]
        placeholder = t("build.toc.placeholder")
        converted = t("build.toc.converted")
        rows: list[list[Cell]] = []
        for row in content.rows:
            doc: Doc = row.doc
            name: Cell = [_text(row.name, w[1])]
            if row.shown_as == "placeholder":
                name.append(_text(placeholder, w[1], colour=STATUS_COLOURS["missing"]))
            elif row.shown_as == "office":
                name.append(_text(converted, w[1], colour=MUTED))
            # another volume's document: "Jilid 2" where its page would be, drawn with
            # the page numbers so the column reads top to bottom
            start = _Ref(("doc", row.number))
            if doc.volume != self.vol.number:
                other = t("build.section.other_volume", n=doc.volume)
                start.fixed = wrap_words(other, FONT_BOLD, CELL_SIZE, w[6] - 2 * CELL_PAD_X)
            rows.append(
                [
                    [_raw(row.number)],
                    name,
                    [_text(row.opd, w[2])],
                    [_text(row.type, w[3])],
                    [_raw(row.year)],
                    [_raw(str(row.pages or 0))],
                    [start],
                    [_text(row.sha, w[7], size=6.3)],
                ]
            )
        sink = self.index_boxes.setdefault(content.id, [])

        def drawn(grid: _Grid) -> None:
            # every part of a split index reports where its "from page" column is
            c = grid.canv
            x, y = c.absolutePosition(0, 0)
            left = x + sum(w[:START_COLUMN]) + 1.5
            right = left + w[START_COLUMN] - 3.0
            sink.append((c.getPageNumber(), (left, y, right, y + grid.height)))

        return _Grid(w, _head(keys, w), rows, self.refs, drawn)

    def _gap(self, gap: GapRow) -> Flowable:
        st = self.st
        colour = SEVERITY_COLOURS.get(gap.severity, MUTED).hexval()[2:]
        head = Paragraph(
            f'<font color="#{colour}"><b>{esc(gap.severity_text)}</b></font>  {esc(gap.message)}',
            st["body"],
        )
        parts: list[Flowable] = [head]
        if gap.remedy:
            parts.append(Paragraph(esc(gap.remedy_text), st["muted"]))
        parts.append(Spacer(1, 4))
        return KeepTogether(parts)


def _narrative(blocks: list[Block], st: dict[str, Any]) -> list[Flowable]:
    out: list[Flowable] = []
    for block in blocks:
        markup = "".join(f"<b>{esc(p)}</b>" if bold else esc(p) for p, bold in block.pieces)
        if block.kind == "heading":
            out.append(Paragraph(markup, st["h3"]))
        elif block.kind == "bullet":
            out.append(Paragraph(markup, st["body"], bulletText="•"))
        else:
            out.append(Paragraph(markup, st["body"]))
            out.append(Spacer(1, 3))
    return out


Resolver = Callable[[int, dict[str, int]], dict[tuple[str, str], int]]


def render_front(vol: Volume, ctx: FrontContext, path: Path, resolve: Resolver) -> FrontResult:
    """Render the volume's front matter once. `resolve(toc_pages, section_pages)` is called
    when the layout is final and returns the page number of every contents target."""
    r = _Renderer(vol, ctx)
    body_frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        FRAME_W,
        PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    cover_frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, 20, id="cover")
    doc = BaseDocTemplate(
        str(path),
        pagesize=(PAGE_W, PAGE_H),
        title=ctx.dossier.title,
        author=ctx.dossier.region,
        creator="kladoc",
        invariant=1,
        pageTemplates=[
            PageTemplate("cover", [cover_frame], onPage=r._cover),
            PageTemplate("body", [body_frame], onPage=r._header),
        ],
    )
    counts: dict[str, Any] = {}

    def counted(c: Canvas) -> tuple[int, dict[str, int], int]:
        total = c.getPageNumber() - 1  # the last page was shown; the counter moved on
        starts = [r.marks[s.id] for s in vol.sections]
        toc_pages = (starts[0] if starts else total + 1) - 2
        section_pages = {}
        for i, sec in enumerate(vol.sections):
            end = starts[i + 1] if i + 1 < len(starts) else total + 1
            section_pages[sec.id] = end - starts[i]
        return total, section_pages, toc_pages

    def finalize(c: Canvas) -> None:
        total, section_pages, toc_pages = counted(c)
        pages = resolve(toc_pages, section_pages)
        counts.update(total=total, sections=section_pages, toc=toc_pages, pages=pages)
        r.refs.define(c, pages)

    class _Canvas(Canvas):
        def showPage(self) -> None:
            r.refs.place(self)
            super().showPage()

        def save(self) -> None:
            finalize(self)
            super().save()

    doc.build(r.story(), canvasmaker=_Canvas)
    pages = counts["pages"]
    numbers: dict[int, list[int]] = {}
    for page, target in r.refs.toc:
        numbers.setdefault(page, []).append(pages[target])
    return FrontResult(
        counts["total"], counts["toc"], counts["sections"], r.links, numbers, r.index_boxes
    )
