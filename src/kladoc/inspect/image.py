"""Raster image inspection with Pillow: bomb guard, proof-of-decode, EXIF facts."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from kladoc.errors import short_error
from kladoc.inspect.facts import FileFacts

# Pillow itself refuses images above 2 * Image.MAX_IMAGE_PIXELS (~179 MP by default)
# before we see them; both paths end up as "bomb".
PIXEL_LIMIT = 200_000_000
# Non-JPEG formats cannot be decoded at reduced size; above this we only verify
# structure (e.g. PNG chunk CRCs) so several workers don't each allocate ~GBs.
FULL_DECODE_LIMIT = 40_000_000
# The decode only proves the data whole: every Huffman code is read at any DCT scale, so
# 1/8 (the smallest) finds the same damage as full size for a third of the work.
DRAFT_SIZE = (1, 1)

_TAG_ORIENTATION = 0x0112
_TAG_DATETIME = 0x0132
_TAG_DATETIME_ORIGINAL = 0x9003
_IFD_EXIF = 0x8769
_EXIF_DATE = re.compile(r"^\s*(\d{4})[:\-](\d{2})[:\-](\d{2})")


def inspect_image(path: Path, facts: FileFacts) -> None:
    with warnings.catch_warnings():
        # We enforce our own limit; the warning would otherwise spam logs for big scans.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            img = Image.open(path)
        except Image.DecompressionBombError as exc:
            facts.status = "bomb"
            facts.add_detail(_bomb_detail(exc))
            return
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
            facts.status = _failure_status(exc)
            facts.add_detail(f"cannot identify image: {short_error(exc)}")
            return
        with img:
            _inspect_open_image(path, img, facts)


def _inspect_open_image(path: Path, img: Image.Image, facts: FileFacts) -> None:
    width, height = img.size  # as stored, before EXIF rotation or draft scaling
    facts.width, facts.height = width, height
    fmt = img.format or "image"
    if width * height > PIXEL_LIMIT:
        facts.status = "bomb"
        mp = width * height // 1_000_000
        facts.add_detail(f"decompression bomb: {mp} megapixels declared ({width}x{height})")
        return
    _read_exif(img, facts)
    try:
        if fmt == "JPEG":
            img.draft("RGB", DRAFT_SIZE)  # DCT scaling: decodes at 1/8 size
            img.load()
        elif width * height <= FULL_DECODE_LIMIT:
            img.load()
        else:
            # verify() must run on a fresh handle: reading EXIF already moved the stream.
            with Image.open(path) as fresh:
                fresh.verify()
            facts.add_detail(f"large {fmt}: structure verified, not fully decoded")
    except Image.DecompressionBombError as exc:
        facts.status = "bomb"
        facts.add_detail(_bomb_detail(exc))
    except Exception as exc:  # decoders raise OSError, SyntaxError, zlib.error, struct.error...
        facts.status = _failure_status(exc)
        facts.add_detail(f"{fmt} decode failed: {short_error(exc)}")


def _read_exif(img: Image.Image, facts: FileFacts) -> None:
    try:
        exif = img.getexif()
        orientation = exif.get(_TAG_ORIENTATION)
        if isinstance(orientation, int) and 1 <= orientation <= 8:
            facts.orientation = orientation
        stamp = exif.get_ifd(_IFD_EXIF).get(_TAG_DATETIME_ORIGINAL) or exif.get(_TAG_DATETIME)
    except Exception:  # malformed EXIF must not fail an otherwise fine photo
        return
    if isinstance(stamp, bytes):
        stamp = stamp.decode("ascii", errors="replace")
    if isinstance(stamp, str):
        facts.created = _exif_date(stamp)


def _exif_date(stamp: str) -> str | None:
    m = _EXIF_DATE.match(stamp)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:  # cameras write "0000:00:00 00:00:00" when the clock is unset
        return None


def _failure_status(exc: BaseException) -> str:
    # PNG text/ICC chunks that inflate past Pillow's safety caps are bombs, not damage.
    return "bomb" if "decompressed data too large" in str(exc).lower() else "corrupt"


def _bomb_detail(exc: BaseException) -> str:
    m = re.search(r"\((\d+) pixels\)", str(exc))
    if not m:
        return f"decompression bomb: {short_error(exc)}"
    return f"decompression bomb: {int(m.group(1)) // 1_000_000} megapixels declared"
