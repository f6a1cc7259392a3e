"""The direct Office readers give the classification text the library readers gave.

The xlsx text used to come from openpyxl (read-only, cached values); it now comes from the
workbook's parts (kladoc.inspect.xlsx). Here openpyxl is the reference: every workbook, built in
code, must give the very same text through both. Plus the bounds: bombs are never read, and a
sheet of a huge row or many rows is read in flat memory."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import numbers
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from kladoc.classify import year_from_text
from kladoc.inspect import inspect_file
from kladoc.inspect import office as office_mod
from kladoc.inspect import xlsx as xlsx_mod
from kladoc.inspect.office import MAX_COLS, MAX_ITEMS, MAX_ROWS, MAX_SHEETS
from tests import inspect_fixtures as fx


def _openpyxl_text(path: Path) -> str:
    """What the inspector recorded before the direct reader (its code, kept as reference)."""

    def cells(wb: Any) -> Iterator[str]:
        for ws in wb.worksheets[:MAX_SHEETS]:
            yield f"[{ws.title}]"
            for row in ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLS, values_only=True):
                for value in row:
                    if value is None:
                        continue
                    text = str(value).strip()
                    if text:
                        yield text

    with open(path, "rb") as fh, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        try:
            items = list(office_mod._limit(cells(wb), MAX_ITEMS))
        finally:
            wb.close()
    return office_mod._join_capped(items)


def _rewrite(path: Path, parts: dict[str, bytes]) -> Path:
    """Replace (or add) parts of a zip package, keeping the others."""
    out = path.with_name(f"_{path.name}")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in parts:
                zout.writestr(info, zin.read(info.filename))
        for name, data in parts.items():
            zout.writestr(name, data)
    out.replace(path)
    return path


def _values_workbook(path: Path, *, mac_epoch: bool = False) -> Path:
    wb = openpyxl.Workbook()
    if mac_epoch:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    assert ws is not None
    ws.title = "Rekap 2024"
    ws.append(["REKAPITULASI DATA ANAK", None, "  spasi  ", ""])
    ws.append([1200, 3.5, 1e20, -0.25, True, False])
    ws.append([dt.datetime(2024, 5, 2, 8, 30), dt.date(2023, 12, 31), dt.time(7, 15)])
    ws.append([dt.timedelta(hours=30)])
    ws["A4"].number_format = "[h]:mm:ss"
    ws["B5"] = 45414
    ws["B5"].number_format = "dd/mm/yyyy"  # a custom date format
    ws["C5"] = 45414
    ws["C5"].number_format = numbers.FORMAT_PERCENTAGE  # a number, not a date
    ws["D5"] = 12.5
    ws["D5"].number_format = '"Rp"#,##0'  # a literal d inside quotes is no date
    ws["E5"] = 30
    ws["E5"].number_format = "mm-dd-yy"  # Excel's serial 30 is in January 1900
    ws["F5"] = 61
    ws["F5"].number_format = "mm-dd-yy"  # after Excel's fictitious 29 February 1900
    rich = CellRichText("Tahun ", TextBlock(InlineFont(b=True), "2024"), " final")
    ws["A6"] = rich
    ws["AX7"] = "kolom 50"  # column 50: the last one read
    ws["AY7"] = "kolom 51"  # not read
    hidden = wb.create_sheet("Tersembunyi")
    hidden.sheet_state = "hidden"
    hidden.append(["lembar tersembunyi"])
    chart = wb.create_chartsheet("Grafik")
    bar = BarChart()
    bar.add_data(Reference(ws, min_col=1, min_row=2, max_row=2))
    chart.add_chart(bar)
    third = wb.create_sheet("Ketiga")
    third.append(["lembar ketiga"])
    fourth = wb.create_sheet("Keempat")
    fourth.append(["lembar keempat: tidak dibaca"])
    wb.save(path)
    return path


SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet_xml(rows: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET_NS}"><sheetData>'
        f"{rows}</sheetData></worksheet>"
    ).encode()


def _hand_written_cells(path: Path) -> Path:
    """Cells openpyxl never writes: inline strings, formulas with cached values, errors,
    ISO dates, rows and cells without coordinates, a repeated and a late row, rows past
    the last one read."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tangan"
    ws["A1"] = "placeholder"
    wb.save(path)
    rows = (
        '<row r="1"><c r="B1" t="inlineStr"><is><t>inline 2025</t></is></c>'
        '<c r="A1" t="str"><f>CONCAT("a","b")</f><v>ab</v></c></row>'
        '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="e"><v>#DIV/0!</v></c>'
        '<c r="C2" t="d"><v>2024-07-01</v></c><c r="D2" t="d"><v>2024-07-01T10:20:30</v></c>'
        '<c r="E2"><f>NOW()</f></c><c r="F2" t="b"><v>1</v></c></row>'
        '<row><c><v>31</v></c><c><v>32</v></c><c t="inlineStr"><is><r><t>run</t></r>'
        '<rPh sb="0" eb="1"><t>fonetik</t></rPh></is></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>repeated row: skipped</t></is></c></row>'
        '<row r="5.0"><c r="C5"><v>5</v></c></row>'
        f'<row r="{MAX_ROWS}"><c r="A{MAX_ROWS}" t="inlineStr"><is><t>last row read</t></is>'
        "</c></row>"
        f'<row r="{MAX_ROWS + 1}"><c r="A{MAX_ROWS + 1}" t="inlineStr"><is><t>not read</t>'
        "</is></c></row>"
    )
    return _rewrite(path, {"xl/worksheets/sheet1.xml": _sheet_xml(rows)})


def _many_strings(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for n in range(400):  # more than MAX_ITEMS cells: the text stops at the cap
        ws.append([f"nilai {n} x005F_x000D_ akhir", n])
    wb.save(path)
    return path


@pytest.mark.parametrize(
    "build",
    [
        fx.xlsx_file,
        _values_workbook,
        lambda p: _values_workbook(p, mac_epoch=True),
        _hand_written_cells,
        _many_strings,
        lambda p: fx.add_macros(fx.xlsx_file(p.with_name("_src.xlsx")), p.with_suffix(".xlsm")),
    ],
    ids=["fixture", "values", "mac-epoch", "hand-written", "many-strings", "xlsm"],
)
def test_xlsx_text_is_what_openpyxl_gave(build: Any, tmp_path: Path) -> None:
    path = build(tmp_path / "data.xlsx")
    facts = inspect_file(path)
    assert facts.kind == "xlsx"
    assert facts.status == "ok", facts.detail
    assert facts.text == _openpyxl_text(path)


def test_xlsx_values_as_openpyxl_prints_them(tmp_path: Path) -> None:
    text = inspect_file(_values_workbook(tmp_path / "v.xlsx")).text.split("\n")
    assert text[:3] == ["[Rekap 2024]", "REKAPITULASI DATA ANAK", "spasi"]
    assert text[3:9] == ["1200", "3.5", "1e+20", "-0.25", "True", "False"]
    dates = ["2024-05-02 08:30:00", "2023-12-31 00:00:00", "07:15:00", "1 day, 6:00:00"]
    assert text[9:13] == dates
    # B5 dd/mm/yyyy, C5 percent, D5 currency, E5/F5 around Excel's 1900-02-29
    assert text[13:18] == [
        "2024-05-02 00:00:00",
        "45414",
        "12.5",
        "1900-01-30 00:00:00",
        "1900-03-01 00:00:00",
    ]
    assert "Tahun 2024 final" in text
    assert "kolom 50" in text and "kolom 51" not in text
    # worksheets in order, the chartsheet left out, the fourth worksheet not read
    assert [t for t in text if t.startswith("[")] == ["[Rekap 2024]", "[Tersembunyi]", "[Ketiga]"]
    assert year_from_text("\n".join(text)) == 2024


def test_xlsx_hand_written_cells(tmp_path: Path) -> None:
    text = inspect_file(_hand_written_cells(tmp_path / "h.xlsx")).text.split("\n")
    assert text == [
        "[Tangan]",
        "ab",
        "inline 2025",
        "2",
        "#DIV/0!",
        "2024-07-01",
        "2024-07-01 10:20:30",
        "True",
        "31",
        "32",
        "run",
        "5",
        "last row read",
    ]


def test_damaged_sheet_is_corrupt(tmp_path: Path) -> None:
    path = _rewrite(
        fx.xlsx_file(tmp_path / "rusak.xlsx"),
        {"xl/worksheets/sheet1.xml": _sheet_xml('<row r="1"><c r="A1"><v>1</v>')[:-40]},
    )
    facts = inspect_file(path)
    assert (facts.kind, facts.status) == ("xlsx", "corrupt")
    assert "Excel workbook unreadable" in facts.detail
    assert _openpyxl_raises(path)


def test_missing_shared_string_is_corrupt(tmp_path: Path) -> None:
    path = _rewrite(
        fx.xlsx_file(tmp_path / "rusak.xlsx"),
        {"xl/worksheets/sheet1.xml": _sheet_xml('<row r="1"><c r="A1" t="s"><v>99</v></c></row>')},
    )
    facts = inspect_file(path)
    assert (facts.kind, facts.status) == ("xlsx", "corrupt")
    assert facts.detail.startswith("Excel workbook unreadable: IndexError")
    assert _openpyxl_raises(path)


def _openpyxl_raises(path: Path) -> bool:
    try:
        _openpyxl_text(path)
    except Exception:
        return True
    return False


def test_bomb_is_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(*args: object, **kwargs: object) -> Iterator[str]:
        raise AssertionError("a bomb's parts were read")

    monkeypatch.setattr(office_mod, "workbook_texts", must_not_run)
    for path in (
        fx.zip_bomb_xlsx(tmp_path / "bomb.xlsx"),
        fx.declared_huge_xlsx(tmp_path / "huge.xlsx"),
    ):
        facts = inspect_file(path)
        assert (facts.kind, facts.status, facts.text) == ("xlsx", "bomb", "")
        assert facts.detail.startswith("zip bomb")


def _giant_row(path: Path, cells: int) -> Path:
    """Under the bomb guard's limits (< 10 MB per part), but one row of `cells` cells and
    then `cells` // 10 rows past the last one read."""
    fx.xlsx_file(path)
    row = '<row r="1"><c r="A1" t="inlineStr"><is><t>awal 2024</t></is></c>'
    row += "<c><v>7</v></c>" * cells + "</row>"
    tail = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 3000))
    return _rewrite(path, {"xl/worksheets/sheet1.xml": _sheet_xml(row + tail)})


_PEAK = """
import json, resource, sys
from pathlib import Path
from kladoc.inspect import inspect_file
import kladoc.inspect.office
inspect_file(Path(sys.argv[1]).with_name("warm.xlsx"))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
facts = inspect_file(Path(sys.argv[1]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps([facts.status, facts.text, (after - before) // 1024]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage is POSIX")
def test_giant_row_is_read_in_flat_memory(tmp_path: Path) -> None:
    path = _giant_row(tmp_path / "besar.xlsx", cells=600_000)  # ~9 MB of XML in one row
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size < 10 * 2**20
    fx.xlsx_file(tmp_path / "warm.xlsx")
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True
    )
    status, text, grown_mb = json.loads(out.stdout)
    assert status == "ok"
    # the first MAX_COLS cells of row 1, then rows 2.. until MAX_ITEMS items
    items = text.split("\n")
    assert items[:3] == ["[Data Anak]", "awal 2024", "7"]
    assert items[2 : MAX_COLS + 1] == ["7"] * (MAX_COLS - 1)
    assert items[MAX_COLS + 1 : MAX_COLS + 3] == ["2", "3"]
    assert len(items) == MAX_ITEMS
    # a tree of the row would hold 600,000 elements (well over 100 MB in lxml)
    assert grown_mb < 40, grown_mb


def test_xlsx_reader_date_formats_match_openpyxl() -> None:
    for fmt_id, code in numbers.BUILTIN_FORMATS.items():
        assert (fmt_id in xlsx_mod.BUILTIN_DATE_FORMATS) == numbers.is_date_format(code), code
        assert (fmt_id in xlsx_mod.BUILTIN_TIMEDELTA_FORMATS) == numbers.is_timedelta_format(code)
    for code in ("dd/mm/yyyy", '"Rp"#,##0', "[$-421]d mmmm yyyy", "[h]:mm", "0.00_)", "@", "h"):
        assert xlsx_mod.is_date_format(code) == numbers.is_date_format(code), code
        assert xlsx_mod.is_timedelta_format(code) == numbers.is_timedelta_format(code), code


def test_docx_text_reads_tables_and_headers(tmp_path: Path) -> None:
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "PEMERINTAH KABUPATEN CONTOH"
    doc.add_paragraph("NOTULEN RAPAT KOORDINASI")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Tanggal"
    table.cell(0, 1).text = "2 Mei 2024"
    table.cell(1, 0).text = "Tempat"
    table.cell(1, 1).text = "Aula"
    doc.add_paragraph("Rapat dibuka pukul 09.00")
    path = tmp_path / "notulen.docx"
    doc.save(path)
    facts = inspect_file(path)
    assert (facts.kind, facts.status) == ("docx", "ok")
    assert facts.text.split("\n") == [
        "NOTULEN RAPAT KOORDINASI",
        "Tanggal",
        "2 Mei 2024",
        "Tempat",
        "Aula",
        "Rapat dibuka pukul 09.00",
        "PEMERINTAH KABUPATEN CONTOH",
    ]
    assert year_from_text(facts.text) == 2024
