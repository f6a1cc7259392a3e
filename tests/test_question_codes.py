"""Question codes in names, folders and bukti.xlsx, and what is not a code."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from kladoc.check import code_parser, run_check
from kladoc.checklist import load_checklist
from kladoc.codes import CodeParser
from kladoc.i18n import set_language
from kladoc.opd import OpdRegistry
from kladoc.scan import locate, scan_dossier
from tests import synth
from tests.dossier_factory import plain_pdf


@pytest.fixture(scope="module")
def parser() -> CodeParser:
    return code_parser(load_checklist("kla-2024"))


@pytest.mark.parametrize(
    ("name", "question"),
    [
        ("1.2a Perda akta kelahiran", "1.2a"),
        ("1.2A", "1.2a"),
        ("1.2za", "1.2za"),
        ("1.3zg DPA", "1.3zg"),
        ("1.1", "1.1"),
        ("21a.3 foto", "21a.3"),
        ("21A.4b", "21a.4b"),
        ("25.2 Kelana", "25.2"),
        ("14.10 konselor", "14.10"),
        ("I1-P2a SK", "1.2a"),
        ("i21a-p4b", "21a.4b"),
        ("I21a-P4 a", "21a.4a"),
        ("Ind 1 P 2a", "1.2a"),
        ("Indikator 1 Pertanyaan 2a", "1.2a"),
        ("IND 21a P3", "21a.3"),
        ("1-2a", "1.2a"),
        ("1-2a_perda", "1.2a"),
        ("21b-2 layanan", "21b.2"),
        ("01.02a", "1.2a"),
    ],
)
def test_question_codes(parser: CodeParser, name: str, question: str) -> None:
    m = parser.parse_question(name)
    assert m is not None
    assert (m.kind, m.question, m.indicator) == ("ok", question, question.split(".")[0])


@pytest.mark.parametrize(
    ("name", "raw", "indicator"),
    [
        ("1.2 Perda", "1.2", "1"),  # 1.2a … 1.2zb exist, 1.2 does not: no guess
        ("1.64", "1.64", "1"),
        ("25.1", "25.1", "25"),  # indicators 25 and 26 have no question 1
        ("99.1 lain", "99.1", None),
        ("21.3", "21.3", None),  # 21 alone is ambiguous
        ("I4-P9", "4.9", "4"),
    ],
)
def test_unknown_question_codes(
    parser: CodeParser, name: str, raw: str, indicator: str | None
) -> None:
    m = parser.parse_question(name)
    assert m is not None
    assert (m.kind, m.raw, m.indicator, m.question) == ("unknown", raw, indicator, None)


@pytest.mark.parametrize(
    "name",
    [
        "2024-05-01 rapat",
        "1.2024",
        "12.03.2024",
        "1-2-2024",
        "12-03-2024 rapat",
        "17 Agustus 2024",
        "1 SEP 2024",
        "1.0 draf",
        "12 Persalinan di Faskes",
        "13_foto-posyandu-2024",
        "Ind 21a",
        "21-b",
        "2025 Laporan",
        "SK Gugus Tugas",
        "Indah",
        "",
    ],
)
def test_not_question_codes(parser: CodeParser, name: str) -> None:
    assert parser.parse_question(name) is None


def test_years_and_dates_keep_their_indicator_reading(parser: CodeParser) -> None:
    # "1.2024" is indicator 1 and a year, never question 1.20
    m = parser.parse("1.2024")
    assert m is not None and m.indicator == "1"
    assert parser.parse("12.03.2024") is None


def test_checklist_without_questions_reads_indicators_only() -> None:
    p = code_parser(load_checklist("kla-2011"))
    assert p.parse_question("1.2a") is None
    assert p.parse_local("P2a") is None
    m = p.parse("1.2 Perda")
    assert m is not None and m.indicator == "1"


@pytest.mark.parametrize(
    ("parts", "indicator", "question", "qidx"),
    [
        (("1.2a Perda akta.pdf",), "1", "1.2a", 0),
        (("1 Kebijakan", "Pertanyaan 2a Perda.pdf"), "1", "1.2a", 1),
        (("1 Kebijakan", "P2a.pdf"), "1", "1.2a", 1),
        (("1 Kebijakan", "p 2b SE.pdf"), "1", "1.2b", 1),
        (("1 Kebijakan", "2a", "Perda.pdf"), "1", "1.2a", 1),
        (("1 Kebijakan", "2za Akta", "scan", "Perda.pdf"), "1", "1.2za", 1),
        (("Ind 21a", "3", "foto.jpg"), "21a", "21a.3", 1),
        (("21a Pencegahan", "Pertanyaan 4 a", "foto.jpg"), "21a", "21a.4a", 1),
        (("1.2a Akta", "P2b SE.pdf"), "1", "1.2b", 1),  # the nearer number wins
        (("I1-P2a", "lampiran.pdf"), "1", "1.2a", 0),
        (("12 Persalinan", "1 Data", "data.xlsx"), "12", "12.1", 1),
        # only the indicator
        (("12 Persalinan", "SK Tim PONEK 2024.pdf"), "12", None, -1),
        (("12 Persalinan", "13_foto-posyandu-2024.jpg"), "13", None, -1),
        (("12 Persalinan", "2024", "foto.jpg"), "12", None, -1),
        (("1 Kebijakan", "2a.pdf"), "1", "1.2a", 1),
        # a bare number that is no question of its indicator keeps its old reading
        (("12 Persalinan", "13_foto.jpg"), "13", None, -1),
        (("4 Akta", "20 Budaya", "foto.jpg"), "20", None, -1),
        (("2a", "foto.jpg"), "2", None, -1),
    ],
)
def test_locate(
    parser: CodeParser,
    parts: tuple[str, ...],
    indicator: str,
    question: str | None,
    qidx: int,
) -> None:
    where = locate(parts, parser)
    assert where.indicator is not None and where.indicator.indicator == indicator
    got = where.question.question if where.question else None
    assert (got, where.question_idx) == (question, qidx)


def test_local_number_that_is_no_question_is_unknown(parser: CodeParser) -> None:
    where = locate(("1 Kebijakan", "P99 lain.pdf"), parser)
    assert where.question is not None
    assert (where.question.kind, where.question.raw) == ("unknown", "1.99")
    assert where.indicator is not None and where.indicator.indicator == "1"


def _manifest(path: Path, header: list[str], rows: list[list[object]]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)


def _scan(root: Path):
    cl = load_checklist("kla-2024")
    return scan_dossier(
        root,
        registry=OpdRegistry.builtin(),
        parser=code_parser(cl),
        exclude=set(),
        evidence_types=set(cl.evidence_types),
    )


def test_scan_assigns_questions_in_order_manifest_name_folder(tmp_path: Path) -> None:
    dp3a = tmp_path / "DP3A"
    for rel in (
        "1 Kebijakan/P2a Perda akta.pdf",
        "1 Kebijakan/2b/SE.pdf",
        "1.2c Perda ILA.pdf",
        "1 Kebijakan/dipetakan.pdf",
        "1 Kebijakan/1.2d nama.pdf",
        "2 Kelembagaan/SK GT 2025.pdf",
        "1.2 Perda.pdf",
        "99.1 lain.pdf",
        "jawaban.xlsx",
    ):
        (dp3a / rel).parent.mkdir(parents=True, exist_ok=True)
        (dp3a / rel).write_bytes(b"%PDF-1.4\n")
    _manifest(
        dp3a / "bukti.xlsx",
        ["Berkas", "Indikator", "Pertanyaan"],
        [
            ["1 Kebijakan/dipetakan.pdf", "1", "2e"],
            ["1 Kebijakan/1.2d nama.pdf", "", "I1-P2f"],
            ["2 Kelembagaan/SK GT 2025.pdf", "2", "P9"],
        ],
    )
    scan = _scan(tmp_path)
    got = {f.rel: (f.indicator, f.question, f.question_source) for f in scan.files}
    assert got == {
        "DP3A/1 Kebijakan/P2a Perda akta.pdf": ("1", "1.2a", "name"),
        "DP3A/1 Kebijakan/2b/SE.pdf": ("1", "1.2b", "folder"),
        "DP3A/1.2c Perda ILA.pdf": ("1", "1.2c", "name"),
        "DP3A/1 Kebijakan/dipetakan.pdf": ("1", "1.2e", "manifest"),
        "DP3A/1 Kebijakan/1.2d nama.pdf": ("1", "1.2f", "manifest"),
        "DP3A/2 Kelembagaan/SK GT 2025.pdf": ("2", None, ""),
        "DP3A/1.2 Perda.pdf": ("1", None, ""),
        "DP3A/99.1 lain.pdf": (None, None, ""),
    }
    findings = sorted((f.rule, f.path, f.params.get("code")) for f in scan.findings)
    assert findings == [
        ("unknown-question", "DP3A/1.2 Perda.pdf", "1.2"),
        ("unknown-question", "DP3A/99.1 lain.pdf", "99.1"),
        ("unknown-question", "DP3A/bukti.xlsx", "P9"),
    ]
    assert [f.severity for f in scan.findings] == ["error"] * 3
    bad_row = next(f for f in scan.findings if f.path == "DP3A/bukti.xlsx")
    assert bad_row.message == "DP3A/bukti.xlsx baris 4: pertanyaan 'P9' tidak ada di daftar periksa"


def _kla2024_dossier(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "kladoc.toml").write_text(
        'region = "Kota Uji"\nkind = "kota"\nyear = 2025\nchecklist = "kla-2024"\n',
        encoding="utf-8",
    )
    return root


def test_question_unassigned_names_candidates_by_file_type(tmp_path: Path) -> None:
    root = _kla2024_dossier(tmp_path / "d")
    synth.photo_jpeg(root / "DP3A" / "2 Kelembagaan" / "Foto rapat 2025.jpg")
    synth.text_pdf(root / "DP3A" / "1 Kebijakan" / "DPA 2025.pdf", title="DPA", year=2025)
    plain_pdf(root / "DP3A" / "1 Kebijakan" / "P2a Perda akta 2025.pdf", "PERATURAN DAERAH")
    result = run_check(root, jobs=1, use_cache=False)
    unassigned = {f.path: f for f in result.findings if f.rule == "question-unassigned"}
    assert sorted(unassigned) == [
        "DP3A/1 Kebijakan/DPA 2025.pdf",
        "DP3A/2 Kelembagaan/Foto rapat 2025.jpg",
    ]
    photo = unassigned["DP3A/2 Kelembagaan/Foto rapat 2025.jpg"]
    assert photo.severity == "warning"
    assert photo.params["candidates"] == "2.3, 2.7"  # the photo questions of indicator 2
    assert "2.3, 2.7" in photo.remedy and "bukti.xlsx" in photo.remedy
    budget = unassigned["DP3A/1 Kebijakan/DPA 2025.pdf"]
    assert budget.params["candidates"] == "1.3a, 1.3b, 1.3c, 1.3d, 1.3e, 1.3f, 1.3g, 1.3h, …"
    assert budget.message == (
        "DP3A/1 Kebijakan/DPA 2025.pdf: indikator 1, tetapi pertanyaannya tidak disebut"
    )
    assigned = next(e for e in result.evidence if e.path.endswith("P2a Perda akta 2025.pdf"))
    assert (assigned.question, assigned.question_source) == ("1.2a", "name")
    set_language("en")
    try:
        result = run_check(root, jobs=1, use_cache=False)
        photo = next(f for f in result.findings if f.rule == "question-unassigned")
        assert photo.remedy.startswith('Start the file name with the question code (e.g. "')
    finally:
        set_language("id")
