"""The Excel report: the check result as six sheets DP3A staff can filter, sort and forward.

Cell text comes from file and folder names that anyone can choose, so every string is stored
as a string cell (never a formula) and risky first characters get Excel's quote prefix."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kladoc.i18n import t
from kladoc.report.view import report_data

if TYPE_CHECKING:
    from openpyxl.cell import Cell
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from kladoc.models import CheckResult

# characters that make Excel, LibreOffice or a CSV export treat text as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 cannot carry these; openpyxl would raise on them
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL = 32767

# (fill, font) per tone, the familiar Excel "Good / Neutral / Bad" palette
TONES = {
    "complete": ("C6EFCE", "006100"),
    "partial": ("FFEB9C", "9C5700"),
    "missing": ("FFC7CE", "9C0006"),
    "error": ("FFC7CE", "9C0006"),
    "warning": ("FFEB9C", "9C5700"),
    "info": ("DDEBF7", "1F4E78"),
}
HEADER_FILL = "1F4E78"
MIN_WIDTH, MAX_WIDTH = 9, 60
LINE_HEIGHT = 15  # points per line of 11 pt text


@dataclass(frozen=True)
class Col:
    header: str
    wrap: bool = False  # long prose: fixed width, wrapped
    number_format: str | None = None
    width: float | None = None
    center: bool = False  # small counts read better centred under their header


@dataclass(frozen=True)
class Tone:
    """A value whose cell is coloured (status, severity)."""

    value: Any
    tone: str | None


def sheet_names() -> dict[str, str]:
    """Sheet names in the current language (Indonesian by default)."""
    return {
        k: t(f"xlsx.sheet.{k}")
        for k in ("summary", "indicators", "questions", "opds", "findings", "evidence", "excluded")
    }


def set_cell(cell: Cell, value: Any) -> None:
    """Write a value so text can never become a formula, error code or broken XML."""
    if isinstance(value, Tone):
        value = value.value
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    if value is None:
        return
    if isinstance(value, str):
        text = _ILLEGAL.sub("\ufffd", value)[:MAX_CELL]
        cell.value = text
        # openpyxl infers a formula from a leading "=" and an error from "#N/A": undo both
        cell.data_type = "s"
        if text.startswith(FORMULA_START):
            cell.quotePrefix = True
        return
    cell.value = value


def _style(cell: Cell, tone: str | None) -> None:
    from openpyxl.styles import Font, PatternFill

    if tone in TONES:
        fill, font = TONES[tone]
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
        cell.font = Font(color=font, bold=True)


def _display_len(value: Any) -> int:
    if isinstance(value, float):
        return len(f"{value:g}")
    return max((len(line) for line in _as_text(value).splitlines()), default=0)


def write_table(
    ws: Worksheet, cols: Sequence[Col], rows: Sequence[Sequence[Any]], start_row: int = 1
) -> None:
    """Header + rows, with filter, sensible widths and wrapped prose. Freezes the header when
    the table starts the sheet."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    for c, col in enumerate(cols, 1):
        cell = ws.cell(start_row, c)
        set_cell(cell, col.header)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    centred = Alignment(vertical="top", horizontal="center")
    for r, values in enumerate(rows, start_row + 1):
        for c, (col, value) in enumerate(zip(cols, values, strict=True), 1):
            cell = ws.cell(r, c)
            set_cell(cell, value)
            cell.alignment = wrapped if col.wrap else (centred if col.center else top)
            if col.number_format:
                cell.number_format = col.number_format
            if isinstance(value, Tone):
                _style(cell, value.tone)
    last = start_row + len(rows)
    widths = _fit_widths(ws, cols, rows)
    _fit_heights(ws, cols, rows, widths, start_row)
    ref = f"A{start_row}:{get_column_letter(len(cols))}{last}"
    ws.auto_filter.ref = ref
    if start_row == 1:
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"


def _fit_widths(ws: Worksheet, cols: Sequence[Col], rows: Sequence[Sequence[Any]]) -> list[float]:
    from openpyxl.utils import get_column_letter

    widths = []
    for c, col in enumerate(cols, 1):
        letter = get_column_letter(c)
        if col.width is not None:
            width = col.width
        else:
            longest = max([_display_len(v[c - 1]) for v in rows] + [0])
            # headers wrap, so a long header only needs its longest word
            head = max((len(w) for w in col.header.split()), default=0)
            width = max(MIN_WIDTH, min(MAX_WIDTH, max(longest, head) + 2))
        ws.column_dimensions[letter].width = width
        widths.append(width)
    return widths


def _fit_heights(
    ws: Worksheet,
    cols: Sequence[Col],
    rows: Sequence[Sequence[Any]],
    widths: list[float],
    start_row: int,
) -> None:
    """Explicit heights for rows with wrapped text: neither Excel nor LibreOffice reliably grows
    them when opening a generated file, and overlapping text is unreadable."""
    header_lines = max(_lines(col.header, w) for col, w in zip(cols, widths, strict=True))
    if header_lines > 1:
        ws.row_dimensions[start_row].height = LINE_HEIGHT * header_lines
    for r, values in enumerate(rows, start_row + 1):
        lines = max(
            (
                _lines(_as_text(v), w)
                for col, v, w in zip(cols, values, widths, strict=True)
                if col.wrap
            ),
            default=1,
        )
        if lines > 1:
            ws.row_dimensions[r].height = LINE_HEIGHT * min(lines, 15)


def _as_text(value: Any) -> str:
    if isinstance(value, Tone):
        value = value.value
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _lines(text: str, width: float) -> int:
    # a column width unit is one "0" of the default font; prose averages a little narrower
    per_line = max(1, int((width - 1) * 1.1))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _page_setup(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _status(status: str) -> Tone:
    return Tone(t(f"status.{status}"), status)


def _source(code: str) -> str:
    return t(f"source.{code}") if code else ""


def _kind(kind: str) -> str:
    return t(f"kind.{kind}") if kind in ("image", "other") else kind.upper()


def _summary_sheet(ws: Worksheet, data: dict[str, Any]) -> None:
    from openpyxl.formatting.rule import DataBarRule
    from openpyxl.styles import Alignment, Font

    d, s, texts = data["dossier"], data["summary"], data["texts"]
    set_cell(ws.cell(1, 1), t("report.doc_title"))
    ws.cell(1, 1).font = Font(bold=True, size=14, color=HEADER_FILL)
    set_cell(ws.cell(2, 1), texts["title"])
    ws.cell(2, 1).font = Font(italic=True, color="595959")
    pairs: list[tuple[str, Any, str | None]] = [
        ("report.key.region", d["region"] or t("report.no_region"), None),
    ]
    if data["opd"]:
        pairs.append(("report.key.opd", data["opd"]["name"], None))
    elif texts["scope_opd"]:
        pairs.append(("report.key.opd", texts["scope_opd"], None))
    pairs += [
        ("report.key.year", d["year"], None),
        ("report.key.checklist", d["checklist"], None),
        ("report.key.deadline", d["deadline"] or "-", None),
        ("report.key.countdown", texts["deadline"], None),
        ("report.key.readiness", s["readiness_score"], "0.0"),
        ("report.key.readiness_max", s["readiness_max"], "0.0"),
        ("report.key.claimed", "-" if s["claimed_score"] is None else s["claimed_score"], "0.0"),
        ("report.key.at_risk", "-" if s["points_at_risk"] is None else s["points_at_risk"], "0.0"),
        ("report.key.questions", _questions_summary(s["questions"]), None),
        ("report.key.share", s["share"], "0%"),
        ("report.key.category", s["category"] or t("report.no_category"), None),
        ("report.key.note", texts["note"], None),
        ("report.key.files", s["files"], None),
        ("report.count.errors", Tone(s["errors"], "error" if s["errors"] else None), None),
        ("report.count.warnings", Tone(s["warnings"], "warning" if s["warnings"] else None), None),
        ("report.count.infos", s["infos"], None),
        ("report.key.generated", data["generated"], None),
    ]
    row = 4
    key_font = Font(bold=True)
    for key, value, fmt in pairs:
        k = ws.cell(row, 1)
        set_cell(k, t(key))
        k.font = key_font
        k.alignment = Alignment(vertical="top")
        v = ws.cell(row, 2)
        set_cell(v, value)
        # no wrap: long values run on over the empty cells to the right
        v.alignment = Alignment(horizontal="left", vertical="top")
        if fmt:
            v.number_format = fmt
        if isinstance(value, Tone):
            _style(v, value.tone)
        row += 1
    row += 1
    set_cell(ws.cell(row, 1), t("xlsx.per_cluster"))
    ws.cell(row, 1).font = Font(bold=True, size=12, color=HEADER_FILL)
    row += 1
    cols = [
        Col(t("col.cluster"), width=_summary_key_width(data)),
        Col(t("col.indicators"), center=True),
        Col(t("col.complete"), center=True),
        Col(t("col.partial"), center=True),
        Col(t("col.missing"), center=True),
        Col(t("col.points"), number_format="0.0"),
        Col(t("col.max_score"), number_format="0.0"),
        Col(t("col.share"), number_format="0%"),
    ]
    rows = [
        [
            c["title"],
            c["total"],
            Tone(c["complete"], "complete" if c["complete"] else None),
            Tone(c["partial"], "partial" if c["partial"] else None),
            Tone(c["missing"], "missing" if c["missing"] else None),
            c["points"],
            c["max_score"],
            c["share"],
        ]
        for c in data["clusters"]
    ]
    write_table(ws, cols, rows, start_row=row)
    last = row + len(rows)
    if rows:
        ws.conditional_formatting.add(
            f"H{row + 1}:H{last}",
            DataBarRule(
                start_type="num", start_value=0, end_type="num", end_value=1, color="2E75B6"
            ),
        )
    total_row = last + 1
    counts = data["summary"]["indicators"]
    totals = [
        t("xlsx.total"),
        sum(c["total"] for c in data["clusters"]),
        counts["complete"],
        counts["partial"],
        counts["missing"],
        s["readiness_score"],
        s["readiness_max"],
        s["share"],
    ]
    for c, (col, value) in enumerate(zip(cols, totals, strict=True), 1):
        cell = ws.cell(total_row, c)
        set_cell(cell, value)
        cell.font = Font(bold=True)
        if col.center:
            cell.alignment = Alignment(horizontal="center")
        if col.number_format:
            cell.number_format = col.number_format
    ws.column_dimensions["B"].width = max(ws.column_dimensions["B"].width or 0, 14)
    _page_setup(ws)


def _questions_summary(q: dict[str, int]) -> str:
    if not q["total"]:
        return "-"
    return t("report.questions_counts", **q)


def _summary_key_width(data: dict[str, Any]) -> float:
    # column A holds both the keys and the cluster names
    names = [len(c["title"]) for c in data["clusters"]] + [len(t("report.key.readiness")), 20]
    return min(70, max(names) + 2)


def _indicator_sheet(ws: Worksheet, data: dict[str, Any]) -> None:
    cols = [
        Col(t("col.cluster")),
        Col(t("col.indicator")),
        Col(t("col.title"), wrap=True, width=48),
        Col(t("col.status")),
        Col(t("col.files"), center=True),
        Col(t("col.points"), number_format="0.0#"),
        Col(t("col.max_score"), number_format="0.0#"),
        Col(t("col.evidence"), wrap=True, width=40),
        Col(t("col.missing_types"), wrap=True, width=40),
        Col(t("col.questions"), wrap=True, width=28),
        Col(t("col.claimed"), number_format="0.0#"),
        Col(t("col.at_risk"), number_format="0.0#"),
        Col(t("col.responsible"), wrap=True, width=36),
        Col(t("col.suppliers"), wrap=True, width=24),
    ]
    rows = [
        [
            i["cluster_short"],
            i["id"],
            i["title"],
            _status(i["status"]),
            i["files"],
            i["points"],
            i["max_score"],
            i["required_titles"],
            i["missing_titles"],
            i["questions_text"],
            i["claimed"],
            i["at_risk"],
            i["responsible_short"],
            i["supplier_short"],
        ]
        for i in data["indicators"]
    ]
    write_table(ws, cols, rows)
    _page_setup(ws)


def _question_sheet(ws: Worksheet, data: dict[str, Any]) -> None:
    """One row per question (in an OPD's workbook: the questions it is a Sumber Data of),
    with what is still to send: the list a DP3A officer forwards."""
    cols = [
        Col(t("col.code")),
        Col(t("col.indicator")),
        Col(t("col.question_text"), wrap=True, width=60),
        Col(t("col.max_score"), number_format="0.0#"),
        Col(t("col.opds"), wrap=True, width=28),
        Col(t("col.answer"), wrap=True, width=18),
        Col(t("col.files"), wrap=True, width=40),
        Col(t("col.status")),
        Col(t("col.points"), number_format="0.0#"),
        Col(t("col.to_send"), wrap=True, width=36),
    ]
    rows = [
        [
            q["id"],
            i["id"],
            q["text"],
            q["max_score"],
            q["opd_short"],
            q["answer_label"],
            "\n".join(q["files"]),
            _status(q["status"]),
            q["points"],
            q["lacks"],
        ]
        for i in data["indicators"]
        for q in i["questions"]
    ]
    write_table(ws, cols, rows)
    _page_setup(ws)


def _opd_sheet(ws: Worksheet, data: dict[str, Any]) -> None:
    from openpyxl.formatting.rule import DataBarRule

    cols = [
        Col(t("col.opd"), wrap=True, width=40),
        Col(t("col.folders"), wrap=True, width=28),
        Col(t("col.files"), center=True),
        Col(t("col.supplies"), wrap=True, width=24),
        Col(t("col.responsible_for"), wrap=True, width=28),
        Col(t("col.complete"), center=True),
        Col(t("col.partial"), center=True),
        Col(t("col.missing"), center=True),
        Col(t("col.share_complete"), number_format="0%"),
    ]
    rows = [
        [
            r["name"],
            r["folders"],
            r["files"],
            r["indicators"],
            r["responsible"],
            Tone(r["complete"], "complete" if r["complete"] else None),
            Tone(r["partial"], "partial" if r["partial"] else None),
            Tone(r["missing"], "missing" if r["missing"] else None),
            r["share_complete"] if r["total"] else None,
        ]
        for r in data["opds"]
    ]
    write_table(ws, cols, rows)
    if rows:
        ws.conditional_formatting.add(
            f"I2:I{len(rows) + 1}",
            DataBarRule(
                start_type="num", start_value=0, end_type="num", end_value=1, color="63BE7B"
            ),
        )
    _page_setup(ws)


def _findings_sheet(ws: Worksheet, data: dict[str, Any]) -> None:
    cols = [
        Col(t("col.severity")),
        Col(t("col.rule")),
        Col(t("col.indicator")),
        Col(t("col.opd"), wrap=True, width=28),
        Col(t("col.path"), wrap=True, width=48),
        Col(t("col.message"), wrap=True, width=60),
        Col(t("col.remedy"), wrap=True, width=50),
    ]
    rows = [
        [
            Tone(f["severity_label"], f["severity"]),
            f["rule"],
            f["indicator"],
            f["opd_name"],
            f["path"],
            f["message"],
            f["remedy"],
        ]
        for f in data["findings"]
    ]
    write_table(ws, cols, rows)
    _page_setup(ws)


def _evidence_sheet(ws: Worksheet, data: dict[str, Any]) -> None:
    cols = [
        Col(t("col.path"), wrap=True, width=60),
        Col(t("col.opd"), wrap=True, width=28),
        Col(t("col.indicator")),
        Col(t("col.type"), wrap=True, width=30),
        Col(t("col.year")),
        Col(t("col.pages")),
        Col(t("col.size_kb"), number_format="#,##0.0"),
        Col(t("col.kind")),
        Col(t("col.file_status")),
        Col(t("col.source_indicator")),
        Col(t("col.source_type")),
        Col(t("col.source_year")),
        Col(t("col.note"), wrap=True, width=30),
        Col("SHA-256", width=20),
    ]
    rows = [
        [
            e["path"],
            e["opd_name"],
            e["indicator"],
            e["type_title"],
            e["year"],
            e["pages"],
            round(e["size"] / 1024, 1),
            _kind(e["kind"]),
            Tone(t(f"filestatus.{e['status']}"), None if e["status"] == "ok" else "error"),
            _source(e["indicator_source"]),
            _source(e["type_source"]),
            _source(e["year_source"]),
            e["note"],
            e["sha256"],
        ]
        for e in data["evidence"]
    ]
    write_table(ws, cols, rows)
    _page_setup(ws)


def _excluded_sheet(ws: Worksheet, data: dict[str, Any]) -> None:
    """The files `kladoc build` leaves out of the submission dossier, and why."""
    cols = [
        Col(t("col.path"), wrap=True, width=60),
        Col(t("col.left_out"), wrap=True, width=30),
        Col(t("col.message"), wrap=True, width=60),
    ]
    rows = [[e["path"], e["reason_text"], e["message"]] for e in data.get("excluded", [])]
    write_table(ws, cols, rows)
    _page_setup(ws)


def build_workbook(data: dict[str, Any]) -> Workbook:
    """A workbook from `report_data` output (whole dossier or one OPD)."""
    from openpyxl import Workbook

    wb = Workbook()
    names = sheet_names()
    ws = wb.active
    ws.title = names["summary"]
    _summary_sheet(ws, data)
    _indicator_sheet(wb.create_sheet(names["indicators"]), data)
    if any(i["questions"] for i in data["indicators"]):
        _question_sheet(wb.create_sheet(names["questions"]), data)
    _opd_sheet(wb.create_sheet(names["opds"]), data)
    _findings_sheet(wb.create_sheet(names["findings"]), data)
    _evidence_sheet(wb.create_sheet(names["evidence"]), data)
    _excluded_sheet(wb.create_sheet(names["excluded"]), data)
    wb.properties.creator = "kladoc"
    wb.properties.title = _clean_property(data["texts"]["title"])
    return wb


def _clean_property(text: str) -> str:
    return _ILLEGAL.sub("", text)[:255]


def save_workbook(data: dict[str, Any], path: Path) -> None:
    from kladoc.fsutil import atomic_save

    wb = build_workbook(data)
    atomic_save(Path(path), lambda p: wb.save(p))


def write_xlsx(result: CheckResult, path: Path) -> None:
    """`kladoc check --format xlsx --output PATH` (an OPD-scoped result: that OPD's view)."""
    save_workbook(report_data(result), path)
