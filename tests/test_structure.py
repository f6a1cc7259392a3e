"""Issue #11's reshaping: the library API, the model vocabularies, exit codes, number
formatting per language, and `kladoc report` showing the same warnings as `kladoc check`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kladoc.cache import cache_file_for
from kladoc.errors import ExitCode, UsageError
from kladoc.i18n import set_language
from kladoc.i18n.formats import all_month_names, decimal, file_size, fixed, long_date
from kladoc.models import Finding, IndicatorState, Severity, severity_rank
from kladoc.report.data import readiness_sentence
from tests.dossier_factory import clean_dossier


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("id")


def test_exit_codes_are_the_documented_ones() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 130]
    assert UsageError("x").exit_code is ExitCode.USAGE


def test_vocabularies_are_enums_that_read_as_their_strings() -> None:
    f = Finding("corrupt", "error")
    assert f.severity is Severity.ERROR
    assert (f"{f.severity}", str(f.severity), json.dumps(f.to_dict()["severity"])) == (
        "error",
        "error",
        '"error"',
    )
    assert {"error": 1}[Severity.ERROR] == 1  # hashes like its string
    assert IndicatorState("partial") is IndicatorState.PARTIAL
    assert [severity_rank(s) for s in ("info", "error", "warning", "bogus")] == [2, 0, 1, 3]
    with pytest.raises(ValueError):
        Finding("corrupt", "fatal")


def test_numbers_for_people_follow_the_language(english) -> None:
    assert (decimal(858.9), decimal(1000.0), decimal(435.55, 1)) == ("858.9", "1000", "435.6")
    assert readiness_sentence(858.9, 1000, "Madya", True).startswith(
        "Documentation readiness estimate: 858.9 of 1000"
    )
    set_language("id")
    assert (decimal(858.9), decimal(12.0, 1), fixed(3.0, 1)) == ("858,9", "12", "3,0")
    assert file_size(int(1.5 * 1024 * 1024)) == "1,5 MB"
    assert "858,9 dari 1000" in readiness_sentence(858.9, 1000, "Madya", True)
    import datetime as dt

    assert long_date(dt.date(2026, 11, 3)) == "3 November 2026"
    assert long_date(dt.date(2026, 8, 17), "en") == "17 August 2026"


def test_month_names_one_list_for_both_languages() -> None:
    names = all_month_names()
    assert {"agustus", "august", "nopember", "desember", "december"} <= set(names)
    assert "agt" not in names and "agt" in all_month_names(abbreviated=True)
    assert list(names) == sorted(names, key=lambda m: (-len(m), m))


def test_report_shows_the_cache_warnings_like_check(tmp_path: Path, cli) -> None:
    # the cache warnings are added by the check itself; `report` used to print before it
    root = clean_dossier(tmp_path / "d")
    path = cache_file_for(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    r = cli("report", root, "--split-by-opd", tmp_path / "out")
    assert r.code == 0
    assert "Cache pemeriksaan rusak dan dibuat ulang" in r.err


def test_import_kladoc_is_lazy_and_exports_the_library() -> None:
    code = (
        "import sys, kladoc\n"
        "assert 'kladoc.check' not in sys.modules and 'kladoc.build' not in sys.modules\n"
        "from kladoc import run_check, build\n"
        "import kladoc.check, kladoc.build.run\n"
        "assert run_check is kladoc.check.run_check and callable(build)\n"
        "import kladoc.build.pdf\n"  # importing the package's modules keeps it callable
        "from kladoc import build as again\n"
        "assert again is build and callable(again)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_library_build_word_only(tmp_path: Path) -> None:
    from kladoc import build

    root = clean_dossier(tmp_path / "d")
    outcome = build(root, formats=["docx"], output=tmp_path / "out", use_cache=False)
    assert outcome.report.errors == []
    assert outcome.result.count("error") == 0
    names = sorted(f.path.name for f in outcome.report.files)
    assert names and all(n.endswith(".docx") for n in names)
    # beside them only the manifest of what kladoc wrote (kept edits are told apart by it)
    listed = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert listed == sorted([*names, ".kladoc-outputs.json"])
    with pytest.raises(UsageError):
        build(root, formats=["odt"], output=tmp_path / "out")
