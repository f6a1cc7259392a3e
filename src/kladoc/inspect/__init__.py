"""Inspect one evidence file: kind, health, hash and a little text for classification.

Evidence files are opened read-only and never written. :func:`inspect_file` never
raises, so a single bad file cannot stop a scan of thousands.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from kladoc.inspect.facts import FileFacts
from kladoc.inspect.sniff import SUPPORTED_SUFFIXES, ext_kind, sniff

__all__ = ["SUPPORTED_SUFFIXES", "FileFacts", "inspect_file"]

CHUNK = 1 << 20
HEAD_SIZE = 64 * 1024
TAIL_SIZE = 1024


def inspect_file(path: Path, *, ocr: bool = False) -> FileFacts:
    """Inspect ``path`` and return its facts. Never raises. With ``ocr``, scans and photos
    of documents without a text layer are read by :mod:`kladoc.ocr` (the extra)."""
    try:
        return _inspect(Path(path), ocr)
    except Exception as exc:  # last-resort guard: one file must not stop a scan
        return FileFacts(kind="other", status="corrupt", size=0, sha256="", detail=_exc_detail(exc))


def _inspect(path: Path, ocr: bool = False) -> FileFacts:
    claimed = ext_kind(path.suffix)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            # Never open FIFOs/devices: reading them could block forever.
            what = "a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file"
            return FileFacts(claimed, "unreadable", 0, "", detail=what)
        size, digest, head, tail = _read_digest(path)
    except FileNotFoundError:
        return FileFacts(claimed, "unreadable", 0, "", detail="file not found")
    except OSError as exc:
        return FileFacts(claimed, "unreadable", _safe_size(path), "", detail=_exc_detail(exc))

    if size == 0:
        return FileFacts(claimed, "empty", 0, digest, detail="zero-byte file")

    sniffed = sniff(head, path.suffix)
    facts = FileFacts(sniffed.kind, sniffed.status, size, digest, detail=sniffed.detail)
    try:
        _dispatch(sniffed.handler, path, facts, head, tail)
    except Exception as exc:  # parsers raise anything on hostile input
        facts.status = "corrupt"
        facts.add_detail(_exc_detail(exc))
    if ocr and facts.status == "ok" and not facts.has_text and facts.kind in ("pdf", "image"):
        try:
            from kladoc.ocr import apply_ocr

            apply_ocr(path, facts)
        except Exception as exc:  # OCR only adds text: its failure leaves the file as it was
            facts.add_detail(f"OCR failed: {_exc_detail(exc)}")
    return facts


def _dispatch(handler: str | None, path: Path, facts: FileFacts, head: bytes, tail: bytes) -> None:
    # Heavy libraries are imported lazily (once per process) so sniff-only runs stay light.
    if handler == "pdf":
        from kladoc.inspect.pdf import inspect_pdf

        inspect_pdf(path, facts, tail)
    elif handler == "image":
        from kladoc.inspect.image import inspect_image

        inspect_image(path, facts)
    elif handler == "zip":
        from kladoc.inspect.office import inspect_zip

        inspect_zip(path, facts, head)
    elif handler == "ole":
        from kladoc.inspect.ole import inspect_ole

        inspect_ole(path, facts, head)


def _read_digest(path: Path) -> tuple[int, str, bytes, bytes]:
    """One streaming pass: size, sha256, the head for sniffing, the tail for truncation checks."""
    h = hashlib.sha256()
    size = 0
    head = b""
    tail = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            if not head:
                head = chunk[:HEAD_SIZE]
            h.update(chunk)
            size += len(chunk)
            tail = (tail + chunk[-TAIL_SIZE:])[-TAIL_SIZE:]
    return size, h.hexdigest(), head, tail


def _safe_size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _exc_detail(exc: BaseException) -> str:
    # OSError's str() repeats the (possibly long, private) path; strerror is enough.
    raw = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    msg = raw.strip().splitlines()[0] if raw.strip() else ""
    text = f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
    return text[:300]
