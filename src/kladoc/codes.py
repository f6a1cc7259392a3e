"""Recognise the indicator code a file or folder name starts with.

Forgiving of case, separators and prefixes ("21A", "Ind 21a", "Indikator-21a", "04"), but it
never guesses: a code the checklist lacks is `unknown`, a bare "21" where 21a/21b/21c exist is
`ambiguous`, and a leading year or date ("2024_…", "17 Agustus …", "1 SEP 2024 …") is not a code
at all: a bare day before a month name or abbreviation is read as a date, so a file
"12 Persalinan/1 SEP 2024 rapat.pdf" takes its folder's indicator 12, never a silent 1. An explicit
prefix says a code follows ("Ind 1 SEP …" is indicator 1)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_PREFIX = re.compile(r"^(?:indikator|indicator|ind|no|nomor)[\s._#:-]*(?=\d)")
_CODE = re.compile(r"^(?P<num>\d{1,3})(?!\d)(?:[\s._-]*(?P<letter>[a-z])(?![a-z0-9]))?")
_DATE = re.compile(r"^\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}(?!\d)")
_MONTHS = (
    "januari",
    "january",
    "jan",
    "februari",
    "february",
    "feb",
    "maret",
    "march",
    "mar",
    "april",
    "apr",
    "mei",
    "may",
    "juni",
    "june",
    "jun",
    "juli",
    "july",
    "jul",
    "agustus",
    "august",
    "agu",
    "agt",
    "ags",
    "aug",
    "september",
    "sept",
    "sep",
    "oktober",
    "october",
    "okt",
    "oct",
    "november",
    "nopember",
    "nov",
    "desember",
    "december",
    "des",
    "dec",
)
_MONTH_AFTER = re.compile(r"^\d{1,2}[\s._-]*(?:" + "|".join(_MONTHS) + r")(?![a-z])")


@dataclass(frozen=True)
class CodeMatch:
    kind: str  # "ok" | "unknown" | "ambiguous"
    raw: str  # the code as written, normalised ("21a", "4")
    indicator: str | None = None
    candidates: tuple[str, ...] = ()


class CodeParser:
    """Built once per checklist: `codes` are ids, `aliases` map extra words ("kelana") to ids."""

    def __init__(self, codes: Iterable[str], aliases: dict[str, str] | None = None) -> None:
        self.codes = {c.lower() for c in codes}
        self.aliases = {a.lower(): c for a, c in (aliases or {}).items()}
        self.families: dict[str, list[str]] = {}
        for code in sorted(self.codes):
            m = re.match(r"^(\d+)([a-z])$", code)
            if m:
                self.families.setdefault(m.group(1), []).append(code)
        self._alias_re = (
            re.compile(
                r"^(?:"
                + "|".join(sorted(map(re.escape, self.aliases), key=len, reverse=True))
                + r")(?![a-z0-9])"
            )
            if self.aliases
            else None
        )

    def parse(self, name: str) -> CodeMatch | None:
        """None when the name does not start with a code."""
        text = name.strip().lower()
        if self._alias_re is not None:
            m = self._alias_re.match(text)
            if m:
                alias = m.group(0)
                return CodeMatch("ok", alias, self.aliases[alias])
        bare = _PREFIX.sub("", text, count=1)
        if bare == text and (_DATE.match(text) or _MONTH_AFTER.match(text)):
            return None
        text = bare
        m = _CODE.match(text)
        if not m:
            return None
        num = str(int(m.group("num")))
        letter = m.group("letter") or ""
        if letter and num + letter in self.codes:
            return CodeMatch("ok", num + letter, num + letter)
        if num in self.codes:
            # "4 a …" where only 4 exists: the letter belongs to the words that follow
            return CodeMatch("ok", num, num)
        if letter and num in self.families:
            return CodeMatch("unknown", num + letter)
        if num in self.families:
            return CodeMatch("ambiguous", num, candidates=tuple(self.families[num]))
        return CodeMatch("unknown", num + letter)
