"""Small text helpers shared by every layer: ASCII folding and slugs (the one home)."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]+")


def ascii_fold(text: str) -> str:
    """'Kesehatan — É' → 'Kesehatan  E': accents dropped, anything else non-ASCII removed."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(text: str, *, lower: bool = True, fallback: str = "") -> str:
    """'Dinas Kesehatan' → 'dinas-kesehatan' (or 'Dinas-Kesehatan' with lower=False); runs of
    anything but ASCII letters and digits become one '-'. `fallback` when nothing is left."""
    folded = ascii_fold(text)
    return _NON_ALNUM.sub("-", folded.lower() if lower else folded).strip("-") or fallback
