"""An invisible text layer for scanned pages (`kladoc build --ocr`), as OCRmyPDF's
"sandwich" renderer makes one: the page image stays exactly as it is, and under it lies
text in render mode 3 (neither filled nor stroked) at the positions the OCR found, so a
verifier can search and copy from the dossier.

Works on a copy in the build's work folder; the evidence file is only read. The pages
are read in one spawned process kept for the rest of the build: the engine holds ~150 MB
once loaded, which the build's own process (page layout, merging) must not carry on top
of its own work."""

from __future__ import annotations

import atexit
import io
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas

from kladoc import ocr
from kladoc.build.style import FONT, register_fonts

MIN_PAGE_TEXT = 20  # characters: a page with this much text already has a layer
MAX_PAGES = 2000


_reader: ProcessPoolExecutor | None = None


def _close_reader() -> None:
    global _reader
    if _reader is not None:
        _reader.shutdown(wait=True, cancel_futures=True)
        _reader = None


def read_page(source: Path, index: int) -> tuple[list[ocr.Line], tuple[int, int]]:
    """:func:`kladoc.ocr.page_lines` in the reading process (started on first use)."""
    global _reader
    if _reader is None:
        _reader = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn"))
        atexit.register(_close_reader)
    try:
        return _reader.submit(ocr.page_lines, source, index).result()
    except BrokenProcessPool:  # the next page gets a new process
        _reader = None
        raise


def _has_text(doc: pdfium.PdfDocument, index: int) -> bool:
    page = doc[index]
    try:
        textpage = page.get_textpage()
        try:
            return len("".join(textpage.get_text_range().split())) >= MIN_PAGE_TEXT
        finally:
            textpage.close()
    finally:
        page.close()


def _overlay(lines: list[ocr.Line], size: tuple[int, int], box: tuple[float, ...]) -> bytes:
    """One page of invisible text, `box` (x0, y0, x1, y1) in PDF points, image `size` px."""
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    sx, sy = width / size[0], height / size[1]
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(width, height), invariant=1)
    for line in lines:
        text = ocr.normalise_text(line.text)
        box_h = (line.bottom - line.top) * sy
        box_w = (line.right - line.left) * sx
        font_size = max(1.0, box_h * 0.8)
        natural = stringWidth(text, FONT, font_size)
        if natural <= 0 or box_w <= 0:
            continue
        t = c.beginText()
        t.setTextRenderMode(3)
        t.setFont(FONT, font_size)
        t.setHorizScale(100.0 * box_w / natural)
        t.setTextOrigin(line.left * sx, height - line.bottom * sy + box_h * 0.2)
        t.textLine(text)
        c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


def add_text_layer(source: Path, target: Path) -> int:
    """Write `source` to `target` with a text layer under every page that has no text.
    Returns how many pages got one; 0 means `target` was not written."""
    register_fonts()
    layers: dict[int, bytes] = {}
    doc = pdfium.PdfDocument(source)
    try:
        count = min(len(doc), MAX_PAGES)
        todo = [i for i in range(count) if not _has_text(doc, i)]
    finally:
        doc.close()
    if not todo:
        return 0
    with pikepdf.open(source) as pdf:
        for index in todo:
            lines, size = read_page(source, index)
            if not lines:
                continue
            page = pdf.pages[index]
            box = tuple(float(v) for v in page.cropbox)
            layers[index] = _overlay(lines, size, box)
        if not layers:
            return 0
        opened = [pikepdf.open(io.BytesIO(data)) for data in layers.values()]
        try:
            for index, layer in zip(layers, opened, strict=True):
                page = pdf.pages[index]
                page.add_underlay(layer.pages[0], pikepdf.Rectangle(*page.cropbox))
            pdf.save(target)
        finally:
            for layer in opened:
                layer.close()
    return len(layers)
