"""Legacy OLE2 (Compound File Binary) Office files: Word .doc, Excel .xls and the OLE2
wrapper Office puts around every password-protected .docx/.xlsx.

olefile reads the container, xlrd opens .xls workbooks (it refuses encrypted ones, i.e.
those with a FILEPASS record), and a light check of the Word File Information Block
(FIB) and piece table catches encrypted, truncated and fuzzed .doc files. Every read is
bounded, so a hostile file cannot exhaust memory.
"""

from __future__ import annotations

import io
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import olefile
import xlrd

from kladoc.inspect.facts import TEXT_CAP, FileFacts
from kladoc.inspect.sniff import ext_kind, mismatch, not_a

MAX_STREAM_READ = 32 * 1024 * 1024  # WordDocument/table streams read whole up to this size
MAX_XLS_STREAM = 64 * 1024 * 1024  # xlrd holds the Workbook stream in memory
MAX_XLS_SHEETS_STREAM = 16 * 1024 * 1024  # sheets are parsed too up to this stream size
MAX_SHEETS = 3
MAX_ROWS = 2000
MAX_COLS = 50
MAX_ITEMS = 200

WORD_IDENT = 0xA5EC
NFIB_WORD6 = 0x0065  # Word 6.0/95
NFIB_WORD97 = 0x00C1  # Word 97 and later write this (newer versions add nFibNew)
NFIB_MAX = 0x01FF
F_ENCRYPTED = 0x0100
F_WHICH_TBL_STM = 0x0200
F_OBFUSCATED = 0x8000
FC_CLX_INDEX = 33  # fcClx/lcbClx pair in FibRgFcLcb97
MIN_FC_LCB = 0x5D  # cbRgFcLcb of Word 97

_ENCRYPTED_OOXML = ("EncryptedPackage", "EncryptionInfo")


def inspect_ole(path: Path, facts: FileFacts, head: bytes) -> None:
    """Recognise and sanity-check legacy .doc/.xls and OLE2-wrapped, i.e. encrypted, OOXML."""
    suffix = path.suffix
    claimed = ext_kind(suffix)
    with open(path, "rb") as fh:
        try:
            ole = olefile.OleFileIO(fh)
        except Exception as exc:  # olefile raises OSError, struct.error, IndexError, ...
            _damaged_container(facts, claimed, head, exc)
            return
        with ole:
            names = _names(ole)
            problem = _oversized_stream(ole, os.fstat(fh.fileno()).st_size)
            if any(n in names for n in _ENCRYPTED_OOXML):
                facts.kind = claimed if claimed in ("docx", "xlsx") else "other"
                facts.status = "encrypted"
                facts.add_detail("password-protected Office file (EncryptedPackage)")
            elif "WordDocument" in names:
                facts.kind, facts.status = "doc", "ok"
                facts.add_detail(mismatch("doc", suffix, "legacy Word .doc") or "legacy Word .doc")
                if "Macros" in names:
                    facts.add_active("macros")
                if problem:
                    _corrupt(facts, problem)
                else:
                    _check_doc(ole, names, facts)
            elif "Workbook" in names or "Book" in names:
                facts.kind, facts.status = "xls", "ok"
                what = "legacy Excel .xls"
                facts.add_detail(mismatch("xls", suffix, what) or what)
                if "_VBA_PROJECT_CUR" in names:
                    facts.add_active("macros")
                stream = "Workbook" if "Workbook" in names else "Book"
                if problem:
                    _corrupt(facts, problem)
                else:
                    _check_xls(path, ole, stream, ole.get_size(stream), facts)
            elif claimed in ("docx", "xlsx"):
                # Office wraps every password-protected docx/xlsx in OLE2; nothing else does.
                facts.kind, facts.status = claimed, "encrypted"
                facts.add_detail("password-protected Office file (OLE2 container)")
            elif claimed in ("doc", "xls"):
                facts.kind, facts.status = claimed, "corrupt"
                main = "WordDocument" if claimed == "doc" else "Workbook"
                facts.add_detail(f"OLE2 file without a {main} stream")
            elif claimed == "other":
                facts.kind, facts.status = "other", "unsupported"
                ppt = "PowerPoint Document" in names
                facts.add_detail(
                    f"legacy {'PowerPoint .ppt' if ppt else 'Office (OLE2) file'} not supported"
                )
            else:
                facts.kind, facts.status = claimed, "corrupt"
                facts.add_detail(not_a(claimed, head))


def _names(ole: olefile.OleFileIO) -> set[str]:
    """Every stream and storage name, at any depth."""
    return {part for entry in ole.listdir(streams=True, storages=True) for part in entry}


def _oversized_stream(ole: olefile.OleFileIO, file_size: int) -> str:
    """A stream declaring more bytes than the whole file holds points past the end."""
    for entry in ole.listdir(streams=True, storages=False):
        if ole.get_size(entry) > file_size:
            return f"stream {'/'.join(entry)} points past the end of the file"
    return ""


def _damaged_container(facts: FileFacts, claimed: str, head: bytes, exc: Exception) -> None:
    # The UTF-16LE name of the encryption stream in the first bytes is telling enough.
    if any(n.encode("utf-16-le") + b"\x00\x00" in head for n in _ENCRYPTED_OOXML):
        facts.kind = claimed if claimed in ("docx", "xlsx") else "other"
        facts.status = "encrypted"
        facts.add_detail("password-protected Office file (EncryptedPackage)")
        return
    facts.kind = claimed
    facts.status = "unsupported" if claimed == "other" else "corrupt"
    facts.add_detail(f"damaged OLE2 container: {_exc(exc)}")


def _read_stream(ole: olefile.OleFileIO, name: str) -> bytes:
    with ole.openstream(name) as fh:
        return bytes(fh.read())


def _chain_problem(ole: olefile.OleFileIO, facts: FileFacts) -> bool:
    """olefile records (rather than raises) sector chains that leave the file or end early."""
    if not ole.parsing_issues:
        return False
    _corrupt(facts, f"damaged OLE2 container: {ole.parsing_issues[0][1]}")
    return True


def _corrupt(facts: FileFacts, why: str) -> None:
    facts.status = "corrupt"
    facts.add_detail(why)


# --- Word .doc ---------------------------------------------------------------------------


def _check_doc(ole: olefile.OleFileIO, names: set[str], facts: FileFacts) -> None:
    size = ole.get_size("WordDocument")
    if size > MAX_STREAM_READ:
        facts.add_detail("too large to verify")
        return
    word = _read_stream(ole, "WordDocument")
    if _chain_problem(ole, facts):
        return
    result = check_fib(word, names)
    if result.status != "ok":
        facts.status = result.status
        facts.add_detail(result.why)
        return
    if result.table is None:  # Word 6/95: no table stream to look into
        facts.add_detail(result.why)
        return
    if ole.get_size(result.table) > MAX_STREAM_READ:
        facts.add_detail("too large to verify")
        return
    table = _read_stream(ole, result.table)
    if _chain_problem(ole, facts):
        return
    text, why = read_pieces(word, table, result.fc_clx, result.lcb_clx)
    if why:
        _corrupt(facts, why)
        return
    facts.set_text(text)


@dataclass(frozen=True)
class FibCheck:
    """Outcome of :func:`check_fib`: status "ok" | "corrupt" | "encrypted", why, and for
    Word 97+ the table stream's name and where its piece table (Clx) lies."""

    status: str
    why: str = ""
    table: str | None = None
    fc_clx: int = 0
    lcb_clx: int = 0


def check_fib(word: bytes, names: set[str]) -> FibCheck:
    """Judge the FIB at the start of a WordDocument stream ([MS-DOC] 2.5.1)."""
    if len(word) < 0x20:
        return FibCheck("corrupt", "Word header (FIB) truncated")
    ident, nfib = struct.unpack_from("<HH", word, 0)
    if ident != WORD_IDENT:
        return FibCheck("corrupt", "Word header (FIB) has a bad signature")
    if not NFIB_WORD6 <= nfib <= NFIB_MAX:
        return FibCheck("corrupt", f"Word header (FIB) names unknown version {nfib:#06x}")
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if flags & F_ENCRYPTED:
        how = "XOR obfuscation" if flags & F_OBFUSCATED else "RC4 encryption"
        return FibCheck("encrypted", f"password-protected Word .doc ({how})")
    fc_min, fc_mac = struct.unpack_from("<II", word, 0x18)
    if fc_min > fc_mac or fc_mac > len(word):
        return FibCheck("corrupt", "Word text range points past the end of the document stream")
    if nfib < NFIB_WORD97:
        return FibCheck("ok", "Word 6.0/95 format")
    table = "1Table" if flags & F_WHICH_TBL_STM else "0Table"
    if table not in names:
        return FibCheck("corrupt", f"Word table stream {table} missing")
    try:
        off = 0x20
        csw = struct.unpack_from("<H", word, off)[0]
        off += 2 + 2 * csw
        cslw = struct.unpack_from("<H", word, off)[0]
        off += 2 + 4 * cslw
        cb_fc_lcb = struct.unpack_from("<H", word, off)[0]
        off += 2
        if cb_fc_lcb < MIN_FC_LCB or off + 8 * cb_fc_lcb > len(word):
            return FibCheck("corrupt", "Word header (FIB) truncated")
        fc_clx, lcb_clx = struct.unpack_from("<II", word, off + 8 * FC_CLX_INDEX)
    except struct.error:
        return FibCheck("corrupt", "Word header (FIB) truncated")
    return FibCheck("ok", table=table, fc_clx=fc_clx, lcb_clx=lcb_clx)


def read_pieces(word: bytes, table: bytes, fc_clx: int, lcb_clx: int) -> tuple[str, str]:
    """Walk the piece table ([MS-DOC] 2.9.38 Clx): every piece must lie inside the
    WordDocument stream. Returns (the first TEXT_CAP characters, "" or why it is corrupt)."""
    end = fc_clx + lcb_clx
    if lcb_clx == 0 or end > len(table):
        return "", "Word piece table points past the end of the table stream"
    pos = fc_clx
    try:
        while table[pos] == 0x01:  # Prc: property modifiers, skipped
            pos += 3 + struct.unpack_from("<h", table, pos + 1)[0]
        if table[pos] != 0x02:
            return "", "Word piece table damaged"
        lcb = struct.unpack_from("<I", table, pos + 1)[0]
        pos += 5
        count = (lcb - 4) // 12
        if lcb < 16 or (lcb - 4) % 12 or pos + lcb > end:
            return "", "Word piece table damaged"
        cps = struct.unpack_from(f"<{count + 1}I", table, pos)
        pcds = pos + 4 * (count + 1)
        parts: list[str] = []
        total = 0
        for i in range(count):
            length = cps[i + 1] - cps[i]
            if length < 0:
                return "", "Word piece table damaged"
            fc = struct.unpack_from("<I", table, pcds + 8 * i + 2)[0]
            compressed = bool(fc & 0x40000000)
            start = (fc & 0x3FFFFFFF) // 2 if compressed else fc
            stop = start + (length if compressed else 2 * length)
            if stop > len(word):
                return "", "Word text points past the end of the document stream"
            if total < TEXT_CAP:
                raw = word[start : min(stop, start + 2 * TEXT_CAP)]
                chunk = raw.decode("cp1252" if compressed else "utf-16-le", errors="replace")
                parts.append(chunk)
                total += len(chunk)
    except (IndexError, struct.error):
        return "", "Word piece table damaged"
    return _clean_word_text("".join(parts)), ""


_WORD_CONTROL = str.maketrans({"\r": "\n", "\x07": "\t", "\x0b": "\n", "\x0c": "\n", "\x1e": "-"})


def _clean_word_text(text: str) -> str:
    text = text.translate(_WORD_CONTROL)
    text = "".join(ch for ch in text if ch >= " " or ch in "\n\t")
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())[:TEXT_CAP]


# --- Excel .xls --------------------------------------------------------------------------


def _check_xls(
    path: Path, ole: olefile.OleFileIO, stream: str, stream_size: int, facts: FileFacts
) -> None:
    if stream_size > MAX_XLS_STREAM:
        facts.add_detail("too large to verify")
        return
    if stream_size <= MAX_XLS_SHEETS_STREAM:
        _read_stream(ole, stream)  # xlrd tolerates a sector chain that ends too early
        if _chain_problem(ole, facts):
            return
    log = io.StringIO()  # xlrd writes its warnings to a log file (stdout by default)
    try:
        book = xlrd.open_workbook(os.fspath(path), logfile=log, on_demand=True, ragged_rows=True)
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            facts.status = "encrypted"
            facts.add_detail("password-protected Excel .xls (FILEPASS record)")
        else:
            _corrupt(facts, f"Excel workbook unreadable: {_exc(exc)}")
        return
    except Exception as exc:  # xlrd raises struct.error, IndexError, ... on damage
        _corrupt(facts, f"Excel workbook unreadable: {_exc(exc)}")
        return
    try:
        if stream_size > MAX_XLS_SHEETS_STREAM:
            return
        items: list[str] = []
        for index in range(min(book.nsheets, MAX_SHEETS)):
            sheet = book.sheet_by_index(index)  # parses the sheet's records
            items.append(f"[{sheet.name}]")
            for row in range(min(sheet.nrows, MAX_ROWS)):
                for value in sheet.row_values(row, 0, min(sheet.ncols, MAX_COLS)):
                    if isinstance(value, float) and value.is_integer():
                        value = int(value)
                    text = str(value).strip()
                    if text and len(items) < MAX_ITEMS:
                        items.append(text)
            book.unload_sheet(index)
        facts.set_text("\n".join(items))
    except Exception as exc:  # a sheet's broken BIFF records
        _corrupt(facts, f"Excel worksheet unreadable: {_exc(exc)}")
    finally:
        book.release_resources()


def _exc(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__)[:200]
