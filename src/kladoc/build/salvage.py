"""Damaged PDFs: find what qpdf cannot decode, keep what can be kept.

A PDF whose page content or images cannot be decoded opens (qpdf and viewers repair the
structure), but qpdf's checks fail on it and on any dossier it is merged into. Each
evidence PDF is checked on its own before the merge; a damaged one is copied with its
undecodable streams replaced (the readable start of a content stream is kept, an image
becomes one grey pixel) and checked again. What still fails becomes a notice page, so one
damaged file never fails the whole build. The evidence file itself is only read."""

from __future__ import annotations

import re
import warnings
import zlib
from pathlib import Path

import pikepdf
from pikepdf import Name

from kladoc.build.marks import mark_passed, recorder, set_aside_images

_OBJECT = re.compile(r"(?:object|stream) (\d+) (\d+)")
# pikepdf decodes JBIG2 only when the jbig2dec program is installed (a system package
# kladoc must not require); `qpdf --check` never decodes JBIG2 either. Form-structure
# warnings are no longer excused: the merge keeps every widget reachable (reach_widgets).
_IGNORED = ("jbig2",)
_CHUNK = 4096
MAX_SALVAGED = 16 << 20  # decoded bytes kept of one damaged stream


def syntax_problems(pdf: pikepdf.Pdf) -> list[str]:
    """What `qpdf --check` (pikepdf's Pdf.check_pdf_syntax) reports: every ERROR line and
    every warning except those about JBIG2 images, which qpdf itself does not decode
    (pikepdf only with the jbig2dec program installed)."""
    try:
        with warnings.catch_warnings():
            # "missing some specialized decoders (probably jbig2dec)": no news for the user
            warnings.simplefilter("ignore")
            problems = pdf.check_pdf_syntax()
    except pikepdf.PdfError as exc:  # damage that stops the check itself
        return [f"ERROR: {exc}"]
    return [p for p in problems if _counts(p)]


def _counts(problem: str) -> bool:
    low = problem.lower()
    return problem.startswith("ERROR") or not any(word in low for word in _IGNORED)


def check_file(path: Path) -> list[str]:
    """qpdf's checks of one file. One that passes, inside `marks.recording`, leaves the
    marks of its JPEG images and page contents, so the volume it is merged into need not
    decode and parse those bytes again (build/verify.py)."""
    with pikepdf.open(path) as pdf:
        return check_open(pdf)


def check_open(pdf: pikepdf.Pdf) -> list[str]:
    """`check_file` of a file the caller opened (and reads nothing from afterwards: the
    images that need no decoding are emptied in memory)."""
    marks = recorder()
    images = set_aside_images(pdf, marks)
    problems = syntax_problems(pdf)
    if not problems and marks is not None:
        mark_passed(pdf, marks, images)
    return problems


def salvage(src: Path, dst: Path, problems: list[str]) -> list[str]:
    """Write to `dst` a copy of `src` with its undecodable streams repaired: first those
    named in `problems`, then (if qpdf did not name them) every stream that fails or warns
    while decoding. Returns the problems `dst` still has (empty: it passes qpdf's checks)."""
    named = {(int(n), int(g)) for n, g in _OBJECT.findall("\n".join(problems))}
    left = problems
    for scan_all, keep_start in ((False, True), (True, True), (True, False)):
        if not scan_all and not named:
            continue
        with pikepdf.open(src) as pdf:
            if scan_all:
                _repair_all(pdf, keep_start)
            for objgen in sorted(named):
                try:
                    obj = pdf.get_object(objgen)
                except (pikepdf.PdfError, ValueError):
                    continue
                if isinstance(obj, pikepdf.Stream):
                    _repair(obj, keep_start)
            pdf.save(dst)
        left = check_file(dst)
        if not left:
            break
    return left


def _repair_all(pdf: pikepdf.Pdf, keep_start: bool) -> None:
    pdf.get_warnings()
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or "/Filter" not in obj:
            continue
        if len(obj.read_raw_bytes()) > MAX_SALVAGED:
            continue
        try:
            data = obj.read_bytes()
        except pikepdf.PdfError:
            _repair(obj, keep_start)
            continue
        if pdf.get_warnings():  # decoded with complaints: keep what qpdf recovered
            if obj.get("/Subtype") == Name.Image and obj.get("/Filter") != Name.FlateDecode:
                _grey_pixel(obj)
            else:
                obj.write(data)
                if "/DecodeParms" in obj:
                    del obj["/DecodeParms"]


def _repair(stream: pikepdf.Stream, keep_start: bool) -> None:
    try:
        stream.read_bytes()
        return  # decodes now: the problem was elsewhere
    except pikepdf.PdfError:
        pass
    if stream.get("/Subtype") == Name.Image:
        _grey_pixel(stream)
        return
    stream.write(_readable_start(stream) if keep_start else b"")
    if "/DecodeParms" in stream:
        del stream["/DecodeParms"]


def _grey_pixel(image: pikepdf.Stream) -> None:
    for key in ("/DecodeParms", "/SMask", "/Mask", "/Decode", "/SMaskInData", "/Intent"):
        if key in image:
            del image[key]
    image.Width, image.Height = 1, 1
    if image.get("/ImageMask") is True:
        image.BitsPerComponent = 1
        image.write(b"\x00")
        return
    image.ColorSpace = Name.DeviceGray
    image.BitsPerComponent = 8
    image.write(b"\xc0")


def _readable_start(stream: pikepdf.Stream) -> bytes:
    """The part of a Flate stream that inflates before the damage, cut after the last
    whole token; nothing for other filters."""
    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array):
        filters = filters[0] if len(filters) == 1 else None
    if filters != Name.FlateDecode:
        return b""
    raw = stream.read_raw_bytes()
    inflater = zlib.decompressobj()
    out = bytearray()
    for start in range(0, len(raw), _CHUNK):
        saved = inflater.copy()
        try:
            out += inflater.decompress(raw[start : start + _CHUNK], MAX_SALVAGED - len(out))
        except zlib.error:
            # the damage is inside this chunk: take it again byte by byte up to the damage
            inflater = saved
            for i in range(start, min(start + _CHUNK, len(raw))):
                try:
                    out += inflater.decompress(raw[i : i + 1])
                except zlib.error:
                    break
            break
        if len(out) >= MAX_SALVAGED or inflater.eof:
            break
    return _parsable_prefix(bytes(out))


def _parsable_prefix(data: bytes) -> bytes:
    """The longest run of whole lines at the start of `data` that qpdf parses without a
    complaint (data decoded just before the damage is often garbled)."""
    lines = data.split(b"\n")
    lo, hi = 0, len(lines) - 1  # the last piece is cut off mid-line: never kept
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _parses(b"\n".join(lines[:mid]) + b"\n"):
            lo = mid
        else:
            hi = mid - 1
    return b"\n".join(lines[:lo]) + b"\n" if lo else b""


def _parses(content: bytes) -> bool:
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.pages[0].obj.Contents = pdf.make_stream(content)
        return not pdf.check_pdf_syntax()
