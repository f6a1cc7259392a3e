"""Shared test helpers: run the CLI in-process and capture what a user would see; the one
Hypothesis profile of the suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.database import DirectoryBasedExampleDatabase

from kladoc import check, inspection
from kladoc.cache import user_cache_dir
from kladoc.cli import main
from kladoc.i18n import set_language

# One Hypothesis profile: no per-example deadline and no too_slow health check (a loaded 2-core
# machine makes both fire on correct code), Hypothesis's files (example database, unicode
# tables) in the user cache rather than the working tree, and in CI a fixed seed and no
# database, so a run there is reproducible and does not depend on earlier runs.
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
HYPOTHESIS_HOME = user_cache_dir() / "hypothesis"
set_hypothesis_home_dir(HYPOTHESIS_HOME)
settings.register_profile(
    "kladoc",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None if IN_CI else DirectoryBasedExampleDatabase(HYPOTHESIS_HOME / "examples"),
    derandomize=IN_CI,
)
settings.load_profile("kladoc")


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


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Which files each kind of work touched in the last run."""
    seen: dict[str, list[str]] = {"inspected": [], "classified": []}
    real_many, real_type = inspection.inspect_many, check.classify_type

    def many(paths, **kw):
        seen["inspected"].extend(sorted(Path(p).name for p in paths))
        return real_many(paths, **kw)

    def classify_type(name, *args, **kw):
        seen["classified"].append(name)
        return real_type(name, *args, **kw)

    monkeypatch.setattr(inspection, "inspect_many", many)
    monkeypatch.setattr(check, "classify_type", classify_type)
    return seen
