"""JSON text for people and programs alike: the outer levels indented, each record below them
on one line.

`json.dumps(..., indent=2)` falls back to the pure-Python encoder; on a 5,000-file report
that is most of the time a warm `kladoc check --format json` takes. Here only the outer
levels (the report's sections, the lists' items) are laid out in Python, and every record
is encoded by the C-accelerated encoder, so a report reads one file, finding or indicator a
line. The value is the same as `json.dumps` gives: only the whitespace differs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kladoc.models import CheckResult

_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one-shot encode: the C encoder


def result_json(result: CheckResult) -> str:
    """`check --format json`: the result's JSON text, kept with a kept result (an unchanged
    dossier's 5,000-file report took a warm check longer to encode than to find)."""
    from kladoc import resultcache

    text = resultcache.rendering(result, "json")
    if text is None:
        text = dumps(result.to_dict())
        resultcache.keep_rendering(result, "json", text)
    return text


def dumps(value: Any, expand: int = 2) -> str:
    """`value` as JSON text, containers nested less than `expand` deep laid out one item a
    line (indented by two spaces a level), deeper ones on one line."""
    out: list[str] = []
    _write(value, 0, expand, out)
    return "".join(out)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _ENCODER.encode(key)
    # what json.dumps makes of a non-string key (1 → "1", True → "true", None → "null")
    return _ENCODER.encode({key: 0})[1:-4]


def _write(value: Any, level: int, expand: int, out: list[str]) -> None:
    if level >= expand or not value or not isinstance(value, dict | list | tuple):
        out.append(_ENCODER.encode(value))
        return
    pad = "\n" + "  " * (level + 1)
    if isinstance(value, dict):
        out.append("{")
        sep = pad
        for key, item in value.items():
            out.append(sep + _key(key) + ": ")
            _write(item, level + 1, expand, out)
            sep = "," + pad
        out.append("\n" + "  " * level + "}")
        return
    out.append("[")
    sep = pad
    for item in value:
        out.append(sep)
        _write(item, level + 1, expand, out)
        sep = "," + pad
    out.append("\n" + "  " * level + "]")
