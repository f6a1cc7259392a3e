"""Question status, points, the evidence-backed and claimed scores: exact figures on
hand-made inventories."""

from __future__ import annotations

import pytest

from kladoc.answers import Answer
from kladoc.checklist import load_checklist
from kladoc.i18n import set_language
from kladoc.inspect.facts import FileFacts
from kladoc.models import Evidence
from kladoc.questions import (
    answer_findings,
    gap_findings,
    indicator_scores,
    opd_scores,
    question_statuses,
    satisfied_kinds,
)
from tests.dossier_factory import SCORED_CHECKLIST


@pytest.fixture(scope="module")
def checklist(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("cl") / "skor.yaml"
    path.write_text(SCORED_CHECKLIST, encoding="utf-8")
    return load_checklist(path)


def _ev(path: str, question: str | None, etype: str, year: int = 2025, ok: bool = True):
    kind = "image" if etype == "foto" else "pdf"
    facts = FileFacts(kind=kind, status="ok" if ok else "corrupt", size=10, sha256=path)
    return Evidence(
        path=path,
        opd_folder="DP3A",
        opd="dp3a",
        indicator=question.split(".")[0] if question else "1",
        question=question,
        type=etype,
        year=year,
        facts=facts,
    )


def _answer(question: str, state: str, value: str) -> Answer:
    return Answer(question, value, state, source="jawaban.xlsx", row=2)


def in_window(ev: Evidence) -> bool:
    return ev.type == "regulasi" or ev.year in (2024, 2025)


EVIDENCE = [
    _ev("DP3A/1.1 Perda KLA.pdf", "1.1", "regulasi", 2019),  # in force: any year
    _ev("Bappeda/1.2 DPA 2019.pdf", "1.2", "anggaran", 2019),  # out of the window
    _ev("Dinsos/2.1 Matriks.pdf", "2.1", "matriks"),
    _ev("Dinsos/2.1 Data.pdf", "2.1", "data_tabel"),
    _ev("Dinsos/2.2 Data.pdf", "2.2", "data_tabel"),
    _ev("Dinsos/2.2 rusak.pdf", "2.2", "data_tabel", ok=False),
    _ev("DP3A/1 Foto.jpg", None, "foto"),  # reaches only indicator 1: counts for nothing
]
ANSWERS = {
    "1.1": _answer("1.1", "positive", "Ya"),
    "1.2": _answer("1.2", "positive", "Ada"),
    "1.3": _answer("1.3", "positive", "12"),
    "2.2": _answer("2.2", "negative", "Tidak"),
}


def test_question_status_and_points(checklist) -> None:
    got = question_statuses(EVIDENCE, checklist, ANSWERS, in_window)
    table = {s.id: (s.status, s.points, s.claimed, s.satisfied, s.missing) for s in got}
    assert table == {
        "1.1": ("partial", 2.0, 4.0, ["document"], ["photo"]),  # half the requested kinds
        # a positive answer without evidence: never "partial" with 0 points
        "1.2": ("missing", 0.0, 3.0, [], ["budget"]),
        "1.3": ("complete", 3.0, 3.0, [], []),  # no attachment asked: the answer carries it
        "2.1": ("complete", 3.0, 0.0, ["matrix", "document"], []),
        "2.2": ("partial", 3.0, 0.0, ["document"], []),  # evidence, but answered "Tidak"
    }
    assert got[4].files == ["Dinsos/2.2 Data.pdf", "Dinsos/2.2 rusak.pdf"]


def test_scores_are_capped_per_indicator(checklist) -> None:
    statuses = question_statuses(EVIDENCE, checklist, ANSWERS, in_window)
    scores = indicator_scores(statuses, checklist, answered=True)
    # indicator 2: 3 + 3 = 6 points against a maximum of 5
    assert scores.readiness == {"1": 5.0, "2": 5.0}
    assert scores.claimed == {"1": 10.0, "2": 0.0}
    assert (scores.readiness_total, scores.claimed_total) == (10.0, 10.0)
    assert (scores.at_risk("1"), scores.at_risk("2")) == (5.0, 0.0)
    unanswered = indicator_scores(statuses, checklist, answered=False)
    assert (unanswered.claimed, unanswered.claimed_total, unanswered.at_risk("1")) == (
        None,
        None,
        None,
    )
    assert opd_scores(statuses) == {
        "dp3a": (5.0, 10.0, 1, 3),
        "bappeda": (0.0, 3.0, 0, 1),
        "dinsos": (6.0, 0.0, 1, 2),
    }


def test_nothing_is_missing_and_scores_zero(checklist) -> None:
    statuses = question_statuses([], checklist, {}, in_window)
    assert {s.status for s in statuses} == {"missing"}
    assert indicator_scores(statuses, checklist, answered=False).readiness_total == 0.0


KIND_TYPES = {"photo": "foto", "matrix": "matriks", "budget": "anggaran"}


def test_kla_2024_capped_indicators_with_everything_complete() -> None:
    cl = load_checklist("kla-2024")
    evidence = []
    for q in cl.questions:
        for n, kind in enumerate(q.requests):
            etype = {"photo": "foto", "matrix": "matriks", "budget": "anggaran"}.get(
                kind, "data_tabel"
            )
            evidence.append(_ev(f"x/{q.id} {n}.pdf", q.id, etype))
    answers = {q.id: _answer(q.id, "positive", "Ya") for q in cl.questions}
    statuses = question_statuses(evidence, cl, answers, lambda e: True)
    assert {s.status for s in statuses} == {"complete"}
    scores = indicator_scores(statuses, cl, answered=True)
    assert (scores.readiness["19"], scores.readiness["21b"]) == (51.0, 17.0)
    assert (scores.readiness_total, scores.claimed_total) == (1000.0, 1000.0)


def test_satisfied_kinds() -> None:
    cl = load_checklist("kla-2024")
    doc_only = cl.question("1.2a")  # document
    matrix_doc = cl.question("3.1a")  # document, matrix, photo
    assert satisfied_kinds(doc_only, ["budget"]) == ["document"]
    assert satisfied_kinds(matrix_doc, ["matrix"]) == ["matrix"]
    assert satisfied_kinds(matrix_doc, ["matrix", "document", "photo"]) == [
        "document",
        "matrix",
        "photo",
    ]
    assert satisfied_kinds(doc_only, ["photo"]) == []


def test_findings_one_per_indicator_in_both_languages(checklist) -> None:
    statuses = question_statuses(EVIDENCE[:1], checklist, {"1.2": ANSWERS["1.2"]}, in_window)
    gaps = gap_findings(statuses)
    assert [(f.rule, f.indicator, f.params["codes"]) for f in gaps] == [
        ("questions-missing", "1", "1.3"),
        ("questions-missing", "2", "2.1, 2.2"),
        ("questions-partial", "1", "1.1 (foto)"),
    ]
    answered = answer_findings(statuses, answered=True)
    assert [(f.rule, f.question, f.severity) for f in answered] == [
        ("answer-without-evidence", "1.2", "error"),
        ("evidence-without-answer", None, "warning"),  # 1.1 has a file, no answer
    ]
    assert answered[0].message == (
        "1.2: dijawab 'Ada' tetapi belum ada lampiran (data anggaran ditandatangani Bappeda)"
    )
    statuses = question_statuses(EVIDENCE, checklist, ANSWERS, in_window)
    without = [
        f for f in answer_findings(statuses, answered=True) if f.rule != "answer-without-evidence"
    ]
    assert [(f.rule, f.indicator, f.params["codes"]) for f in without] == [
        ("evidence-without-answer", "2", "2.1, 2.2"),
    ]
    assert answer_findings(statuses, answered=False)[0].rule == "answer-without-evidence"
    set_language("en")
    try:
        gaps = gap_findings(statuses)
        assert gaps[0].message == ("Indicator 1: 1 question is only partly evidenced: 1.1 (photo)")
    finally:
        set_language("id")
