"""Content sniffing: decide what a file really is from its first bytes.

Extensions on government evidence are unreliable (HTML error pages saved as
.pdf, legacy .doc renamed .docx, password-protected .xlsx), so content wins and
the extension is only used to name what the file *claimed* to be.
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

EXT_KIND: dict[str, str] = {
    ".pdf": "pdf",
    ".jpg": "image",
    ".jpeg": "image",
    ".jpe": "image",
    ".jfif": "image",
    ".png": "image",
    ".tif": "image",
    ".tiff": "image",
    ".gif": "image",
    ".webp": "image",
    ".bmp": "image",
    ".docx": "docx",
    ".docm": "docx",
    ".dotx": "docx",
    ".dotm": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xltx": "xlsx",
    ".xltm": "xlsx",
    ".doc": "doc",
    ".dot": "doc",
    ".xls": "xls",
    ".xlt": "xls",
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(EXT_KIND)

KIND_LABEL: dict[str, str] = {
    "pdf": "a PDF",
    "image": "an image",
    "docx": "a Word .docx file",
    "xlsx": "an Excel .xlsx file",
    "doc": "a Word .doc file",
    "xls": "an Excel .xls file",
}

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")


@dataclass(frozen=True)
class Sniffed:
    """Outcome of sniffing. ``handler`` names the module that continues the job."""

    kind: str
    handler: str | None  # "pdf" | "image" | "zip" | "ole" | None (nothing more to do)
    status: str = "ok"
    detail: str = ""


def ext_kind(suffix: str) -> str:
    return EXT_KIND.get(suffix.lower(), "other")


def image_format(head: bytes) -> str | None:
    """Name of the raster format if ``head`` starts with a known image magic."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    # "BM" alone is too weak (plain text can start with it); require the zeroed reserved field.
    if head[:2] == b"BM" and len(head) >= 14 and head[6:10] == b"\x00\x00\x00\x00":
        return "BMP"
    return None


def describe(head: bytes) -> str:
    """Human description of unrecognised content, for ``detail``."""
    sample = head[:4096]
    stripped = sample.lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff \t\r\n\x00").lower()
    if not sample.strip(b"\x00"):
        return "looks like zero-filled data"
    if stripped.startswith((b"<!doctype html", b"<head", b"<body")) or b"<html" in stripped[:1024]:
        return "looks like HTML"
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<"):
        return "looks like XML"
    if stripped.startswith((b"{", b"[")) and b"\x00" not in sample:
        return "looks like JSON or text"
    if sample.startswith(ZIP_MAGIC):
        return "looks like a ZIP archive"
    if sample.startswith(OLE_MAGIC):
        return "looks like a legacy Office (OLE2) file"
    if sample.startswith(b"Rar!"):
        return "looks like a RAR archive"
    if sample.startswith(b"MZ"):
        return "looks like a Windows executable"
    if sample[4:8] == b"ftyp":
        return "looks like MP4/ISO media"
    fmt = image_format(sample)
    if fmt:
        return f"looks like a {fmt} image"
    if _is_text(sample):
        return "looks like plain text"
    return "unrecognized binary content"


def _is_text(sample: bytes) -> bool:
    if not sample or b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multibyte char cut by the sample boundary is still text.
        if exc.start < len(sample) - 4:
            return False
    printable = sum(1 for b in sample if b >= 0x20 or b in (9, 10, 13))
    return printable / len(sample) > 0.95


def mismatch(kind: str, suffix: str, what: str) -> str:
    """Detail note when content and extension disagree (content wins)."""
    claimed = ext_kind(suffix)
    if claimed in ("other", kind):
        return ""
    return f"extension {suffix.lower()} but content is {what}"


def not_a(kind: str, head: bytes) -> str:
    label = KIND_LABEL.get(kind, "a supported file")
    return f"not {label}: {describe(head)}"


def sniff(head: bytes, suffix: str) -> Sniffed:
    """Classify a non-empty file from its first bytes (at least 1 KiB when available)."""
    claimed = ext_kind(suffix)
    # Magics anchored at byte 0 go first: a zip whose first member is a stored PDF,
    # or a JPEG whose XMP mentions "%PDF-", must not pass for a PDF.
    fmt = image_format(head)
    if fmt:
        return Sniffed("image", "image", detail=mismatch("image", suffix, fmt))
    if head.startswith(ZIP_MAGIC):
        # Only the zip's own directory can tell docx from xlsx from plain zip.
        return Sniffed(claimed, "zip")
    if head.startswith(OLE_MAGIC):
        return Sniffed(claimed, "ole")
    if PDF_MAGIC in head[:1024]:
        return Sniffed("pdf", "pdf", detail=mismatch("pdf", suffix, "PDF"))
    old = old_office_format(head, claimed)
    if old:
        return Sniffed(old[0], None, "outdated", old[1])
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        brand = head[8:12].decode("ascii")
        return Sniffed("other", None, "unsupported", f"HEIC/HEIF image ({brand}) not supported")
    if claimed != "other":
        return Sniffed(claimed, None, "corrupt", not_a(claimed, head))
    return Sniffed("other", None, "unsupported", describe(head))


# --- pre-OLE Office formats -------------------------------------------------------------

# BOF record id -> Excel version, for the raw (not OLE2-wrapped) BIFF2/3/4 streams.
_BIFF_BOF = {0x0009: "Excel 2.x (BIFF2)", 0x0209: "Excel 3.0 (BIFF3)", 0x0409: "Excel 4.0 (BIFF4)"}
_BIFF_SHEET_TYPES = {
    0x0010: "worksheet",
    0x0020: "chart",
    0x0040: "macro sheet",
    0x0100: "workbook",
}
# wIdent of Word for Windows 1.x/2.0 files, which predate the OLE2 container.
_OLD_WORD = {0xA59B: "Word for Windows 1.x", 0xA5DB: "Word for Windows 2.0"}


def old_office_format(head: bytes, claimed: str) -> tuple[str, str] | None:
    """(kind, detail) for an Excel 2.x-4.0 or Word 1.x/2.0 file, which is valid but too old
    for kladoc, or None. Excel is recognised by its BOF record whatever the extension;
    Word's two-byte signature only counts on a file that claims to be a .doc."""
    if len(head) >= 8:
        rec, length, _version, sheet_type = struct.unpack_from("<HHHH", head, 0)
        if rec in _BIFF_BOF and 4 <= length <= 16 and sheet_type in _BIFF_SHEET_TYPES:
            what = f"{_BIFF_BOF[rec]} {_BIFF_SHEET_TYPES[sheet_type]}"
            return "xls", f"{what}: format too old"
    if claimed == "doc" and len(head) >= 2:
        ident = struct.unpack_from("<H", head, 0)[0]
        if ident in _OLD_WORD:
            return "doc", f"{_OLD_WORD[ident]} document: format too old"
    return None


# --- OOXML (zip) ---------------------------------------------------------------------------

_OOXML_MAIN: tuple[tuple[bytes, str, bool], ...] = (
    (b"wordprocessingml.document.main+xml", "docx", False),
    (b"wordprocessingml.template.main+xml", "docx", False),
    (b"ms-word.document.macroenabled.main+xml", "docx", True),
    (b"ms-word.template.macroenabledtemplate.main+xml", "docx", True),
    (b"spreadsheetml.sheet.main+xml", "xlsx", False),
    (b"spreadsheetml.template.main+xml", "xlsx", False),
    (b"ms-excel.sheet.macroenabled.main+xml", "xlsx", True),
    (b"ms-excel.template.macroenabled.main+xml", "xlsx", True),
)


ZIP_GENERIC = "ZIP archive (not supported)"


@dataclass(frozen=True)
class ZipKind:
    kind: str  # "docx" | "xlsx" | "other"
    macro_enabled: bool
    what: str  # what the content is, for details


def zip_kind(content_types: bytes, names: set[str], head: bytes) -> ZipKind:
    """Tell docx/docm from xlsx/xlsm from other zips, by content type then part names."""
    ct = content_types.lower()
    for marker, kind, macro in _OOXML_MAIN:
        if marker in ct:
            label = ("Word" if kind == "docx" else "Excel") + (" macro-enabled" if macro else "")
            return ZipKind(kind, macro, f"{label} {kind}")
    if b"ms-excel.sheet.binary" in ct or "xl/workbook.bin" in names:
        return ZipKind("other", False, "Excel binary .xlsb (not supported)")
    if b"presentationml" in ct or "ppt/presentation.xml" in names:
        return ZipKind("other", False, "PowerPoint .pptx (not supported)")
    if "word/document.xml" in names:
        return ZipKind("docx", False, "Word docx")
    if "xl/workbook.xml" in names:
        return ZipKind("xlsx", False, "Excel xlsx")
    if "mimetype" in names and b"application/vnd.oasis.opendocument" in head[:256]:
        return ZipKind("other", False, "OpenDocument file (not supported)")
    return ZipKind("other", False, ZIP_GENERIC)


def main_document_part(zf: zipfile.ZipFile, names: set[str]) -> str:
    """The main document part named by the package relationships (usually
    word/document.xml); `names` are the package's part names."""
    raw = _read_rels(zf)
    if raw:
        try:
            rels = ET.fromstring(raw)
        except ET.ParseError:
            rels = None
        for rel in rels if rels is not None else ():
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    return "word/document.xml"


def _read_rels(zf: zipfile.ZipFile) -> bytes:
    try:
        info = zf.getinfo("_rels/.rels")
    except KeyError:
        return b""
    if info.file_size > 1024 * 1024:
        return b""
    return zf.read(info)
