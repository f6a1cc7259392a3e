"""Office inspection: OOXML zips (docx/xlsx and macro variants); legacy OLE2 files are in
:mod:`kladoc.inspect.ole`."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kladoc.inspect.facts import TEXT_CAP, FileFacts
from kladoc.inspect.sniff import (
    KIND_LABEL,
    ZIP_GENERIC,
    ext_kind,
    main_document_part,
    mismatch,
    not_a,
    zip_kind,
)
from kladoc.inspect.xlsx import workbook_texts
from kladoc.inspect.xmlpart import end_events
from kladoc.zipguard import bomb_reason
from kladoc.zipguard import zip_bomb_reason as zip_bomb_reason  # its old import path

MAX_SMALL_PART = 4 * 1024 * 1024  # [Content_Types].xml, core.xml, headers: tiny in real files
MAX_ITEMS = 200  # paragraphs or cells kept for classification
MAX_SHEETS = 3
MAX_ROWS = 2000  # rows visited per sheet, so sparse giant sheets stay cheap
MAX_COLS = 50

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_DCTERMS_CREATED = "{http://purl.org/dc/terms/}created"
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_HEADER_PART = re.compile(r"^word/header\d+\.xml$")


def inspect_zip(path: Path, facts: FileFacts, head: bytes) -> None:
    suffix = path.suffix
    claimed = ext_kind(suffix)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        if claimed == "other":
            facts.status = "unsupported"
            facts.add_detail(f"damaged ZIP archive: {exc}")
        elif claimed in ("docx", "xlsx"):
            facts.status = "corrupt"
            facts.add_detail(f"bad zip: {exc}")
        else:
            facts.status = "corrupt"
            facts.add_detail(not_a(claimed, head))
        return
    with zf:
        infos = zf.infolist()
        names = {info.filename for info in infos}
        bomb = bomb_reason(infos)
        if bomb:
            # Name the kind from part names alone: reading any member is what we must avoid.
            facts.kind = zip_kind(b"", names, head).kind if claimed == "other" else claimed
            facts.status = "bomb"
            facts.add_detail(bomb)
            return
        content_types = _read_small(zf, "[Content_Types].xml")
        zk = zip_kind(content_types, names, head)
        if zk.kind == "other":
            _not_ooxml(facts, claimed, suffix, zk.what, head)
            return
        facts.kind = zk.kind
        facts.status = "ok"
        facts.add_detail(mismatch(zk.kind, suffix, zk.what))
        if zk.macro_enabled or any(n.rsplit("/", 1)[-1].lower() == "vbaproject.bin" for n in names):
            facts.add_active("macros")
        _core_properties(zf, facts)
        if zk.kind == "docx":
            try:
                _docx_text(path, zf, names, facts)
            except Exception as exc:  # python-docx/lxml raise many types on damage
                facts.status = "corrupt"
                facts.add_detail(f"Word document unreadable: {_exc(exc)}")
        else:
            try:
                _xlsx_text(zf, names, content_types, facts)
            except Exception as exc:  # lxml, zipfile and the casts raise many types on damage
                facts.status = "corrupt"
                facts.add_detail(f"Excel workbook unreadable: {_exc(exc)}")


def _not_ooxml(facts: FileFacts, claimed: str, suffix: str, what: str, head: bytes) -> None:
    if claimed == "other" or what != ZIP_GENERIC:
        # pptx/odt/xlsb are real documents, just not ours; a plain zip claims nothing.
        facts.kind, facts.status = "other", "unsupported"
        facts.add_detail(mismatch("other", suffix, what) or what)
        return
    facts.kind, facts.status = claimed, "corrupt"
    if claimed in ("docx", "xlsx"):
        facts.add_detail(f"not {KIND_LABEL[claimed]}: zip without the main document part")
    else:
        facts.add_detail(not_a(claimed, head))


def _read_small(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return b""
    if info.file_size > MAX_SMALL_PART:
        return b""
    with zf.open(info) as fh:
        return fh.read(MAX_SMALL_PART)


def _core_properties(zf: zipfile.ZipFile, facts: FileFacts) -> None:
    raw = _read_small(zf, "docProps/core.xml")
    if not raw:
        return
    try:
        root = ET.fromstring(raw)
    except ET.ParseError:
        facts.add_detail("docProps/core.xml unreadable")
        return
    created = root.findtext(_DCTERMS_CREATED)
    if created:
        m = _ISO_DATE.match(created)
        if m:
            with contextlib.suppress(ValueError):  # e.g. "0000-00-00" from odd generators
                facts.created = dt.date(*(int(g) for g in m.groups())).isoformat()
    title = root.findtext(_DC_TITLE)
    if title and title.strip():
        facts.title = " ".join(title.split())[:500]


# --- docx --------------------------------------------------------------------------------


def _docx_text(path: Path, zf: zipfile.ZipFile, names: set[str], facts: FileFacts) -> None:
    """Classification text of the body and headers, read as a stream: a document.xml of
    tens of MB must not become a tree in memory (issue 12 item 7). The whole body is still
    parsed, so damage anywhere in it makes the file corrupt."""
    items = _stream_paragraphs(zf, main_document_part(zf, names))
    for name in sorted(n for n in names if _HEADER_PART.match(n)):
        # Letterheads ("PEMERINTAH KOTA ...") often live in the header part.
        try:
            items.extend(_limit(_paragraphs(ET.fromstring(_read_small(zf, name))), 20))
        except ET.ParseError:
            continue  # a broken header must not hide the body text
    facts.set_text(_join_capped(items))


def _stream_paragraphs(zf: zipfile.ZipFile, name: str) -> list[str]:
    """The first MAX_ITEMS paragraph texts of a WordprocessingML part; each paragraph (and
    table) is freed once read, so memory stays flat however long the document is."""
    items: list[str] = []
    total = 0
    for p in end_events(zf, name, (f"{_W}p", f"{_W}tbl")):
        if p.tag == f"{_W}p" and len(items) < MAX_ITEMS and total <= TEXT_CAP:
            text = _paragraph_text(p)
            if text:
                items.append(text)
                total += len(text) + 1
        p.clear(keep_tail=False)
        parent = p.getparent()
        while parent is not None and p.getprevious() is not None:
            del parent[0]
    return items


_W_T, _W_TAB, _W_BR, _W_CR = f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"


def _paragraph_text(p: Any) -> str:
    # p is an lxml element (body) or an ElementTree one (headers): iter() takes one tag in
    # ElementTree, so every element is looked at
    parts: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == _W_T:
            if el.text:
                parts.append(el.text)
        elif tag == _W_TAB:
            parts.append("\t")
        elif tag in (_W_BR, _W_CR):
            parts.append("\n")
    return "".join(parts).strip()


def _paragraphs(root: Any) -> Iterator[str]:
    """Non-empty paragraph texts in document order; table cells are paragraphs too."""
    for p in root.iter(f"{_W}p"):
        text = _paragraph_text(p)
        if text:
            yield text


# --- xlsx --------------------------------------------------------------------------------


def _xlsx_text(
    zf: zipfile.ZipFile, names: set[str], content_types: bytes, facts: FileFacts
) -> None:
    texts = workbook_texts(
        zf, names, content_types, max_sheets=MAX_SHEETS, max_rows=MAX_ROWS, max_cols=MAX_COLS
    )
    facts.set_text(_join_capped(list(_limit(texts, MAX_ITEMS))))


# --- helpers -----------------------------------------------------------------------------


def _limit(items: Iterable[str], n: int) -> Iterator[str]:
    total = 0
    for count, item in enumerate(items):
        if count >= n or total > TEXT_CAP:
            return
        total += len(item) + 1
        yield item


def _join_capped(items: list[str]) -> str:
    return "\n".join(items)[:TEXT_CAP]


def _exc(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__)[:200]
