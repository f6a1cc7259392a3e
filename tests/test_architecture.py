"""The package's shape: no import cycle anywhere in src/kladoc, counting imports inside functions
and under TYPE_CHECKING (where cycles hide), and no module using another's private names.

import-linter (`lint-imports`, run in CI) checks the layers; this test needs nothing but the
standard library and reads the source, so it also runs where the package is not installed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "kladoc"


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, is_package)
    return out


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The kladoc module that `name` (a module or a name inside one) lives in."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str) -> tuple[set[str], list[str]]:
    """Every kladoc module `module` imports anywhere in its body, and the private names it
    takes from other modules (`from x import _y`, `x._y` on an imported module)."""
    path, is_package = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if is_package else module.rpartition(".")[0]
    deps: set[str] = set()
    private: list[str] = []
    aliases: dict[str, str] = {}  # local name -> kladoc module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                target = _owner(a.name)
                if target:
                    deps.add(target)
                    if a.asname:
                        aliases[a.asname] = a.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for a in node.names:
                full = f"{base}.{a.name}"
                target = full if full in MODULES else _owner(base)
                if target is None:
                    continue
                deps.add(target)
                if full in MODULES:
                    aliases[a.asname or a.name] = full
                elif a.name.startswith("_") and not a.name.startswith("__") and target != module:
                    private.append(f"{module}: from {base} import {a.name}")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and aliases[node.value.id] != module
        ):
            private.append(f"{module}: {node.value.id}.{node.attr}")
    deps.discard(module)
    return deps, private


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


GRAPH = {m: _imports(m)[0] for m in MODULES}


def test_the_walk_sees_function_level_and_type_checking_imports() -> None:
    # cli imports the renderers only inside functions; models names Config under TYPE_CHECKING
    assert "kladoc.report.terminal" in GRAPH["kladoc.cli"]
    assert "kladoc.config" in GRAPH["kladoc.models"]


def test_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [{"a", "b", "c"}]


def test_no_import_cycle() -> None:
    assert [sorted(c) for c in _cycles(GRAPH)] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_private_name_of_another_module(module: str) -> None:
    assert _imports(module)[1] == []


def test_model_imports_no_core_renderer_or_cli() -> None:
    allowed = {"kladoc.checklist", "kladoc.config", "kladoc.opd", "kladoc.errors", "kladoc.i18n"}
    allowed |= {"kladoc.version"}
    assert GRAPH["kladoc.models"] <= allowed


def test_the_main_module_imports_no_cli_until_it_runs() -> None:
    """Spawned workers import the main module again (`python -m kladoc`, or the `kladoc`
    script that imports its entry point): it must not pull in the CLI and Typer."""
    import subprocess
    import sys

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    code = (
        "import sys, kladoc.__main__; print(sorted(m for m in sys.modules"
        " if m.startswith(('kladoc.cli', 'typer', 'click'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    project = tomllib.loads((SRC.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["kladoc"] == "kladoc.__main__:main"
