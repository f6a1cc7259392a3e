"""Where the dossier is: found from any folder inside it, the way git finds `.git`.

A focal point working in `Dinas Kesehatan/12 Persalinan/` gets the dossier root (the nearest
folder above with a `kladoc.toml`) and the OPD folder they stand in, so a check from there
reads the dossier exactly as a check from the root does."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kladoc.config import CONFIG_NAME, DEFAULT_OUTPUT

# how far below the current folder to look for a dossier to point the user at
NEARBY_DEPTH = 2
NEARBY_LIMIT = 3


@dataclass(frozen=True)
class Location:
    root: Path  # the folder holding kladoc.toml
    top_folder: str | None  # the top-level folder (an OPD's) the start folder lies in


def locate_dossier(start: Path) -> Location | None:
    """The dossier `start` lies in (itself or a parent holding kladoc.toml), or None."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            rel = start.relative_to(folder)
            return Location(folder, rel.parts[0] if rel.parts else None)
    return None


def nearby_dossiers(start: Path) -> list[Path]:
    """Dossiers just below `start` (a user one folder too high), nearest first."""
    found: list[Path] = []
    frontier = [Path(start)]
    for _ in range(NEARBY_DEPTH):
        below: list[Path] = []
        for folder in frontier:
            try:
                with os.scandir(folder) as it:
                    dirs = sorted(
                        Path(e.path)
                        for e in it
                        if e.is_dir(follow_symlinks=False)
                        and not e.name.startswith(".")
                        and e.name != DEFAULT_OUTPUT
                    )
            except OSError:
                continue
            for d in dirs:
                if (d / CONFIG_NAME).is_file():
                    found.append(d)
                else:
                    below.append(d)
        if len(found) >= NEARBY_LIMIT:
            break
        frontier = below
    return found[:NEARBY_LIMIT]
