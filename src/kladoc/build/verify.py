"""Reopen a finished volume and check it against the plan before it replaces anything.

Checks: the page count; every page's stamp; every bookmark and every contents link lands
on the page whose stamp names its target; the page numbers printed in the contents and in
each evidence index (read back with PDFium) are the real ones; and the first page of each
document is the first page of its source (same box, rotation and content); no JavaScript or
Launch action is left in any object; and qpdf's own checks (`qpdf --check`) pass.

Most of qpdf's checks go on decoding the JPEG images (a rebuild's photos and scans). Whether
a JPEG stream decodes without a warning depends only on its bytes and decode parameters, so
a volume that passes records each of its JPEG images (by SHA-256, with the qpdf version) in
the conversion cache, and a later check takes those images out of its in-memory copy
before qpdf's checks run: everything else is checked as before, the file is only read.
An image not marked is first decoded strictly by build/jpegcheck.py (the same damage
found at a fraction of the cost, on every core); qpdf decodes only those it does not pass.

Parsing the page contents is the other large part of qpdf's checks. Whether a page's
content streams parse without a warning depends only on their bytes and filters (qpdf joins
them with a newline and parses the whole), so a page that passed is recorded the same way
by its evidence content (the streams between our two stamp streams); a later check parses
only the stamp streams of such a page. The stamps, the front matter, every other page and
all the file's structure are parsed and checked each time. Marks come from volumes that
passed and from evidence PDFs that passed the same checks on their own before the merge
(build/marks.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from kladoc.build.assemble import LinkSpec, OutlineNode
from kladoc.build.convcache import ConversionCache
from kladoc.build.convert import signature
from kladoc.build.marks import Marks, contents_key, set_aside_images
from kladoc.build.salvage import syntax_problems
from kladoc.build.sanitize import active_content
from kladoc.build.stamp import StampFont, read_stamp
from kladoc.i18n import t

_DIGITS = re.compile(r"\d+")


class VerifyError(Exception):
    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.reason = t(key, **params)


@dataclass
class Region:
    """Where printed page numbers sit on a page (PDF points) and what they must read."""

    page: int  # 0-based
    box: tuple[float, float, float, float]  # left, bottom, right, top
    expected: list[int]


@dataclass
class Expectation:
    pages: int
    stamps: list[str]
    outline: list[OutlineNode]
    links: list[LinkSpec]
    regions: list[Region] = field(default_factory=list)
    # 0-based page → (signature of the source's first page, evidence path)
    firsts: dict[int, tuple[tuple[object, ...], str]] = field(default_factory=dict)
    # groups of regions whose numbers are compared as one sequence (a section's index
    # table may run over several pages)
    region_groups: list[list[Region]] = field(default_factory=list)


def verify(
    path: Path,
    exp: Expectation,
    font: StampFont,
    cache: Marks | ConversionCache | None = None,
    fast: bool = True,
) -> None:
    """Raise VerifyError on the first check that fails. `cache`: the marks of JPEG images
    and page contents that passed before, where this volume's are kept when it passes
    (None: every page is parsed and every image decoded). `fast`: images not marked are
    decoded by build/jpegcheck.py first; qpdf decodes only those it does not pass."""
    fresh: list[str] = []
    if isinstance(cache, ConversionCache):
        cache = Marks(cache)
    with pikepdf.open(path) as pdf:
        n = len(pdf.pages)
        if n != exp.pages:
            raise VerifyError("build.verify.page_count", actual=n, expected=exp.pages)
        for i, page in enumerate(pdf.pages):
            got = read_stamp(page, font)
            if got != exp.stamps[i]:
                raise VerifyError("build.verify.stamp", page=i + 1, stamp=got or "-")
        index = {p.objgen: i for i, p in enumerate(pdf.pages)}
        _check_outline(pdf, exp.outline, index)
        _check_links(pdf, exp.links, index)
        for i, (sig, rel) in exp.firsts.items():
            if _original_signature(pdf.pages[i]) != sig:
                raise VerifyError("build.verify.source", page=i + 1, path=rel)
        active = active_content(pdf)
        if active:
            raise VerifyError("build.verify.active", detail=_brief_text(active))
        fresh = set_aside_images(pdf, cache, fast)
        if cache is not None:
            fresh += _set_aside_known_contents(pdf, cache)
        problems = syntax_problems(pdf)
        if problems:
            raise VerifyError("build.verify.syntax", detail=_brief_text(problems))
    _check_printed(path, exp)
    if cache is not None:  # every check passed: these decode and parse without a warning
        cache.add(fresh)
        cache.flush()


def _set_aside_known_contents(pdf: pikepdf.Pdf, cache: Marks) -> list[str]:
    """On each stamped page whose evidence content is known to parse cleanly, leave (in
    memory only) just the two stamp streams for qpdf's checks to parse; returns the keys
    of the other pages' evidence content."""
    fresh: list[str] = []
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        if not isinstance(contents, pikepdf.Array) or len(contents) < 3:
            continue
        items = list(contents)
        key = contents_key(items[1:-1], cache)
        if key is None:
            continue
        if cache.has(key):
            page.obj.Contents = pikepdf.Array([items[0], items[-1]])
        else:
            fresh.append(key)
    return fresh


def _original_signature(page: pikepdf.Page) -> tuple[object, ...]:
    """The page's fingerprint without our two stamp streams (first and last)."""
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Array) and len(contents) >= 2:
        saved = pikepdf.Array(list(contents))
        page.obj.Contents = pikepdf.Array(list(contents)[1:-1])
        try:
            return signature(page)
        finally:
            page.obj.Contents = saved
    return signature(page)


def _dest_index(dest: Any, index: dict[tuple[int, int], int]) -> int | None:
    if isinstance(dest, pikepdf.Array) and len(dest) > 0:
        target = dest[0]
        if isinstance(target, pikepdf.Dictionary):
            return index.get(target.objgen)
        if isinstance(target, int):
            return int(target)
    return None


def _check_outline(
    pdf: pikepdf.Pdf, expected: list[OutlineNode], index: dict[tuple[int, int], int]
) -> None:
    with pdf.open_outline() as outline:
        _compare_items(outline.root, expected, index, depth=1)


def _compare_items(
    items: list[pikepdf.OutlineItem],
    expected: list[OutlineNode],
    index: dict[tuple[int, int], int],
    depth: int,
) -> None:
    if len(items) != len(expected):
        raise VerifyError(
            "build.verify.outline_shape", detail=f"level {depth}: {len(items)} != {len(expected)}"
        )
    for item, node in zip(items, expected, strict=True):
        if item.title != node.title:
            raise VerifyError("build.verify.outline_shape", detail=f"'{item.title}'")
        got = _dest_index(item.destination, index)
        if got != node.page:
            raise VerifyError(
                "build.verify.outline",
                title=node.title,
                actual=(got + 1) if got is not None else "-",
                expected=node.page + 1,
            )
        _compare_items(list(item.children), node.children, index, depth + 1)


def _check_links(
    pdf: pikepdf.Pdf, expected: list[LinkSpec], index: dict[tuple[int, int], int]
) -> None:
    pages = sorted({link.page for link in expected})
    found: list[tuple[int, tuple[float, ...], int | None]] = []
    for p in pages:
        annots = pdf.pages[p].obj.get("/Annots")
        for annot in annots if isinstance(annots, pikepdf.Array) else []:
            if annot.get("/Subtype") != pikepdf.Name.Link or "/Dest" not in annot:
                continue
            rect = tuple(round(float(v), 1) for v in annot.Rect)
            found.append((p, rect, _dest_index(annot.Dest, index)))
    if len(found) != len(expected):
        raise VerifyError("build.verify.links_missing", actual=len(found), expected=len(expected))
    lookup = {(p, rect): dest for p, rect, dest in found}
    for link in expected:
        rect = tuple(round(float(v), 1) for v in link.rect)
        got = lookup.get((link.page, rect))
        if got != link.dest:
            raise VerifyError(
                "build.verify.link",
                target=f"{link.page + 1}",
                actual=(got + 1) if got is not None else "-",
                expected=link.dest + 1,
            )


def _check_printed(path: Path, exp: Expectation) -> None:
    groups = [[r] for r in exp.regions] + exp.region_groups
    if not groups:
        return
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for group in groups:
            printed: list[int] = []
            for region in group:
                page = doc[region.page]
                text = page.get_textpage().get_text_bounded(*region.box)
                printed += [int(x) for x in _DIGITS.findall(text)]
            expected = [n for r in group for n in r.expected]
            if printed != expected:
                raise VerifyError(
                    "build.verify.toc_numbers",
                    page=group[0].page + 1,
                    printed=_brief(printed),
                    expected=_brief(expected),
                )
    finally:
        doc.close()


def _brief_text(lines: list[str]) -> str:
    more = f" (+{len(lines) - 3})" if len(lines) > 3 else ""
    return "; ".join(line[:160] for line in lines[:3]) + more


def _brief(numbers: list[int]) -> str:
    text = ", ".join(map(str, numbers[:12]))
    return text + (", …" if len(numbers) > 12 else "")
