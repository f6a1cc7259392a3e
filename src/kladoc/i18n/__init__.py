"""Message catalogue access. Indonesian is the default; English via --lang en / KLADOC_LANG."""

from __future__ import annotations

import os
import string
from typing import Any

from kladoc.i18n.messages import MESSAGES

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
ENV_VAR = "KLADOC_LANG"

_current = DEFAULT_LANGUAGE


def normalize_language(value: str | None) -> str | None:
    """Map 'ID', 'id_ID.UTF-8', 'english' … to a supported code, or None if unknown."""
    if not value:
        return None
    v = value.strip().lower().replace("-", "_")
    if v.startswith(("id", "in", "indonesia", "bahasa")):
        return "id"
    if v.startswith("en"):
        return "en"
    return None


def set_language(lang: str) -> None:
    global _current
    code = normalize_language(lang)
    if code is None:
        raise ValueError(lang)
    _current = code


def get_language() -> str:
    return _current


def language_from_env() -> str | None:
    return normalize_language(os.environ.get(ENV_VAR))


class _Formatter(string.Formatter):
    """str.format plus a plural spec: "{count:file|files}" renders the word for count.

    Indonesian nouns do not inflect, so only the English texts use it."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            # the value may be an int or an already formatted figure ("1", "1.234")
            one, many = format_spec.split("|", 1)
            return one if str(value) == "1" else many
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """Render a catalogue message. Unknown keys are a programming error and fail loudly."""
    entry = MESSAGES[key]
    text = entry[0] if (lang or _current) == "id" else entry[1]
    if not params:
        return text
    return _FORMATTER.vformat(text, (), params) if "|" in text else text.format(**params)


def pick(text: dict[str, str] | str, lang: str | None = None) -> str:
    """Choose one language from a data-file text such as {'id': ..., 'en': ...}."""
    if isinstance(text, str):
        return text
    lang = lang or _current
    return text.get(lang) or text.get(DEFAULT_LANGUAGE) or next(iter(text.values()), "")
