"""The terminal report's findings: wrapped by kladoc itself, with a hanging indent."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from kladoc.check import run_check
from kladoc.report.terminal import hang, render_terminal
from tests.dossier_factory import one_of_each


def test_hang_wraps_words_with_a_hanging_indent() -> None:
    text = "Dinas Kesehatan/1 Indikator 1/Scan Data 00186.pdf: tahun dokumen tidak diketahui"
    assert hang(text, 30, "  • ", "    ") == [
        "  • Dinas Kesehatan/1",
        "    Indikator 1/Scan Data",
        "    00186.pdf: tahun dokumen",
        "    tidak diketahui",
    ]
    assert hang("short", 30, "  • ", "    ") == ["  • short"]
    assert hang("", 30, "  • ", "    ") == ["  • "]


def test_hang_cuts_a_word_longer_than_a_line() -> None:
    assert hang("ab " + "x" * 25, 12, "- ", "  ") == [
        "- ab",
        "  xxxxxxxxxx",
        "  xxxxxxxxxx",
        "  xxxxx",
    ]


def test_hang_counts_terminal_cells_not_characters() -> None:
    # each CJK character takes two cells: five of them fill a 10-cell line
    assert hang("文件文件文 x", 12, "- ", "  ") == ["- 文件文件文", "  x"]
    assert hang("文件文件文件", 8, "- ", "  ") == ["- 文件文", "  件文件"]


def test_every_finding_is_listed_within_the_width(tmp_path: Path) -> None:
    result = run_check(one_of_each(tmp_path / "d"), jobs=1)
    console = Console(file=io.StringIO(), width=60, record=True)
    render_terminal(result, console)
    text = console.export_text()
    lines = text.splitlines()
    # all but the summary line, which the terminal itself wraps (it is copied whole)
    assert max(len(line) for line in lines[:-1]) <= 60 < len(lines[-1])
    bullets = [line for line in lines if line.startswith("  • ")]
    assert len(bullets) == len(result.findings)
    # a bullet's continuation lines are indented under its text
    for i, line in enumerate(lines[:-1]):
        if line.startswith("  • ") and lines[i + 1].startswith("    "):
            assert not lines[i + 1].startswith("     ")
