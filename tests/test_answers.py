"""jawaban.xlsx: written by init, read by check; and the evidence-year window per cycle."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from kladoc.answers import parse_answer, parse_number, read_answers
from kladoc.check import code_parser, run_check
from kladoc.checklist import Question, load_checklist
from kladoc.config import load_config
from kladoc.errors import ConfigError
from kladoc.i18n import set_language
from kladoc.scaffold import init_dossier
from tests.dossier_factory import clean_dossier, config, plain_pdf

YES_NO = Question("1.1", "1", "1", {"id": "Ada?"}, 1.0, answer=("yes_no",))
NUMBER = Question("4.3", "4", "3", {"id": "Berapa?"}, 1.0, answer=("number", "narrative"))
EITHER = Question("9.9", "9", "9", {"id": "Ada? Berapa?"}, 1.0, answer=("yes_no", "number"))


@pytest.mark.parametrize(
    ("value", "question", "expected"),
    [
        ("Tidak", YES_NO, ("negative", None, True)),
        ("tidak ada", YES_NO, ("negative", None, True)),
        (" TIDAK ADA ", YES_NO, ("negative", None, True)),
        ("Belum", YES_NO, ("negative", None, True)),
        ("Belum.", YES_NO, ("negative", None, True)),
        ("-", YES_NO, ("negative", None, True)),
        ("", YES_NO, ("unanswered", None, True)),
        ("   ", YES_NO, ("unanswered", None, True)),
        (None, YES_NO, ("unanswered", None, True)),
        ("Ya", YES_NO, ("positive", None, True)),
        ("Ada, Perda No. 3/2019", YES_NO, ("positive", None, True)),
        (87.5, NUMBER, ("positive", 87.5, True)),
        ("87,5", NUMBER, ("positive", 87.5, True)),
        ("87,5 %", NUMBER, ("positive", 87.5, True)),
        ("1.234", NUMBER, ("positive", 1234.0, True)),
        ("0", NUMBER, ("positive", 0.0, True)),
        ("banyak", NUMBER, ("positive", None, False)),
        ("Tidak", NUMBER, ("negative", None, True)),
        ("Ya", EITHER, ("positive", None, True)),
        ("12", EITHER, ("positive", 12.0, True)),
    ],
)
def test_parse_answer(value: object, question: Question, expected: tuple) -> None:
    assert parse_answer(value, question) == expected


def test_parse_number_rejects_text_and_booleans() -> None:
    assert parse_number(True) is None
    assert parse_number("12 anak") is None
    assert parse_number("1.5") == 1.5


def _workbook(path: Path, header: list[str], rows: list[list[object]], title_rows: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    for _ in range(title_rows):
        ws.append(["Jawaban Dinas"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_read_answers_any_column_order_root_wins_and_findings(tmp_path: Path) -> None:
    cl = load_checklist("kla-2024")
    parser = code_parser(cl)
    _workbook(
        tmp_path / "jawaban.xlsx",
        ["Catatan", "JAWABAN", "Kode"],
        [
            ["Perda 3/2019", "Ya", "1.1"],
            [None, "Tidak", "1.2a"],
            [None, None, "1.2b"],
            [None, "banyak", "4.3"],
            [None, "Ya", "1.99"],
        ],
    )
    _workbook(
        tmp_path / "Dinkes" / "Jawaban.xlsx",
        ["kode", "indikator", "jawaban"],
        [["1.2a", "1", "Ya"], ["1.2b", "1", "Ya"], ["1.1", "1", "ya"]],
        title_rows=2,
    )
    got = read_answers(tmp_path, [("Dinkes", "dinkes"), ("Kosong", None)], cl, parser)
    assert got.workbooks == ["jawaban.xlsx", "Dinkes/Jawaban.xlsx"]
    states = {q: (a.state, a.value, a.source) for q, a in got.by_question.items()}
    assert states == {
        "1.1": ("positive", "Ya", "jawaban.xlsx"),
        "1.2a": ("negative", "Tidak", "jawaban.xlsx"),  # the root wins
        "1.2b": ("positive", "Ya", "Dinkes/Jawaban.xlsx"),  # the root left it empty
        "4.3": ("positive", "banyak", "jawaban.xlsx"),
    }
    assert got.by_question["1.1"].note == "Perda 3/2019"
    findings = sorted((f.rule, f.path, f.severity, f.question) for f in got.findings)
    assert findings == [
        ("answer-conflict", "Dinkes/Jawaban.xlsx", "warning", "1.2a"),
        ("answer-invalid", "jawaban.xlsx", "warning", "4.3"),
        ("unknown-question", "jawaban.xlsx", "error", None),
    ]
    by_rule = {f.rule: f for f in got.findings}
    assert by_rule["unknown-question"].message == (
        "jawaban.xlsx baris 6: pertanyaan '1.99' tidak ada di daftar periksa"
    )
    assert by_rule["answer-conflict"].message == (
        "1.2a: 'Ya' di Dinkes/Jawaban.xlsx berbeda dengan 'Tidak' di jawaban.xlsx"
    )
    assert by_rule["answer-invalid"].message == (
        "jawaban.xlsx baris 5: jawaban 'banyak' untuk 4.3: pertanyaan ini meminta angka"
    )


def test_unreadable_or_headerless_workbook_is_a_finding(tmp_path: Path) -> None:
    cl = load_checklist("kla-2024")
    (tmp_path / "jawaban.xlsx").write_bytes(b"not a zip")
    _workbook(tmp_path / "DP3A" / "jawaban.xlsx", ["nomor", "isi"], [["1.1", "Ya"]])
    got = read_answers(tmp_path, [("DP3A", "dp3a")], cl, code_parser(cl))
    assert [(f.rule, f.path) for f in got.findings] == [
        ("unreadable", "jawaban.xlsx"),
        ("unreadable", "DP3A/jawaban.xlsx"),
    ]
    assert got.by_question == {}


def test_checklist_without_questions_reads_no_answers(tmp_path: Path) -> None:
    cl = load_checklist("kla-2011")
    _workbook(tmp_path / "jawaban.xlsx", ["kode", "jawaban"], [["1.1", "Ya"]])
    got = read_answers(tmp_path, [], cl, code_parser(cl))
    assert (got.workbooks, got.findings, got.by_question) == ([], [], {})


def test_init_writes_answer_workbooks(tmp_path: Path) -> None:
    root = tmp_path / "d"
    report = init_dossier(root, region="Kota Contoh", year=2025)
    assert "jawaban.xlsx" in report.created
    ws = load_workbook(root / "jawaban.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "kode",
        "indikator",
        "pertanyaan",
        "skor_maks",
        "sumber_data",
        "lampiran",
        "jenis_jawaban",
        "jawaban",
        "catatan",
    )
    assert len(rows) == 275
    assert rows[2][:7] == (
        "1.2a",
        "1",
        load_checklist("kla-2024").question("1.2a").text["id"],
        1,
        "Bagian Hukum, Disdukcapil",
        "dokumen",
        "ya/tidak",
    )
    assert all(r[7] is None and r[8] is None for r in rows[1:])
    by_code = {r[0]: r for r in rows[1:]}
    assert by_code["1.3a"][5] == "data anggaran ditandatangani Bappeda"
    assert by_code["3.1a"][5] == "dokumen, MATRIKS, foto"
    dinkes = load_workbook(root / "Dinas Kesehatan" / "jawaban.xlsx").active
    codes = [r[0] for r in dinkes.iter_rows(min_row=2, values_only=True)]
    cl = load_checklist("kla-2024")
    assert codes == [q.id for q in cl.questions if "dinkes" in q.opds]
    assert "12.1" in codes and "1.1" not in codes
    kec = load_workbook(root / "Pemerintah Kecamatan" / "jawaban.xlsx").active
    assert [r[0] for r in kec.iter_rows(min_row=2, values_only=True)] == [
        q.id for q in cl.questions if q.kecamatan or "kecamatan" in q.opds
    ]
    # a question-only source gets its folder and workbook too (DLH: budget and policy lines)
    assert (root / "Dinas Lingkungan Hidup" / "jawaban.xlsx").is_file()


def test_init_on_existing_dossier_adds_missing_workbooks_only(tmp_path: Path) -> None:
    root = tmp_path / "d"
    init_dossier(root, region="Kota Contoh", year=2025)
    (root / "jawaban.xlsx").unlink()
    filled = root / "Dinas Kesehatan" / "jawaban.xlsx"
    _workbook(filled, ["kode", "jawaban"], [["12.1", "Ya"]])
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}
    report = init_dossier(root, region="Kota Contoh", year=2025)
    assert report.created == ["jawaban.xlsx"]
    assert "Dinas Kesehatan/jawaban.xlsx" in report.kept
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}
    assert {p: v for p, v in after.items() if p != root / "jawaban.xlsx"} == before
    rows = list(load_workbook(filled).active.iter_rows(values_only=True))
    assert rows == [("kode", "jawaban"), ("12.1", "Ya")]


def test_init_legacy_checklist_writes_no_answer_workbook(tmp_path: Path) -> None:
    root = tmp_path / "lama"
    init_dossier(root, region="Kabupaten Lama", year=2015, checklist="kla-2011")
    assert not list(root.rglob("jawaban.xlsx"))


def test_check_skips_answer_workbooks_and_reports_their_findings(tmp_path: Path, cli) -> None:
    root = tmp_path / "d"
    init_dossier(root, region="Kota Contoh", year=2025)
    _workbook(root / "jawaban.xlsx", ["kode", "jawaban"], [["4.3", "banyak"], ["7.9", "Ya"]])
    result = run_check(root, jobs=1, use_cache=False)
    assert not any(e.name.lower() == "jawaban.xlsx" for e in result.evidence)
    # the gaps of an empty dossier are one questions-missing per indicator
    rules = sorted((f.rule, f.path) for f in result.findings if f.rule != "questions-missing")
    assert rules == [
        ("answer-invalid", "jawaban.xlsx"),
        ("answer-without-evidence", "jawaban.xlsx"),
        ("unknown-question", "jawaban.xlsx"),
    ]
    assert sum(f.rule == "questions-missing" for f in result.findings) == 31
    r = cli("check", root, "--indicator", "4", "--format", "json")
    assert r.code == 1
    set_language("en")
    try:
        result = run_check(root, jobs=1, use_cache=False)
        invalid = next(f for f in result.findings if f.rule == "answer-invalid")
        assert invalid.message == (
            "jawaban.xlsx row 2: answer 'banyak' to 4.3: this question asks for a number"
        )
    finally:
        set_language("id")


def test_evidence_years_from_config(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    assert load_config(root).evidence_years is None
    config(root, "evidence_years = [2024, 2025]\n")
    plain_pdf(root / "Dinas Kesehatan" / "3a Rekap 2023.pdf", "Data rekap gizi 2023")
    result = run_check(root, jobs=1, use_cache=False)
    stale = [(f.path, f.params["first"], f.params["last"]) for f in result.findings]
    assert stale == [("Dinas Kesehatan/3a Rekap 2023.pdf", 2024, 2025)]
    # the 2026 cycle asks for 2024 and 2025 data: 2025 evidence is still in the window
    (root / "kladoc.toml").write_text(
        'region = "Kota Uji"\nkind = "kota"\nyear = 2026\nchecklist = "mini.yaml"\n'
        "evidence_years = [2024, 2025]\n",
        encoding="utf-8",
    )
    result = run_check(root, jobs=1, use_cache=False)
    assert [f.rule for f in result.findings] == ["stale-year"]
    assert result.readiness.score == 1000
    # without the key the default window (2025-2026) makes the 2024 data stale
    (root / "kladoc.toml").write_text(
        'region = "Kota Uji"\nkind = "kota"\nyear = 2026\nchecklist = "mini.yaml"\n',
        encoding="utf-8",
    )
    result = run_check(root, jobs=1, use_cache=False)
    assert sorted(f.path for f in result.findings if f.rule == "stale-year") == [
        "Dinas Kesehatan/3a Rekap 2023.pdf",
        "Dinas Kesehatan/Ind 3B Data 2024.xlsx",
    ]


@pytest.mark.parametrize("value", ["2024", "[]", '["2024"]', "[1999]", "[true]"])
def test_bad_evidence_years_is_a_config_error(tmp_path: Path, value: str) -> None:
    (tmp_path / "kladoc.toml").write_text(f"evidence_years = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert err.value.params["key"] == "evidence_years"


def test_init_writes_the_evidence_window(tmp_path: Path) -> None:
    root = tmp_path / "d"
    init_dossier(root, region="Kota Contoh", year=2026)
    text = (root / "kladoc.toml").read_text(encoding="utf-8")
    assert "evidence_years = [2025, 2026]" in text
    assert load_config(root).evidence_years == (2025, 2026)
    assert os.path.getsize(root / "jawaban.xlsx") > 0
