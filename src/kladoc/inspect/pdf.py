"""PDF inspection: structure and security with pikepdf, text with pypdfium2.

Both libraries open the file by path, so a 300 MB scan is never read into memory.
"""

from __future__ import annotations

import codecs
import ctypes
import datetime as dt
import re
import time
import zlib
from pathlib import Path
from typing import Any, BinaryIO

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.internal as pdfium_i
import pypdfium2.raw as pdfium_c
from pikepdf.models import EncryptionMethod

from kladoc.inspect.facts import FileFacts
from kladoc.pdfcost import MAX_PAGE_CONTENT, page_content

TEXT_PAGES = 3
MIN_TEXT_CHARS = 20
MAX_SCAN_PAGES = 5000  # annotation scan bound; a 5,000-page walk costs ~50 ms
MAX_ANNOTS_PER_PAGE = 500
MAX_ACTION_CHAIN = 8
MAX_XMP_BYTES = 1 << 20
# Damaged-content probe: decode the content streams and images of the first pages only,
# within a budget, so a 3 MB content stream or a Flate bomb stays cheap.
DAMAGE_PAGES = 20
DAMAGE_SECONDS = 2.0
DAMAGE_DECODED_BUDGET = 256 * 1024 * 1024  # bytes read or inflated (and discarded) per file
MAX_RAW_STREAM = 32 * 1024 * 1024  # larger streams are not probed (their raw bytes are read)
MAX_RAW_OTHER = 32 * 1024  # non-Flate filter chains are decoded whole, so only small ones
INFLATE_CHUNK = 1 << 20
_FLATE = ("/FlateDecode", "/Fl")
_JPEG_SOI = b"\xff\xd8"
_JPX_MAGIC = (b"\x00\x00\x00\x0cjP  ", b"\xff\x4f\xff\x51")

_PDF_DATE = re.compile(rb"^\s*(?:D:)?(\d{4})(\d{2})(\d{2})")
# Element (<xmp:CreateDate xmlns:..>2024-..) and attribute (xmp:CreateDate="2024-..") forms.
_XMP_CREATE = re.compile(rb"CreateDate(?:\s*=\s*[\"']|(?:\s[^>]*)?>)\s*(\d{4})-(\d{2})-(\d{2})")
_XMP_TITLE = re.compile(rb"<dc:title\b[^>]*>.*?<rdf:li\b[^>]*>([^<]*)</rdf:li>", re.S)


def _native(path: Path) -> Path | BinaryIO:
    """qpdf and pdfium take paths as UTF-8; a name with undecodable bytes (surrogate escapes,
    e.g. copied from an old FAT stick) must be handed over as an open stream instead."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return open(path, "rb")  # closed by the caller
    return path


def inspect_pdf(path: Path, facts: FileFacts, tail: bytes) -> None:
    source = _native(path)
    try:
        _inspect_pdf(source, path, facts, tail)
    finally:
        if not isinstance(source, Path):
            source.close()


# Any key will do: with attachment-only encryption nothing but embedded files is decrypted.
_DUMMY_KEY = "00" * 16


def open_pdf(source: Path | BinaryIO) -> tuple[pikepdf.Pdf, bool]:
    """Open a PDF as a viewer would: (pdf, attachments_locked).

    A PDF whose password protects only its embedded files (crypt filter /EFF, pages and
    strings /Identity) opens in every viewer, but qpdf asks for the password. It is opened
    here with a made-up encryption key, which is harmless because the pages are not
    encrypted; attachments_locked is then True. Raises pikepdf.PasswordError when the pages
    themselves need a password.
    """
    try:
        return pikepdf.open(source), False
    except pikepdf.PasswordError:
        if not isinstance(source, Path):
            source.seek(0)
        try:
            pdf = pikepdf.open(source, password=_DUMMY_KEY, hex_password=True)
        except pikepdf.PdfError:
            pdf = None
        if pdf is not None:
            enc = pdf.encryption
            none = EncryptionMethod.none
            pages_clear = enc.stream_method == none and enc.string_method == none
            if pages_clear and enc.file_method != none:
                return pdf, True
            pdf.close()
        raise


def _inspect_pdf(source: Path | BinaryIO, path: Path, facts: FileFacts, tail: bytes) -> None:
    try:
        pdf, attachments_locked = open_pdf(source)
    except pikepdf.PasswordError:
        facts.status = "encrypted"
        facts.add_detail("password required to open")
        return
    except pikepdf.PdfError as exc:
        msg = _qpdf_msg(exc, path)
        if "encrypt" in msg.lower():  # e.g. certificate (public-key) security handlers
            facts.status = "encrypted"
            facts.add_detail(f"unsupported encryption: {msg}")
            return
        facts.status = "corrupt"
        facts.add_detail(_truncation_note(tail) or f"unreadable PDF structure: {msg}")
        return
    if attachments_locked:
        facts.attachments_encrypted = True
        facts.add_detail("only the attachments need a password")
    try:
        # the Page objects once, for every walk below (each costs a pikepdf call)
        pages = list(pdf.pages)
        inflated: dict[tuple[int, int], bytes] = {}
        qpdf_warnings = _inspect_structure(pdf, pages, facts, path, attachments_locked, inflated)
        # measured on this open document: a second qpdf open of the file would cost more
        # than the page-count and annotation walk itself
        heavy = _heavy_pages(pages, TEXT_PAGES, inflated)
    except pikepdf.PdfError as exc:
        # Objects load lazily, so damage (e.g. a broken page tree) can surface only now.
        facts.status = "corrupt"
        facts.add_detail(_truncation_note(tail) or f"damaged PDF: {_qpdf_msg(exc, path)}")
        return
    finally:
        pdf.close()

    if qpdf_warnings:
        facts.repaired = True
        xref = any("xref" in w or "cross-reference" in w for w in qpdf_warnings)
        facts.add_detail("xref repaired" if xref else f"repaired: {qpdf_warnings[0]}")
        note = _truncation_note(tail)
        if note:
            # qpdf salvages what it can, but the end of the document is missing.
            facts.status = "corrupt"
            facts.add_detail(f"{note}; {facts.pages} page(s) recoverable")
            return
    if facts.pages == 0:
        facts.status = "corrupt"
        facts.add_detail("PDF has no pages")
        return

    # called from here, as before, so its stack (pypdfium2 trims a text range recursively)
    # is as deep as it always was when the fast path hands a page over
    if not _extract_text_raw(path, facts, heavy):
        _extract_text(path, facts, heavy)


def _inspect_structure(
    pdf: pikepdf.Pdf,
    pages: list[pikepdf.Page],
    facts: FileFacts,
    path: Path,
    attachments_locked: bool = False,
    inflated: dict[tuple[int, int], bytes] | None = None,
) -> list[str]:
    """Pages, permissions, active content, metadata; returns qpdf's warnings. `inflated`
    is given the content streams of the first pages the damage probe inflated whole."""
    facts.pages = len(pages)
    if pdf.is_encrypted and not attachments_locked:
        # Opened without a password, so only an owner password is set.
        facts.restricted = not _all_allowed(pdf.allow)
        facts.add_detail(
            "owner password, permissions restricted"
            if facts.restricted
            else "encrypted, no restrictions"
        )
    _scan_active_content(pdf, facts, pages)
    _read_metadata(pdf, facts)
    # Collected now: qpdf resolves objects lazily, so damage can surface during the walk;
    # the decode errors the probe below provokes are not repairs.
    qpdf_warnings = [_qpdf_msg(w, path) for w in pdf.get_warnings()]
    damaged = damaged_pages(pdf, pages=pages, keep=inflated, keep_pages=TEXT_PAGES)
    if damaged:
        facts.damaged_pages = damaged
        facts.add_detail(f"undecodable content on page(s) {', '.join(map(str, damaged))}")
    return qpdf_warnings


class _Budget:
    def __init__(self) -> None:
        self.deadline = time.monotonic() + DAMAGE_SECONDS
        self.decoded = 0

    def raw(self, stream: pikepdf.Stream) -> bytes:
        data = stream.read_raw_bytes()
        self.decoded += len(data)  # reading a big scan's JPEG costs too
        return bytes(data)

    def spent(self) -> bool:
        return time.monotonic() > self.deadline or self.decoded > DAMAGE_DECODED_BUDGET


def damaged_pages(
    pdf: pikepdf.Pdf,
    max_pages: int = DAMAGE_PAGES,
    *,
    pages: list[pikepdf.Page] | None = None,
    keep: dict[tuple[int, int], bytes] | None = None,
    keep_pages: int = 0,
) -> list[int]:
    """1-based numbers of the first pages whose content streams or images cannot be decoded
    (bad Flate data, an image that is not what its filter says). Bounded in time and memory:
    Flate data is inflated chunk by chunk and discarded; what the budget leaves is not judged.
    `pages` is ``list(pdf.pages)`` when the caller has it. With `keep`, the plain Flate content
    streams of the first `keep_pages` pages that inflate whole in one chunk are left in it by
    object, so :func:`kladoc.pdfcost.page_content` need not inflate them again.
    """
    budget = _Budget()
    seen: set[tuple[int, int]] = set()
    damaged: list[int] = []
    kept = [0]  # bytes left in `keep`
    for number, page in enumerate((pdf.pages if pages is None else pages)[:max_pages], start=1):
        if budget.spent():
            break
        try:
            streams = _page_streams(page.obj)
        except pikepdf.PdfError:
            damaged.append(number)
            continue
        memo = keep if number <= keep_pages else None
        for stream, is_image in streams:
            key = stream.objgen
            if key != (0, 0):
                if key in seen:
                    continue
                seen.add(key)
            if not _decodes(stream, is_image, budget, None if is_image else memo, kept):
                damaged.append(number)
                break
    return damaged


def _page_streams(page: pikepdf.Dictionary) -> list[tuple[pikepdf.Stream, bool]]:
    """(stream, is_image) for the page's content streams and its image XObjects."""
    # `in` before `get`: pikepdf's get of a missing key costs several times a lookup
    out: list[tuple[pikepdf.Stream, bool]] = []
    contents = page.get("/Contents") if "/Contents" in page else None
    items = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    out += [(c, False) for c in items if isinstance(c, pikepdf.Stream)]
    resources = page.get("/Resources") if "/Resources" in page else None
    xobjects = (
        resources.get("/XObject")
        if isinstance(resources, pikepdf.Dictionary) and "/XObject" in resources
        else None
    )
    if isinstance(xobjects, pikepdf.Dictionary):
        for key in list(xobjects.keys())[:MAX_ANNOTS_PER_PAGE]:
            xobj = xobjects.get(key)
            if isinstance(xobj, pikepdf.Stream) and xobj.get("/Subtype") == "/Image":
                out.append((xobj, True))
    return out


KEEP_INFLATED = 4 * 1024 * 1024  # decoded content kept per file for the heavy-page measure


def _decodes(
    stream: pikepdf.Stream,
    is_image: bool,
    budget: _Budget,
    keep: dict[tuple[int, int], bytes] | None = None,
    kept: list[int] | None = None,
) -> bool:
    """False only when the data is certainly undecodable; unjudged cases count as fine.
    With `keep`, a plain Flate stream (the case page_content inflates itself) that inflates
    whole in one chunk is left in it."""
    try:
        filters = stream.get("/Filter") if "/Filter" in stream else None
        if filters is None:
            return True
        names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]
        length = stream.get("/Length") if "/Length" in stream else None
        if isinstance(length, int) and length > MAX_RAW_STREAM:
            return True
        if names[0] in _FLATE:
            whole = (
                keep is not None
                and names[0] == "/FlateDecode"
                and not isinstance(filters, pikepdf.Array)
                and stream.objgen != (0, 0)
                and "/DecodeParms" not in stream
            )
            data = _inflates(budget.raw(stream), budget, whole)
            if isinstance(data, bytes):
                if keep is not None and kept is not None and kept[0] + len(data) <= KEEP_INFLATED:
                    keep[stream.objgen] = data
                    kept[0] += len(data)
                return True
            return data
        if len(names) == 1 and names[0] in ("/DCTDecode", "/DCT"):
            return budget.raw(stream).lstrip(b"\x00\r\n ")[:2] == _JPEG_SOI
        if len(names) == 1 and names[0] == "/JPXDecode":
            return budget.raw(stream).startswith(_JPX_MAGIC)
        if is_image or not isinstance(length, int) or length > MAX_RAW_OTHER:
            return True  # CCITT/JBIG2 images, big LZW/ASCII85 chains: not judged
        budget.decoded += len(stream.read_bytes())
    except pikepdf.DataDecodingError:
        return False
    except (pikepdf.PdfError, ValueError, TypeError):
        return True  # unfilterable, or an odd dictionary: not ours to judge here
    return True


def _inflates(raw: bytes, budget: _Budget, whole: bool = False) -> bool | bytes:
    """Inflate ``raw`` in bounded chunks, keeping nothing: False on a zlib data error.
    A stream that merely ends early (no end marker) counts as fine: viewers show it.
    With `whole`, a stream that ends within the first chunk is returned inflated instead
    of True."""
    inflater = zlib.decompressobj()
    data = raw
    first = True
    try:
        while data and not inflater.eof:
            out = inflater.decompress(data, INFLATE_CHUNK)
            budget.decoded += len(out)
            data = inflater.unconsumed_tail
            if whole and first and inflater.eof:
                return out
            first = False
            if budget.spent():
                return True
    except zlib.error:
        return False
    return True


def _extract_text(path: Path, facts: FileFacts, heavy: dict[int, bool]) -> None:
    source = _native(path)
    try:
        doc = pdfium.PdfDocument(source, autoclose=not isinstance(source, Path))
    except pdfium.PdfiumError as exc:
        if not isinstance(source, Path):
            source.close()
        if "password" in str(exc).lower():
            # qpdf may open some AES-256 (R5/R6) files that a viewer still locks
            facts.status = "encrypted"
            facts.detail = "password required to open"
            return
        facts.status = "corrupt"
        facts.add_detail(f"pdfium cannot open: {exc}")
        return
    parts: list[str] = []
    try:
        for i in range(min(TEXT_PAGES, len(doc))):
            if i in heavy:  # PDFium would need hundreds of MB for this page's text
                facts.has_text = facts.has_text or heavy[i]
                continue
            page = doc[i]
            try:
                textpage = page.get_textpage()
                try:
                    parts.append(textpage.get_text_range())
                finally:
                    textpage.close()
            finally:
                page.close()
    finally:
        doc.close()
    shows_text = facts.has_text
    text = "\n".join(parts).replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()
    facts.set_text(text)
    facts.has_text = shows_text or len("".join(text.split())) >= MIN_TEXT_CHARS


def _extract_text_raw(path: Path, facts: FileFacts, heavy: dict[int, bool]) -> bool:
    """:func:`_extract_text` through PDFium's C API: the same calls pypdfium2's PdfDocument,
    PdfPage and PdfTextPage make, the same errors, the same text, without their Python
    objects (finalizers, weak references, path resolution), which cost about a tenth of
    the text extraction itself. False, with `facts` untouched, for the cases left to
    pypdfium2: a name PDFium cannot take as a path, and a page whose text starts or ends
    with characters PDFium leaves out of its text (its recursive trimming is kept)."""
    name = path.expanduser()
    try:
        encoded = (str(name) + "\x00").encode("utf-8")
    except UnicodeEncodeError:
        return False
    doc = pdfium_c.FPDF_LoadDocument(encoded, None)
    try:
        count = pdfium_c.FPDF_GetPageCount(doc)
        if count < 1:
            err_code = pdfium_c.FPDF_GetLastError()
            if not doc and not name.resolve().is_file():
                raise FileNotFoundError(name.resolve())  # as PdfDocument checks first
            exc = pdfium.PdfiumError(
                f"Failed to load document (PDFium: {pdfium_i.ErrorToStr.get(err_code)}).",
                err_code=err_code,
            )
            if "password" in str(exc).lower():
                facts.status = "encrypted"
                facts.detail = "password required to open"
            else:
                facts.status = "corrupt"
                facts.add_detail(f"pdfium cannot open: {exc}")
            return True
        parts: list[str] = []
        for i in range(min(TEXT_PAGES, count)):
            if i in heavy:  # PDFium would need hundreds of MB for this page's text
                # set at once, as _extract_text does (it stays set if a later page fails);
                # _extract_text setting it again after a hand-over gives the same value
                facts.has_text = facts.has_text or heavy[i]
                continue
            text = _page_text_raw(doc, i)
            if text is None:
                return False
            parts.append(text)
    finally:
        if doc:
            pdfium_c.FPDF_CloseDocument(doc)
    shows_text = facts.has_text
    text = "\n".join(parts).replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()
    facts.set_text(text)
    facts.has_text = shows_text or len("".join(text.split())) >= MIN_TEXT_CHARS
    return True


def _page_text_raw(doc: Any, index: int) -> str | None:
    """``doc[index].get_textpage().get_text_range()`` of pypdfium2 on a raw document; None
    when the text range has left-out characters at either end."""
    page = pdfium_c.FPDF_LoadPage(doc, index)
    if not page:
        raise pdfium.PdfiumError("Failed to load page.")
    try:
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise pdfium.PdfiumError("Failed to load text page.")
        try:
            count = pdfium_c.FPDFText_CountChars(textpage)
            if count == -1:
                raise pdfium.PdfiumError("Failed to get character count.")
            if count == 0:
                return ""
            t_start = pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, 0)
            t_end = pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, count - 1)
            if t_start == -1 or t_end == -1:
                return None
            in_count = t_end + 2 - t_start  # including the NUL terminator
            buffer = (ctypes.c_ushort * in_count)()
            out_count = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
            assert in_count >= out_count, f"Buffer too small: {in_count} vs {out_count}"
            return codecs.decode(memoryview(buffer)[: out_count - 1], "utf-16-le", errors="ignore")
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)


def _heavy_pages(
    pages: list[pikepdf.Page], count: int, inflated: dict[tuple[int, int], bytes] | None = None
) -> dict[int, bool]:
    """Pages among the first `count` whose content is too large for PDFium's text
    extraction in bounded memory → whether they show text."""
    try:
        found: dict[int, bool] = {}
        for i, page in enumerate(pages[:count]):
            size, text = page_content(page, inflated=inflated)
            if size > MAX_PAGE_CONTENT:
                found[i] = text
        return found
    except (pikepdf.PdfError, OSError, ValueError, TypeError):
        return {}


def _scan_active_content(
    pdf: pikepdf.Pdf, facts: FileFacts, pages: list[pikepdf.Page] | None = None
) -> None:
    """Catalog and page annotations only: bounded even for 5,000-page files."""
    # `in` before `get` throughout: pikepdf's get of a missing key costs several lookups
    found: set[str] = set()
    root = pdf.Root
    names = root.get("/Names") if "/Names" in root else None
    if isinstance(names, pikepdf.Dictionary):
        if "/JavaScript" in names:
            found.add("javascript")
        if "/EmbeddedFiles" in names:
            found.add("embedded-files")
    open_action = root.get("/OpenAction") if "/OpenAction" in root else None
    if isinstance(open_action, pikepdf.Dictionary) and open_action.get("/S") != "/GoTo":
        # A bare destination (array or GoTo) only sets the initial view; LibreOffice
        # adds one to every export, so flagging it would be noise.
        found.add("openaction")
        found |= _classify_action(open_action)
    if "/AA" in root:
        found |= _classify_aa(root.get("/AA"))

    for index, page in enumerate(pdf.pages if pages is None else pages):
        if index >= MAX_SCAN_PAGES:
            facts.add_detail(f"active-content scan limited to first {MAX_SCAN_PAGES} pages")
            break
        obj = page.obj
        if "/AA" in obj:
            found |= _classify_aa(obj.get("/AA"))
        annots = obj.get("/Annots") if "/Annots" in obj else None
        if not isinstance(annots, pikepdf.Array):
            continue
        for annot in list(annots)[:MAX_ANNOTS_PER_PAGE]:
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            if annot.get("/Subtype") == "/FileAttachment":
                found.add("embedded-files")
            if "/A" in annot:
                found |= _classify_action(annot.get("/A"))
            if "/AA" in annot:
                found |= _classify_aa(annot.get("/AA"))
    facts.add_active(*found)


def _classify_aa(aa: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(aa, pikepdf.Dictionary):
        for key in list(aa.keys())[:MAX_ACTION_CHAIN]:
            found |= _classify_action(aa.get(key))
    return found


def _classify_action(action: Any) -> set[str]:
    """Follow an action and its /Next chain (bounded) for JavaScript/Launch."""
    found: set[str] = set()
    pending = [action]
    steps = 0
    while pending and steps < MAX_ACTION_CHAIN:
        steps += 1
        act = pending.pop()
        if not isinstance(act, pikepdf.Dictionary):
            continue
        kind = act.get("/S")
        if kind == "/JavaScript":
            found.add("javascript")
        elif kind == "/Launch":
            found.add("launch")
        elif kind == "/GoToE":
            found.add("embedded-files")
        nxt = _get(act, "/Next")
        if isinstance(nxt, pikepdf.Array):
            pending.extend(list(nxt)[:MAX_ACTION_CHAIN])
        elif nxt is not None:
            pending.append(nxt)
    return found


def _read_metadata(pdf: pikepdf.Pdf, facts: FileFacts) -> None:
    # trailer /Info directly: pdf.docinfo would create an (in-memory) Info dict.
    info = _get(pdf.trailer, "/Info")
    if isinstance(info, pikepdf.Dictionary):
        created = _get(info, "/CreationDate")
        if isinstance(created, pikepdf.String):
            facts.created = _date_from_match(_PDF_DATE.match(bytes(created)))
        title = _get(info, "/Title")
        if isinstance(title, pikepdf.String):
            facts.title = _clean_title(str(title))
    if facts.created and facts.title:
        return
    xmp = _xmp_bytes(pdf)
    if not xmp:
        return
    if not facts.created:
        facts.created = _date_from_match(_XMP_CREATE.search(xmp))
    if not facts.title:
        m = _XMP_TITLE.search(xmp)
        if m:
            facts.title = _clean_title(_unescape(m.group(1).decode("utf-8", errors="replace")))


def _xmp_bytes(pdf: pikepdf.Pdf) -> bytes:
    meta = _get(pdf.Root, "/Metadata")
    if not isinstance(meta, pikepdf.Stream):
        return b""
    try:
        length = int(meta.get("/Length", 0))
        if length > MAX_XMP_BYTES:
            return b""
        return meta.read_bytes()[:MAX_XMP_BYTES]
    except (pikepdf.PdfError, ValueError, TypeError):
        return b""


def _unescape(text: str) -> str:
    """``xml.sax.saxutils.unescape``: &lt; &gt; then &amp;. Written out, as importing saxutils
    (it imports urllib.request, http.client, ssl, email) cost each worker ~12 ms."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _get(d: pikepdf.Object, key: str) -> Any:
    """``d.get(key)``, but cheap when the key is missing (pikepdf's get costs several
    lookups then)."""
    return d.get(key) if key in d else None


def _date_from_match(m: re.Match[bytes] | None) -> str | None:
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _clean_title(title: str) -> str | None:
    title = " ".join(title.replace("\x00", "").split())
    return title[:500] or None


def _all_allowed(perms: pikepdf.Permissions) -> bool:
    return all(
        getattr(perms, name)
        for name in (
            "accessibility",
            "extract",
            "modify_annotation",
            "modify_assembly",
            "modify_form",
            "modify_other",
            "print_lowres",
            "print_highres",
        )
    )


def _truncation_note(tail: bytes) -> str:
    # A complete PDF ends with %%EOF (maybe followed by a little junk); downloads cut short don't.
    return "" if b"%%EOF" in tail else "truncated: no %%EOF marker"


def _qpdf_msg(exc_or_msg: object, path: Path) -> str:
    """qpdf messages start with the file name; drop it so details stay short and path-free."""
    msg = str(exc_or_msg).replace(str(path), "").strip().lstrip(":").strip()
    return msg.splitlines()[0][:200] if msg else type(exc_or_msg).__name__
