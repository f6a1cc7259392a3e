"""The README documents every command, every option and every kladoc.toml key."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from kladoc.cli import build_app
from kladoc.config import FILE_KEYS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
EVERYWHERE = {"--lang", "--help", "-h"}  # documented once, as options of every command


def _commands() -> list[tuple[str, Any]]:
    """(path, command) for every command and subcommand. Typer ships its own Click, so the
    tree is walked by shape (`commands`, `params`), not by Click's classes."""
    root = typer.main.get_command(build_app())
    out: list[tuple[str, Any]] = []

    def walk(prefix: str, cmd: Any) -> None:
        if prefix:
            out.append((prefix, cmd))
        for name, sub in sorted(getattr(cmd, "commands", {}).items()):
            walk(f"{prefix} {name}".strip(), sub)

    walk("", root)
    return out


COMMANDS = _commands()


def _long_options(cmd: Any) -> list[str]:
    names = []
    for param in cmd.params:
        if param.param_type_name == "option":
            names += [o for o in param.opts if o.startswith("--")]
    return names


def test_the_tree_is_walked() -> None:
    paths = [p for p, _ in COMMANDS]
    assert {"check", "build", "checklist validate", "template export"} <= set(paths)


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_command_and_its_options_are_in_the_readme(path: str, cmd: Any) -> None:
    mention = f"kladoc {path}"
    assert mention in README, f"`{mention}` is not in README.md"
    # the lines that show the command (its row in the command table, its examples)
    lines = "\n".join(line for line in README.splitlines() if mention in line)
    missing = [o for o in _long_options(cmd) if o not in EVERYWHERE and o not in lines]
    assert missing == [], f"`{mention}` options missing from its README lines: {missing}"


def test_global_options_are_in_the_readme() -> None:
    root = typer.main.get_command(build_app())
    for option in [*_long_options(root), "--help"]:
        assert re.search(rf"`{re.escape(option)}[ `|/]", README), option


@pytest.mark.parametrize("key", FILE_KEYS)
def test_config_key_is_in_the_readme_table(key: str) -> None:
    section = README.split("### `kladoc.toml`", 1)[1].split("\n#", 1)[0]
    assert re.search(rf"^\| `\[?{key}\]?` \|", section, re.M), key
