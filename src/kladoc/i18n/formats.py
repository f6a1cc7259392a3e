"""Numbers, dates and month names for people, in the current language: the one home.

A few lines of our own rather than Babel: kladoc needs only the decimal mark (Indonesian
`858,9`, English `858.9`), day-month-year dates with month names the catalogue already holds,
and the month names for recognising dates in file names; Babel would add ~30 MB of locale
data to an install that must work offline on laptops. Machine output (JSON) stays numeric."""

from __future__ import annotations

import datetime as dt

from kladoc.i18n import get_language, t

# Indonesian spellings seen in letters besides the catalogue's ("Nopember")
MONTH_VARIANTS: tuple[str, ...] = ("nopember",)
# abbreviations seen in file names ("12 Agt 2024", "3-sep-2023"), both languages
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "jan", "feb", "mar", "apr", "jun", "jul", "agu", "agt", "ags", "aug",
    "sept", "sep", "okt", "oct", "nov", "des", "dec",
)  # fmt: skip


def decimal_mark(lang: str | None = None) -> str:
    return "," if (lang or get_language()) == "id" else "."


def decimal(value: float, digits: int | None = None, lang: str | None = None) -> str:
    """A number for people. `digits=None`: the shortest form (`f"{value:g}"`: 858.9, 1000);
    `digits=n`: at most n decimals, trailing zeros dropped (435.50 → 435.5, 12.0 → 12).
    Indonesian writes the decimal mark as a comma: 858,9."""
    if digits is None:
        text = f"{value:g}"
    elif digits:
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:.0f}"
    return text.replace(".", decimal_mark(lang))


def fixed(value: float, digits: int = 1, lang: str | None = None) -> str:
    """Exactly `digits` decimals (12.0 s stays "12.0"), with the language's decimal mark."""
    return f"{value:.{digits}f}".replace(".", decimal_mark(lang))


def month_names(lang: str | None = None) -> tuple[str, ...]:
    """January..December in `lang` (default: the current language), from the catalogue."""
    return tuple(m.strip() for m in t("build.months", lang or get_language()).split(","))


def all_month_names(abbreviated: bool = False) -> tuple[str, ...]:
    """Every month name a date in a file name or document may use, lower case, longest first
    (so a regex alternation tries `januari` before `jan`); with the abbreviations if asked."""
    names = {m.lower() for lang in ("id", "en") for m in month_names(lang)}
    names.update(MONTH_VARIANTS)
    if abbreviated:
        names.update(MONTH_ABBREVIATIONS)
    return tuple(sorted(names, key=lambda m: (-len(m), m)))


def long_date(day: dt.date, lang: str | None = None) -> str:
    """1 Desember 2026 / 1 December 2026."""
    return f"{day.day} {month_names(lang)[day.month - 1]} {day.year}"


def file_size(size: int) -> str:
    """1.5 MB / 1,5 MB; below a megabyte in whole kilobytes."""
    if size >= 1024 * 1024:
        return f"{decimal(size / (1024 * 1024), 1)} MB"
    return f"{decimal(size / 1024, 0)} KB"
