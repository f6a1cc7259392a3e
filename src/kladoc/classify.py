"""Evidence type and document year, each with where it came from.

Order of trust: the OPD's manifest, then the file name, then the document itself (text of
the first pages, then metadata or the photo's EXIF date). The first that answers wins."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from kladoc.checklist.model import EvidenceType
from kladoc.i18n.formats import all_month_names
from kladoc.inspect.facts import FileFacts

YEAR_MIN, YEAR_MAX = 1990, 2100
_YEAR = r"((?:19|20)\d\d)"
_ANY_YEAR = re.compile(r"(?<![0-9])" + _YEAR + r"(?![0-9])")
_MONTHS_ID = "(?:" + "|".join(all_month_names()) + ")"
# "NOMOR 188.45/12 TAHUN 2024": the document's own number stands in its heading, in
# capitals or on a line of its own; the laws it cites ("Undang-Undang Nomor 23 Tahun 2002")
# are in running text and never give the document's year
_NUMBER_YEAR = re.compile(
    r"(?:\bNOMOR|(?:^|\n)[ \t]*(?i:nomor))\b[^\n]{0,80}?\b(?i:tahun)\s+" + _YEAR
)
_NUMBER_SLASH_YEAR = re.compile(
    r"(?:\bNOMOR|(?:^|\n)[ \t]*(?i:nomor))\s*[:.]?\s*\d[0-9A-Za-z.\-]*(?:\s*/\s*[0-9A-Za-z.\-]+)*?"
    r"\s*/\s*" + _YEAR + r"(?![0-9A-Za-z])"
)
# no word boundary before "nomor": OCR glues it to the law's name ("PresidenNomor 25")
_CITATION = re.compile(r"nomor\s+\d[^\s]*\s+tahun\s+" + _YEAR, re.I)
_DATED = re.compile(r"\b\d{1,2}\s+" + _MONTHS_ID + r"\s+" + _YEAR, re.I)
_FISCAL = re.compile(r"\btahun\s+(?:anggaran\s+)?" + _YEAR, re.I)
_SPLIT = re.compile(r"[^0-9a-z]+")
_TEXT_WINDOW = 4000  # the heading and first paragraphs say what a document is


T = TypeVar("T", str, int)


@dataclass(frozen=True)
class Guess(Generic[T]):
    value: T | None
    source: str


def _words(text: str) -> str:
    return " " + " ".join(_SPLIT.split(text.lower())).strip() + " "


@lru_cache(maxsize=64)
def _keyword_patterns(vocabulary: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, str]]:
    pairs = [
        (f" {' '.join(_SPLIT.split(k.lower())).strip()} ", type_id)
        for type_id, keywords in vocabulary
        for k in keywords
    ]
    return [(k, type_id) for k, type_id in pairs if k.strip()]


class _Matcher:
    """One regular expression for a vocabulary's keywords: at the first position where any
    keyword occurs, the alternatives are tried longest first (then by type id), so the match
    is the earliest keyword, a longer one winning a tie: the rule of :func:`match_type`,
    found in one pass instead of one search per keyword."""

    def __init__(self, patterns: list[tuple[str, str]]) -> None:
        first: dict[str, str] = {}  # keyword (" word word ") -> the smallest type id naming it
        for keyword, type_id in patterns:
            if keyword not in first or type_id < first[keyword]:
                first[keyword] = type_id
        order = sorted(first, key=lambda k: (-len(k), first[k]))
        self.type_of = first
        # every keyword starts with a space: searched once, as the literal prefix
        self.regex = (
            re.compile(" (?:" + "|".join(re.escape(k[1:]) for k in order) + ")") if order else None
        )

    def match(self, words: str) -> str | None:
        m = self.regex.search(words) if self.regex is not None else None
        return self.type_of[m.group()] if m else None


# matchers by the identity of the evidence types they were built from (kept alive with them)
_MATCHERS: dict[tuple[int, ...], tuple[tuple[EvidenceType, ...], _Matcher]] = {}


def _matcher_for(types: Iterable[EvidenceType]) -> _Matcher:
    types = tuple(types)
    key = tuple(map(id, types))
    hit = _MATCHERS.get(key)
    if hit is None:
        if len(_MATCHERS) >= 64:
            _MATCHERS.clear()
        vocabulary = tuple((et.id, et.keywords) for et in types)
        hit = _MATCHERS[key] = (types, _Matcher(_keyword_patterns(vocabulary)))
    return hit[1]


def match_type(text: str, types: Iterable[EvidenceType]) -> str | None:
    """The evidence type whose keyword appears earliest; a longer keyword wins a tie, so
    "surat keputusan" beats "surat"."""
    return _matcher_for(types).match(_words(text))


def _valid(year: int) -> bool:
    return YEAR_MIN <= year <= YEAR_MAX


_RANGE = re.compile(r"(?<![0-9])" + _YEAR + r"\s*[-–—/]\s*" + _YEAR + r"(?![0-9])")


def year_from_name(name: str, eval_year: int | None = None) -> int | None:
    """The latest year a name mentions ("Data 2023-2024" covers 2024); a period such as
    "RAD KLA 2021-2026" that spans the evaluated year counts as that year."""
    if eval_year is not None:
        for start, end in _RANGE.findall(name):
            if int(start) <= eval_year <= int(end):
                return eval_year
    years = [int(y) for y in _ANY_YEAR.findall(name) if _valid(int(y))]
    return max(years) if years else None


def year_from_text(text: str) -> int | None:
    head = text[: _TEXT_WINDOW * 3]
    m = _NUMBER_YEAR.search(head)
    if m and _valid(int(m.group(1))):
        return int(m.group(1))
    head = _CITATION.sub(" ", head)
    dated = [int(y) for y in _DATED.findall(head) if _valid(int(y))]
    if dated:
        return max(dated)
    m = _NUMBER_SLASH_YEAR.search(head)
    if m and _valid(int(m.group(1))):
        return int(m.group(1))  # "NOMOR 052/447/DP3A/2016": the number ends with its year
    fiscal = [int(y) for y in _FISCAL.findall(head) if _valid(int(y))]
    return max(fiscal) if fiscal else None


_NUMBER = re.compile(
    r"(?:\bNOMOR|(?:^|\n)[ \t]*(?i:nomor))\s*[:.]?\s*"
    r"([0-9][0-9A-Za-z.\-]*(?:\s*/\s*[0-9A-Za-z.\-]+)*(?:\s+(?i:tahun)\s+\d{4})?)"
)


def number_from_text(text: str) -> str | None:
    """The document's own number ("188.45/123/KPTS/2019", "12 TAHUN 2019"): the first
    "NOMOR ..." of the heading, spaces around slashes removed."""
    head = text[:_TEXT_WINDOW]
    m = _NUMBER.search(head)
    if not m or head[m.end() :].lstrip(" \t").startswith("/"):
        return None  # none, or a draft's number with a blank ("188.45/   /HK")
    return re.sub(r"\s*/\s*", "/", " ".join(m.group(1).split())).rstrip(".-") or None


def _text_source(facts: FileFacts) -> str:
    return "ocr" if facts.ocr else "text"


def classify_type(
    name: str, facts: FileFacts, types: Iterable[EvidenceType], manifest_type: str | None = None
) -> Guess[str]:
    if manifest_type:
        return Guess(manifest_type, "manifest")
    types = tuple(types)
    found = match_type(name, types)
    if found:
        return Guess(found, "name")
    if facts.text:
        found = match_type(facts.text[:_TEXT_WINDOW], types)
        if found:
            return Guess(found, _text_source(facts))
    ids = {t.id for t in types}
    if facts.kind == "image" and "foto" in ids:
        return Guess("foto", "kind")
    return Guess(None, "")


def classify_year(
    name: str, facts: FileFacts, manifest_year: int | None = None, eval_year: int | None = None
) -> Guess[int]:
    if manifest_year:
        return Guess(manifest_year, "manifest")
    year = year_from_name(name, eval_year)
    if year:
        return Guess(year, "name")
    if facts.text:
        year = year_from_text(facts.text)
        if year:
            return Guess(year, _text_source(facts))
    # a scanned PDF's creation date is the day it was scanned, not the document's year
    scanned = facts.kind == "pdf" and not facts.has_text
    if facts.created and not scanned:
        try:
            year = int(facts.created[:4])
        except ValueError:
            year = 0
        if _valid(year):
            return Guess(year, "exif" if facts.kind == "image" else "metadata")
    return Guess(None, "")
