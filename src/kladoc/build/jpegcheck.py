"""Whether JPEG data decodes without a warning, at a fraction of qpdf's cost.

qpdf's checks (pikepdf's check_pdf_syntax, `qpdf --check`) decode every JPEG image in full
and fail on any libjpeg warning ("JPEG data is corrupt"); in a dossier of scans and photos
that is most of a build's checking time. libjpeg-turbo's TurboJPEG API (simplejpeg) with
stop-on-warning reads the same entropy-coded data, every Huffman code, marker and restart,
and with DCT scaling to 1/8 it skips most of the inverse transform and the colour
conversion, which cannot warn. It releases the GIL, so a volume's images are checked on
every core.

An image this passes is emptied, in memory only, before qpdf's checks run; one it fails or
cannot judge is left to qpdf, whose verdict stands. tests/test_jpegcheck.py compares the two
on damaged JPEGs. Without simplejpeg (a platform with no wheel) qpdf decodes everything, as
before."""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

# Bigger images are left to qpdf, one at a time: a progressive JPEG's decoder holds all of
# its coefficients at full size whatever the scale, and two threads would hold two.
MAX_PIXELS = 40_000_000
_COLORSPACES = {"Gray": "GRAY", "CMYK": "CMYK", "YCCK": "CMYK"}  # else RGB
_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_decoder: Any = None  # the simplejpeg module, False when it is not installed


def _simplejpeg() -> Any:
    global _decoder
    if _decoder is None:
        try:
            import simplejpeg
        except ImportError:  # no wheel for this platform: qpdf judges every image
            _decoder = False
        else:
            _decoder = simplejpeg
    return _decoder


def available() -> bool:
    return bool(_simplejpeg())


def decodes(data: bytes) -> bool:
    """True if `data` decodes as a JPEG with no error and no warning (False: it does not,
    or it is nothing this decoder takes; ask qpdf)."""
    decoder = _simplejpeg()
    if not decoder or not data.startswith(b"\xff\xd8"):
        return False
    try:
        height, width, colorspace, _sub = decoder.decode_jpeg_header(data)
        if height * width > MAX_PIXELS:
            return False
        # simplejpeg scales only towards a minimum size: without one, min_factor alone
        # decodes at full size (three times the work); a 1-pixel minimum gives 1/8
        decoder.decode_jpeg(
            data,
            colorspace=_COLORSPACES.get(colorspace, "RGB"),
            strict=True,
            min_factor=8,
            min_height=1,
            min_width=1,
        )
    except (ValueError, TypeError, MemoryError):
        return False
    return True


def decode_later(data: bytes) -> Future[bool] | None:
    """`decodes(data)` on a pool thread while the caller goes on reading the next images
    (None: no decoder here, qpdf judges)."""
    if not available():
        return None
    return _threads().submit(decodes, data)


def _threads() -> ThreadPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            workers = max(1, min(4, os.cpu_count() or 1))
            _pool = ThreadPoolExecutor(workers, thread_name_prefix="kladoc-jpeg")
        return _pool
