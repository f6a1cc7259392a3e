"""The 274 questions of the 2024 instrument as checklist data, and their authoring formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from kladoc.checklist import load_checklist
from kladoc.checklist.xlsx import write_checklist_xlsx
from kladoc.errors import ChecklistError
from kladoc.opd import OpdRegistry

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/work/shared/domain/kla-2024-questions.json")


def test_kla_2024_has_274_questions_with_their_fields() -> None:
    cl = load_checklist("kla-2024")
    assert len(cl.questions) == 274
    assert len(cl.indicator("1").questions) == 63
    q = cl.question("1.2a")
    assert q is not None
    assert (q.indicator, q.number, q.max_score, q.source_id) == ("1", "2a", 1.0, "I1-P2a")
    assert q.opds == ("bagian-hukum", "disdukcapil")
    assert q.requests == ("document",)
    assert q.answer == ("yes_no",)
    assert q.text["id"].startswith("Apakah tersedia Peraturan/ kebijakan terkait anak")
    assert cl.question("1.3a").requests == ("budget",)
    assert cl.question("1.3a").opds == ("bappeda", "dp3a")
    assert cl.question("2.7").requests == ("photo",)
    assert cl.question("7.2").opds == ("kemenag", "dinkes", "disdukcapil", "pengadilan-agama")
    assert cl.question("4.3").answer == ("number", "narrative")
    assert cl.question("25.11").kecamatan and not cl.question("25.11").desa
    assert cl.question("26.2").desa
    for code in ("1.1", "1.2za", "1.3zg", "14.10", "21a.3", "21a.4b", "25.2", "26.17"):
        assert cl.question(code) is not None, code
    assert cl.question("25.1") is None and cl.question("1.2") is None
    # counts the domain README gives for the source
    assert sum(1 for q in cl.questions if q.requests) == 219
    assert sum(1 for q in cl.questions if "matrix" in q.requests) == 74
    assert sum(1 for q in cl.questions if "photo" in q.requests) == 51
    assert sum(1 for q in cl.questions if "budget" in q.requests) == 34
    assert sum(1 for q in cl.questions if q.asks_number) == 77
    assert sum(1 for q in cl.questions if q.kecamatan) == 9
    assert sum(1 for q in cl.questions if q.desa) == 13


def test_question_opds_are_registry_ids() -> None:
    cl = load_checklist("kla-2024")
    registry = OpdRegistry.builtin()
    assert {o for q in cl.questions for o in q.opds} <= set(registry.opds)


def test_indicator_points_are_capped_at_the_indicator_maximum() -> None:
    cl = load_checklist("kla-2024")
    assert round(sum(q.max_score for q in cl.questions), 4) == 1004
    i19, i21b = cl.indicator("19"), cl.indicator("21b")
    assert (round(i19.question_total, 4), i19.max_score, i19.cap(i19.question_total)) == (
        54,
        51,
        51,
    )
    assert (i21b.question_total, i21b.max_score, i21b.cap(i21b.question_total)) == (18, 17, 17)
    assert round(sum(i.cap(i.question_total) for i in cl.indicators), 4) == 1000
    others = [i for i in cl.indicators if i.id not in ("19", "21b")]
    assert all(round(i.question_total, 4) == i.max_score for i in others)


def test_kla_2011_has_no_questions() -> None:
    cl = load_checklist("kla-2011")
    assert cl.questions == []
    assert all(i.questions == () for i in cl.indicators)


@pytest.mark.skipif(not SOURCE.is_file(), reason="the domain source JSON is not on this machine")
def test_generated_questions_are_up_to_date() -> None:
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_questions.py"), str(SOURCE), "--check"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


QUESTIONS_YAML = """\
schema: 1
id: mine
title: Daftar saya
categories:
  - {name: Pratama, min: 500, max: 1000}
evidence_types:
  foto: {title: Foto, keywords: [foto]}
  anggaran: {title: Anggaran, keywords: [dpa]}
clusters:
  - {id: kelembagaan, title: Kelembagaan}
indicators:
  - {id: "1", cluster: kelembagaan, title: Satu, max_score: 600, evidence: [foto]}
  - {id: "2a", cluster: kelembagaan, title: Dua, max_score: 400, evidence: [anggaran]}
questions:
  - {id: "1.1", text: "Ada foto?", max_score: 600, requests: [photo], opds: [DP3A]}
  - {id: "2A.1", text: "Ada anggaran?", max_score: 400, requests: [budget], answer: [number]}
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "mine.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_user_yaml_questions_load(tmp_path: Path) -> None:
    cl = load_checklist(_write(tmp_path, QUESTIONS_YAML))
    assert [q.id for q in cl.questions] == ["1.1", "2a.1"]
    assert cl.question("2a.1").answer == ("number",)
    assert cl.question("1.1").answer == ("yes_no",)
    assert cl.question("1.1").opds == ("DP3A",)


@pytest.mark.parametrize(
    ("replace", "by", "field", "line"),
    [
        ('id: "2A.1"', 'id: "3.1"', "questions[2].id", 16),
        ('id: "2A.1"', 'id: "1.1"', "questions[2].id", 16),
        ('id: "2A.1"', 'id: "2a"', "questions[2].id", 16),
        ("requests: [budget]", "requests: [video]", "questions[2].requests", 16),
        ("answer: [number]", "answer: [essay]", "questions[2].answer", 16),
        ("max_score: 400, req", "req", "questions[2].max_score", 16),
        ("max_score: 400, req", "max_score: -1, req", "questions[2].max_score", 16),
        ('text: "Ada anggaran?", ', "", "questions[2].text", 16),
        ("opds: [DP3A]", "opds: [DP3A], bobot: 2", "questions[1].bobot", 15),
    ],
)
def test_invalid_questions_name_row_and_field(
    tmp_path: Path, replace: str, by: str, field: str, line: int
) -> None:
    assert replace in QUESTIONS_YAML
    path = _write(tmp_path, QUESTIONS_YAML.replace(replace, by))
    with pytest.raises(ChecklistError) as err:
        load_checklist(path)
    assert err.value.params["field"] == field
    assert err.value.params["where"] == f"baris {line}"


def test_xlsx_round_trip_keeps_questions(tmp_path: Path) -> None:
    original = load_checklist("kla-2024")
    path = tmp_path / "daftar.xlsx"
    write_checklist_xlsx(original, path)
    again = load_checklist(path)
    assert again.questions == original.questions


def test_xlsx_pertanyaan_sheet_is_validated(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "indikator"
    ws.append(["id", "klaster", "judul", "skor_maks", "bukti"])
    ws.append(["1", "kelembagaan", "Perda KLA", 1000, "regulasi"])
    ws = wb.create_sheet("Pertanyaan")
    ws.append(["Kode", "Teks", "Skor_Maks", "Lampiran", "Jawaban", "Desa"])
    ws.append(["1.1", "Ada Perda?", 600, "document", "yes_no", "ya"])
    ws.append(["1.2", "Ada dana?", 400, "document, anggaran", "number", ""])
    path = tmp_path / "sendiri.xlsx"
    wb.save(path)
    with pytest.raises(ChecklistError) as err:
        load_checklist(path)
    assert err.value.params["where"] == "lembar 'Pertanyaan' baris 3"
    assert err.value.params["field"] == "questions[2].requests"
    ws.delete_rows(3)
    ws.append(["1.2", "Ada dana?", 400, "document, budget", "number", ""])
    wb.save(path)
    cl = load_checklist(path)
    assert [(q.id, q.requests, q.desa) for q in cl.questions] == [
        ("1.1", ("document",), True),
        ("1.2", ("document", "budget"), False),
    ]


def test_cli_checklist_json_lists_questions(cli, tmp_path: Path) -> None:
    r = cli("checklist", "--format", "json")
    assert r.code == 0
    data = json.loads(r.out)
    assert data["question_count"] == 274
    ind1 = data["indicators"][0]
    assert len(ind1["questions"]) == 63
    q = ind1["questions"][1]
    assert {k: q[k] for k in ("id", "max_score", "opds", "requests", "answer")} == {
        "id": "1.2a",
        "max_score": 1.0,
        "opds": ["bagian-hukum", "disdukcapil"],
        "requests": ["document"],
        "answer": ["yes_no"],
    }
    assert q["text"]["id"].startswith("Apakah tersedia")
    r = cli("checklist", "--checklist", "kla-2011", "--format", "json")
    assert r.code == 0
    assert all(i["questions"] == [] for i in json.loads(r.out)["indicators"])


def test_cli_checklist_validate_counts_questions(cli, tmp_path: Path) -> None:
    good = _write(tmp_path, QUESTIONS_YAML)
    r = cli("checklist", "validate", good)
    assert r.code == 0
    assert "2 indikator, 2 pertanyaan" in r.out
    r = cli("--lang", "en", "checklist", "validate", good)
    assert r.code == 0, r.err
    assert "2 indicators, 2 questions" in r.out
    bad = _write(tmp_path, QUESTIONS_YAML.replace('id: "2A.1"', 'id: "9.1"'))
    r = cli("checklist", "validate", bad)
    assert r.code == 2
    assert "questions[2].id" in r.err


def test_no_import_cycle_between_loader_and_xlsx() -> None:
    # each module imports cleanly on its own in a fresh interpreter, in either order
    for first in ("kladoc.checklist.xlsx", "kladoc.checklist.loader"):
        r = subprocess.run(
            [sys.executable, "-c", f"import {first}"],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT / "src")},
        )
        assert r.returncode == 0, r.stderr
    source = (ROOT / "src" / "kladoc" / "checklist" / "xlsx.py").read_text(encoding="utf-8")
    assert "checklist.loader" not in source
