"""Output files appear whole or not at all: write beside the target, then rename. And file
names that are legal on every system the outputs travel to."""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from kladoc.errors import BuildError, short_error

# not allowed in Windows file names (the recipients' laptops), plus path separators everywhere
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)}
MAX_STEM = 120  # leaves room for the folder path under Windows' 260-character limit


def safe_file_stem(text: str, max_len: int = MAX_STEM) -> str:
    """A file name stem that is valid on Windows, macOS and Linux and still readable."""
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" .")
    if len(text) > max_len:
        text = text[:max_len].rstrip(" .")
    if not text or text.split(".")[0].strip().lower() in _RESERVED:
        text = f"_{text}"
    return text


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces `target`.
    On any failure (or Ctrl+C) the temporary file is removed and `target` is untouched."""
    target = Path(target)
    # not mkstemp: its 0600 mode would make shared outputs private; open("x") honours umask
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex[:12]}.tmp"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        open(tmp, "xb").close()
    except OSError as exc:
        raise BuildError(
            "output.unwritable", path=str(target.parent), detail=short_error(exc)
        ) from exc
    tmp_path = tmp
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except OSError as exc:
        raise BuildError("output.unwritable", path=str(target), detail=short_error(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp_path.unlink()


def atomic_write(target: Path, data: bytes | str, encoding: str = "utf-8") -> None:
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_path(target) as tmp:
        tmp.write_bytes(payload)


def atomic_save(target: Path, save: Callable[[Path], None]) -> None:
    """For libraries that save to a path themselves (openpyxl, pikepdf, python-docx)."""
    with atomic_path(target) as tmp:
        save(tmp)
