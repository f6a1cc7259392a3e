"""Shared test helpers: run the CLI in-process and capture what a user would see."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from kladoc.cli import main
from kladoc.i18n import set_language


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _default_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    monkeypatch.delenv("KLADOC_LANG", raising=False)
    # every test gets its own inspection cache, never the user's
    monkeypatch.setenv("KLADOC_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    set_language("id")
    yield
    set_language("id")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    def run(*args: str) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
