"""A warm `kladoc check`: the same report as a cold one from less work (cached facts without
their text, cached classifications, plain option values without pydantic, JSON records by the
C encoder)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer._click.exceptions import BadParameter
from typer.main import get_command

from kladoc import check
from kladoc.cli import build_app, main
from kladoc.cli_coerce import PlainParam, install
from kladoc.report.jsontext import dumps
from tests.dossier_factory import clean_dossier, one_of_each, plain_pdf

TEXT_PDF = "DP3A/1 Perda KLA/dokumen_002.pdf"


def _classes(result: Any) -> dict[str, tuple]:
    return {e.path: (e.type, e.type_source, e.year, e.year_source) for e in result.evidence}


def test_reclassifying_a_cached_file_reads_its_text_back(
    tmp_path: Path, counted: dict[str, list[str]]
) -> None:
    # type and year come from the document's text only: the name says nothing
    root = clean_dossier(tmp_path / "d")
    plain_pdf(root / TEXT_PDF, "KEPUTUSAN BUPATI NOMOR 12 TAHUN 2023")
    first = check.run_check(root, jobs=1)
    assert _classes(first)[TEXT_PDF] == ("sk_kelembagaan", "text", 2023, "text")
    for key in counted:
        counted[key].clear()
    # a new evaluated year re-classifies every file from its cached facts
    cfg = root / "kladoc.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("year = 2025", "year = 2024"))
    second = check.run_check(root, jobs=1)
    assert counted["inspected"] == []
    assert len(counted["classified"]) == 7
    assert _classes(second)[TEXT_PDF] == ("sk_kelembagaan", "text", 2023, "text")
    # and a third run classifies nothing: the new classifications were stored
    for key in counted:
        counted[key].clear()
    third = check.run_check(root, jobs=1)
    assert counted == {"inspected": [], "classified": []}
    assert _classes(third) == _classes(second)
    # the text only serves classification: no result keeps it
    assert all(e.facts.text == "" for e in third.evidence)


def test_touched_file_alone_is_inspected_again(
    tmp_path: Path, counted: dict[str, list[str]]
) -> None:
    root = one_of_each(tmp_path / "d")
    cold = check.run_check(root, jobs=1)
    for key in counted:
        counted[key].clear()
    touched = root / "DP3A" / "1 Perda KLA" / "SK Gugus Tugas 2025.pdf"
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    warm = check.run_check(root, jobs=1)
    assert counted == {
        "inspected": ["SK Gugus Tugas 2025.pdf"],
        "classified": ["SK Gugus Tugas 2025"],
    }
    assert _classes(warm) == _classes(cold)


def _cli_json(root: Path, out: Path, *extra: str) -> str:
    code = main(["check", str(root), "--format", "json", "--output", str(out), *extra])
    assert code == 1  # one_of_each has errors
    return out.read_text(encoding="utf-8")


def test_cli_report_of_a_warm_run_is_the_cold_one(tmp_path: Path) -> None:
    root = one_of_each(tmp_path / "d")
    cold = _cli_json(root, tmp_path / "cold.json")
    warm = _cli_json(root, tmp_path / "warm.json")
    nocache = _cli_json(root, tmp_path / "nocache.json", "--no-cache")
    assert warm == cold
    assert json.loads(nocache) == json.loads(cold)
    data = json.loads(cold)
    # each record on a line of its own
    lines = cold.splitlines()
    for ev in data["evidence"]:
        assert json.dumps(ev, ensure_ascii=False) in {line.strip().rstrip(",") for line in lines}
    assert len(data["evidence"]) == 23


def test_warm_check_imports_neither_document_libraries_nor_pydantic(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    code = f"import sys; from kladoc.cli import main; sys.exit(main(['check', {str(root)!r}]))"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parents[1] / "src"), *sys.path])
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=120)
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    heavy = {"pydantic", "pikepdf", "pypdfium2", "PIL", "openpyxl", "docx", "reportlab"}
    assert imported.isdisjoint(heavy | {"multiprocessing"}), sorted(imported & heavy)


# -- JSON text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        "teks",
        {"a": [], "b": {}, "c": [1, 2.5, None, True], "d": {"e": {"f": [1, {"g": "ü—→"}]}}},
        [{"path": "Dinas Kesehatan/12/Data 2024.xlsx", "year": 2024}, {"path": "x", "n": 1e16}],
        {1: "one", None: [], False: {"x": 1}, 2.5: "half"},
        ("tuple", ["nested"]),
    ],
)
def test_json_text_is_the_value_json_gives(value: Any) -> None:
    text = dumps(value)
    assert json.loads(text) == json.loads(json.dumps(value))
    # the same text as json.dumps but for the whitespace between tokens
    assert json.dumps(json.loads(text), ensure_ascii=False) == json.dumps(value, ensure_ascii=False)
    assert "\\u" not in text  # Indonesian and typographic characters as they are


def test_json_text_lays_out_two_levels() -> None:
    text = dumps({"summary": {"files": 2, "q": {"total": 1}}, "evidence": [{"p": "a"}, {"p": "b"}]})
    assert text == (
        "{\n"
        '  "summary": {\n'
        '    "files": 2,\n'
        '    "q": {"total": 1}\n'
        "  },\n"
        '  "evidence": [\n'
        '    {"p": "a"},\n'
        '    {"p": "b"}\n'
        "  ]\n"
        "}"
    )


# -- plain option values --------------------------------------------------------------------


def _params(command: str) -> dict[str, Any]:
    group = get_command(build_app())
    assert isinstance(group, typer.core.TyperGroup)
    cmd = group.commands[command]
    install(cmd.params)
    return {p.name: p for p in cmd.params}


def _typer_way(param: Any, value: Any) -> Any:
    from typer._coercion import build_runtime_param

    ctx = typer.Context(get_command(build_app()))
    return build_runtime_param(param.type_descriptor).coerce(value, param=param, ctx=ctx)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("opd", "Dinkes"),
        ("opd", ""),
        ("opd", None),
        ("indicator", "21a"),
        ("year", "2025"),
        ("year", "0"),
        ("year", 2025),
        ("jobs", "1"),
        ("jobs", "16"),
        ("folder", "."),
        ("output", "laporan.json"),
        ("questions", True),
    ],
)
def test_plain_values_coerce_as_typer_does(name: str, value: Any) -> None:
    param = _params("check")[name]
    assert isinstance(param._runtime_param, PlainParam)
    ctx = typer.Context(get_command(build_app()))
    got = param._runtime_param.coerce(value, param=param, ctx=ctx)
    want = _typer_way(param, value)
    assert got == want and type(got) is type(want)


@pytest.mark.parametrize(
    ("name", "value"),
    [("jobs", "0"), ("jobs", "-1"), ("jobs", "abc"), ("year", "20x5"), ("year", " 2025")],
)
def test_other_values_go_to_typer(name: str, value: Any) -> None:
    param = _params("check")[name]
    ctx = typer.Context(get_command(build_app()))
    try:
        want: Any = _typer_way(param, value)
    except BadParameter as exc:
        want = exc.message
    try:
        got: Any = param._runtime_param.coerce(value, param=param, ctx=ctx)
    except BadParameter as exc:
        got = exc.message
    assert got == want


def test_bad_number_message_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", ".", "--jobs", "0"]) == 2
    err = capsys.readouterr().err
    assert "nilai tidak sah untuk '--jobs' / '-j': '0'; yang diharapkan: bilangan ≥ 1." in err


def test_a_damaged_cache_row_costs_only_its_own_file(
    tmp_path: Path, counted: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from kladoc import resultcache
    from kladoc.cache import cache_file_for

    # the inspection cache's own rows are damaged: no whole kept result to fall back on
    monkeypatch.setattr(resultcache, "load", lambda *a, **kw: None)

    root = clean_dossier(tmp_path / "d")
    cold = check.run_check(root, jobs=1)
    with sqlite3.connect(cache_file_for(root)) as conn:
        conn.execute(
            "UPDATE facts SET facts = '[\"pdf\", ' WHERE path = ?",
            ("DP3A/1 Perda KLA/SK Gugus Tugas 2025.pdf",),
        )
    conn.close()
    for key in counted:
        counted[key].clear()
    warm = check.run_check(root, jobs=1)
    assert counted == {
        "inspected": ["SK Gugus Tugas 2025.pdf"],
        "classified": ["SK Gugus Tugas 2025"],
    }
    assert _classes(warm) == _classes(cold)
