"""The decompression-bomb guard for zip containers (Office files, `bukti.xlsx`): judged from
the central directory before anything is decompressed. Low and dependency-free, so the
manifest reader and the inspectors share it without one importing the other."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
RATIO_MIN_SIZE = 10 * 1024 * 1024
MAX_ENTRIES = 50_000


def zip_bomb_reason(path: Path) -> str:
    """Why the zip at ``path`` is a decompression bomb, or "" (also "" when it is no zip:
    the caller's parser will then report its own error)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return bomb_reason(zf.infolist())
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return ""


def bomb_reason(infos: list[zipfile.ZipInfo]) -> str:
    """Judge the declared sizes in the central directory before decompressing anything."""
    if len(infos) > MAX_ENTRIES:
        return f"zip bomb: {len(infos)} entries"
    total = 0
    mib = 1024 * 1024
    for info in infos:
        total += info.file_size
        packed = max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * packed:
            ratio = info.file_size // packed
            return f"zip bomb: {info.filename} expands {ratio}x to {info.file_size // mib} MB"
    if total > MAX_TOTAL_UNCOMPRESSED:
        return f"zip bomb: {total // mib} MB uncompressed in total"
    return ""
