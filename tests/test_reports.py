"""File reports: the Excel workbook, per-OPD workbooks, the HTML page and the chat summary."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from kladoc.check import CheckResult, run_check
from kladoc.i18n import t
from kladoc.report.html import CSP, render_html
from kladoc.report.markdown import render_markdown
from kladoc.report.split import opd_file_name, safe_file_stem, write_split
from kladoc.report.view import report_data
from kladoc.report.xlsx import FORMULA_START, write_xlsx
from tests import synth
from tests.dossier_factory import clean_dossier, one_of_each, plain_pdf

SHEETS_ID = ["Ringkasan", "Indikator", "OPD", "Temuan", "Bukti", "Tidak di Dossier"]
SHEETS_EN = ["Summary", "Indicators", "OPDs", "Findings", "Evidence", "Left Out"]
HYPERLINK = '=HYPERLINK("evil.example","klik").pdf'
CMD_FOLDER = "=cmd|' "
CMD_PATH = "=cmd|' /C calc'!A0.xlsx"  # a folder "=cmd|' " holding "C calc'!A0.xlsx"
SCRIPT_NAME = "<script>alert(1)<script>.pdf"
IMG_NAME = "<img src=x onerror=alert(1)>.pdf"
DINKES_BOOK = "Laporan KLA 2025 - Dinas Kesehatan.xlsx"
DP3A_BOOK = "Laporan KLA 2025 - Dinas Pemberdayaan Perempuan dan Perlindungan Anak.xlsx"


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return one_of_each(tmp_path_factory.mktemp("reports") / "dossier")


@pytest.fixture
def result(dossier: Path) -> CheckResult:
    return run_check(dossier, jobs=2)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Names a spreadsheet or a browser could mistake for code."""
    root = clean_dossier(tmp_path_factory.mktemp("hostile") / "dossier")
    names = (HYPERLINK, "+62 SK 2025.pdf", "-1 Foto 2025.pdf", "@warga 2025.pdf")
    for name in (*names, SCRIPT_NAME, IMG_NAME):
        plain_pdf(root / name, "Lampiran 2025")  # at the root: an unmapped file, path = name
    synth.data_xlsx(
        root / CMD_FOLDER / "C calc'!A0.xlsx", title="x", headers=["A"], rows=[[1]], year=2025
    )
    return root


def _rows(ws: Worksheet) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _table(ws: Worksheet) -> list[dict[str, object]]:
    header, *rows = _rows(ws)
    return [dict(zip(header, r, strict=True)) for r in rows]


def _assert_table_sheet(ws: Worksheet, n_rows: int) -> None:
    """Header frozen, autofilter over the whole table, widths neither cramped nor huge."""
    assert ws.max_row == n_rows + 1
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
    assert all(ws.cell(1, c).font.bold for c in range(1, ws.max_column + 1))
    for c in range(1, ws.max_column + 1):
        width = ws.column_dimensions[ws.cell(1, c).column_letter].width
        assert 6 <= width <= 70


# ---- xlsx ---------------------------------------------------------------------------------


def test_xlsx_sheets_rows_and_layout(dossier: Path, result: CheckResult, tmp_path: Path, cli):
    out = tmp_path / "laporan.xlsx"
    r = cli("check", dossier, "--format", "xlsx", "--output", out)
    assert r.code == 1  # same exit code as the table report: there are errors
    assert r.out == ""
    assert str(out) in r.err
    wb = load_workbook(out)
    assert wb.sheetnames == SHEETS_ID

    summary = _rows(wb["Ringkasan"])
    pairs = {row[0]: row[1] for row in summary if row[0]}
    assert pairs["Daerah"] == "Kota Uji"
    assert pairs["Tahun evaluasi"] == 2025
    assert pairs["Tenggat"] == "2025-06-30"
    assert pairs["Sisa waktu"].startswith("Tenggat 2025-06-30")
    assert pairs["Perkiraan kesiapan dokumen"] == result.readiness.score
    assert pairs["Kategori"] == result.readiness.category == "Madya"
    assert pairs["Galat"] == result.count("error")
    # counts per cluster, then the total row
    header_at = next(i for i, row in enumerate(summary) if row[0] == "Klaster")
    clusters = summary[header_at + 1 : header_at + 3]
    assert [c[0] for c in clusters] == ["Kelembagaan", "Klaster I"]
    assert clusters[1][1:5] == [3, 1, 1, 1]  # indicators, complete, partial, missing
    assert summary[header_at + 3][0] == "Jumlah"
    assert wb["Ringkasan"].auto_filter.ref == f"A{header_at + 1}:H{header_at + 3}"

    ws = wb["Indikator"]
    _assert_table_sheet(ws, len(result.indicators))
    rows = _table(ws)
    assert [r["Ind."] for r in rows] == ["1", "2", "3a", "3b"]  # ids stay text, in order
    by_id = {r["Ind."]: r for r in rows}
    assert by_id["3a"]["Status"] == "kosong"
    assert by_id["2"]["Status"] == "sebagian"
    assert by_id["2"]["Bukti yang kurang"] == "Data"
    assert by_id["3a"]["OPD penanggung jawab"] == "Dinkes"
    assert by_id["1"]["Skor maks"] == 400
    status_col = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == "Status")
    fills = {ws.cell(r, 2).value: ws.cell(r, status_col).fill.fgColor.rgb for r in range(2, 6)}
    assert fills["1"].endswith("C6EFCE") and fills["2"].endswith("FFEB9C")
    assert fills["3a"].endswith("FFC7CE")

    ws = wb["OPD"]
    rows = _table(ws)
    _assert_table_sheet(ws, len(rows))
    dinkes = next(r for r in rows if r["OPD"] == "Dinas Kesehatan")
    assert (dinkes["Lengkap"], dinkes["Sebagian"], dinkes["Kosong"]) == (1, 1, 1)
    assert dinkes["Tanggung jawab"] == "2, 3a, 3b"

    ws = wb["Temuan"]
    _assert_table_sheet(ws, len(result.findings))
    rows = _table(ws)
    assert sorted(((r["Aturan"], r["Berkas"]) for r in rows), key=str) == sorted(
        ((f.rule, f.path) for f in result.findings), key=str
    )
    assert all(r["Saran"] for r in rows)
    assert {r["Tingkat"] for r in rows} == {"galat", "peringatan", "info"}

    ws = wb["Bukti"]
    _assert_table_sheet(ws, len(result.evidence))
    assert {r["Berkas"] for r in _table(ws)} == {e.path for e in result.evidence}


def test_xlsx_english_sheet_names(dossier: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / "report.xlsx"
    assert cli("--lang", "en", "check", dossier, "--format", "xlsx", "-o", out).code == 1
    wb = load_workbook(out)
    assert wb.sheetnames == SHEETS_EN
    assert wb["Indicators"].cell(1, 3).value == "Indicator"


def test_xlsx_text_is_never_a_formula(hostile: Path, tmp_path: Path) -> None:
    result = run_check(hostile, jobs=2)
    out = tmp_path / "laporan.xlsx"
    write_xlsx(result, out)
    # nothing in the package is a formula, whatever openpyxl would have guessed
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode("utf-8")
    wb = load_workbook(out)
    risky = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    assert cell.data_type == "s"
                    assert cell.quotePrefix  # Excel keeps it text even after editing
                    risky[(ws.title, cell.value)] = cell
    paths = {v for (sheet, v) in risky if sheet == "Temuan"}
    assert {HYPERLINK, "+62 SK 2025.pdf", "-1 Foto 2025.pdf", "@warga 2025.pdf"} <= paths
    assert ("Bukti", CMD_PATH) in risky
    assert ("Temuan", CMD_FOLDER) in risky  # the unknown-OPD folder itself
    assert risky[("Bukti", CMD_PATH)].value == CMD_PATH  # stored verbatim, no quote added


def test_xlsx_control_characters_do_not_break_the_file(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from kladoc.report.xlsx import set_cell

    wb = Workbook()
    ws = wb.active
    set_cell(ws["A1"], "nama\x01aneh\x1f.pdf")
    set_cell(ws["A2"], "#N/A")
    set_cell(ws["A3"], "=1+1")
    wb.save(tmp_path / "x.xlsx")
    ws = load_workbook(tmp_path / "x.xlsx").active
    assert ws["A1"].value == "nama\ufffdaneh\ufffd.pdf"
    assert (ws["A2"].value, ws["A2"].data_type) == ("#N/A", "s")
    assert (ws["A3"].value, ws["A3"].data_type) == ("=1+1", "s")


def test_check_xlsx_and_html_need_output(dossier: Path, cli) -> None:
    for fmt in ("xlsx", "html"):
        r = cli("check", dossier, "--format", fmt)
        assert r.code == 2
        assert "--output" in r.err


# ---- per-OPD workbooks ---------------------------------------------------------------------


def test_split_by_opd(dossier: Path, result: CheckResult, tmp_path: Path, cli) -> None:
    out = tmp_path / "per-opd"
    r = cli("report", "--split-by-opd", out, dossier)
    assert r.code == 1
    # DP3A and Dinkes; "Lain-lain" is not an OPD and gets no workbook
    assert sorted(p.name for p in out.iterdir()) == sorted([DINKES_BOOK, DP3A_BOOK])
    assert "2 laporan OPD" in r.out

    wb = load_workbook(out / DINKES_BOOK)
    assert wb.sheetnames == SHEETS_ID
    summary = {row[0]: row[1] for row in _rows(wb["Ringkasan"]) if row[0]}
    assert summary["OPD"] == "Dinas Kesehatan"
    assert summary["Kategori"] == "belum masuk kategori"  # no category for one OPD's share
    # the indicators it is responsible for, like `check --opd Dinkes`
    ids = [r["Ind."] for r in _table(wb["Indikator"])]
    assert ids == ["2", "3a", "3b"]
    findings = _table(wb["Temuan"])
    _assert_table_sheet(wb["Temuan"], len(findings))
    assert {(f["Aturan"], f["Ind."]) for f in findings if f["Berkas"] is None} == {
        ("missing-indicator", "3a"),
        ("missing-evidence-type", "2"),
    }
    assert {f["OPD"] for f in findings if f["Berkas"]} == {"Dinas Kesehatan"}
    assert ("wrong-opd", "Dinas Kesehatan/1 Regulasi/SK Tim Dinkes 2025.pdf") in {
        (f["Aturan"], f["Berkas"]) for f in findings
    }
    evidence = _table(wb["Bukti"])
    assert evidence and all(e["Berkas"].startswith("Dinas Kesehatan/") for e in evidence)
    assert summary["Berkas bukti"] == len(evidence)
    opd_rows = _table(wb["OPD"])
    assert [o["OPD"] for o in opd_rows] == ["Dinas Kesehatan"]

    wb = load_workbook(out / DP3A_BOOK)
    ids = [r["Ind."] for r in _table(wb["Indikator"])]
    assert ids == ["1"]
    assert not any(str(e["Berkas"]).startswith("Dinas Kesehatan/") for e in _table(wb["Bukti"]))
    assert "missing-indicator" not in {f["Aturan"] for f in _table(wb["Temuan"])}

    # its file under DP3A's indicator 1 is reported to Dinkes, not DP3A
    assert "wrong-opd" not in {f["Aturan"] for f in _table(wb["Temuan"])}

    # a clean dossier exits 0 and still gets its workbooks
    clean = clean_dossier(tmp_path / "bersih")
    r = cli("report", "--split-by-opd", tmp_path / "bersih-opd", clean)
    assert r.code == 0
    assert len(list((tmp_path / "bersih-opd").glob("*.xlsx"))) == 2


def test_split_needs_the_option_and_english_names(dossier: Path, tmp_path: Path, cli) -> None:
    assert cli("report", dossier).code == 2
    out = tmp_path / "en"
    assert cli("report", "--split-by-opd", out, dossier, "--lang", "en").code == 1
    assert (out / "KLA Report 2025 - Dinas Kesehatan.xlsx").is_file()
    assert load_workbook(out / "KLA Report 2025 - Dinas Kesehatan.xlsx").sheetnames == SHEETS_EN


def test_split_warns_when_the_folder_would_be_scanned(tmp_path: Path, cli) -> None:
    root = clean_dossier(tmp_path / "d")
    r = cli("report", "--split-by-opd", root / "laporan", root)
    assert r.code == 0
    assert "ada di dalam dossier" in " ".join(r.err.split())  # rich wraps long lines
    r = cli("report", "--split-by-opd", root / "_kladoc" / "laporan", root)
    assert "ada di dalam dossier" not in " ".join(r.err.split())


@pytest.mark.parametrize(
    ("text", "stem"),
    [
        ("Laporan KLA 2025 - Dinas Kesehatan", "Laporan KLA 2025 - Dinas Kesehatan"),
        ('Dinas A/B: "C"? <D>|*', "Dinas A B C D"),
        ("Bagian\\Hukum\tSetda", "Bagian Hukum Setda"),
        ("  titik di akhir...  ", "titik di akhir"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("", "_"),
    ],
)
def test_safe_file_stem(text: str, stem: str) -> None:
    assert safe_file_stem(text) == stem


def test_file_name_length_and_collisions(result: CheckResult, tmp_path: Path, monkeypatch):
    long = "Dinas " + "Sangat Panjang " * 20
    name = opd_file_name(2025, long)
    assert name.endswith(".xlsx") and len(name) <= 125
    assert name.startswith("Laporan KLA 2025 - Dinas Sangat Panjang")

    from dataclasses import replace

    from kladoc.check import scope_to_opd

    twins = []
    for opd_id, name in (("dinkes", "Dinas A/B"), ("dp3a", "Dinas A:B")):
        view = scope_to_opd(result, opd_id)
        view.scope.opd = replace(result.registry.opds[opd_id], name=name)
        twins.append(view)
    written = write_split(twins, tmp_path / "out")
    assert [w.path.name for w in written] == [
        "Laporan KLA 2025 - Dinas A B.xlsx",
        "Laporan KLA 2025 - Dinas A B (dp3a).xlsx",
    ]
    assert all(w.path.is_file() for w in written)


# ---- html ----------------------------------------------------------------------------------


def test_html_is_self_contained_and_escaped(hostile: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / "laporan.html"
    r = cli("check", hostile, "--format", "html", "--output", out)
    assert r.code == 0  # only warnings and notes
    html = out.read_text(encoding="utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html.replace(
        "&#39;", "'"
    )
    assert "default-src 'none'" in CSP
    assert '<html lang="id">' in html
    assert 'name="viewport"' in html
    # no address to fetch anything from, in any form
    assert not re.search(r"https?:|//[a-z]", html, re.IGNORECASE)
    assert not re.search(r"<(link|iframe|object|embed|img|audio|video|source)\b", html)
    assert " src=" not in html.replace("&lt;img src=x", "")
    assert set(re.findall(r"url\(([^)]*)\)", html)) <= {f"#opd-bar-{n}" for n in range(1, 50)}
    # two scripts of our own; file names are text
    assert html.count("<script") == 2
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;script&gt;.pdf" in html
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in html


def test_html_content_and_language(result: CheckResult) -> None:
    html = render_html(result)
    assert "Kota Uji" in html
    assert "Kesiapan dokumen" in html
    assert "Kemajuan per klaster" in html
    assert 'class="opd-chart"' in html
    # every finding is a filterable item; gaps count for the responsible OPD
    items = re.findall(
        r'<li class="finding sev-(\w+)" data-severity="(\w+)" data-opd="([^"]*)"', html
    )
    assert len(items) == len(result.findings)
    assert ("error", "error", "dinkes") in items  # the gap of 3a, which Dinkes must fill
    assert html.count('class="badge status-missing"') == 1
    from kladoc.i18n import set_language

    set_language("en")
    html = render_html(run_check(result.config.root, jobs=1))
    assert '<html lang="en">' in html
    assert "Progress per cluster" in html and "Kemajuan per klaster" not in html


def test_report_data_for_one_opd(result: CheckResult) -> None:
    from kladoc.check import scope_to_opd

    data = report_data(scope_to_opd(result, "dinkes"))
    assert data["opd"]["name"] == "Dinas Kesehatan"
    assert data["summary"]["indicators"] == {"complete": 1, "partial": 1, "missing": 1}
    assert data["summary"]["files"] == len(data["evidence"])
    assert data["summary"]["category"] is None
    full = report_data(result)
    assert full["summary"]["indicators"] == {"complete": 2, "partial": 1, "missing": 1}
    assert [c["id"] for c in full["clusters"]] == ["kelembagaan", "klaster-1"]
    assert full["clusters"][1]["total"] == 3


# ---- markdown ------------------------------------------------------------------------------


def test_markdown_summary(dossier: Path, result: CheckResult, tmp_path: Path, cli) -> None:
    r = cli("check", dossier, "--format", "md")
    assert r.code == 1
    text = r.out
    lines = text.splitlines()
    assert lines[0] == f"*{t('report.doc_title')}*"
    assert "*Perkiraan kesiapan dokumen: 650 dari 1000 → Madya*" in lines
    assert "Indikator: 2 lengkap, 1 sebagian, 1 kosong" in lines
    counts = (result.count("error"), result.count("warning"), result.count("info"))
    assert "Temuan: {} galat, {} peringatan, {} info".format(*counts) in lines
    assert "- Belum ada bukti: 3a (Dinkes)" in lines
    assert "- Kurang Data: 2" in lines
    # findings grouped by rule: every rule once, nothing hidden behind "… and N more"
    gaps = ("missing-indicator", "missing-evidence-type")
    others = [f for f in result.findings if f.rule not in gaps]
    group_lines = lines[lines.index("*Temuan penting*") + 1 :]
    assert len(group_lines) == len({f.rule for f in others})
    counted = sum(int(line[2:].split("× ", 1)[0]) for line in group_lines)
    assert counted == len(others)
    assert "- 1× Berkas dilindungi kata sandi sehingga tidak dapat dibuka: " in text
    assert "lainnya" not in text and "…" not in text
    assert not any(line.startswith("|") for line in lines)  # no tables in a chat
    assert max(len(line) for line in lines if not line.startswith("- ")) <= 80

    out = tmp_path / "ringkas.md"
    r = cli("check", dossier, "--format", "md", "--output", out, "--lang", "en")
    assert r.out == ""
    text = out.read_text(encoding="utf-8")
    assert "*Documentation readiness estimate: 650 of 1000 → Madya*" in text
    assert "- No evidence yet: 3a (Dinkes)" in text


def test_markdown_caps_and_clean_dossier(tmp_path: Path) -> None:
    clean = run_check(clean_dossier(tmp_path / "bersih"), jobs=1)
    text = render_markdown(clean)
    assert "Semua indikator lengkap." in text
    assert "Temuan penting" not in text
    assert "lainnya" not in text


def test_markdown_names_are_code(hostile: Path) -> None:
    text = render_markdown(run_check(hostile, jobs=1), max_names=50)
    assert "`<script>alert(1)<script>.pdf`" in text
    assert f"`{HYPERLINK}`" in text
