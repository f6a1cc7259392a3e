"""The `narasi.md` / `narasi.txt` convention, shared by the PDF and Word dossiers.

Markdown-lite: '#' headings, '-'/'*' bullets, blank lines between paragraphs, **bold**."""

from __future__ import annotations

import re
from dataclasses import dataclass

BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" | "bullet" | "text"
    pieces: tuple[tuple[str, bool], ...]  # (text, bold) runs

    @property
    def text(self) -> str:
        return "".join(p for p, _ in self.pieces)


def _block(kind: str, line: str) -> Block:
    parts = BOLD.split(line)  # odd positions were inside ** **
    return Block(kind, tuple((p, i % 2 == 1) for i, p in enumerate(parts) if p))


def parse_narrative(text: str) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(_block("text", " ".join(para)))
            para.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#"):
            flush()
            blocks.append(_block("heading", line.lstrip("#").strip()))
        elif line[:2] in ("- ", "* "):
            flush()
            blocks.append(_block("bullet", line[2:].strip()))
        else:
            para.append(line)
    flush()
    return blocks
