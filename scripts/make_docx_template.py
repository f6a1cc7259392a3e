#!/usr/bin/env python3
"""Regenerate ``templates/dossier.docx``: the default Word dossier template.

Usage::

    python scripts/make_docx_template.py [--out FILE]

The template is a real Word document with docxtpl/Jinja tags; staff copy it with
``kladoc template export FILE``, change the look in Word and point ``template = "…"`` in
kladoc.toml (or ``--template``) at their copy. Every fixed text comes from the
``labels`` variable, so one template serves both languages. Variables are listed in the
README. The output is byte-reproducible (fixed zip timestamps and document dates).

Layout mirrors the PDF front matter (kladoc/build/frontmatter.py): cover with readiness
box, contents (a TOC field Word fills on open), then per indicator a Heading 1, the facts
table, narrative, evidence index, open gaps, photos and first pages of PDF documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "templates" / "dossier.docx"
try:
    from kladoc.build.docx import set_update_fields
except ImportError:  # running from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))
    from kladoc.build.docx import set_update_fields

FONT = "Arial"  # on every Windows PC; LibreOffice substitutes the metric twin
INK = "1D2733"
MUTED = "5B6876"
ACCENT = "0B5C8E"
RULE = "B9C4CF"
BOX = "F6F9FC"
RED = "C62828"
WHITE = "FFFFFF"

PAGE_W, PAGE_H = 21.0, 29.7
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 2.2, 2.2, 2.0
TEXT_W = PAGE_W - 2 * MARGIN_X  # 16.6 cm
INDEX_COLS = [1.1, 5.7, 2.2, 2.9, 1.2, 1.1, 2.4]  # no, file, OPD, type, year, pages, SHA
QUESTION_COLS = [1.4, 7.9, 1.6, 3.0, 2.7]  # code, question, max score, answer, evidence
FACT_COLS = [4.2, TEXT_W - 4.2]
THUMB_COLS = [TEXT_W / 3] * 3
BOX_COLS = [4.4, 9.2]
FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
THUMBNAIL = "docProps/thumbnail.jpeg"

# schema order of the children we touch (Word rejects out-of-order elements)
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
TCPR_ORDER = [
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
]
TBLPR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
]


# -- XML helpers ------------------------------------------------------------------------


def put(parent: Any, child: Any, order: list[str]) -> Any:
    """Insert `child` in schema order, replacing an element of the same name."""
    name = child.tag.split("}")[1]
    for old in parent.findall(qn(f"w:{name}")):
        parent.remove(old)
    later = set(order[order.index(name) + 1 :])
    for i, sibling in enumerate(parent):
        if sibling.tag in {qn(f"w:{n}") for n in later}:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


def el(tag: str, **attrs: str) -> Any:
    node = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        node.set(qn(f"w:{key}"), value)
    return node


def fonts(rpr: Any) -> None:
    """A named font everywhere, without theme fonts that would win over it."""
    put(rpr, el("rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT), RPR_ORDER)


def run_look(
    rpr: Any,
    *,
    size: float | None = None,
    bold: bool | None = None,
    color: str | None = None,
    italic: bool | None = None,
    spacing: float | None = None,
) -> None:
    fonts(rpr)
    if bold is not None:
        put(rpr, el("b", val="1" if bold else "0"), RPR_ORDER)
        put(rpr, el("bCs", val="1" if bold else "0"), RPR_ORDER)
    if italic is not None:
        put(rpr, el("i", val="1" if italic else "0"), RPR_ORDER)
    if color is not None:
        put(rpr, el("color", val=color), RPR_ORDER)
    if spacing is not None:
        put(rpr, el("spacing", val=str(round(spacing * 20))), RPR_ORDER)
    if size is not None:
        put(rpr, el("sz", val=str(round(size * 2))), RPR_ORDER)
        put(rpr, el("szCs", val=str(round(size * 2))), RPR_ORDER)


def border(ppr: Any, side: str, color: str, eighths: int, space: int = 4) -> None:
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = put(ppr, el("pBdr"), PPR_ORDER)
    bdr.append(el(side, val="single", sz=str(eighths), space=str(space), color=color))


def paragraph_style(
    doc: Any,
    name: str,
    *,
    base: str = "Normal",
    size: float = 10,
    bold: bool = False,
    color: str = INK,
    before: float = 0,
    after: float = 4,
    align: Any = None,
    italic: bool | None = None,
    keep_next: bool = False,
) -> Any:
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[base]
        style.quick_style = True
    run_look(style.element.get_or_add_rPr(), size=size, bold=bold, color=color, italic=italic)
    pf = style.paragraph_format
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    if align is not None:
        pf.alignment = align
    if keep_next:
        pf.keep_with_next = True
    return style


def para(
    container: Any, text: str = "", style: str | None = None, *, align: Any = None, **look: Any
) -> Any:
    p = container.add_paragraph(style=style)
    if align is not None:
        p.alignment = align
    if text:
        add(p, text, **look)
    return p


def add(p: Any, text: str, **look: Any) -> Any:
    r = p.add_run(text)
    if text[:1].isspace() or text[-1:].isspace():
        r._r.find(qn("w:t")).set(qn("xml:space"), "preserve")
    if look:
        run_look(r._r.get_or_add_rPr(), **look)
    return r


def tag(container: Any, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph/row tag; docxtpl removes it."""
    container.add_paragraph().add_run(text)


def field(
    p: Any, instr: str, shown: str = "", *, begin: bool = True, end: bool = True, **look: Any
) -> None:
    """A complex field: begin, instruction, separate, shown result, end."""

    def char(kind: str) -> None:
        r = p.add_run()
        node = el("fldChar", fldCharType=kind)
        if kind == "begin":
            node.set(qn("w:dirty"), "true")  # Word recalculates it on open
        r._r.append(node)
        if look:
            run_look(r._r.get_or_add_rPr(), **look)

    if begin:
        char("begin")
        r = p.add_run()
        instr_el = OxmlElement("w:instrText")
        instr_el.set(qn("xml:space"), "preserve")
        instr_el.text = f" {instr} "
        r._r.append(instr_el)
        char("separate")
    if shown:
        add(p, shown, **look)
    if end:
        char("end")


# -- tables -------------------------------------------------------------------------------


def table(
    container: Any,
    widths: list[float],
    rows: int,
    *,
    align: Any = None,
    borders: dict[str, tuple[str, int]] | None = None,
) -> Any:
    tbl = container.add_table(rows=rows, cols=len(widths))
    tbl.autofit = False
    if align is not None:
        tbl.alignment = align
    tblpr = tbl._tbl.tblPr
    put(tblpr, el("tblW", w=str(round(sum(widths) * 567)), type="dxa"), TBLPR_ORDER)
    node = el("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        color, size = (borders or {}).get(side, ("auto", 0))
        node.append(el(side, val="single" if size else "nil", sz=str(size), space="0", color=color))
    put(tblpr, node, TBLPR_ORDER)
    mar = el("tblCellMar")
    for side, width in (("top", 40), ("left", 70), ("bottom", 40), ("right", 70)):
        mar.append(el(side, w=str(width), type="dxa"))
    put(tblpr, mar, TBLPR_ORDER)
    for i, w in enumerate(widths):
        tbl.columns[i].width = Cm(w)
        for cell in tbl.columns[i].cells:
            cell.width = Cm(w)
    return tbl


def shade(cell: Any, fill: str) -> None:
    put(cell._tc.get_or_add_tcPr(), el("shd", val="clear", color="auto", fill=fill), TCPR_ORDER)


def row_flags(row: Any, *, header: bool = False, cant_split: bool = True) -> None:
    trpr = row._tr.get_or_add_trPr()
    if cant_split:
        trpr.append(el("cantSplit"))
    if header:
        trpr.append(el("tblHeader"))


def cell_text(cell: Any, text: str, style: str, **look: Any) -> Any:
    p = cell.paragraphs[0]
    p.style = style
    add(p, text, **look)
    return p


def loop_rows(tbl: Any, start: str, end: str) -> Any:
    """Turn the last three rows into '{%tr start %}', the repeated row, '{%tr end %}'."""
    rows = tbl.rows
    rows[-3].cells[0].paragraphs[0].add_run(start)
    rows[-1].cells[0].paragraphs[0].add_run(end)
    return rows[-2]


# -- the template ----------------------------------------------------------------------------


def styles(doc: Any) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    run_look(rpr, size=10, color=INK)
    normal = paragraph_style(doc, "Normal", size=10, after=4)
    normal.paragraph_format.line_spacing = 1.1
    title = paragraph_style(
        doc, "Title", size=26, bold=True, after=10, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    tppr = title.element.get_or_add_pPr()
    bdr = tppr.find(qn("w:pBdr"))
    if bdr is not None:
        tppr.remove(bdr)
    h1 = paragraph_style(doc, "Heading 1", size=17, bold=True, after=8, keep_next=True)
    h1.paragraph_format.page_break_before = True
    border(h1.element.get_or_add_pPr(), "bottom", ACCENT, 12, space=4)
    paragraph_style(
        doc, "Heading 2", size=12, bold=True, color=ACCENT, before=14, after=5, keep_next=True
    )
    paragraph_style(doc, "Heading 3", size=10.5, bold=True, before=8, after=3, keep_next=True)
    toc_head = paragraph_style(doc, "TOC Heading", size=17, bold=True, after=6)
    toc_head.base_style = doc.styles["Normal"]
    toc_head.paragraph_format.page_break_before = True
    put(toc_head.element.get_or_add_pPr(), el("outlineLvl", val="9"), PPR_ORDER)
    for level, (size, bold, indent) in enumerate(
        ((10, True, 0.0), (9.5, False, 0.6), (9, False, 1.2)), start=1
    ):
        style = paragraph_style(
            doc, f"toc {level}", size=size, bold=bold, before=3 if level == 1 else 0, after=2
        )
        style.element.set(qn("w:styleId"), f"TOC{level}")
        style.paragraph_format.left_indent = Cm(indent)
        style.paragraph_format.tab_stops.add_tab_stop(
            Cm(TEXT_W), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
    paragraph_style(
        doc,
        "Caption",
        size=8,
        color=MUTED,
        italic=False,
        before=2,
        after=10,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    paragraph_style(doc, "List Bullet", size=10, after=2)
    paragraph_style(doc, "Header", size=8, color=MUTED, after=0)
    paragraph_style(doc, "Footer", size=8, color=MUTED, after=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "Kladoc Muted", size=8.5, color=MUTED, after=6)
    paragraph_style(doc, "Kladoc Label", size=8.5, bold=True, color=MUTED, after=0)
    paragraph_style(doc, "Kladoc Cell", size=8, after=0)
    paragraph_style(doc, "Kladoc Cell Head", size=8, bold=True, color=WHITE, after=0)
    paragraph_style(
        doc,
        "Kladoc Picture",
        size=10,
        before=6,
        after=0,
        keep_next=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )


def page_setup(doc: Any) -> None:
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(PAGE_W), Cm(PAGE_H)
    sec.left_margin = sec.right_margin = Cm(MARGIN_X)
    sec.top_margin, sec.bottom_margin = Cm(MARGIN_TOP), Cm(MARGIN_BOTTOM)
    sec.header_distance = sec.footer_distance = Cm(1.0)
    sec.different_first_page_header_footer = True  # the cover has neither
    sec.first_page_header.is_linked_to_previous = False
    sec.first_page_footer.is_linked_to_previous = False
    # the cover's own footer: at the foot of the page however long the title runs
    built = sec.first_page_footer.paragraphs[0]
    built.style = "Footer"
    add(built, "{{ labels.built }}")
    # a draft says so on every page, the cover included; the submission version: empty
    mark = sec.first_page_header.paragraphs[0]
    mark.style = "Header"
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add(mark, "{{ labels.draft_mark }}", bold=True, color=RED)
    head = sec.header.paragraphs[0]
    head.style = "Header"
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add(head, "{{ labels.draft_mark }}{% if draft %} · {% endif %}", bold=True, color=RED)
    add(head, "{{ region }} · {{ cluster.title }}")
    border(head._p.get_or_add_pPr(), "bottom", RULE, 4, space=2)
    foot = sec.footer.paragraphs[0]
    foot.style = "Footer"
    add(foot, "{{ labels.page_before }}")
    field(foot, "PAGE", "1")
    add(foot, "{{ labels.page_middle }}")
    field(foot, "NUMPAGES", "1")
    add(foot, "{{ labels.page_after }}")


def cover(doc: Any) -> None:
    centre = WD_ALIGN_PARAGRAPH.CENTER
    band = para(doc, align=centre)
    border(band._p.get_or_add_pPr(), "top", ACCENT, 48, space=1)
    band.paragraph_format.space_after = Pt(30)
    tag(doc, "{%p if logo %}")
    para(doc, "{{ logo }}", align=centre)
    tag(doc, "{%p endif %}")
    p = para(doc, "{{ labels.government }}", align=centre, size=15, bold=True)
    p.paragraph_format.space_after = Pt(36)
    para(doc, "{{ labels.kicker }}", align=centre, size=10, bold=True, color=ACCENT, spacing=3)
    para(doc, "{{ cluster.title }}", "Title")
    p = para(doc, "{{ labels.evaluation }}", align=centre, size=12, color=MUTED)
    p.paragraph_format.space_after = Pt(40)

    # readiness is for the team's draft only; the submission version shows the evidence
    tag(doc, "{%p if draft %}")
    box = table(
        doc,
        BOX_COLS,
        5,
        align=WD_TABLE_ALIGNMENT.CENTER,
        borders={s: (RULE, 6) for s in ("top", "left", "bottom", "right")},
    )
    for row in box.rows:
        for cell in row.cells:
            shade(cell, BOX)
    head = box.rows[0].cells[0].merge(box.rows[0].cells[1])
    p = cell_text(head, "{{ labels.readiness|upper }}", "Kladoc Label", color=ACCENT)
    p.paragraph_format.space_before = Pt(8)
    big = box.rows[1].cells[0].merge(box.rows[1].cells[1])
    p = big.paragraphs[0]
    add(p, "{{ summary.percent }}", size=22, bold=True)
    add(p, "   {{ summary.points_text }}", size=10, color=MUTED)
    p.paragraph_format.space_after = Pt(6)
    for row, (label, value) in zip(
        box.rows[2:],
        (("indicators", "indicators_text"), ("evidence", "evidence_text"), ("gaps", "gaps_text")),
        strict=True,
    ):
        cell_text(row.cells[0], "{{ labels." + label + " }}", "Kladoc Label")
        cell_text(row.cells[1], "{{ summary." + value + " }}", "Normal", size=9.5)
    for cell in box.rows[-1].cells:
        cell.paragraphs[0].paragraph_format.space_after = Pt(8)
    p = para(doc, "{{ labels.readiness_note }}", "Kladoc Muted", align=centre, size=7.5)
    p.paragraph_format.space_before = Pt(4)
    tag(doc, "{%p else %}")
    box = table(
        doc,
        BOX_COLS,
        1,
        align=WD_TABLE_ALIGNMENT.CENTER,
        borders={s: (RULE, 6) for s in ("top", "left", "bottom", "right")},
    )
    row = box.rows[0]
    for cell in row.cells:
        shade(cell, BOX)
        cell.paragraphs[0].paragraph_format.space_before = Pt(8)
    cell_text(row.cells[0], "{{ labels.evidence }}", "Kladoc Label")
    cell_text(row.cells[1], "{{ summary.evidence_text }}", "Normal", size=9.5)
    for cell in row.cells:
        cell.paragraphs[0].paragraph_format.space_after = Pt(8)
    tag(doc, "{%p endif %}")


def contents(doc: Any) -> None:
    para(doc, "{{ labels.toc_title }}", "TOC Heading")
    p = para(doc, style="Kladoc Muted")
    field(p, r'TOC \o "1-3" \h \z \u', "{{ labels.toc_hint }}", end=False)
    # the field's shown result lists the indicators until Word fills in page numbers
    tag(doc, "{%p for s in sections %}")
    para(doc, "{{ s.heading }}", "toc 1")
    tag(doc, "{%p endfor %}")
    field(para(doc), "", begin=False)


def facts_table(doc: Any) -> None:
    tbl = table(
        doc, FACT_COLS, 3, borders={"top": (ACCENT, 8), "bottom": (RULE, 4), "insideH": (RULE, 4)}
    )
    row = loop_rows(tbl, "{%tr for f in s.facts %}", "{%tr endfor %}")
    row_flags(row)
    cell_text(row.cells[0], "{{ f.label }}", "Kladoc Label")
    cell_text(row.cells[1], "{{r f.rich }}", "Normal").paragraph_format.space_after = Pt(0)


def narrative(doc: Any) -> None:
    tag(doc, "{%p if s.narrative %}")
    para(doc, "{{ labels.narrative }}", "Heading 2")
    tag(doc, "{%p for b in s.narrative %}")
    tag(doc, '{%p if b.kind == "heading" %}')
    para(doc, "{{ b.text }}", "Heading 3")
    tag(doc, '{%p elif b.kind == "bullet" %}')
    para(doc, "{{r b.rich }}", "List Bullet")
    tag(doc, '{%p elif b.kind == "source" %}')
    para(doc, "{{ b.text }}", "Kladoc Muted")
    tag(doc, "{%p else %}")
    para(doc, "{{r b.rich }}", "Normal")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def questions_table(doc: Any) -> None:
    """The indicator's questions: code, text, max score, the answer, the evidence numbers;
    then the files at indicator level only (the draft: the submission leaves them out)."""
    tag(doc, "{%p if s.questions %}")
    para(doc, "{{ labels.questions }}", "Heading 2")
    tbl = table(doc, QUESTION_COLS, 4, borders={"bottom": (RULE, 4), "insideH": (RULE, 4)})
    head = tbl.rows[0]
    row_flags(head, header=True)
    keys = ("question", "question_text", "question_max", "answer", "files")
    for cell, key in zip(head.cells, keys, strict=True):
        shade(cell, ACCENT)
        cell_text(cell, "{{ labels.col_" + key + " }}", "Kladoc Cell Head")
    row = loop_rows(tbl, "{%tr for q in s.questions %}", "{%tr endfor %}")
    row_flags(row)
    cells = row.cells
    cell_text(cells[0], "{{ q.code }}", "Kladoc Cell", bold=True)
    for cell, key in zip(cells[1:], ("text", "max_score", "answer", "files"), strict=True):
        cell_text(cell, "{{ q." + key + " }}", "Kladoc Cell")
    tag(doc, "{%p if s.unassigned %}")
    para(doc, "{{ labels.unassigned }}: {{ s.unassigned }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def evidence_index(doc: Any) -> None:
    para(doc, "{{ labels.evidence_index }}", "Heading 2")
    tag(doc, "{%p if s.docs %}")
    tbl = table(doc, INDEX_COLS, 4, borders={"bottom": (RULE, 4), "insideH": (RULE, 4)})
    head = tbl.rows[0]
    row_flags(head, header=True)
    for cell, key in zip(
        head.cells, ("no", "file", "opd", "type", "year", "pages", "sha"), strict=True
    ):
        shade(cell, ACCENT)
        cell_text(cell, "{{ labels.col_" + key + " }}", "Kladoc Cell Head")
    row = loop_rows(tbl, "{%tr for d in s.docs %}", "{%tr endfor %}")
    row_flags(row)
    cells = row.cells
    cell_text(cells[0], "{{ d.number }}", "Kladoc Cell", bold=True)
    p = cell_text(cells[1], "{{ d.name }}", "Kladoc Cell")
    # an unusable file: its problem on a second line, in red, only when there is one
    r = add(p, "{% if d.problem %}", color=RED)
    r._r.append(el("br"))
    t_el = OxmlElement("w:t")
    t_el.text = "{{ d.problem }}{% endif %}"
    r._r.append(t_el)
    for cell, key in zip(cells[2:6], ("opd", "type", "year", "pages"), strict=True):
        cell_text(cell, "{{ d." + key + " }}", "Kladoc Cell")
    cell_text(cells[6], "{{ d.sha }}", "Kladoc Cell", size=7, color=MUTED)
    tag(doc, "{%p else %}")
    para(doc, "{{ labels.no_evidence }}")
    tag(doc, "{%p endif %}")


def gaps(doc: Any) -> None:
    tag(doc, "{%p if draft %}")  # findings are for the team's draft only
    para(doc, "{{ labels.open_gaps }}", "Heading 2")
    tag(doc, "{%p for g in s.gaps %}")
    p = para(doc, "{{r g.badge }}")
    add(p, "  {{ g.message }}")
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_after = Pt(1)
    tag(doc, "{%p if g.remedy %}")
    para(doc, "{{ g.remedy_text }}", "Kladoc Muted")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    para(doc, "{{ labels.no_gaps }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def pictures(doc: Any) -> None:
    # one picture per borderless table row: a row never splits, and a heading kept
    # with a table stays with its first picture (LibreOffice ignores keep-with-next
    # towards a paragraph that holds only a picture)
    tag(doc, "{%p if s.photos %}")
    para(doc, "{{ labels.photos }}", "Heading 2")
    tbl = table(doc, [TEXT_W], 3)
    row = loop_rows(tbl, "{%tr for p in s.photos %}", "{%tr endfor %}")
    row_flags(row)
    cell = row.cells[0]
    cell_text(cell, "{{ p.image }}", "Kladoc Picture")
    cell.add_paragraph("{{ p.caption }}", style="Caption")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if s.thumbnails %}")
    para(doc, "{{ labels.first_pages }}", "Heading 2")
    tbl = table(doc, THUMB_COLS, 3)
    row = loop_rows(tbl, "{%tr for row in s.thumbnail_rows %}", "{%tr endfor %}")
    row_flags(row)
    for i, cell in enumerate(row.cells):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        cell_text(cell, "{{ row[" + str(i) + "].image }}", "Kladoc Picture")
        cell.add_paragraph("{{ row[" + str(i) + "].caption }}", style="Caption")
    tag(doc, "{%p endif %}")


def body(doc: Any) -> None:
    tag(doc, "{%p for s in sections %}")
    para(doc, "{{ s.heading }}", "Heading 1")
    facts_table(doc)
    narrative(doc)
    questions_table(doc)
    evidence_index(doc)
    gaps(doc)
    pictures(doc)
    tag(doc, "{%p endfor %}")
    para(doc)  # a document must not end with a table


def settings(doc: Any) -> None:
    set_update_fields(doc.settings)  # the build sets it again for templates without it


def properties(doc: Any) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = "kladoc"
    props.title = props.subject = props.keywords = props.comments = ""
    props.created = props.modified = FIXED_TIME
    props.revision = 1


def make_template() -> bytes:
    doc = Document()
    styles(doc)
    page_setup(doc)
    cover(doc)
    contents(doc)
    body(doc)
    settings(doc)
    properties(doc)
    raw = io.BytesIO()
    doc.save(raw)
    return normalised(raw.getvalue())


def normalised(data: bytes) -> bytes:
    """Fixed zip timestamps, so regenerating an unchanged template changes no byte."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename == THUMBNAIL:
                continue  # python-docx's preview of a blank page
            blob = src.read(info.filename)
            if info.filename == "_rels/.rels":
                blob = re.sub(rb"<Relationship [^>]*thumbnail[^>]*/>", b"", blob)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, blob)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(make_template())
    print(f"{args.out} written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
