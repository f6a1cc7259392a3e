from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from kladoc.checklist import builtin_ids, load_checklist
from kladoc.checklist.xlsx import write_checklist_xlsx
from kladoc.errors import ChecklistError

EXPECTED_2024 = [str(i) for i in range(1, 21)] + [
    "21a",
    "21b",
    "21c",
    "22a",
    "22b",
    "23a",
    "23b",
    "24a",
    "24b",
    "25",
    "26",
]


def test_builtin_checklists_are_listed() -> None:
    assert builtin_ids() == ["kla-2011", "kla-2024"]


def test_kla_2024_has_31_rows_summing_to_1000() -> None:
    cl = load_checklist("kla-2024")
    assert [i.id for i in cl.indicators] == EXPECTED_2024
    assert sum(i.max_score for i in cl.indicators) == 1000
    assert [c.id for c in cl.clusters] == [
        "kelembagaan",
        "klaster-1",
        "klaster-2",
        "klaster-3",
        "klaster-4",
        "klaster-5",
        "kelana-dekela",
    ]
    by_cluster = {c.id: sum(i.max_score for i in cl.indicators_in(c.id)) for c in cl.clusters}
    assert by_cluster == {
        "kelembagaan": 164,
        "klaster-1": 115,
        "klaster-2": 156,
        "klaster-3": 150,
        "klaster-4": 110,
        "klaster-5": 205,
        "kelana-dekela": 100,
    }
    for ind in cl.indicators:
        assert ind.title["id"] and ind.title["en"]
        assert ind.opds and ind.evidence
        assert ind.year_window == 2
    assert cl.indicator("25").aliases == ("kelana",)


def test_categories_are_data() -> None:
    cl = load_checklist("kla-2024")
    assert [(c.name, c.min, c.max) for c in cl.categories] == [
        ("Pratama", 500, 600),
        ("Madya", 601, 700),
        ("Nindya", 701, 800),
        ("Utama", 801, 900),
        ("KLA", 901, 1000),
    ]
    assert cl.category_for(499.4) is None
    assert cl.category_for(500) == "Pratama"
    assert cl.category_for(600.4) == "Pratama"
    assert cl.category_for(700.6) == "Nindya"
    assert cl.category_for(1000) == "KLA"


def test_legacy_checklist_loads_unweighted() -> None:
    cl = load_checklist("kla-2011")
    assert len(cl.indicators) == 31
    assert not cl.weighted
    assert round(cl.total) == 1000  # equal shares keep the category scale usable


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "mine.yaml"
    p.write_text(text, encoding="utf-8")
    return p


MINIMAL = """\
schema: 1
id: mine
title: Daftar saya
categories:
  - {name: Pratama, min: 500, max: 1000}
evidence_types:
  foto: {title: Foto, keywords: [foto]}
clusters:
  - {id: kelembagaan, title: Kelembagaan}
indicators:
  - id: 1
    cluster: kelembagaan
    title: Satu
    max_score: 600
    evidence: [foto]
  - id: "2A"
    cluster: kelembagaan
    title: Dua
    max_score: 400
    evidence: foto
"""


def test_user_yaml_checklist_loads(tmp_path: Path) -> None:
    cl = load_checklist(_write(tmp_path, MINIMAL))
    assert [i.id for i in cl.indicators] == ["1", "2a"]
    assert cl.indicator("2a").evidence == ("foto",)
    assert cl.total == 1000


@pytest.mark.parametrize(
    ("replace", "by", "field", "line"),
    [
        ("evidence: [foto]", "evidence: [fotoo]", "indicators[1].evidence", 15),
        ("max_score: 400", "max_score: -4", "indicators[2].max_score", 19),
        (
            "cluster: kelembagaan\n    title: Dua",
            "cluster: klaster-9\n    title: Dua",
            "indicators[2].cluster",
            17,
        ),
        ("    title: Satu\n", "    title: Satu\n    skor: 3\n", "indicators[1].skor", 14),
        ('id: "2A"', 'id: "1"', "indicators[2].id", 16),
        ('id: "2A"', 'id: "dua"', "indicators[2].id", 16),
        ("    max_score: 400\n", "", "indicators[2].max_score", 16),
    ],
)
def test_invalid_yaml_names_file_row_and_field(
    tmp_path: Path, replace: str, by: str, field: str, line: int
) -> None:
    assert replace in MINIMAL
    path = _write(tmp_path, MINIMAL.replace(replace, by))
    with pytest.raises(ChecklistError) as err:
        load_checklist(path)
    assert err.value.params["file"] == str(path)
    assert err.value.params["field"] == field
    assert err.value.params["where"] == f"baris {line}"
    assert str(path) in str(err.value)


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL.replace("title: Satu", "title: [Satu"))
    with pytest.raises(ChecklistError) as err:
        load_checklist(path)
    assert err.value.params["where"].startswith("baris ")


def test_unknown_checklist_id() -> None:
    with pytest.raises(ChecklistError) as err:
        load_checklist("kla-1999")
    assert err.value.key == "checklist.not_found"


def test_xlsx_round_trip(tmp_path: Path) -> None:
    original = load_checklist("kla-2024")
    path = tmp_path / "daftar.xlsx"
    write_checklist_xlsx(original, path)
    again = load_checklist(path)
    assert [
        (i.id, i.cluster, i.max_score, i.evidence, i.opds, i.title) for i in again.indicators
    ] == [(i.id, i.cluster, i.max_score, i.evidence, i.opds, i.title) for i in original.indicators]
    assert again.categories == original.categories
    assert again.evidence_types == original.evidence_types


def test_xlsx_minimal_sheet_inherits_vocabulary(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "indikator"
    ws.append(["ID", "Klaster", "Judul", "Skor_Maks", "OPD", "Bukti"])
    ws.append(["1", "kelembagaan", "Perda KLA", 500, "Bagian Hukum", "regulasi, foto"])
    ws.append(["2", "kelembagaan", "Gugus Tugas", 500, "DP3A", "sk_kelembagaan"])
    path = tmp_path / "sendiri.xlsx"
    wb.save(path)
    cl = load_checklist(path)
    assert [i.evidence for i in cl.indicators] == [("regulasi", "foto"), ("sk_kelembagaan",)]


def test_xlsx_error_names_sheet_row_and_field(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "indikator"
    ws.append(["id", "klaster", "judul", "skor_maks", "bukti"])
    ws.append(["1", "kelembagaan", "Perda KLA", 500, "regulasi"])
    ws.append(["2", "kelembagaan", "Gugus Tugas", "banyak", "regulasi"])
    path = tmp_path / "rusak.xlsx"
    wb.save(path)
    with pytest.raises(ChecklistError) as err:
        load_checklist(path)
    assert err.value.params["where"] == "lembar 'indikator' baris 3"
    assert err.value.params["field"] == "indicators[2].max_score"


def test_cli_checklist_json_and_exit_codes(cli, tmp_path: Path) -> None:
    r = cli("checklist", "--format", "json")
    assert r.code == 0
    data = json.loads(r.out)
    assert len(data["indicators"]) == 31
    assert sum(i["max_score"] for i in data["indicators"]) == 1000
    r = cli("checklist", "--checklist", "kla-2011", "--format", "json")
    assert r.code == 0 and len(json.loads(r.out)["indicators"]) == 31
    r = cli("checklist", "--cluster", "Klaster I", "--format", "json")
    assert [i["id"] for i in json.loads(r.out)["indicators"]] == ["4", "5", "6"]
    bad = _write(tmp_path, MINIMAL.replace("max_score: 400", "max_score: banyak"))
    r = cli("checklist", "validate", bad)
    assert r.code == 2
    assert "indicators[2].max_score" in r.err
    r = cli("checklist", "--checklist", str(bad))
    assert r.code == 2
    good = tmp_path / "good" / "mine.yaml"
    good.parent.mkdir()
    good.write_text(MINIMAL, encoding="utf-8")
    r = cli("checklist", "validate", good)
    assert r.code == 0


def test_cli_checklist_xlsx_export(cli, tmp_path: Path) -> None:
    out = tmp_path / "daftar.xlsx"
    r = cli("checklist", "--format", "xlsx", "--output", out)
    assert r.code == 0
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "indikator",
        "klaster",
        "jenis_bukti",
        "kategori",
        "pertanyaan",
        "info",
    ]
    assert wb["pertanyaan"].max_row == 275
    assert wb["indikator"].max_row == 32
    r = cli("checklist", "--format", "xlsx")
    assert r.code == 2
