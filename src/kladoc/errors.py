"""Errors the user can act on. Each carries a catalogue key, never a finished sentence,
so the CLI renders it in the user's language and maps it to a documented exit code."""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """The documented exit codes of every command (README, "Exit codes")."""

    OK = 0
    FINDINGS = 1  # the check found errors (or warnings with --fail-on warning)
    USAGE = 2  # usage or configuration error
    BUILD = 3  # a build (or the command) could not complete
    INTERRUPTED = 130


class KladocError(Exception):
    """Base of every expected failure; never shown as a traceback."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self) -> str:
        from kladoc.i18n import t

        return t(self.key, **self.params)

    def __str__(self) -> str:
        return self.render()


class UsageError(KladocError):
    exit_code: ExitCode = ExitCode.USAGE


class ConfigError(KladocError):
    exit_code: ExitCode = ExitCode.USAGE


class ChecklistError(KladocError):
    """A checklist file is invalid; params name the file, row and field."""

    exit_code: ExitCode = ExitCode.USAGE


class Interrupted(KladocError):
    """Ctrl+C, with what it left behind said in the message (not an error the user made)."""

    exit_code: ExitCode = ExitCode.INTERRUPTED


class BuildError(KladocError):
    exit_code: ExitCode = ExitCode.BUILD


def short_error(exc: BaseException, limit: int = 200) -> str:
    """An exception in one short line for a warning or finding: the first line of its text,
    or its type name when it has none; at most `limit` characters."""
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:limit]
