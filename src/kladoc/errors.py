"""Errors the user can act on. Each carries a catalogue key, never a finished sentence,
so the CLI renders it in the user's language and maps it to a documented exit code."""

from __future__ import annotations

import errno
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


# system errors people meet, in the catalogue's words rather than the C library's English
ERRNO_KEYS = {
    errno.EACCES: "error.os.denied",
    errno.EPERM: "error.os.denied",
    errno.ENOENT: "error.os.not_found",
    errno.ENOSPC: "error.os.disk_full",
    errno.EROFS: "error.os.read_only",
    errno.EBUSY: "error.os.busy",
    errno.EEXIST: "error.os.exists",
    errno.ENAMETOOLONG: "error.os.name_too_long",
    errno.EISDIR: "error.os.is_folder",
    errno.ENOTDIR: "error.os.not_folder",
    errno.EIO: "error.os.io",
    errno.EMFILE: "error.os.too_many_open",
    errno.ENOTEMPTY: "error.os.not_empty",
    errno.EXDEV: "error.os.cross_device",
}
WINERROR_KEYS = {32: "error.os.busy", 33: "error.os.busy"}  # sharing/lock violation


def short_error(exc: BaseException, limit: int = 200) -> str:
    """An exception in one short line for a warning or finding, in the user's language where
    kladoc knows the error (common OSErrors, a broken ZIP); else the first line of its text,
    or its type name when it has none; at most `limit` characters."""
    from kladoc.i18n import t

    key = _known_key(exc)
    if key is not None:
        return t(key)[:limit]
    # an OSError's str() repeats the (possibly long, private) path; strerror is enough
    text = (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:limit]


def _known_key(exc: BaseException) -> str | None:
    import zipfile
    import zlib

    if isinstance(exc, OSError):
        winerror = getattr(exc, "winerror", None)
        if winerror in WINERROR_KEYS:
            return WINERROR_KEYS[winerror]
        if exc.errno in ERRNO_KEYS:
            return ERRNO_KEYS[exc.errno]
    if isinstance(exc, zipfile.BadZipFile):
        return "error.bad_zip"
    if isinstance(exc, zlib.error):
        return "error.bad_compressed"
    if isinstance(exc, UnicodeDecodeError):
        return "error.bad_encoding"
    return None


# inspection notes (cached, so written in English) that read as system English to a user:
# shown in the user's language when a finding is made from them
DETAIL_PREFIXES = {
    "bad zip": "error.bad_zip",
    "damaged ZIP archive": "error.bad_zip",
    "PermissionError": "error.os.denied",
    "FileNotFoundError": "error.os.not_found",
    "IsADirectoryError": "error.os.is_folder",
    # what the inspectors note about a file (kept in English in the cache, shown translated)
    "PDF has no pages": "error.detail.no_pages",
    "password required to open": "error.detail.password",
    "password-protected": "error.detail.password",
    "unsupported encryption": "error.detail.unsupported_encryption",
    "only the attachments need a password": "error.detail.attachments_password",
    "zero-byte file": "error.detail.zero_bytes",
    "file not found": "error.os.not_found",
    "too large to verify": "error.detail.too_large_to_verify",
    "xref repaired": "error.detail.repaired",
    "repaired:": "error.detail.repaired",
    "damaged PDF": "error.detail.damaged_pdf",
    "unreadable PDF structure": "error.detail.damaged_pdf",
    "pdfium cannot open": "error.detail.damaged_pdf",
    "undecodable content on page": "error.detail.undecodable_content",
    "cannot identify image": "error.detail.bad_image",
    "decode failed": "error.detail.bad_image",
    "decompression bomb": "error.detail.bomb",
    "Excel workbook unreadable": "error.detail.bad_workbook",
    "Word document unreadable": "error.detail.bad_document",
    "damaged OLE2 container": "error.detail.bad_ole",
    "OLE2 file without a": "error.detail.bad_ole",
    "not a Word": "error.detail.bad_document",
    "docProps/core.xml unreadable": "error.detail.bad_properties",
    "OCR failed": "error.detail.ocr_failed",
    "no result after": "error.detail.no_result",
    "truncated": "error.detail.truncated",
    "inspector crashed": "error.detail.crashed",
}


def localize_detail(detail: str) -> str:
    """`facts.detail` for a finding: each "; "-separated note kladoc knows in the catalogue's
    words ("bad zip: File is not a zip file" → "bukan berkas ZIP/Office yang utuh …")."""
    from kladoc.i18n import get_language, t

    if not detail:
        return detail
    notes = []
    for note in detail.split("; "):
        head = note.partition(": ")[0]
        key = next(
            (k for p, k in DETAIL_PREFIXES.items() if note.startswith(p) or head.endswith(p)),
            None,
        )
        if key:
            notes.append(t(key))
        else:
            # an inspector's technical note has no translation: say what it means in general
            # (the English note stays in the JSON evidence facts for whoever needs it)
            notes.append(note if get_language() == "en" else t("error.detail.other"))
    return "; ".join(dict.fromkeys(notes))
