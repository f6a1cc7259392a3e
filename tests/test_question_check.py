"""The question-level scores end to end (run_check, the CLI, every report), and one number
per OPD scope: `check --opd`, the split workbook and the HTML per-OPD chart agree exactly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kladoc.check import run_check, scope_to_opd
from kladoc.i18n import set_language
from kladoc.report.html import render_html
from kladoc.report.markdown import render_markdown
from kladoc.report.view import report_data
from tests import synth
from tests.dossier_factory import SCORED_CHECKLIST, plain_pdf


def _answers(path: Path, rows: list[tuple[str, str]]) -> None:
    synth.answers_xlsx(path, rows)


def make_dossier(root: Path, *, capped: bool = False, answers: bool = True) -> Path:
    root.mkdir(parents=True)
    (root / "skor.yaml").write_text(SCORED_CHECKLIST, encoding="utf-8")
    (root / "kladoc.toml").write_text(
        'region = "Kota Uji"\nyear = 2025\nchecklist = "skor.yaml"\n', encoding="utf-8"
    )
    plain_pdf(root / "DP3A" / "1.1 Perda KLA 2024.pdf", "Peraturan Daerah 2024")
    plain_pdf(root / "Bappeda" / "1.2 DPA Perlindungan Anak 2025.pdf", "DPA 2025")
    synth.data_xlsx(
        root / "Dinas Sosial" / "2.1 Matriks LKSA 2025.xlsx",
        title="Matriks",
        headers=["A"],
        rows=[[1]],
        year=2025,
    )
    synth.data_xlsx(
        root / "Dinas Sosial" / "2.2 Data Anak 2025.xlsx",
        title="Data",
        headers=["A"],
        rows=[[1]],
        year=2025,
    )
    if capped:  # 2.1 complete as well: 3 + 3 = 6 points against indicator 2's maximum 5
        plain_pdf(root / "Dinas Sosial" / "2.1 Laporan Data LKSA 2025.pdf", "Laporan 2025")
    if answers:
        _answers(
            root / "jawaban.xlsx", [("1.1", "Ya"), ("1.2", "Ada"), ("1.3", "12"), ("2.2", "Ya")]
        )
    return root


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_dossier(tmp_path_factory.mktemp("q") / "d")


def _questions(data: dict) -> dict[str, tuple[str, float]]:
    return {q["id"]: (q["status"], q["points"]) for i in data["indicators"] for q in i["questions"]}


def test_scores_end_to_end_through_the_cli(dossier: Path, cli) -> None:
    r = cli("check", dossier, "--format", "json")
    assert r.code == 0  # only warnings: partly evidenced questions, a file without answer
    data = json.loads(r.out)
    assert data["schema"] == 2
    assert _questions(data) == {
        "1.1": ("partial", 2.0),  # the Perda is the document; no photo
        "1.2": ("complete", 3.0),
        "1.3": ("complete", 3.0),  # no attachment asked: the answer "12" carries it
        "2.1": ("partial", 1.5),  # a matrix is not also the document 2.1 asks for
        "2.2": ("complete", 3.0),
    }
    s = data["summary"]
    assert (s["readiness_score"], s["readiness_max"], s["category"]) == (12.5, 15.0, "Pratama")
    # claimed: 4 + 3 + 3 (indicator 1) and 3 (2.2); at risk: indicator 1 only (10 - 8)
    assert (s["claimed_score"], s["points_at_risk"]) == (13.0, 2.0)
    assert s["questions"] == {
        "total": 5,
        "complete": 3,
        "partial": 2,
        "missing": 0,
        "answered": 4,
        "positive": 4,
    }
    ind = {i["id"]: i for i in data["indicators"]}
    assert (ind["1"]["points"], ind["1"]["claimed"], ind["1"]["at_risk"]) == (8.0, 10.0, 2.0)
    assert (ind["2"]["points"], ind["2"]["claimed"], ind["2"]["at_risk"]) == (4.5, 3.0, 0.0)
    assert (ind["1"]["questions_complete"], ind["1"]["questions_total"]) == (2, 3)
    q11 = ind["1"]["questions"][0]
    assert (q11["id"], q11["max_score"], q11["answer"], q11["files"]) == (
        "1.1",
        4.0,
        "Ya",
        ["DP3A/1.1 Perda KLA 2024.pdf"],
    )
    ev = {e["path"]: e for e in data["evidence"]}
    assert ev["Bappeda/1.2 DPA Perlindungan Anak 2025.pdf"]["question"] == "1.2"
    assert ev["Bappeda/1.2 DPA Perlindungan Anak 2025.pdf"]["question_source"] == "name"
    rules = sorted((f["rule"], f["indicator"], f["question"]) for f in data["findings"])
    assert rules == [
        ("evidence-without-answer", "2", None),  # 2.1 has its matrix, no answer
        ("questions-partial", "1", None),
        ("questions-partial", "2", None),
    ]
    # kla-2024 indicators with questions do not fall back to the indicator evidence types
    assert not any(f["rule"] == "missing-evidence-type" for f in data["findings"])


def test_capped_indicator_and_no_answers(tmp_path: Path) -> None:
    result = run_check(make_dossier(tmp_path / "d", capped=True, answers=False), jobs=1)
    ind = {s.id: s for s in result.indicators}
    assert [q.points for q in ind["2"].questions] == [3.0, 3.0]
    assert (ind["2"].points, ind["2"].max_score, ind["2"].status) == (5.0, 5.0, "complete")
    # without answers: 1.3 (no attachment) is missing, nothing is claimed
    assert (result.readiness.score, result.readiness.claimed, result.readiness.at_risk) == (
        10.0,
        None,
        None,
    )
    assert (ind["1"].claimed, ind["1"].at_risk) == (None, None)


def test_never_partial_with_zero_points(tmp_path: Path) -> None:
    root = make_dossier(tmp_path / "d", answers=False)
    # 1.1's document is a photo of the wrong year and the DPA is gone: indicator 1 has files
    # and a positive answer, but no points
    (root / "DP3A" / "1.1 Perda KLA 2024.pdf").unlink()
    (root / "Bappeda" / "1.2 DPA Perlindungan Anak 2025.pdf").unlink()
    synth.photo_jpeg(root / "DP3A" / "1.1 Foto Sosialisasi 2019.jpg", seed=3)
    _answers(root / "jawaban.xlsx", [("1.2", "Ya")])
    result = run_check(root, jobs=1)
    one = next(s for s in result.indicators if s.id == "1")
    assert (one.points, one.status) == (0.0, "missing")
    assert {q.id: q.status for q in one.questions} == {
        "1.1": "missing",
        "1.2": "missing",  # answered "Ya", nothing attached: answer-without-evidence
        "1.3": "missing",
    }
    assert [f.question for f in result.findings if f.rule == "answer-without-evidence"] == ["1.2"]
    missing = next(f for f in result.findings if f.rule == "questions-missing")
    assert missing.params["codes"] == "1.1, 1.3"  # 1.2 is reported by its own error


def test_terminal_questions_in_both_languages(dossier: Path, cli) -> None:
    r = cli("check", dossier)
    assert "2 dari 3 pertanyaan terpenuhi" in r.out
    assert "Nilai menurut jawaban: 13; 2 poin berisiko" in r.out
    assert "Perda?" not in r.out and "1.3 " not in r.out  # questions only on request
    r = cli("check", dossier, "--questions")
    assert re.search(r"│ 2\.1\s+│ sebagian\s+│\s+1,5/3 │", r.out)
    r = cli("check", dossier, "--indicator", "2", "--lang", "en")
    assert "1 of 2 questions satisfied" in r.out
    assert re.search(r"│ 2\.1\s+│ partial\s+│\s+1.5/3 │", r.out)
    assert "Score the answers claim: 3; 0 points at risk" in r.out


def test_xlsx_questions_sheet_html_details_and_markdown(dossier: Path, tmp_path: Path) -> None:
    result = run_check(dossier, jobs=1)
    from kladoc.report.xlsx import write_xlsx

    write_xlsx(result, tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == [
        "Ringkasan",
        "Indikator",
        "Pertanyaan",
        "OPD",
        "Temuan",
        "Bukti",
        "Tidak di Dossier",
    ]
    rows = list(wb["Pertanyaan"].iter_rows(values_only=True))
    assert rows[0] == (
        "Kode",
        "Ind.",
        "Pertanyaan",
        "Skor maks",
        "OPD",
        "Jawaban",
        "Berkas",
        "Status",
        "Poin",
        "Yang perlu dikirim",
    )
    assert rows[1] == (
        "1.1",
        "1",
        "Perda?",
        4,
        "DP3A",
        "Ya",
        "DP3A/1.1 Perda KLA 2024.pdf",
        "sebagian",
        2,
        "foto",
    )
    assert rows[4][0] == "2.1" and rows[4][5] == "belum dijawab" and rows[4][9] == "dokumen"
    html = render_html(result)
    assert html.count("<details>") == 2
    assert "<summary>Pertanyaan indikator 1: 2 dari 3 pertanyaan terpenuhi</summary>" in html
    md = render_markdown(result)
    assert "*Perkiraan kesiapan dokumen: 12,5 dari 15 → Pratama*" in md
    assert "Nilai menurut jawaban: 13; 2 poin berisiko" in md
    assert "- Pertanyaan baru sebagian terpenuhi (terpenuhi/jumlah): 1 (2/3), 2 (1/2)" in md


def _split_summary(path: Path) -> dict[str, object]:
    ws = load_workbook(path)["Ringkasan"]
    return {str(r[0]): r[1] for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}


def test_one_number_per_opd_scope(dossier: Path, tmp_path: Path, cli) -> None:
    """check --opd == split workbook == HTML per-OPD, exactly."""
    r = cli("check", dossier, "--opd", "DP3A", "--format", "json")
    assert r.code == 1
    alone = json.loads(r.out)
    # DP3A's own evidence only: its Perda (2 of 1.1) and 1.3's answer; the DPA is Bappeda's
    assert _questions(alone) == {
        "1.1": ("partial", 2.0),
        "1.2": ("missing", 0.0),
        "1.3": ("complete", 3.0),
    }
    s = alone["summary"]
    assert (s["readiness_score"], s["readiness_max"], s["claimed_score"]) == (5.0, 10.0, 10.0)
    assert (s["errors"], s["warnings"]) == (1, 1)
    shared = next(f for f in alone["findings"] if f["rule"] == "answer-without-evidence")
    assert (shared["question"], shared["shared"], shared["shared_with"]) == (
        "1.2",
        True,
        ["bappeda"],
    )
    assert shared["remedy"].startswith("Bagian DP3A: ")
    assert "bersama Bappeda" in shared["remedy"]
    assert [o["id"] for o in alone["opds"]] == ["dp3a"]  # only the OPD in scope

    out = tmp_path / "split"
    r = cli("report", dossier, "--split-by-opd", out)
    assert r.code == 0  # the whole dossier has no error; DP3A's view has one
    books = sorted(p.name for p in out.iterdir())
    assert books == [
        "Laporan KLA 2025 - Badan Perencanaan Pembangunan Daerah.xlsx",
        "Laporan KLA 2025 - Dinas Pemberdayaan Perempuan dan Perlindungan Anak.xlsx",
        "Laporan KLA 2025 - Dinas Sosial.xlsx",
    ]
    book = _split_summary(out / books[1])
    assert (book["Perkiraan kesiapan dokumen"], book["Nilai maksimum"]) == (5.0, 10.0)
    assert (book["Nilai menurut jawaban"], book["Galat"], book["Peringatan"]) == (10.0, 1, 1)
    qs = list(load_workbook(out / books[1])["Pertanyaan"].iter_rows(values_only=True))
    assert [(q[0], q[7], q[9]) for q in qs[1:]] == [
        ("1.1", "sebagian", "foto"),
        ("1.2", "kosong", "data anggaran ditandatangani Bappeda"),
        ("1.3", "lengkap", None),
    ]

    full = run_check(dossier, jobs=1)
    scoped = scope_to_opd(full, "dp3a")
    assert scoped.to_dict()["summary"] == {**alone["summary"]}
    assert [f.to_dict() for f in scoped.findings] == alone["findings"]
    row = next(o for o in report_data(full)["opds"] if o["id"] == "dp3a")
    assert (row["readiness_score"], row["readiness_max"]) == (5.0, 10.0)
    assert (row["complete"], row["partial"], row["missing"]) == (0, 1, 0)
    html = render_html(full)
    assert "Perlindungan Anak: 0/1 lengkap · 5 dari 10 poin</title>" in html


def test_an_opd_without_files_shows_zero_and_comes_first(tmp_path: Path) -> None:
    root = make_dossier(tmp_path / "d")
    for p in (root / "Dinas Sosial").iterdir():
        p.unlink()
    result = run_check(root, jobs=1)
    rows = {o["id"]: o for o in report_data(result)["opds"]}
    assert (rows["dinsos"]["readiness_score"], rows["dinsos"]["files"]) == (0.0, 0)
    assert (rows["dinsos"]["complete"], rows["dinsos"]["missing"]) == (0, 1)
    from kladoc.report.html import opd_chart

    chart = opd_chart(report_data(result))
    assert chart["rows"][0]["id"] == "dinsos"


def test_english_question_findings(dossier: Path) -> None:
    set_language("en")
    try:
        result = run_check(dossier, jobs=1)
        partial = next(f for f in result.findings if f.rule == "questions-partial")
        assert partial.message == ("Indicator 1: 1 question is only partly evidenced: 1.1 (photo)")
        assert render_markdown(result).splitlines()[4] == (
            "Score the answers claim: 13; 2 points at risk (answered, not evidenced)"
        )
    finally:
        set_language("id")
