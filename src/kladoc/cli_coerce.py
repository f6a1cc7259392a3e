"""Option values without pydantic where the answer is plain.

Typer (0.29) coerces every option through a pydantic `TypeAdapter` built at parse time: the
import of pydantic and a dozen adapters cost about a tenth of a second, a third of what a
warm `kladoc check` should take in all. kladoc's options are flags, text, whole numbers and paths.
Here a value whose meaning is beyond doubt (a flag's True or False; any text; a path, checked
by Typer's own path checks; a plain decimal number within the option's bounds) is coerced
directly; anything else (a malformed number, an out-of-range one, other types) goes to
Typer's own coercion, so its errors, and their rendering by `kladoc.cli_i18n`, are unchanged.

This leans on Typer internals (its per-parameter `RuntimeParam`); if they move, nothing is
installed and Typer coerces as it always does."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_path
except ImportError:  # a Typer without these internals: leave its coercion alone
    RuntimeParam = None  # type: ignore[assignment,misc]

_DECIMAL = re.compile(r"0|[1-9][0-9]{0,17}")
_NOT_PLAIN = object()


def _plain(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    """The coerced value, or `_NOT_PLAIN` for Typer to decide."""
    if annotation is bool:
        return value if isinstance(value, bool) else _NOT_PLAIN
    if annotation is str:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # undecodable bytes from the command line
                return _NOT_PLAIN
            return value
        return _NOT_PLAIN
    if annotation is int:
        if type(value) is int:
            number = value
        elif isinstance(value, str) and _DECIMAL.fullmatch(value):
            number = int(value)
        else:
            return _NOT_PLAIN
        if info.clamp or (info.min is not None and number < info.min):
            return _NOT_PLAIN
        if info.max is not None and number > info.max:
            return _NOT_PLAIN
        return number
    if annotation is Path and info.path_type in (None, Path):
        if isinstance(value, str) and value:
            value = Path(value)
        if not isinstance(value, Path):
            return _NOT_PLAIN
        return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
    return _NOT_PLAIN


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class PlainParam(RuntimeParam):
        """A parameter's coercion: plain values here, the rest by Typer's own."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            found = _plain(self.annotation, self.parameter_info, value, param, ctx)
            if found is not _NOT_PLAIN:
                return found
            return build_runtime_param(param.type_descriptor)._coerce_value(
                value, param=param, ctx=ctx
            )


def install(params: list[Any]) -> None:
    """Give each text, number or path parameter the plain coercion (once)."""
    if RuntimeParam is None:
        return
    for param in params:
        desc = getattr(param, "type_descriptor", None)
        if desc is None or getattr(param, "_runtime_param", False) is not None:
            continue
        info = desc.parameter_info
        if (
            desc.file_annotation is not None
            or desc.is_list
            or desc.is_tuple
            or desc.is_choice
            or getattr(info, "parser", None) is not None
            or desc.annotation not in (bool, str, int, Path)
        ):
            continue
        param._runtime_param = PlainParam(parameter_info=info, annotation=desc.annotation)
