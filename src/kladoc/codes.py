"""Recognise the indicator or question code a file or folder name starts with.

Forgiving of case, separators and prefixes ("21A", "Ind 21a", "Indikator-21a", "04"), but it
never guesses: a code the checklist lacks is `unknown`, a bare "21" where 21a/21b/21c exist is
`ambiguous`, and a leading year or date ("2024_…", "17 Agustus …", "1 SEP 2024 …") is not a code
at all: a bare day before a month name or abbreviation is read as a date, so a file
"12 Persalinan/1 SEP 2024 rapat.pdf" takes its folder's indicator 12, never a silent 1. An explicit
prefix says a code follows ("Ind 1 SEP …" is indicator 1).

Question codes name the indicator and the question: "1.2a", "21a.3", "1-2a", "I1-P2a",
"Ind 1 P 2a". Inside a folder of a known indicator, a name may give only the question:
"Pertanyaan 2a", "P2a", or a bare "2a" (when that indicator has such a question).
Years and dates ("1.2024", "12.03.2024", "2024-05-01") are not question codes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from kladoc.i18n.formats import all_month_names

_PREFIX = re.compile(r"^(?:indikator|indicator|ind|no|nomor)[\s._#:-]*(?=\d)")
_CODE = re.compile(r"^(?P<num>\d{1,3})(?!\d)(?:[\s._-]*(?P<letter>[a-z])(?![a-z0-9]))?")
_DATE = re.compile(r"^\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}(?!\d)")
_MONTHS = all_month_names(abbreviated=True)
_MONTH_AFTER = re.compile(r"^\d{1,2}[\s._-]*(?:" + "|".join(_MONTHS) + r")(?![a-z])")


_IND_WORD = r"(?:indikator|indicator|ind|i)[\s._#:-]*"
_Q_WORD = r"(?:pertanyaan|pert|p|q)[\s._#:-]*"
# a question number as printed: "2", "2a", "2za", "10"; a letter may stand apart ("4 a")
_Q_NUM = r"(?P<q>\d{1,2})(?!\d)(?:(?P<ql>[a-z]{1,2})|[\s_-]+(?P<qs>[a-z]))?(?![a-z0-9])"
# "1.2a", "21a.3", "1-2a", optionally "Ind 1.2a"; never followed by another ".2024"/"-05"
_Q_DOTTED = re.compile(
    r"^(?:" + _IND_WORD + r")?(?P<num>\d{1,3})(?!\d)(?P<letter>[a-z])?[.-]"
    r"(?P<q>\d{1,2})(?!\d)(?P<ql>[a-z]{1,2})?(?![a-z0-9])(?![.,/-]\d)"
)
# "I1-P2a", "Ind 1 P 2a", "21a-p3", "Indikator 1 Pertanyaan 2a"
_Q_PREFIXED = re.compile(
    r"^(?:" + _IND_WORD + r")?(?P<num>\d{1,3})(?!\d)(?:(?P<letter>[a-z])(?![a-z0-9]))?"
    r"[\s._-]*" + _Q_WORD + _Q_NUM
)
_Q_LOCAL = re.compile(r"^" + _Q_WORD + _Q_NUM)  # "Pertanyaan 2a", "P2a" (in an indicator)
_Q_BARE = re.compile(r"^" + _Q_NUM)  # "2a" inside an indicator folder
_R = TypeVar("_R")


@dataclass(frozen=True)
class QuestionMatch:
    kind: str  # "ok" | "unknown"
    raw: str  # the code as read, normalised ("1.2a", "21a.3")
    indicator: str | None = None  # the indicator named, when the checklist has it
    question: str | None = None  # the question id when kind == "ok"


@dataclass(frozen=True)
class LocalCode:
    """A question number without its indicator ("P2a", or a folder "2a")."""

    number: str  # "2a"
    alone: str  # the number without a letter written apart ("4" of "4 a"), or ""
    prefixed: bool  # written with "P"/"Pertanyaan": it can only be a question


@dataclass(frozen=True)
class CodeMatch:
    kind: str  # "ok" | "unknown" | "ambiguous"
    raw: str  # the code as written, normalised ("21a", "4")
    indicator: str | None = None
    candidates: tuple[str, ...] = ()


class CodeParser:
    """Built once per checklist: `codes` are ids, `aliases` map extra words ("kelana") to ids."""

    def __init__(
        self,
        codes: Iterable[str],
        aliases: dict[str, str] | None = None,
        questions: Iterable[str] = (),
    ) -> None:
        self.codes = {c.lower() for c in codes}
        self.questions = {q.lower() for q in questions}
        self.with_questions = {q.split(".", 1)[0] for q in self.questions}
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
        # answers per name: a dossier repeats the same folder names for every file in them
        self._memo: dict[tuple[str, str], Any] = {}

    def _cached(self, kind: str, name: str, compute: Callable[[str], _R]) -> _R:
        key = (kind, name)
        try:
            return cast(_R, self._memo[key])
        except KeyError:
            result = self._memo[key] = compute(name)
            return result

    def parse(self, name: str) -> CodeMatch | None:
        """None when the name does not start with a code."""
        return self._cached("code", name, self._parse)

    def _parse(self, name: str) -> CodeMatch | None:
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

    def _is_date(self, text: str) -> bool:
        return bool(_DATE.match(text) or _MONTH_AFTER.match(text))

    @staticmethod
    def _number(m: re.Match[str]) -> tuple[str, str]:
        """(number with its letters, number alone when the letter stood apart, else "")."""
        groups = m.groupdict()
        q = str(int(groups["q"]))
        apart = groups.get("qs")
        return q + (groups.get("ql") or apart or ""), q if apart else ""

    def _question(self, indicator: str, m: re.Match[str], raw_ind: str) -> QuestionMatch:
        full, alone = self._number(m)
        raw = f"{raw_ind}.{full}"
        for number in (full, alone):
            if not number:
                continue
            if f"{indicator}.{number}" in self.questions:
                code = f"{indicator}.{number}"
                return QuestionMatch("ok", code, indicator, code)
        return QuestionMatch("unknown", raw, indicator)

    def parse_question(self, name: str) -> QuestionMatch | None:
        """A full question code at the start of `name` ("1.2a …", "I1-P2a …"), or None.
        None as well for a checklist without questions, so indicator matching is unchanged."""
        if not self.questions:
            return None
        return self._cached("question", name, self._parse_question)

    def _parse_question(self, name: str) -> QuestionMatch | None:
        text = name.strip().lower()
        if self._is_date(text):
            return None
        m = _Q_DOTTED.match(text) or _Q_PREFIXED.match(text)
        if m is None or int(m.group("q")) == 0:
            return None  # "1.0 draf" is a version, not question 0
        raw_ind = str(int(m.group("num"))) + (m.group("letter") or "")
        indicator = raw_ind if raw_ind in self.codes else None
        if indicator is None:
            return QuestionMatch("unknown", f"{raw_ind}.{self._number(m)[0]}")
        if indicator not in self.with_questions:
            return None  # an indicator scored without questions: "4.1" reads as indicator 4
        return self._question(indicator, m, raw_ind)

    def parse_local(self, name: str) -> LocalCode | None:
        """A question number without indicator: "Pertanyaan 2a"/"P2a", or a bare "2a" (a folder
        or file inside an indicator folder). The folder above decides the indicator."""
        if not self.questions:
            return None
        return self._cached("local", name, self._parse_local)

    def _parse_local(self, name: str) -> LocalCode | None:
        text = name.strip().lower()
        if self._is_date(text):
            return None
        m = _Q_LOCAL.match(text)
        prefixed = m is not None
        if m is None:
            m = _Q_BARE.match(text)
        if m is None or int(m.group("q")) == 0:
            return None
        full, alone = self._number(m)
        return LocalCode(full, alone, prefixed)

    def resolve_local(self, indicator: str, local: LocalCode) -> QuestionMatch | None:
        """The question `local` names inside `indicator`; unknown for a "P…" name that is no
        question there; None for a bare folder number that is not one (it may be a code)."""
        if indicator not in self.with_questions:
            return None
        for number in (local.number, local.alone):
            if number and f"{indicator}.{number}" in self.questions:
                code = f"{indicator}.{number}"
                return QuestionMatch("ok", code, indicator, code)
        if local.prefixed:
            return QuestionMatch("unknown", f"{indicator}.{local.number}", indicator)
        return None
