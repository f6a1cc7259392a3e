"""Builders for synthetic evidence files used by test_inspect.py.

Everything is generated in code so the tests need no binary blobs in the repo.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import img2pdf
import pikepdf
from docx import Document
from openpyxl import Workbook
from PIL import Image
from reportlab.pdfgen import canvas

SK_TEXT = "KEPUTUSAN WALIKOTA CONTOH NOMOR 12 TAHUN 2024"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MB = 1024 * 1024


# --- PDF ---------------------------------------------------------------------------------


def pdf_bytes(pages: int = 2, title: str | None = None) -> bytes:
    """A born-digital decree: real text layer on every page."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    if title:
        c.setTitle(title)
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 12)
        c.drawString(72, 760, SK_TEXT)
        c.drawString(72, 740, f"TENTANG GUGUS TUGAS KABUPATEN/KOTA LAYAK ANAK - HALAMAN {n}")
        c.showPage()
    c.save()
    return buf.getvalue()


def text_pdf(path: Path, pages: int = 2, title: str | None = "SK Gugus Tugas KLA") -> Path:
    """reportlab PDF whose /CreationDate is pinned to 2024-03-15 (WIB)."""
    with pikepdf.open(io.BytesIO(pdf_bytes(pages, title))) as pdf:
        pdf.docinfo["/CreationDate"] = "D:20240315093000+07'00'"
        pdf.save(path)
    return path


def image_only_pdf(path: Path) -> Path:
    """A 'scanned' PDF: one page that is only a picture (img2pdf), no text layer."""
    buf = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(buf, "PNG")
    path.write_bytes(img2pdf.convert(buf.getvalue()))
    return path


def _edit_pdf(path: Path, edit: Callable[[pikepdf.Pdf], None], pages: int = 1) -> Path:
    with pikepdf.open(io.BytesIO(pdf_bytes(pages))) as pdf:
        edit(pdf)
        pdf.save(path)
    return path


def js_openaction_pdf(path: Path) -> Path:
    def edit(pdf: pikepdf.Pdf) -> None:
        pdf.Root.OpenAction = pikepdf.Dictionary(
            Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")
        )

    return _edit_pdf(path, edit)


def names_js_pdf(path: Path) -> Path:
    """Document-level JavaScript in the /Names tree, no OpenAction."""

    def edit(pdf: pikepdf.Pdf) -> None:
        action = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("void 0;"))
        )
        names = pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("init"), action]))
        pdf.Root.Names = pikepdf.Dictionary(JavaScript=pdf.make_indirect(names))

    return _edit_pdf(path, edit)


def goto_openaction_pdf(path: Path) -> Path:
    """LibreOffice-style initial-view destination: not active content."""

    def edit(pdf: pikepdf.Pdf) -> None:
        page = pdf.pages[0].obj
        pdf.Root.OpenAction = pikepdf.Array([page, pikepdf.Name.XYZ, None, None, 0])

    return _edit_pdf(path, edit)


def launch_annot_pdf(path: Path, on_page: int = 2) -> Path:
    """A link annotation on a later page whose action launches an executable."""

    def edit(pdf: pikepdf.Pdf) -> None:
        annot = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[72, 700, 300, 720],
            A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")),
        )
        pdf.pages[on_page - 1].obj.Annots = pdf.make_indirect(pikepdf.Array([annot]))

    return _edit_pdf(path, edit, pages=on_page)


def embedded_file_pdf(path: Path) -> Path:
    def edit(pdf: pikepdf.Pdf) -> None:
        pdf.attachments["lampiran.txt"] = pikepdf.AttachedFileSpec(pdf, b"data anak 2024")

    return _edit_pdf(path, edit)


def xmp_only_pdf(path: Path) -> Path:
    """Creation date and title only in XMP (docinfo entries removed)."""

    def edit(pdf: pikepdf.Pdf) -> None:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["xmp:CreateDate"] = "2023-07-01T10:00:00+07:00"
            meta["dc:title"] = "Profil Anak Kota Contoh"
        for key in ("/CreationDate", "/Title"):
            if key in pdf.trailer.Info:
                del pdf.trailer.Info[key]

    return _edit_pdf(path, edit)


def user_password_pdf(path: Path) -> Path:
    with pikepdf.open(io.BytesIO(pdf_bytes())) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="rahasia", owner="pemilik"))
    return path


def owner_only_pdf(path: Path) -> Path:
    """Opens without a password but forbids copying and editing."""
    perms = pikepdf.Permissions(extract=False, modify_other=False, modify_assembly=False)
    with pikepdf.open(io.BytesIO(pdf_bytes())) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="", owner="pemilik", allow=perms))
    return path


def truncated_pdf(path: Path, fraction: float = 0.5) -> Path:
    """An interrupted download: the tail (xref, trailer, %%EOF) is missing."""
    data = pdf_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def truncated_recoverable_pdf(path: Path) -> Path:
    """Cut just before the xref table: every object survives, the end does not."""
    data = pdf_bytes()
    path.write_bytes(data[: data.rfind(b"xref")])
    return path


def broken_xref_pdf(path: Path) -> Path:
    """startxref points nowhere; qpdf reconstructs the table by scanning objects."""
    data = pdf_bytes()
    cut = data.rfind(b"startxref")
    path.write_bytes(data[:cut] + b"startxref\n999999\n%%EOF\n")
    return path


def random_bytes(path: Path, size: int = 4096, seed: int = 7) -> Path:
    data = random.Random(seed).randbytes(size)
    assert b"%PDF-" not in data
    path.write_bytes(b"\x8f" + data)  # leading byte keeps it out of every magic table
    return path


def html_page(path: Path) -> Path:
    path.write_text(
        "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
        "<body><h1>Halaman tidak ditemukan</h1></body></html>\n",
        encoding="utf-8",
    )
    return path


# --- images ------------------------------------------------------------------------------


def exif_jpeg(path: Path, size: tuple[int, int] = (640, 480)) -> Path:
    """Phone photo stored landscape with 'rotate 90 CW' orientation and a capture date."""
    img = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x0132] = "2024:09:01 08:00:00"  # DateTime (modified) must lose to DateTimeOriginal
    exif.get_ifd(0x8769)[0x9003] = "2024:08:17 10:22:01"
    img.save(path, "JPEG", exif=exif, quality=80)
    return path


def plain_png(path: Path) -> Path:
    Image.new("RGB", (120, 80), "blue").save(path, "PNG")
    return path


def truncated_jpeg(path: Path) -> Path:
    buf = io.BytesIO()
    noise = Image.effect_noise((400, 300), 64).convert("RGB")
    noise.save(buf, "JPEG", quality=90)
    data = buf.getvalue()
    path.write_bytes(data[: len(data) // 2])
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(path: Path, side: int = 30_000) -> Path:
    """A valid 1-bit PNG of side x side white pixels: ~110 kB on disk, 900 megapixels."""
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    comp = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * ((side + 7) // 8)  # filter byte + packed bits
    idat = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    png = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat)
    path.write_bytes(png + _png_chunk(b"IEND", b""))
    return path


def large_png(path: Path, size: tuple[int, int] = (8000, 6000)) -> Path:
    """48 MP 1-bit scan: above the full-decode limit, so only its structure is verified."""
    Image.new("1", size, 1).save(path, "PNG")
    return path


def truncated_large_png(path: Path) -> Path:
    data = large_png(path).read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def heic_stub(path: Path) -> Path:
    """Just the ISO-BMFF 'ftyp heic' box an iPhone photo starts with."""
    box = struct.pack(">I", 24) + b"ftypheic" + b"\x00\x00\x00\x00" + b"mif1heic"
    path.write_bytes(box + bytes(64))
    return path


# --- Office ------------------------------------------------------------------------------


def docx_file(path: Path, paragraphs: int = 1) -> Path:
    doc = Document()
    doc.add_paragraph("PEMERINTAH KOTA CONTOH")
    doc.add_paragraph(SK_TEXT)
    for n in range(paragraphs - 1):
        doc.add_paragraph(f"Pasal {n + 1}. Ketentuan tentang hak anak dan perlindungan khusus.")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Nama Kelurahan"
    table.cell(1, 1).text = "Kelurahan Layak Anak"
    doc.core_properties.title = "SK Gugus Tugas"
    doc.core_properties.created = dt.datetime(2024, 3, 15, 9, 30)
    doc.save(path)
    return path


def xlsx_file(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Data Anak"
    ws.append(["DATA JUMLAH ANAK KOTA CONTOH TAHUN 2024"])
    ws.append(["Kecamatan", "Laki-laki", "Perempuan"])
    ws.append(["Kota Utara", 1200, 1180])
    wb.properties.title = "Data Anak 2024"
    wb.properties.created = dt.datetime(2024, 2, 1, 8, 0)
    wb.save(path)
    return path


_MACRO_TYPES = {
    b"wordprocessingml.document.main+xml": b"application/vnd.ms-word.document.macroEnabled"
    b".main+xml",
    b"spreadsheetml.sheet.main+xml": b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
}


def add_macros(src: Path, dst: Path) -> Path:
    """docx->docm / xlsx->xlsm: macro content type plus a vbaProject.bin part."""
    folder = "word" if src.suffix == ".docx" else "xl"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                for plain, macro in _MACRO_TYPES.items():
                    data = data.replace(
                        b"application/vnd.openxmlformats-officedocument." + plain, macro
                    )
                data = data.replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                    b"</Types>",
                )
            zout.writestr(info, data)
        zout.writestr(f"{folder}/vbaProject.bin", OLE_MAGIC + bytes(504))
    return dst


def broken_docx(path: Path) -> Path:
    """Valid zip and content types, but word/document.xml is cut mid-element."""
    good = docx_file(path.with_name("_good_for_broken.docx"))
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(info, data)
    good.unlink()
    return path


def truncated_docx(path: Path) -> Path:
    data = docx_file(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])  # central directory gone
    return path


def zip_bomb_xlsx(path: Path, megabytes: int = 300) -> Path:
    """A real bomb: one sheet of `megabytes` MB of zeros, ~1.4 MB on disk."""
    chunk = bytes(MB)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _XLSX_CT)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for _ in range(megabytes):
                fh.write(chunk)
    return path


def declared_huge_xlsx(path: Path, members: int = 25, each: int = 9 * MB) -> Path:
    """Many tiny members whose central directory *claims* 9 MB each (225 MB in total).

    Each stays under the per-entry ratio rule's 10 MB floor, so only the total trips.
    """
    parts = {f"xl/worksheets/sheet{n}.xml": b"<worksheet/>" * 50 for n in range(1, members + 1)}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", _XLSX_CT)
        for name, data in parts.items():
            zf.writestr(name, data)
    raw = bytearray(path.read_bytes())
    pos = raw.find(b"PK\x01\x02")
    while pos != -1:  # patch each central-directory record's uncompressed size
        name_len = struct.unpack_from("<H", raw, pos + 28)[0]
        name = bytes(raw[pos + 46 : pos + 46 + name_len])
        if name.startswith(b"xl/worksheets/"):
            struct.pack_into("<I", raw, pos + 24, each)
        pos = raw.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(raw))
    return path


_XLSX_CT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)


def pptx_stub(path: Path) -> Path:
    ct = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.presentationml.presentation.main+xml"/></Types>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", ct)
        zf.writestr("ppt/presentation.xml", "<p:presentation/>")
    return path


def no_pages_pdf(path: Path) -> Path:
    with pikepdf.new() as pdf:
        pdf.save(path)
    return path


def junk_prefixed_pdf(path: Path) -> Path:
    """Some generators (and e-mail gateways) put bytes before %PDF-; readers accept it."""
    path.write_bytes(b"\x00" * 100 + b"HTTP junk\r\n" + pdf_bytes(1))
    return path


def zip_of_stored_pdf(path: Path) -> Path:
    """An archive whose first member is an uncompressed PDF: %PDF- sits in the first 1 KiB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("sk.pdf", pdf_bytes(1))
    return path


def plain_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("foto/kegiatan.txt", "bukan dokumen office")
    return path


# --- OLE2 (Compound File Binary) ---------------------------------------------------------


def ole_stub_encrypted(path: Path) -> Path:
    """Crude stand-in from the brief: OLE magic, padding, the UTF-16LE stream name."""
    name = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
    path.write_bytes(OLE_MAGIC + bytes(1024) + name + bytes(512))
    return path


CfbEntry = tuple[str, int] | tuple[str, int, bytes]


def cfb_file(path: Path, entries: list[CfbEntry]) -> Path:
    """A minimal but well-formed v3 compound file: header, FAT, directory chain, streams.

    ``entries`` are (name, type[, data]) with type 1 = storage, 2 = stream; all are children
    of the root. Non-empty streams are zero-padded to 4096 bytes so none lives in the mini
    stream (which this writer does not produce). Six or more entries make the directory
    span two sectors, exercising the FAT chain.
    """
    sect, free, endchain, fatsect = 512, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    all_entries = [("Root Entry", 5, b"")] + [
        (e[0], e[1], e[2] if len(e) > 2 else b"") for e in entries
    ]  # type: ignore[misc]
    datas = [d + bytes(max(0, 4096 - len(d))) if d else b"" for _, _, d in all_entries]
    dir_sectors = (len(all_entries) + 3) // 4
    counts = [(len(d) + sect - 1) // sect for d in datas]
    n_fat = 1
    while n_fat * 128 < n_fat + dir_sectors + sum(counts):
        n_fat += 1
    fat = [fatsect] * n_fat + [n_fat + s + 1 for s in range(dir_sectors - 1)] + [endchain]
    starts: list[int] = []
    nxt = n_fat + dir_sectors
    for count in counts:
        if not count:
            starts.append(endchain)
            continue
        starts.append(nxt)
        fat += [nxt + s + 1 for s in range(count - 1)] + [endchain]
        nxt += count
    fat += [free] * (n_fat * 128 - len(fat))
    header = bytearray(512)
    header[0:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 0x2C, n_fat, n_fat, 0, 4096)
    struct.pack_into("<IIII", header, 0x3C, endchain, 0, endchain, 0)
    struct.pack_into("<109I", header, 0x4C, *range(n_fat), *[free] * (109 - n_fat))
    directory = bytearray()
    for idx, (name, kind, _) in enumerate(all_entries):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 0x40, len(encoded), kind, 1)
        right = idx + 1 if 0 < idx < len(all_entries) - 1 else free
        child = 1 if idx == 0 and len(all_entries) > 1 else free
        struct.pack_into("<III", entry, 0x44, free, right, child)
        struct.pack_into("<II", entry, 0x74, starts[idx], len(datas[idx]))
        directory += entry
    directory += bytes(dir_sectors * sect - len(directory))
    body = b"".join(d + bytes(-len(d) % sect) for d in datas)
    path.write_bytes(bytes(header) + struct.pack(f"<{n_fat * 128}I", *fat) + directory + body)
    return path


def encrypted_ooxml(path: Path) -> Path:
    return cfb_file(
        path,
        [
            ("\x06DataSpaces", 1),
            ("Version", 2),
            ("DataSpaceMap", 2),
            ("DataSpaceInfo", 1),
            ("EncryptionInfo", 2),
            ("EncryptedPackage", 2),  # sixth entry: lives in the second directory sector
        ],
    )


DOC_TEXT = "PEMERINTAH KOTA CONTOH\r" + SK_TEXT + "\r"
FC_MIN = 0x400


def word_streams(
    text: str = DOC_TEXT, *, encryption: str | None = None, nfib: int = 0xC1
) -> tuple[bytes, bytes]:
    """(WordDocument, 1Table) of a minimal Word 97 document ([MS-DOC]): a FIB, the text as
    one 8-bit piece at 0x400, and a piece table (Clx). ``encryption`` "rc4" or "xor" sets
    the FIB fEncrypted (and fObfuscated) flags the way Word does for a password."""
    raw = text.encode("cp1252")
    flags = 0x0200  # fWhichTblStm: the table stream is 1Table
    if encryption:
        flags |= 0x0100 | (0x8000 if encryption == "xor" else 0)
    fib = bytearray(FC_MIN)
    struct.pack_into("<HHHHHHH", fib, 0, 0xA5EC, nfib, 0, 0x0409, 0, flags, 0xBF)
    struct.pack_into("<I", fib, 0x0E, 52 if encryption == "rc4" else 0)  # lKey
    struct.pack_into("<II", fib, 0x18, FC_MIN, FC_MIN + len(raw))  # fcMin, fcMac
    struct.pack_into("<H", fib, 0x20, 14)  # csw
    struct.pack_into("<H", fib, 0x3E, 22)  # cslw
    struct.pack_into("<II", fib, 0x40, FC_MIN + len(raw), 0)  # cbMac
    struct.pack_into("<I", fib, 0x4C, len(raw))  # ccpText
    struct.pack_into("<H", fib, 0x98, 0x5D)  # cbRgFcLcb
    pcd = struct.pack("<HIH", 0, (FC_MIN * 2) | 0x40000000, 0)
    clx = b"\x02" + struct.pack("<I", 16) + struct.pack("<II", 0, len(raw)) + pcd
    struct.pack_into("<II", fib, 0x9A + 8 * 33, 0, len(clx))  # fcClx, lcbClx
    table = clx
    if encryption == "rc4":  # EncryptionHeader (RC4 CryptoAPI 4.2) where the Clx would be
        table = struct.pack("<HH", 4, 2) + random.Random(3).randbytes(48)
    return bytes(fib) + raw, table


def legacy_doc(
    path: Path, macros: bool = False, *, encryption: str | None = None, nfib: int = 0xC1
) -> Path:
    word, table = word_streams(encryption=encryption, nfib=nfib)
    entries: list[CfbEntry] = [
        ("WordDocument", 2, word),
        ("1Table", 2, table),
        ("\x05SummaryInformation", 2),
    ]
    if macros:
        entries += [("Macros", 1), ("VBA", 1)]
    return cfb_file(path, entries)


def biff_records(stream: bytes) -> list[tuple[int, bytes]]:
    out = []
    pos = 0
    while pos + 4 <= len(stream):
        rec, length = struct.unpack_from("<HH", stream, pos)
        out.append((rec, stream[pos + 4 : pos + 4 + length]))
        pos += 4 + length
        if rec == 0x000A and pos >= len(stream.rstrip(b"\x00")):
            break
    return out


def xls_workbook_stream() -> bytes:
    """The Workbook stream of a small BIFF8 workbook written by xlwt."""
    import olefile
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Data Anak")
    sheet.write(0, 0, "DATA JUMLAH ANAK KOTA CONTOH TAHUN 2024")
    sheet.write(1, 0, "Kota Utara")
    sheet.write(1, 1, 1200)
    buf = io.BytesIO()
    book.save(buf)
    with olefile.OleFileIO(buf.getvalue()) as ole, ole.openstream("Workbook") as fh:
        return bytes(fh.read())


def with_filepass(stream: bytes, kind: str) -> bytes:
    """Insert a FILEPASS record after the globals' BOF, as Excel does for a password
    ("xor": XOR obfuscation, "rc4": RC4), fixing the sheet offsets in BOUNDSHEET."""
    rand = random.Random(5).randbytes
    body = (
        struct.pack("<HHH", 0, 0x1234, 0x5678)
        if kind == "xor"
        else struct.pack("<HHH", 1, 1, 1) + rand(48)
    )
    filepass = struct.pack("<HH", 0x002F, len(body)) + body
    out = bytearray()
    for n, (rec, data) in enumerate(biff_records(stream)):
        if rec == 0x0085:  # BOUNDSHEET: lbPlyPos first
            data = struct.pack("<I", struct.unpack_from("<I", data)[0] + len(filepass)) + data[4:]
        out += struct.pack("<HH", rec, len(data)) + data
        if n == 0:
            out += filepass
    return bytes(out)


def legacy_xls(path: Path, *, filepass: str | None = None, macros: bool = False) -> Path:
    stream = xls_workbook_stream()
    if filepass:
        stream = with_filepass(stream, filepass)
    entries: list[CfbEntry] = [("Workbook", 2, stream), ("\x05SummaryInformation", 2)]
    if macros:
        entries.append(("_VBA_PROJECT_CUR", 1))
    return cfb_file(path, entries)


def broken_biff_xls(path: Path) -> Path:
    """The sheet's first cell record claims to be longer than the sheet substream."""
    stream = bytearray(xls_workbook_stream())
    records = biff_records(bytes(stream))
    pos = 0
    for rec, data in records:
        if rec in (0x00FD, 0x0204, 0x0203, 0x027E):  # LABELSST, LABEL, NUMBER, RK
            struct.pack_into("<H", stream, pos + 2, 0xFFF0)
            break
        pos += 4 + len(data)
    return cfb_file(path, [("Workbook", 2, bytes(stream))])


def biff4_xls(path: Path) -> Path:
    """A genuine Excel 4.0 worksheet: a raw BIFF4 stream, no OLE2 container."""
    records = [
        (0x0409, struct.pack("<HHH", 0, 0x0010, 0)),  # BOF: BIFF4 worksheet
        (0x0042, struct.pack("<H", 1252)),  # CODEPAGE
        (0x0200, struct.pack("<HHHHH", 0, 1, 0, 1, 0)),  # DIMENSIONS
        (0x0203, struct.pack("<HHHd", 0, 0, 15, 2024.0)),  # NUMBER A1 = 2024
        (0x000A, b""),  # EOF
    ]
    path.write_bytes(b"".join(struct.pack("<HH", r, len(d)) + d for r, d in records))
    return path


def truncated(src: Path, dst: Path, fraction: float = 0.5) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: int(len(data) * fraction)])
    return dst


def patched(src: Path, dst: Path, offset: int, new: bytes) -> Path:
    data = bytearray(src.read_bytes())
    data[offset : offset + len(new)] = new
    dst.write_bytes(bytes(data))
    return dst


# --- PDF with damaged content ------------------------------------------------------------


def _damaged_flate(data: bytes) -> bytes:
    packed = bytearray(zlib.compress(data))
    for i in range(10, min(40, len(packed) - 4)):
        packed[i] ^= 0x5A  # invalid code lengths: zlib (and qpdf) refuse it
    return bytes(packed)


def damaged_content_pdf(path: Path, pages: int = 3, bad_page: int = 2) -> Path:
    """Page ``bad_page``'s content stream is Flate data that cannot be inflated."""

    def edit(pdf: pikepdf.Pdf) -> None:
        stream = pikepdf.Stream(pdf, _damaged_flate(b"0 0 m 100 100 l S\n" * 200))
        stream.Filter = pikepdf.Name.FlateDecode
        pdf.pages[bad_page - 1].obj.Contents = stream

    return _edit_pdf(path, edit, pages=pages)


def damaged_image_pdf(path: Path, jpeg: bool = False) -> Path:
    """A one-page scan whose image is broken: bad Flate data, or 'JPEG' bytes that are not."""

    def edit(pdf: pikepdf.Pdf) -> None:
        data = b"\x00\x01garbage" * 500 if jpeg else _damaged_flate(bytes(300 * 400))
        image = pikepdf.Stream(pdf, data)
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = 300, 400, 8
        image.ColorSpace = pikepdf.Name.DeviceGray
        image.Filter = pikepdf.Name.DCTDecode if jpeg else pikepdf.Name.FlateDecode
        page = pdf.pages[0].obj
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.Contents = pikepdf.Stream(pdf, b"q 300 0 0 400 0 0 cm /Im0 Do Q")

    return _edit_pdf(path, edit)


def big_content_pdf(path: Path, megabytes: float = 3.3) -> Path:
    """One page with a ~3.3 MB (decoded) content stream of vector strokes."""
    line = b"10 10 m 500 700 l S\n"
    body = line * int(megabytes * MB / len(line))

    def edit(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].obj.Contents = pikepdf.Stream(pdf, body)

    return _edit_pdf(path, edit)


def flate_bomb_pdf(path: Path, megabytes: int = 512) -> Path:
    """A content stream that inflates to ``megabytes`` MB of spaces (~0.5 MB on disk)."""
    comp = zlib.compressobj(9)
    chunk = b" " * MB
    packed = b"".join(comp.compress(chunk) for _ in range(megabytes)) + comp.flush()

    def edit(pdf: pikepdf.Pdf) -> None:
        stream = pikepdf.Stream(pdf, packed)
        stream.Filter = pikepdf.Name.FlateDecode
        pdf.pages[0].obj.Contents = stream

    return _edit_pdf(path, edit)


def attachments_only_encrypted_pdf(path: Path, user: str = "rahasia") -> Path:
    """Acrobat's "encrypt only file attachments": pages and strings use the /Identity crypt
    filter, embedded files /StdCF (crypt filter /EFF), so only attachments need ``user``.

    pikepdf cannot write that, so the plain file gets an incremental update adding the
    /Encrypt dictionary of an AES-128 (R4) save of the same file with the same static /ID.
    """
    with pikepdf.open(io.BytesIO(pdf_bytes(1))) as pdf:
        pdf.attachments["lampiran.txt"] = pikepdf.AttachedFileSpec(pdf, b"data anak 2024")
        plain, locked = io.BytesIO(), io.BytesIO()
        mode = pikepdf.ObjectStreamMode.disable
        pdf.save(plain, static_id=True, object_stream_mode=mode)
        enc = pikepdf.Encryption(user=user, owner="pemilik", R=4, aes=True, metadata=False)
        pdf.save(locked, static_id=True, object_stream_mode=mode, encryption=enc)
    data = locked.getvalue()
    ref = re.search(rb"/Encrypt (\d+) 0 R", data)
    assert ref
    found = re.search(rb"\n%s 0 obj\s*(<<.*?>>)\s*endobj" % ref.group(1), data, re.S)
    assert found
    encrypt = (
        found.group(1)
        .replace(b"/AuthEvent /DocOpen", b"/AuthEvent /EFOpen")
        .replace(b"/StmF /StdCF /StrF /StdCF", b"/StmF /Identity /StrF /Identity /EFF /StdCF")
    )
    body = plain.getvalue()
    with pikepdf.open(io.BytesIO(body)) as pdf:
        size = int(pdf.trailer.Size)
        root, info = pdf.Root.objgen, pdf.trailer.Info.objgen
        ids = b" ".join(b"<" + bytes(x).hex().encode() + b">" for x in pdf.trailer.ID)
    prev = int(re.findall(rb"startxref\s+(\d+)", body)[-1])
    obj = b"%d 0 obj\n%s\nendobj\n" % (size, encrypt)
    xref = b"xref\n%d 1\n%010d 00000 n \n" % (size, len(body))
    trailer = b"trailer\n<< /Size %d /Root %d %d R /Info %d %d R /ID [%s] /Encrypt %d 0 R " % (
        size + 1,
        *root,
        *info,
        ids,
        size,
    )
    tail = b"/Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (prev, len(body) + len(obj))
    path.write_bytes(body + obj + xref + trailer + tail)
    return path
