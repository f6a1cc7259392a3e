"""The kept result (kladoc.resultcache): a check of an unchanged dossier returns the last
result without classifying or evaluating again; anything it was computed from is a miss."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from kladoc import resultcache
from kladoc.cache import cache_file_for
from kladoc.check import prepare, run_check
from kladoc.i18n import set_language
from kladoc.models import FileFacts
from tests.dossier_factory import clean_dossier, one_of_each, plain_pdf

SK = "DP3A/1 Perda KLA/SK Gugus Tugas 2025.pdf"
DAY = dt.date(2025, 6, 2)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each run found its result kept (True) or computed it (False)."""
    seen: list[bool] = []
    real = resultcache.load

    def load(*args, **kw):
        got = real(*args, **kw)
        seen.append(got is not None)
        return got

    monkeypatch.setattr(resultcache, "load", load)
    return seen


def kept_files(root: Path) -> list[Path]:
    base = cache_file_for(root)
    return sorted(base.parent.glob(f"{base.stem}-*.result"))


def test_an_unchanged_dossier_gets_the_kept_result(
    tmp_path: Path, loads: list[bool], counted: dict[str, list[str]]
) -> None:
    root = clean_dossier(tmp_path / "d")
    cold = run_check(root, jobs=1, today=DAY)
    assert len(counted["inspected"]) == len(cold.evidence) == 6
    for key in counted:
        counted[key].clear()
    env = prepare(root, today=DAY)
    warm = run_check(root, jobs=1, today=DAY, env=env)
    assert loads == [False, True]
    assert counted == {"inspected": [], "classified": []}
    assert warm.to_dict() == cold.to_dict()
    assert [f.to_dict() for f in warm.findings] == [f.to_dict() for f in cold.findings]
    assert warm.opd_views.keys() == cold.opd_views.keys()
    # the settings, checklist and OPD names are this run's own, not copies from the file
    assert warm.checklist is env.checklist
    assert warm.registry is env.registry
    assert warm.config is env.config
    assert len(kept_files(root)) == 1


def _touch_later(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


CHANGES = {
    "file touched": lambda root: _touch_later(root / SK),
    "file rewritten": lambda root: plain_pdf(root / SK, "SURAT KEPUTUSAN BARU TAHUN 2025"),
    "file added": lambda root: plain_pdf(root / "DP3A" / "1 Perda KLA" / "Baru 2025.pdf", "X"),
    "file deleted": lambda root: (root / SK).unlink(),
    "excel lock file": lambda root: (root / "DP3A" / "~$jawaban.xlsx").write_bytes(b"x"),
    "empty folder": lambda root: (root / "DP3A" / "Baru").mkdir(),
    "settings": lambda root: (root / "kladoc.toml").write_text(
        'region = "Kota Lain"\nyear = 2025\n', encoding="utf-8"
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_any_change_to_the_dossier_is_a_miss(
    tmp_path: Path, loads: list[bool], change: str
) -> None:
    root = clean_dossier(tmp_path / "d")
    run_check(root, jobs=1, today=DAY)
    CHANGES[change](root)
    changed = run_check(root, jobs=1, today=DAY)
    fresh = run_check(root, jobs=1, today=DAY, use_cache=False)
    assert loads == [False, False]
    assert changed.to_dict() == fresh.to_dict()
    again = run_check(root, jobs=1, today=DAY)
    assert loads == [False, False, True]
    assert again.to_dict() == fresh.to_dict()


def test_the_day_language_scope_and_libreoffice_are_part_of_the_key(
    tmp_path: Path, loads: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = one_of_each(tmp_path / "d")  # one with findings, whose messages are in a language
    indonesian = run_check(root, jobs=1, today=DAY)
    run_check(root, jobs=1, today=DAY + dt.timedelta(days=1))
    set_language("en")
    english = run_check(root, jobs=1, today=DAY)
    set_language("id")
    scoped = run_check(root, jobs=1, today=DAY, opd="dinkes")
    assert loads == [False, False, False, False]
    assert [f.rule for f in english.findings] == [f.rule for f in indonesian.findings]
    assert english.findings[0].message != indonesian.findings[0].message
    # one kept result per scope: the dossier's holds the English run's, so Indonesian is
    # computed again; the OPD's check is kept apart and did not evict it
    set_language("en")
    assert run_check(root, jobs=1, today=DAY).to_dict() == english.to_dict()
    set_language("id")
    assert run_check(root, jobs=1, today=DAY, opd="dinkes").to_dict() == scoped.to_dict()
    assert loads[4:] == [True, True]
    found = resultcache.find_soffice()
    monkeypatch.setattr(resultcache, "find_soffice", lambda: None if found else Path("soffice"))
    run_check(root, jobs=1, today=DAY)
    assert loads[6:] == [False]


def test_no_cache_neither_reads_nor_keeps(tmp_path: Path, loads: list[bool]) -> None:
    root = clean_dossier(tmp_path / "d")
    run_check(root, jobs=1, use_cache=False)
    assert kept_files(root) == []
    run_check(root, jobs=1)
    run_check(root, jobs=1, use_cache=False)
    assert loads == [False]


@pytest.mark.parametrize(
    "damage",
    [b"", b"kladoc-result\n", b"kladoc-result\n" + b"0" * 64 + b"\n\x80\x05garbage", b"\x00" * 99],
)
def test_a_damaged_kept_result_is_a_miss_and_is_replaced(
    tmp_path: Path, loads: list[bool], damage: bytes
) -> None:
    root = clean_dossier(tmp_path / "d")
    cold = run_check(root, jobs=1, today=DAY)
    (kept,) = kept_files(root)
    body = kept.read_bytes()
    key_line = body[: body.index(b"\n", len(b"kladoc-result\n")) + 1]
    # the right key with a damaged body, and damage of every other shape
    kept.write_bytes(key_line + b"\x80\x05junk" if damage == b"" else damage)
    again = run_check(root, jobs=1, today=DAY)
    assert again.to_dict() == cold.to_dict()
    assert run_check(root, jobs=1, today=DAY).to_dict() == cold.to_dict()
    assert loads == [False, False, True]


def test_a_run_with_a_warning_of_its_own_is_not_kept(tmp_path: Path, loads: list[bool]) -> None:
    root = clean_dossier(tmp_path / "d")
    path = cache_file_for(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    first = run_check(root, jobs=1)
    assert [k for k, _ in first.warnings if k.startswith("cache.")] == ["cache.rebuilt"]
    assert kept_files(root) == []
    second = run_check(root, jobs=1)  # computed again, now without the warning: kept
    assert [k for k, _ in second.warnings if k.startswith("cache.")] == []
    third = run_check(root, jobs=1)
    assert loads == [False, False, True]
    assert third.warnings == second.warnings


def test_a_time_out_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = clean_dossier(tmp_path / "d")
    result = run_check(root, jobs=1)
    result.evidence[0].facts = FileFacts(kind="pdf", status="timeout", size=1, sha256="")
    assert not resultcache.keepable(result, len(result.warnings))
    result.evidence[0].facts = FileFacts(kind="pdf", status="ok", size=1, sha256="")
    assert resultcache.keepable(result, len(result.warnings))
    assert not resultcache.keepable(result, len(result.warnings) - 1)


def test_kladoc_output_inside_the_dossier_does_not_change_the_key(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    env = prepare(root, today=DAY)
    before = resultcache.tree_digest(root, {env.config.output_dir})
    out = env.config.output_dir
    out.mkdir(parents=True, exist_ok=True)
    (out / "Dossier Klaster I.pdf").write_bytes(b"%PDF-1.7 built")
    assert resultcache.tree_digest(root, {env.config.output_dir}) != before  # the folder itself
    after = resultcache.tree_digest(root, {env.config.output_dir})
    (out / "Dossier Klaster II.pdf").write_bytes(b"%PDF-1.7 built")
    assert resultcache.tree_digest(root, {env.config.output_dir}) == after


def test_the_json_report_is_kept_with_the_result(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kladoc.report import jsontext

    root = one_of_each(tmp_path / "d")
    made: list[int] = []
    real = jsontext.dumps

    def dumps(value, expand=2):
        made.append(1)
        return real(value, expand)

    monkeypatch.setattr(jsontext, "dumps", dumps)
    first = cli("check", root, "--format", "json")
    second = cli("check", root, "--format", "json")
    assert (second.code, second.out) == (first.code, first.out)
    assert len(made) == 1
    (kept,) = kept_files(root)
    assert kept.with_suffix(".json").is_file()
    # a damaged rendering is made again from the kept result
    kept.with_suffix(".json").write_bytes(b"kladoc-result\nnot this one")
    third = cli("check", root, "--format", "json")
    assert third.out == first.out and len(made) == 2
    assert kept.with_suffix(".json").read_bytes().endswith(first.out.rstrip("\n").encode())
    english = cli("check", root, "--format", "json", "--lang", "en")
    assert len(made) == 3 and english.out != first.out
    # a changed dossier: a new result, and its own rendering replaces the old one
    (root / "DP3A" / "catatan.txt").write_text("x", encoding="utf-8")
    changed = cli("check", root, "--format", "json")
    assert len(made) == 4 and changed.out != first.out
    assert cli("check", root, "--format", "json").out == changed.out and len(made) == 4
    assert len(kept_files(root)) == 1
