"""Errors the user can act on. Each carries a catalogue key, never a finished sentence,
so the CLI renders it in the user's language and maps it to a documented exit code."""

from __future__ import annotations

from typing import Any

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUILD = 3
EXIT_INTERRUPTED = 130


class KladocError(Exception):
    """Base of every expected failure; never shown as a traceback."""

    exit_code = EXIT_USAGE

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
    exit_code = EXIT_USAGE


class ConfigError(KladocError):
    exit_code = EXIT_USAGE


class ChecklistError(KladocError):
    """A checklist file is invalid; params name the file, row and field."""

    exit_code = EXIT_USAGE


class BuildError(KladocError):
    exit_code = EXIT_BUILD
