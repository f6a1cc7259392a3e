"""How much work PDFium would do on a page, known before PDFium loads it.

PDFium parses a whole page into objects on load (about 15-40 bytes of memory per byte of
content stream), and its text page adds as much again, so one page with a few megabytes of
drawing or text operators can cost hundreds of megabytes. Callers skip rendering and text
extraction of pages whose content is larger than MAX_PAGE_CONTENT."""

from __future__ import annotations

import zlib

import pikepdf

MAX_PAGE_CONTENT = 1_500_000  # decoded content bytes (page and its form XObjects)
_TEXT_OPS = (b"Tj", b"TJ", b"'", b'"')
_FLATE = pikepdf.Name.FlateDecode
Inflated = dict[tuple[int, int], bytes]


def _decoded(stream: pikepdf.Stream, room: int, inflated: Inflated | None = None) -> bytes:
    """At most `room` + 1 decoded bytes, without inflating a bomb in full."""
    filters = stream.get("/Filter") if "/Filter" in stream else None
    if filters == _FLATE and "/DecodeParms" not in stream:
        if inflated is not None:
            hit = inflated.get(stream.objgen)
            if hit is not None:
                return hit[: room + 1]
        try:
            return zlib.decompressobj().decompress(stream.read_raw_bytes(), room + 1)
        except zlib.error:
            return b""
    if len(stream.read_raw_bytes()) > room:
        return b"x" * (room + 1)
    try:
        return stream.read_bytes()
    except pikepdf.PdfError:
        return b""


def page_content(
    page: pikepdf.Page, cap: int = MAX_PAGE_CONTENT, *, inflated: Inflated | None = None
) -> tuple[int, bool]:
    """(decoded content size, capped just above `cap`; whether text operators appear).
    `inflated` holds plain Flate streams already inflated whole, by object."""
    total, text = 0, False
    seen: set[tuple[int, int]] = set()
    todo: list[pikepdf.Object] = []
    # `in` before `get`: pikepdf's get of a missing key costs several times a lookup
    obj = page.obj
    contents = obj.get("/Contents") if "/Contents" in obj else None
    if isinstance(contents, pikepdf.Array):
        todo += list(contents)
    elif contents is not None:
        todo.append(contents)
    resources: list[pikepdf.Object | None] = [
        obj.get("/Resources") if "/Resources" in obj else None
    ]
    while resources and len(seen) < 256:
        res = resources.pop()
        xobjects = (
            res.get("/XObject")
            if isinstance(res, pikepdf.Dictionary) and "/XObject" in res
            else None
        )
        if not isinstance(xobjects, pikepdf.Dictionary):
            continue
        for xobj in xobjects.values():
            if (
                isinstance(xobj, pikepdf.Stream)
                and xobj.get("/Subtype") == pikepdf.Name.Form
                and xobj.objgen not in seen
            ):
                seen.add(xobj.objgen)
                todo.append(xobj)
                resources.append(xobj.get("/Resources"))
    for stream in todo:
        if not isinstance(stream, pikepdf.Stream) or total > cap:
            continue
        data = _decoded(stream, cap - total, inflated)
        total += len(data)
        text = text or any(op in data for op in _TEXT_OPS)
    return total, text
