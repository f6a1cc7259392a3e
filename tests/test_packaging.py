"""What the installed package contains: no test support (synthetic-document builders) in it."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import kladoc

PACKAGE = Path(kladoc.__file__).resolve().parent


def test_synthetic_builders_are_not_part_of_the_package() -> None:
    assert importlib.util.find_spec("kladoc.synth") is None
    # and nothing that ships reaches back into the test tree for them
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [
                f"{path.relative_to(PACKAGE)}: {n}"
                for n in names
                if n == "tests" or n.startswith("tests.")
            ]
    assert offenders == []
