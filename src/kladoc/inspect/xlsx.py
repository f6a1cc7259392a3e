"""Classification text of an xlsx/xlsm workbook, read straight from its parts.

The text is what ``openpyxl.load_workbook(read_only=True, data_only=True)`` gives when the
first sheets are walked row by row (the inspector used it before): a ``[title]`` item per
worksheet, then each non-empty cell value as ``str()`` of the value openpyxl would return
(ints and floats as Python prints them, shared and inline strings, booleans, error codes,
date-formatted numbers as datetimes). Reading the parts directly costs a fraction of building
openpyxl's workbook model (stylesheet objects, descriptors) for ~200 cells, and needs no
openpyxl import in the worker.

Everything is read element by element (:mod:`kladoc.inspect.xmlpart`: small parts parsed whole,
larger ones streamed) and freed as it is read, so a sheet or a shared string table of tens of
MB never becomes a tree in memory. The caller has already judged the
zip against the decompression-bomb guard (:mod:`kladoc.zipguard`) before this module reads a
member. Damage raises (ValueError, KeyError, lxml's XMLSyntaxError, ...): the caller records
the workbook as corrupt, as openpyxl's exceptions did.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from kladoc.inspect.xmlpart import end_events

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_T, _R, _IS, _V = f"{_NS}t", f"{_NS}r", f"{_NS}is", f"{_NS}v"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml."
_MACRO = "application/vnd.ms-excel."
# searched in this order, as openpyxl does
WORKBOOK_TYPES = (
    _MACRO + "template.macroEnabled.main+xml",
    _SPREADSHEET + "template.main+xml",
    _MACRO + "sheet.macroEnabled.main+xml",
    _SPREADSHEET + "sheet.main+xml",
)
SHARED_STRINGS_TYPE = _SPREADSHEET + "sharedStrings+xml"
STYLES_PART = "xl/styles.xml"
DEFAULT_WORKBOOK_PART = "xl/workbook.xml"
MAX_WORKBOOK_PART = 16 * 1024 * 1024  # workbook.xml and its rels: kilobytes in real files

# --- number formats (the rules of openpyxl.styles.numbers) ------------------------------
# built-in format ids whose code is a date/time format (14-22: dates and times; 45-47: mm:ss,
# [h]:mm:ss, mmss.0); other built-in ids, and ids with no built-in code, are numbers
BUILTIN_DATE_FORMATS = frozenset((*range(14, 23), 45, 46, 47))
BUILTIN_TIMEDELTA_FORMATS = frozenset((46,))
_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_CHAR = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)


def is_date_format(code: str | None) -> bool:
    if code is None:
        return False
    return _DATE_CHAR.search(_STRIP.sub("", code.split(";")[0])) is not None


def is_timedelta_format(code: str | None) -> bool:
    if code is None:
        return False
    return _TIMEDELTA.search(code.split(";")[0]) is not None


# --- serial dates (openpyxl.utils.datetime) ----------------------------------------------
WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)
_ISO = re.compile(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
    r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?"
)
_ISO_DURATION = re.compile(
    r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?"
)


def from_excel(value: float, epoch: dt.datetime, timedelta: bool = False) -> object:
    """An Excel serial number as a datetime (a time below 1, a timedelta for duration
    formats), with Excel's fictitious 29 February 1900."""
    if timedelta:
        td = dt.timedelta(days=value)
        if td.microseconds:
            td = dt.timedelta(
                seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3)
            )
        return td
    day, fraction = divmod(value, 1)
    diff = dt.timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        mins, seconds = divmod(diff.seconds, 60)
        hours, mins = divmod(mins, 60)
        return dt.time(hours, mins, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1
    return epoch + dt.timedelta(days=day) + diff


def from_iso8601(text: str) -> object:
    """A `t="d"` cell's ISO 8601 value as a date, time, datetime or timedelta."""
    if not text:
        return None
    m = _ISO.match(text)
    if m and any(m.groups()):
        parts: dict[str, Any] = m.groupdict(0)
        for key in ("year", "month", "day", "hour", "minute", "second"):
            if parts[key]:
                parts[key] = int(parts[key])
        if parts["microsecond"]:
            parts["microsecond"] = int(float(parts["microsecond"]) * 1_000_000)
        if not parts["date"]:
            return dt.time(parts["hour"], parts["minute"], parts["second"], parts["microsecond"])
        if not parts["time"]:
            return dt.date(parts["year"], parts["month"], parts["day"])
        del parts["time"], parts["date"]
        return dt.datetime(**parts)
    m = _ISO_DURATION.match(text)
    if m and any(m.groups()):
        return dt.timedelta(**{k: float(v) for k, v in m.groupdict(0).items() if v})
    raise ValueError(f"Invalid datetime value {text}")


def _cast_number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


_COORD = re.compile(r"([A-Z]{1,3})([0-9]+)")
_COLUMNS: dict[str, int] = {}
_CELL_COLUMNS: dict[str, int] = {}  # "C5" -> 3, for the references met most (bounded)


def _column(coordinate: str) -> int:
    """The column number of a cell reference ("C5" is 3), as strictly as openpyxl reads
    it: upper-case letters A to ZZZ, then the row number."""
    col = _CELL_COLUMNS.get(coordinate)
    if col is not None:
        return col
    col = _parse_column(coordinate)
    if len(_CELL_COLUMNS) < 100_000:
        _CELL_COLUMNS[coordinate] = col
    return col


def _parse_column(coordinate: str) -> int:
    m = _COORD.fullmatch(coordinate)
    if not m:
        raise ValueError(f"{coordinate!r} is not a valid cell reference")
    letters = m.group(1)
    col = _COLUMNS.get(letters)
    if col is None:
        col = 0
        for ch in letters:
            col = col * 26 + ord(ch) - 64
        _COLUMNS[letters] = col
    return col


# --- the package -------------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    """Which cell style (xf) indexes format numbers as dates, or as durations."""

    dates: frozenset[int] = frozenset()
    durations: frozenset[int] = frozenset()


def _free(el: Any) -> None:
    """Forget an element once read (and the siblings read before it)."""
    el.clear(keep_tail=False)
    parent = el.getparent()
    while parent is not None and el.getprevious() is not None:
        del parent[0]


def read_styles(zf: zipfile.ZipFile, names: set[str]) -> Styles:
    if STYLES_PART not in names:
        return Styles()
    custom: dict[int, str] = {}
    xfs: list[int] = []
    for el in end_events(zf, STYLES_PART, (f"{_NS}numFmt", f"{_NS}xf")):
        parent = el.getparent()
        if el.tag == f"{_NS}numFmt":
            custom[int(el.get("numFmtId"))] = el.get("formatCode") or ""
        elif parent is not None and parent.tag == f"{_NS}cellXfs":
            xfs.append(int(el.get("numFmtId", 0)))
            continue  # siblings are freed with the list once cellXfs ends
        _free(el)
    dates, durations = set(), set()
    for index, fmt_id in enumerate(xfs):
        if fmt_id in custom:
            code = custom[fmt_id]
            is_date, is_duration = is_date_format(code), is_timedelta_format(code)
        else:
            is_date = fmt_id in BUILTIN_DATE_FORMATS
            is_duration = fmt_id in BUILTIN_TIMEDELTA_FORMATS
        if is_date:
            dates.add(index)
        if is_duration:
            durations.add(index)
    return Styles(frozenset(dates), frozenset(durations))


def _text_content(el: Any) -> str:
    """A string item (`si` or `is`): its plain `t`, then its rich-text runs' `t`; phonetic
    runs (`rPh`) are not part of the text."""
    plain: str | None = None
    runs: list[str] = []
    for child in el:
        if child.tag == _T:
            plain = child.text
        elif child.tag == _R:
            run: str | None = None
            for t in child.iterchildren(_T):
                run = t.text
            if run is not None:
                runs.append(run)
    return (plain or "") + "".join(runs)


def read_shared_strings(zf: zipfile.ZipFile, part: str | None) -> list[str]:
    if part is None:
        return []
    strings: list[str] = []
    for si in end_events(zf, part, (f"{_NS}si",)):
        strings.append(_text_content(si).replace("x005F_", ""))
        _free(si)
    return strings


def _part_names(content_types: bytes) -> tuple[str, str | None]:
    """(workbook part, shared strings part or None) named by [Content_Types].xml."""
    root = ET.fromstring(content_types)
    overrides = [
        (el.get("ContentType"), (el.get("PartName") or "")[1:])
        for el in root.iter(f"{_CT_NS}Override")
    ]
    workbook = None
    for ctype in WORKBOOK_TYPES:
        workbook = next((name for t, name in overrides if t == ctype), None)
        if workbook is not None:
            break
    if workbook is None:
        defaults = {el.get("ContentType") for el in root.iter(f"{_CT_NS}Default")}
        if not defaults & set(WORKBOOK_TYPES):
            raise OSError("File contains no valid workbook part")
        workbook = DEFAULT_WORKBOOK_PART
    strings = next((name for t, name in overrides if t == SHARED_STRINGS_TYPE), None)
    return workbook, strings


def _read_whole(zf: zipfile.ZipFile, name: str) -> bytes:
    info = zf.getinfo(name)  # KeyError when missing, as openpyxl
    if info.file_size > MAX_WORKBOOK_PART:
        raise ValueError(f"{name} too large ({info.file_size} bytes)")
    return zf.read(info)


def _worksheets(
    zf: zipfile.ZipFile, names: set[str], workbook: str
) -> tuple[list[tuple[str, str]], bool]:
    """([(title, part)] of the worksheets in workbook order, date1904)."""
    root = etree.fromstring(
        _read_whole(zf, workbook), etree.XMLParser(resolve_entities=False, no_network=True)
    )
    pr = root.find(f"{_NS}workbookPr")
    date1904 = pr is not None and (pr.get("date1904") or "").lower() in ("1", "true")
    folder, base = posixpath.split(workbook)
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    rels_root = ET.fromstring(_read_whole(zf, rels_name))
    parent = posixpath.split(posixpath.dirname(rels_name))[0]
    rels: dict[str | None, tuple[str, str]] = {}
    for rel in rels_root.iter(f"{_PKG_REL_NS}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") != "External":
            if target.startswith("/"):
                target = target[1:]
            else:
                target = posixpath.normpath(posixpath.join(parent, target))
        rels[rel.get("Id")] = (rel.get("Type") or "", target)
    out: list[tuple[str, str]] = []
    sheets = root.find(f"{_NS}sheets")
    for sheet in sheets if sheets is not None else ():
        if sheet.tag != f"{_NS}sheet" or not sheet.get(_REL_ID):
            continue
        rel_type, target = rels[sheet.get(_REL_ID)]
        if target not in names or "chartsheet" in rel_type:
            continue
        out.append((str(sheet.get("name")), target))
    return out, date1904


def _cell_value(c: Any, strings: list[str], styles: Styles, epoch: dt.datetime) -> object:
    data_type = c.get("t", "n")
    if data_type == "inlineStr":
        child = c.find(_IS)
        return _text_content(child) if child is not None else None
    v = c.find(_V)
    value = v.text if v is not None else None
    if not value:
        return None
    if data_type == "n":
        number = _cast_number(value)
        style = int(c.get("s") or 0)
        if style in styles.dates:
            try:
                return from_excel(number, epoch, timedelta=style in styles.durations)
            except (OverflowError, ValueError):
                return "#VALUE!"
        return number
    if data_type == "s":
        return strings[int(value)]
    if data_type == "b":
        return bool(int(value))
    if data_type == "d":
        return from_iso8601(value)
    return value  # "str" (a formula's text), "e" (an error code)


def _row_number(r: str) -> int:
    try:
        return int(r)
    except ValueError:
        number = float(r)
        if not number.is_integer():
            raise ValueError(f"{r} is not a valid row number") from None
        return int(number)


def _sheet_values(
    zf: zipfile.ZipFile,
    part: str,
    strings: list[str],
    styles: Styles,
    epoch: dt.datetime,
    max_rows: int,
    max_cols: int,
) -> Iterator[object]:
    """Cell values of the first `max_rows` rows and `max_cols` columns, row by row and
    column by column (a row repeated or out of order is skipped). Each cell is read and
    freed as it ends, so even a row of a million cells stays small in memory."""
    row_tag, cell_tag = f"{_NS}row", f"{_NS}c"
    counter = 1  # the next row number to give out
    row_number = 0
    current = None  # the row element whose number is known
    keep = False  # the current row is given out
    col = 0
    cells: dict[int, object] = {}
    # end events only: a row's number is read from it at its first cell (or its end)
    for el in end_events(zf, part, (row_tag, cell_tag)):
        row = el.getparent() if el.tag == cell_tag else el
        if row is not current and row is not None and row.tag == row_tag:
            current = row
            r = row.get("r")
            row_number = _row_number(r) if r is not None else row_number + 1
            if row_number > max_rows:
                return
            keep = counter <= row_number
            col = 0
            cells = {}
        if el.tag == cell_tag:
            if keep and row is current:
                coordinate = el.get("r")
                col = _column(coordinate) if coordinate else col + 1
                if 1 <= col <= max_cols:
                    cells[col] = _cell_value(el, strings, styles, epoch)
        elif el is current:
            if keep:
                counter = row_number + 1
                for key in sorted(cells):
                    yield cells[key]
            current = None
        _free(el)


def workbook_texts(
    zf: zipfile.ZipFile,
    names: set[str],
    content_types: bytes,
    *,
    max_sheets: int,
    max_rows: int,
    max_cols: int,
) -> Iterator[str]:
    """``[title]`` of each of the first `max_sheets` worksheets, then its non-empty cell
    texts (stripped), lazily: the caller stops reading when it has enough."""
    workbook, strings_part = _part_names(content_types)
    strings = read_shared_strings(zf, strings_part)
    sheets, date1904 = _worksheets(zf, names, workbook)
    styles = read_styles(zf, names)
    epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH
    for title, part in sheets[:max_sheets]:
        yield f"[{title}]"
        for value in _sheet_values(zf, part, strings, styles, epoch, max_rows, max_cols):
            if value is None:
                continue
            text = str(value).strip()
            if text:
                yield text
