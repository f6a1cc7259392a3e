from __future__ import annotations

import pytest

from kladoc.check import code_parser
from kladoc.checklist import load_checklist
from kladoc.scan import nearest_code


@pytest.fixture(scope="module")
def parser():
    return code_parser(load_checklist("kla-2024"))


@pytest.mark.parametrize(
    ("name", "kind", "indicator"),
    [
        ("21A", "ok", "21a"),
        ("21a", "ok", "21a"),
        ("Ind 21a", "ok", "21a"),
        ("Indikator-21a", "ok", "21a"),
        ("IND21A Pencegahan", "ok", "21a"),
        ("21 A Pencegahan", "ok", "21a"),
        ("21-b", "ok", "21b"),
        ("04", "ok", "4"),
        ("4", "ok", "4"),
        ("12 Persalinan di Faskes", "ok", "12"),
        ("13_foto-posyandu-2024", "ok", "13"),
        ("Kelana Kecamatan", "ok", "25"),
        ("DEKELA", "ok", "26"),
        ("No. 7 perkawinan", "ok", "7"),
        # an explicit prefix says a code follows, even before a month name
        ("Ind 1 SEP", "ok", "1"),
        ("Indikator-17 Agustus 2024", "ok", "17"),
        ("21 Anak korban", "ambiguous", None),
        ("21", "ambiguous", None),
        ("21d", "unknown", None),
        ("99 lain", "unknown", None),
    ],
)
def test_codes(parser, name: str, kind: str, indicator: str | None) -> None:
    m = parser.parse(name)
    assert m is not None
    assert (m.kind, m.indicator) == (kind, indicator)


@pytest.mark.parametrize(
    "name",
    [
        "2024_foto",
        "2025 Laporan",
        "SK Gugus Tugas",
        "17 Agustus 2024 upacara",
        # a bare day and a month abbreviation is a date (1 September), not indicator 1
        "1 SEP",
        "01 Sep 2024 rapat",
        "1-sep",
        "1. Sept",
        "12-03-2024 rapat",
        "Indah",
        "Kelanaku",
        "",
        "foto 12",
    ],
)
def test_not_codes(parser, name: str) -> None:
    assert parser.parse(name) is None


def test_a_dated_file_takes_its_folders_code(parser) -> None:
    match, idx = nearest_code(("Dinas Kesehatan", "12 Persalinan", "1 SEP 2024 rapat.pdf"), parser)
    assert match is not None and (match.kind, match.indicator, idx) == ("ok", "12", 1)
