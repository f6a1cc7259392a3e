"""kladoc's own data parsed once and kept (kladoc.datacache)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kladoc import datacache
from kladoc.checklist.model import Checklist
from kladoc.checklist.schema import from_yaml_text, load_builtin
from kladoc.opd import OpdRegistry


def counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def parse() -> object:
        calls.append(1)
        return value

    return calls, parse


def test_parsed_once_then_loaded(tmp_path: Path) -> None:
    calls, parse = counting({"a": [1, 2]})
    assert datacache.parsed("x", b"data", parse, dict, ()) == {"a": [1, 2]}
    assert datacache.parsed("x", b"data", parse, dict, ()) == {"a": [1, 2]}
    assert calls == [1]
    (kept,) = (datacache.user_cache_dir() / "data").glob("x-*.pickle")
    # other data, other code or a damaged or foreign file: parsed again
    assert datacache.parsed("x", b"other", parse, dict, ()) == {"a": [1, 2]}
    code = tmp_path / "model.py"
    code.write_text("A = 1\n", encoding="utf-8")
    datacache.parsed("x", b"data", parse, dict, (str(code),))
    code.write_text("A = 2\n", encoding="utf-8")
    datacache.parsed("x", b"data", parse, dict, (str(code),))
    assert calls == [1, 1, 1, 1]
    kept.write_bytes(b"\x80\x05junk")
    assert datacache.parsed("x", b"data", parse, dict, ()) == {"a": [1, 2]}
    kept.write_bytes(__import__("pickle").dumps(["not a dict"]))
    assert datacache.parsed("x", b"data", parse, dict, ()) == {"a": [1, 2]}
    assert calls == [1, 1, 1, 1, 1, 1]
    assert datacache.parsed("x", b"data", parse, dict, ()) == {"a": [1, 2]}
    assert calls == [1, 1, 1, 1, 1, 1]


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_cache_only_costs_the_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    monkeypatch.setenv("KLADOC_CACHE_DIR", str(ro / "cache"))
    calls, parse = counting([1])
    assert datacache.parsed("x", b"d", parse, list, ()) == [1]
    assert datacache.parsed("x", b"d", parse, list, ()) == [1]
    assert calls == [1, 1]


def test_an_unwritable_cache_folder_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")  # a file where the cache folder should be: nothing can go there
    monkeypatch.setenv("KLADOC_CACHE_DIR", str(blocker))
    calls, parse = counting([1])
    assert datacache.parsed("x", b"d", parse, list, ()) == [1]
    assert datacache.parsed("x", b"d", parse, list, ()) == [1]
    assert calls == [1, 1]


def test_the_builtin_checklist_and_opds_come_back_equal() -> None:
    load_builtin.cache_clear()
    first = load_builtin("kla-2024")
    load_builtin.cache_clear()
    second = load_builtin("kla-2024")  # from the kept pickle
    assert second is not first and second == first
    assert isinstance(second, Checklist) and len(second.questions) == 274
    text = (Path(__file__).parents[1] / "src/kladoc/checklist/data/kla-2024.yaml").read_text(
        encoding="utf-8"
    )
    assert from_yaml_text(text, "builtin:kla-2024") == second
    assert list(OpdRegistry.builtin().opds) == list(OpdRegistry.builtin().opds)
    assert len(list((datacache.user_cache_dir() / "data").glob("*.pickle"))) == 2
