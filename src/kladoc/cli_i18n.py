"""Click's own words in the user's language: help screens and usage errors.

Typer vendors Click with its texts in English ("Usage:", "Options", "[required]", "Error: No
such option"). Rather than patch the library, kladoc gives every command a context whose help
formatter writes the section titles, the usage prefix, the `[default: …]`/`[required]` notes
and the placeholder names from the message catalogue, gives the help option a catalogue text,
and renders usage errors itself from their attributes (option name, suggestions, parameter,
the validation error behind a bad value) instead of their English messages."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click import exceptions as click_errors  # Typer's vendored Click has no public alias
from typer.core import TyperCommand, TyperGroup

from kladoc.cli_coerce import install as install_plain_coercion
from kladoc.i18n import t
from kladoc.i18n.formats import decimal

# Click's section titles, as Typer writes them
SECTIONS = {
    "Arguments": "cli.click.arguments",
    "Options": "cli.click.options",
    "Commands": "cli.click.commands",
}
# Typer's placeholders for untyped metavars: "<str>", "<path>", "<int range>"
PLACEHOLDERS = {
    "str": "cli.metavar.text",
    "text": "cli.metavar.text",
    "path": "cli.metavar.path",
    "int": "cli.metavar.number",
    "int range": "cli.metavar.number",
    "float": "cli.metavar.number",
    "float range": "cli.metavar.number",
}
_PLACEHOLDER = re.compile(r"<(str|text|path|int range|int|float range|float)>")
_EXTRAS = re.compile(r"\s*\[([^\[\]]*)\]$")
_USAGE_WORDS = {"OPTIONS": "cli.click.usage_options", "COMMAND": "cli.click.usage_command",
                "ARGS": "cli.click.usage_args"}  # fmt: skip
_EXTRA_ARGS = re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((.*)\)$", re.S)
_NO_COMMAND = re.compile(r"^No such command '(.*)'\.$", re.S)
_NEEDS_VALUE = re.compile(r"requires (?:an argument|\d+ arguments)")
_NO_VALUE = re.compile(r"does not take a value")


def placeholder(text: str) -> str:
    return _PLACEHOLDER.sub(lambda m: t(PLACEHOLDERS[m.group(1)]), text)


def _extras(help_text: str) -> str:
    """'…  [default: error; required]' → '…  [bawaan: error; wajib]'."""
    match = _EXTRAS.search(help_text)
    if match is None:
        return help_text
    parts = []
    for part in match.group(1).split("; "):
        if part == "required":
            parts.append(t("cli.click.required"))
        elif part.startswith("default: "):
            parts.append(t("cli.click.default", value=part.removeprefix("default: ")))
        else:
            parts.append(part.replace("x>=", "≥ ").replace("x<=", "≤ "))
    return help_text[: match.start()] + "  [" + "; ".join(parts) + "]"


def _usage_args(args: str) -> str:
    return re.sub(
        r"\b(OPTIONS|COMMAND|ARGS)\b", lambda m: t(_USAGE_WORDS[m.group(1)]), placeholder(args)
    )


_BaseFormatter: Any = typer.Context.formatter_class


class LocalizedFormatter(_BaseFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = t("cli.click.usage") + " "
        super().write_usage(prog, _usage_args(args), prefix)

    def write_heading(self, heading: str) -> None:
        key = SECTIONS.get(heading)
        super().write_heading(t(key) if key else heading)

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().write_dl([(placeholder(a), _extras(b)) for a, b in rows], *args, **kwargs)


class LocalizedContext(typer.Context):
    formatter_class = LocalizedFormatter


class _HelpOption:
    """The help option says what it does in the user's language; plain option values are
    coerced without pydantic (`kladoc.cli_coerce`)."""

    context_class: Any = LocalizedContext

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = t("cli.opt.help")
            install_plain_coercion([option])
        return option

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        install_plain_coercion(self.params)  # type: ignore[attr-defined]
        return super().parse_args(ctx, args)  # type: ignore[misc]


class LocalizedCommand(_HelpOption, TyperCommand):
    pass


class LocalizedGroup(_HelpOption, TyperGroup):
    pass


# -- usage errors ---------------------------------------------------------------------------


def _hint(exc: Any) -> str:
    hint = getattr(exc, "param_hint", None)
    param = getattr(exc, "param", None)
    if hint is None and param is not None:
        hint = param.get_error_hint()
    if isinstance(hint, str) or hint is None:
        return hint or ""
    return " / ".join(str(h) for h in hint)


def _validation(exc: BaseException) -> dict[str, Any] | None:
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if errors is None:
        return None
    try:
        found = errors()
    except Exception:  # not a pydantic error after all
        return None
    return found[0] if found else None


def _bad_value(exc: Any) -> str:
    """A bad value: from the validation error behind it, else its (kladoc-made) message."""
    option = _hint(exc)
    error = _validation(exc) if getattr(exc, "param", None) is not None else None
    if error is None:
        if option:
            return t("cli.click.bad_value_for", option=option, detail=exc.message)
        return t("cli.click.bad_value", detail=exc.message)
    kind, ctx, value = error.get("type", ""), error.get("ctx") or {}, error.get("input", "")
    if kind.startswith("int_"):
        expected = t("cli.click.expect_int")
    elif kind.startswith("float_") or kind.startswith("decimal_"):
        expected = t("cli.click.expect_number")
    elif kind.startswith("bool_"):
        expected = t("cli.click.expect_bool")
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤",
                "less_than": "<"}[kind]  # fmt: skip
        limit = next(iter(ctx.values()), "")
        limit = decimal(limit) if isinstance(limit, int | float) else str(limit)
        expected = t("cli.click.expect_bound", sign=sign, limit=limit)
    else:
        expected = ""
    if expected:
        return t("cli.click.bad_value_expected", option=option, value=value, expected=expected)
    return t("cli.click.bad_value_for", option=option, detail=str(value))


def usage_message(exc: Any) -> str:
    """A usage error's sentence in the current language, from its attributes."""
    if isinstance(exc, click_errors.NoSuchOption):
        text = t("cli.click.no_such_option", option=exc.option_name)
        if exc.possibilities:
            text += " " + t("cli.click.possible", options=", ".join(sorted(exc.possibilities)))
        return text
    if isinstance(exc, click_errors.MissingParameter):
        param = exc.param
        if param is not None and param.param_type_name == "argument":
            name = (param.metavar or param.name or "").upper()
            return t("cli.click.missing_argument", name=name)
        return t("cli.click.missing_option", option=_hint(exc))
    if isinstance(exc, click_errors.BadParameter):
        return _bad_value(exc)
    if isinstance(exc, click_errors.BadOptionUsage):
        if _NEEDS_VALUE.search(exc.message):
            return t("cli.click.needs_value", option=exc.option_name)
        if _NO_VALUE.search(exc.message):
            return t("cli.click.takes_no_value", option=exc.option_name)
        return t("cli.click.bad_option_usage", option=exc.option_name)
    message = str(getattr(exc, "message", exc))
    match = _EXTRA_ARGS.match(message)
    if match:
        return t("cli.click.extra_args", args=match.group(1))
    match = _NO_COMMAND.match(message)
    if match:
        return t("cli.click.no_such_command", command=match.group(1))
    if message == "Missing command.":
        return t("cli.click.missing_command")
    return message


def show_usage_error(exc: Any, stream: Any = None) -> None:
    """Usage line, the help hint and the error, as Click's `show()` but in our words."""
    stream = stream or sys.stderr
    ctx = getattr(exc, "ctx", None)
    lines: list[str] = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                t("cli.click.try_help", command=ctx.command_path, option=ctx.help_option_names[0])
            )
        lines.append("")
    lines.append(f"{t('cli.error')}: {usage_message(exc)}")
    stream.write("\n".join(lines) + "\n")


def is_usage_error(exc: BaseException) -> bool:
    return isinstance(exc, click_errors.UsageError) and not isinstance(
        exc, click_errors.NoArgsIsHelpError
    )
