"""Deterministic synthetic evidence documents (PDF, scan, photo, DOCX, XLSX).

Used by the tests, the benchmark generators (``bench/``) and ``scripts/make_sample_dossier.py``.
Test support only: it lives under ``tests/`` so that it does not ship in the wheel.
Every builder writes only to the path it is given and is byte-reproducible: the same
call gives the same bytes (for the same library versions), because nothing depends on
the clock, the environment or global random state.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import img2pdf
import pikepdf
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas as rl_canvas

__all__ = [
    "KECAMATAN",
    "MANIFEST_HEADERS",
    "REGION",
    "data_xlsx",
    "encrypted_pdf",
    "manifest_xlsx",
    "minutes_docx",
    "photo_jpeg",
    "scanned_pdf",
    "text_pdf",
]

REGION = "Kota Contoh"
KECAMATAN = (
    "Contoh Utara",
    "Contoh Selatan",
    "Contoh Timur",
    "Contoh Barat",
    "Contoh Tengah",
)
MANIFEST_HEADERS = ("berkas", "indikator", "jenis", "tahun", "catatan")

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

# MS Office itself stores 1980-01-01 for every zip member; we do the same.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_PRODUCER = "kladoc.synth (dokumen sintetis)"
_LEGAL_KINDS = ("KEPUTUSAN", "PERATURAN", "INSTRUKSI")
_NO_NIP = ("WALI KOTA", "WALIKOTA", "BUPATI", "KEPALA DESA")  # elected: no civil-service NIP
_REG, _BOLD = "Helvetica", "Helvetica-Bold"
_PAGE_W, _PAGE_H = A4
_MARGIN_X, _MARGIN_TOP, _MARGIN_BOTTOM = 72.0, 60.0, 64.0

_PEJABAT = (
    "Dr. H. Ahmad Santoso, M.Si.",
    "Sri Wahyuni, S.Sos., M.AP.",
    "Budi Prasetyo, S.T., M.T.",
    "dr. Rina Kartikasari, M.Kes.",
    "Drs. Agus Salim, M.Pd.",
    "Hj. Nurul Hidayah, S.H., M.H.",
    "Yohanes Manurung, S.E., M.Si.",
    "Made Ayu Lestari, S.Psi.",
)
_NAMA = (
    "Andi Saputra", "Dewi Anggraini", "Rudi Hartono", "Siti Rahmawati", "Yusuf Maulana",
    "Fitri Handayani", "Bambang Sutrisno", "Lestari Purba", "Hendra Wijaya", "Maria Goreti",
    "Ketut Suardana", "Nur Aisyah", "Rahmat Hidayat", "Wulan Sari", "Fajar Nugroho",
    "Intan Permata", "Dedi Kurniawan", "Ratna Sari Dewi", "Teguh Santoso", "Ayu Lestari",
)  # fmt: skip
_JABATAN = (
    "Ketua", "Wakil Ketua", "Sekretaris", "Anggota", "Anggota", "Anggota", "Anggota",
)  # fmt: skip


def _seed_of(*parts: object) -> int:
    # crc32 rather than hash(): str hashing is salted per process.
    return zlib.crc32("\x1f".join(map(str, parts)).encode("utf-8"))


def _prepare(path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


# --------------------------------------------------------------------------- PDF (text)


@dataclass(frozen=True)
class _Row:
    text: str
    font: str = _REG
    size: float = 11.0
    x: float = 0.0  # offset from the left margin
    align: str = "left"  # left | center
    label: str = ""  # drawn at label_x on the first wrapped line only
    label_x: float = 0.0
    gap: float = 0.0  # extra space above
    marker: str = ""  # list marker ("a.", "1.") hung just left of the text column


def _wrap(row: _Row) -> list[_Row]:
    width = _PAGE_W - 2 * _MARGIN_X - row.x
    parts = simpleSplit(row.text, row.font, row.size, width) or [""]
    first = row
    rest = replace(row, label="", marker="", gap=0.0)
    return [replace(first if i == 0 else rest, text=p) for i, p in enumerate(parts)]


def _paginate(blocks: Sequence[tuple[bool, list[_Row]]], first_top: float) -> list[list[_Row]]:
    """Split rows into pages; a block flagged ``keep`` is never split across pages."""
    pages: list[list[_Row]] = [[]]
    y = first_top
    bottom = _MARGIN_BOTTOM
    for keep, rows in blocks:
        wrapped = [w for r in rows for w in _wrap(r)]
        if keep:
            need = sum(r.size * 1.45 + r.gap for r in wrapped)
            if y - need < bottom and pages[-1]:
                pages.append([])
                y = _PAGE_H - _MARGIN_TOP
        for r in wrapped:
            step = r.size * 1.45 + r.gap
            if y - step < bottom:
                pages.append([])
                y = _PAGE_H - _MARGIN_TOP
                r = replace(r, gap=0.0)
                step = r.size * 1.45
            pages[-1].append(r)
            y -= step
    return pages


_ORDINALS = (
    "KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA",
    "KEENAM", "KETUJUH", "KEDELAPAN", "KESEMBILAN", "KESEPULUH",
)  # fmt: skip


def _ordinal(i: int) -> str:
    return _ORDINALS[i] if i < len(_ORDINALS) else str(i + 1)


def _number_for(doc_kind: str, year: int | None, seed: int) -> str | None:
    n = seed % 90 + 5
    if doc_kind.startswith("PERATURAN"):
        return f"{n} TAHUN {year}" if year else f"{n} TAHUN ...."
    if doc_kind.startswith(_LEGAL_KINDS):
        return f"188.45/{n}/{year}" if year else f"188.45/{n}/HK"
    return None


def _office_for(authority: str) -> str:
    a = authority.upper()
    if a.startswith(("WALI KOTA", "WALIKOTA", "BUPATI")):
        return "SEKRETARIAT DAERAH"
    return a.removesuffix(f" {REGION.upper()}").removeprefix("KEPALA ").strip()


def _signature_rows(
    authority: str, year: int | None, day_month: tuple[int, int], legal: bool, signer: str
) -> list[_Row]:
    x = (_PAGE_W - 2 * _MARGIN_X) * 0.5
    day, month = day_month
    when = f"{day} {BULAN[month - 1]} {year}" if year else "......................"
    rows = (
        [_Row(f"Ditetapkan di {REGION}", x=x, gap=14), _Row(f"pada tanggal {when}", x=x)]
        if legal
        else [_Row(f"{REGION}, {when}", x=x, gap=14)]
    )
    rows.append(_Row(f"{authority},", _BOLD, x=x, gap=4))
    rows.append(_Row("ttd.", x=x, gap=30))  # scribble + stamp are drawn around this row
    rows.append(_Row(signer, _BOLD, x=x, gap=8))
    if not authority.upper().startswith(_NO_NIP):
        # An NIP carries birth/appointment years: realistic noise for year detection.
        rows.append(_Row(f"NIP. 1970{day:02d}{month:02d} 199803 1 00{day % 9 + 1}", x=x))
    return rows


def _annex_rows(index: int, title: str, seed: int) -> list[_Row]:
    rng = random.Random(seed + index)
    rows = [
        _Row(f"LAMPIRAN {index}", _BOLD, align="center"),
        _Row(f"SUSUNAN DAN RINCIAN {title.upper()}", _BOLD, 10, align="center"),
        _Row("Nama, Jabatan / Instansi", _BOLD, 10, x=28, label="No.", gap=8),
    ]
    for i in range(1, 25):
        who = f"{rng.choice(_NAMA)}, {rng.choice(_JABATAN)} - Perangkat Daerah {rng.randint(1, 30)}"
        rows.append(_Row(who, size=10, x=28, label=f"{i}."))
    return rows


def _build_text_pdf(
    *,
    title: str,
    body_lines: Sequence[str],
    pages: int,
    year: int | None,
    doc_kind: str,
    authority: str,
    number: str | None,
    day_month: tuple[int, int],
) -> bytes:
    kind = doc_kind.upper()
    legal = kind.startswith(_LEGAL_KINDS)
    # "KEPUTUSAN" + authority, or a full heading such as "PERATURAN DAERAH KOTA CONTOH".
    heading = f"{kind} {authority}" if " " not in kind else kind
    seed = _seed_of(title, kind, authority, year)
    signer = _PEJABAT[seed % len(_PEJABAT)]
    number = number if number is not None else _number_for(kind, year, seed)
    ind = 92.0  # text column after labels such as "Menimbang :"

    head: list[_Row] = []
    if legal:
        head.append(_Row(heading, _BOLD, 12, align="center"))
        head.append(_Row(f"NOMOR {number}", _BOLD, 12, align="center"))
        head.append(_Row("TENTANG", _BOLD, 12, align="center", gap=4))
        head.append(_Row(title.upper(), _BOLD, 12, align="center"))
        head.append(_Row("DENGAN RAHMAT TUHAN YANG MAHA ESA", _BOLD, 11, align="center", gap=12))
        head.append(_Row(f"{authority},", _BOLD, 11, align="center"))
    else:
        head.append(_Row(kind, _BOLD, 13, align="center"))
        head.append(_Row(title.upper(), _BOLD, 12, align="center"))
        if year:
            head.append(_Row(f"TAHUN {year}", _BOLD, 12, align="center"))
        if number:
            head.append(_Row(f"NOMOR {number}", size=11, align="center"))

    blocks: list[tuple[bool, list[_Row]]] = [(True, head)]
    if legal:
        considering = [
            ("Menimbang  :", "a.", 14.0,
             f"bahwa dalam rangka pemenuhan hak dan perlindungan khusus anak di {REGION}, "
             f"perlu pengaturan mengenai {title};"),
            ("", "b.", 0.0,
             "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu "
             f"menetapkan {heading.title()} tentang {title};"),
            ("Mengingat   :", "1.", 8.0,
             "Undang-Undang Nomor 23 Tahun 2002 tentang Perlindungan Anak sebagaimana "
             "telah diubah dengan Undang-Undang Nomor 35 Tahun 2014;"),
            ("", "2.", 0.0, "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;"),
            ("", "3.", 0.0,
             "Peraturan Presiden Nomor 25 Tahun 2021 tentang Kebijakan Kabupaten/Kota Layak Anak;"),
        ]  # fmt: skip
        blocks.append(
            (
                False,
                [_Row(t, x=ind + 16, label=lb, marker=mk, gap=g) for lb, mk, g, t in considering],
            )
        )
        decide = f"{heading} TENTANG {title.upper()}."
        blocks.append(
            (True, [
                _Row("MEMUTUSKAN:", _BOLD, align="center", gap=10),
                _Row(decide, x=ind, label="Menetapkan  :", gap=4),
            ])
        )  # fmt: skip
        diktum = [
            _Row(line, x=ind, label=f"{_ordinal(i)}  :", gap=6) for i, line in enumerate(body_lines)
        ]
        blocks.append((False, diktum))
    else:
        blocks.append((False, [_Row(line, gap=6) for line in body_lines]))

    blocks.append((True, _signature_rows(authority, year, day_month, legal, signer)))

    kop_bottom = _PAGE_H - _MARGIN_TOP - 78
    laid = _paginate(blocks, kop_bottom)
    annex = 1
    while len(laid) < pages:
        laid.append([w for r in _annex_rows(annex, title, seed) for w in _wrap(r)])
        annex += 1

    buf = io.BytesIO()
    # invariant=1 keeps reportlab from embedding the wall clock; the final Info
    # dates and /ID are set later by pikepdf anyway.
    c = rl_canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    total = len(laid)
    for pno, rows in enumerate(laid, start=1):
        y = _PAGE_H - _MARGIN_TOP
        if pno == 1:
            _draw_kop(c, authority)
            y = kop_bottom
        for r in rows:
            y -= r.size * 1.45 + r.gap
            c.setFont(r.font, r.size)
            if r.align == "center":
                c.drawCentredString(_PAGE_W / 2, y, r.text)
            else:
                c.drawString(_MARGIN_X + r.x, y, r.text)
            if r.label:
                c.drawString(_MARGIN_X + r.label_x, y, r.label)
            if r.marker:
                c.drawString(_MARGIN_X + r.x - 16, y, r.marker)
            if r.text == "ttd.":
                _draw_signature(c, _MARGIN_X + r.x, y, seed)
        c.setFont(_REG, 9)
        c.drawCentredString(_PAGE_W / 2, 30, f"Halaman {pno} dari {total}")
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw_kop(c: rl_canvas.Canvas, authority: str) -> None:
    top = _PAGE_H - _MARGIN_TOP
    # A simple shield stands in for the regional emblem.
    c.setLineWidth(1.2)
    path = c.beginPath()
    path.moveTo(_MARGIN_X, top)
    path.lineTo(_MARGIN_X + 44, top)
    path.lineTo(_MARGIN_X + 44, top - 34)
    path.curveTo(_MARGIN_X + 44, top - 50, _MARGIN_X + 22, top - 58, _MARGIN_X + 22, top - 58)
    path.curveTo(_MARGIN_X + 22, top - 58, _MARGIN_X, top - 50, _MARGIN_X, top - 34)
    path.close()
    c.drawPath(path)
    c.circle(_MARGIN_X + 22, top - 24, 10)
    cx = _PAGE_W / 2 + 24
    c.setFont(_BOLD, 14)
    c.drawCentredString(cx, top - 12, f"PEMERINTAH {REGION.upper()}")
    c.setFont(_BOLD, 13)
    c.drawCentredString(cx, top - 30, _office_for(authority))
    c.setFont(_REG, 9)
    c.drawCentredString(cx, top - 45, f"Jl. Merdeka No. 1, {REGION} 12345 - Telp. (021) 555-0100")
    c.drawCentredString(
        cx, top - 56, "Laman: contohkota.go.id - Pos-el: sekretariat@contohkota.go.id"
    )
    c.setLineWidth(2.2)
    c.line(_MARGIN_X, top - 64, _PAGE_W - _MARGIN_X, top - 64)
    c.setLineWidth(0.6)
    c.line(_MARGIN_X, top - 67.5, _PAGE_W - _MARGIN_X, top - 67.5)


def _draw_signature(c: rl_canvas.Canvas, x: float, y: float, seed: int) -> None:
    rng = random.Random(seed)
    c.saveState()
    c.setStrokeColorRGB(0.1, 0.15, 0.55)
    c.setLineWidth(1.1)
    p = c.beginPath()
    p.moveTo(x + 40, y + 4)
    for i in range(4):
        x0 = x + 50 + i * 22
        p.curveTo(x0, y + 22 + rng.uniform(-4, 4), x0 + 12, y - 8, x0 + 20, y + 8)
    c.drawPath(p)
    # Wet-stamp ring overlapping the signature, as verifiers expect.
    c.setStrokeColorRGB(0.45, 0.2, 0.65)
    c.circle(x + 30, y + 6, 26)
    c.circle(x + 30, y + 6, 20)
    c.restoreState()


def _pdf_date(year: int, day_month: tuple[int, int]) -> str:
    day, month = day_month
    return f"D:{year:04d}{month:02d}{day:02d}090000+07'00'"


def _finish_pdf(
    raw: bytes,
    path: Path,
    *,
    title: str,
    author: str,
    year: int | None,
    day_month: tuple[int, int],
    rotate: int = 0,
    encryption: pikepdf.Encryption | None = None,
) -> None:
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        info = pdf.docinfo
        for key in list(info.keys()):
            del info[key]
        info["/Title"] = title
        info["/Author"] = author
        info["/Creator"] = "Microsoft Word 2016"
        info["/Producer"] = _PRODUCER
        if year:
            info["/CreationDate"] = info["/ModDate"] = _pdf_date(year, day_month)
        # qpdf keeps the input's first /ID element, and reportlab seeds it from
        # SOURCE_DATE_EPOCH; drop it so the ID depends on the content only.
        if "/ID" in pdf.trailer:
            del pdf.trailer["/ID"]
        if rotate:
            for page in pdf.pages:
                page.obj.Rotate = rotate % 360
        if encryption is None:
            pdf.save(path, deterministic_id=True)
        else:
            # qpdf refuses deterministic IDs when encrypting; a static ID plus RC4
            # (AES would draw a random IV) keeps the bytes reproducible.
            pdf.save(path, encryption=encryption, static_id=True)


def _write_text_pdf(
    path: Path,
    *,
    encryption: pikepdf.Encryption | None,
    title: str,
    body_lines: Sequence[str] | None = None,
    pages: int = 1,
    year: int | None = None,
    doc_kind: str = "KEPUTUSAN",
    authority: str = "WALI KOTA CONTOH",
    number: str | None = None,
    rotate: int = 0,
    day_month: tuple[int, int] = (12, 3),
) -> Path:
    path = _prepare(path)
    if body_lines is None:
        body_lines = [
            f"Menetapkan {title} sebagaimana tercantum dalam Lampiran yang merupakan bagian "
            "tidak terpisahkan dari dokumen ini.",
            "Segala biaya yang timbul akibat ditetapkannya dokumen ini dibebankan pada "
            "Anggaran Pendapatan dan Belanja Daerah.",
            "Dokumen ini mulai berlaku pada tanggal ditetapkan.",
        ]
    raw = _build_text_pdf(
        title=title,
        body_lines=body_lines,
        pages=max(1, pages),
        year=year,
        doc_kind=doc_kind,
        authority=authority,
        number=number,
        day_month=day_month,
    )
    _finish_pdf(
        raw,
        path,
        title=title,
        author=authority.title(),
        year=year,
        day_month=day_month,
        rotate=rotate,
        encryption=encryption,
    )
    return path


def text_pdf(
    path: Path,
    *,
    title: str,
    body_lines: Sequence[str] | None = None,
    pages: int = 1,
    year: int | None = None,
    doc_kind: str = "KEPUTUSAN",
    authority: str = "WALI KOTA CONTOH",
    number: str | None = None,
    rotate: int = 0,
    day_month: tuple[int, int] = (12, 3),
) -> Path:
    """Write a text-layer PDF shaped like an Indonesian government document.

    A ``doc_kind`` starting with KEPUTUSAN/PERATURAN/INSTRUKSI gets the legal layout
    (NOMOR, TENTANG, Menimbang, Mengingat, MEMUTUSKAN, diktum, "Ditetapkan di"); a
    one-word kind is headed "<kind> <authority>", a longer one ("PERATURAN DAERAH KOTA
    CONTOH") is the heading itself. Any other kind (LAPORAN, NOTA KESEPAHAMAN,
    SERTIFIKAT, ...) gets a report layout. ``body_lines`` become the
    diktum (legal) or paragraphs (report). ``pages`` is a minimum: short bodies are
    padded with annex pages. ``year=None`` leaves the number, the signing date and the
    PDF Info dates without a year (a draft), though the Mengingat citations still carry
    years, as real documents do. ``rotate`` sets /Rotate on every page without turning
    the content. ``day_month`` is the signing date.
    """
    return _write_text_pdf(
        path,
        encryption=None,
        title=title,
        body_lines=body_lines,
        pages=pages,
        year=year,
        doc_kind=doc_kind,
        authority=authority,
        number=number,
        rotate=rotate,
        day_month=day_month,
    )


def encrypted_pdf(
    path: Path,
    *,
    user_password: str = "rahasia",
    owner_password: str = "pemilik-kladoc",
    **text_pdf_kwargs: Any,
) -> Path:
    """Write a :func:`text_pdf` (same keyword arguments) that needs ``user_password``.

    RC4-128 (PDF 1.5 security handler R4), because qpdf draws a random IV for AES and
    the output must be reproducible.
    """
    text_pdf_kwargs.setdefault("title", "Dokumen Terproteksi")
    enc = pikepdf.Encryption(
        owner=owner_password, user=user_password, R=4, aes=False, metadata=False
    )
    return _write_text_pdf(path, encryption=enc, **text_pdf_kwargs)


# --------------------------------------------------------------------------- scans


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's bundled default font: identical on every machine with the same Pillow.
    return ImageFont.load_default(size=size)


@lru_cache(maxsize=4)
def _paper(width: int, height: int) -> Image.Image:
    """Grey paper grain plus a scanner-lid shadow; cached because it is the slow part."""
    rng = random.Random(width * 7919 + height)
    noise = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    noise = noise.filter(ImageFilter.GaussianBlur(0.7)).point(lambda v: 226 + v * 29 // 255)
    shade = Image.linear_gradient("L").rotate(90).resize((width, height))
    shade = shade.point(lambda v: 255 - max(0, v - 215))  # darker towards one edge
    return ImageChops.multiply(noise, shade)


def _a4_px(dpi: int) -> tuple[int, int]:
    return round(8.27 * dpi), round(11.69 * dpi)


def scanned_pdf(
    path: Path,
    *,
    lines: Sequence[str],
    year: int | None = None,
    pages: int = 1,
    dpi: int = 150,
    seed: int = 0,
) -> Path:
    """Write an image-only PDF that looks like a greyscale office scan (no text layer).

    ``lines`` are rendered into the page images; all-caps lines are centred like a
    heading. With ``year`` a dated closing line is added and the PDF Info dates are
    set to that year, as scanner software would; with ``year=None`` the file carries
    no date at all. ``pages`` is a minimum, as for :func:`text_pdf`.
    """
    path = _prepare(path)
    w, h = _a4_px(dpi)
    size = max(8, round(11 * dpi / 72))
    step = round(size * 1.6)
    margin = round(dpi * 0.9)
    per_page = max(1, (h - 2 * margin) // step - 2)
    body = list(lines)
    if year:
        body += ["", f"{REGION}, 12 Maret {year}"]
    chunks = [body[i : i + per_page] for i in range(0, len(body), per_page)] or [[]]
    while len(chunks) < pages:
        chunks.append([f"Lampiran halaman {len(chunks) + 1}", "", *body[:5]])
    rng = random.Random(_seed_of(seed, *body))
    font = _font(size)
    jpegs: list[bytes] = []
    for pno, chunk in enumerate(chunks, start=1):
        ink = Image.new("L", (w, h), 255)
        draw = ImageDraw.Draw(ink)
        y = margin
        for line in chunk:
            if line and line == line.upper() and any(ch.isalpha() for ch in line):
                draw.text((w // 2, y), line, fill=30, font=font, anchor="ma")
            else:
                draw.text((margin, y), line, fill=35, font=font)
            y += step
        draw.text((w // 2, h - margin // 2), f"- {pno} -", fill=60, font=font, anchor="ma")
        # Skew only the ink; nearest-neighbour is ~7x faster than bilinear and its
        # stair-stepping looks like a cheap scanner anyway.
        ink = ink.rotate(rng.uniform(-0.9, 0.9), resample=Image.Resampling.NEAREST, fillcolor=255)
        page = ImageChops.multiply(ink, _paper(w, h))
        out = io.BytesIO()
        page.save(out, "JPEG", quality=55, dpi=(dpi, dpi))
        jpegs.append(out.getvalue())
    kwargs: dict[str, object] = {"producer": "Canon iR-ADV C3530 (kladoc.synth)"}
    if year:
        kwargs["creationdate"] = kwargs["moddate"] = datetime.fromisoformat(
            f"{year}-03-12T09:00:00+07:00"
        )
    else:
        kwargs["nodate"] = True
    # The internal engine derives /ID from the content; the pikepdf engine would not.
    pdf = img2pdf.convert(
        jpegs,
        engine=img2pdf.Engine.internal,
        layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)),
        **kwargs,
    )
    path.write_bytes(pdf)
    return path


# --------------------------------------------------------------------------- photos

# Inverse of the transform a viewer applies for each EXIF orientation.
_TO_SENSOR = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


@lru_cache(maxsize=32)
def _backdrop(w: int, h: int, variant: int) -> Image.Image:
    """Sky and ground gradients; cached (few variants) because full-size fills dominate."""
    rng = random.Random(variant)
    horizon = int(h * (0.55 + 0.03 * (variant % 4)))
    sky_top = (rng.randint(40, 90), rng.randint(110, 160), rng.randint(190, 240))
    ground = (rng.randint(60, 110), rng.randint(120, 160), rng.randint(50, 90))
    column = Image.new("RGB", (1, h))
    px = column.load()
    assert px is not None
    for y in range(h):
        top, bottom, t = (
            (sky_top, (205, 225, 240), y / max(1, horizon))
            if y < horizon
            else (ground, (60, 70, 55), (y - horizon) / max(1, h - horizon))
        )
        px[0, y] = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
    return column.resize((w, h), Image.Resampling.NEAREST)


def _scene(w: int, h: int, rng: random.Random) -> Image.Image:
    variant = rng.randrange(8)
    horizon = int(h * (0.55 + 0.03 * (variant % 4)))
    img = _backdrop(w, h, variant).copy()
    d = ImageDraw.Draw(img)
    r = h // 14
    sx, sy = int(w * rng.uniform(0.75, 0.9)), int(h * 0.2)
    d.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(250, 230, 140))
    # A building with windows and a banner, then a row of people in front of it.
    bx0, bx1 = int(w * rng.uniform(0.08, 0.2)), int(w * rng.uniform(0.55, 0.7))
    by0 = int(horizon - h * rng.uniform(0.25, 0.32))
    d.rectangle((bx0, by0, bx1, horizon), fill=(rng.randint(180, 230), 200, 190))
    d.polygon(
        [(bx0 - 20, by0), (bx1 + 20, by0), ((bx0 + bx1) // 2, by0 - h // 10)], fill=(150, 60, 50)
    )
    ww = max(8, w // 40)
    for x in range(bx0 + ww, bx1 - ww, ww * 2):
        d.rectangle((x, by0 + ww, x + ww, by0 + ww * 2), fill=(70, 90, 110))
    d.rectangle((bx0 + ww, horizon - h // 9, bx1 - ww, horizon - h // 16), fill=(200, 30, 40))
    d.text(
        ((bx0 + bx1) // 2, horizon - h // 12),
        "KOTA LAYAK ANAK",
        fill="white",
        font=_font(max(10, h // 30)),
        anchor="mm",
    )
    n = rng.randint(5, 8)
    for i in range(n):
        px = int(w * (0.1 + 0.8 * (i + 0.5) / n))
        scale = rng.uniform(0.7, 1.1) * h / 10
        py = int(horizon + h * 0.22)
        colour = (rng.randint(30, 230), rng.randint(30, 230), rng.randint(30, 230))
        d.rounded_rectangle(
            (px - scale * 0.35, py - scale * 1.3, px + scale * 0.35, py),
            radius=int(scale * 0.2),
            fill=colour,
        )
        hr = scale * 0.25
        cy = py - scale * 1.3 - hr
        d.ellipse((px - hr, cy - hr, px + hr, cy + hr), fill=(120, 85, 60))
    return img


def _up_marker(img: Image.Image) -> None:
    w, h = img.size
    d = ImageDraw.Draw(img)
    cx, top, aw = w // 2, h // 40, h // 8
    d.rounded_rectangle(
        (cx - aw * 1.7, top, cx + aw * 1.7, top + aw * 1.9), radius=aw // 5, fill=(255, 255, 255)
    )
    d.polygon(
        [
            (cx - aw * 0.6, top + aw * 0.25 + aw * 0.7),
            (cx, top + aw * 0.25),
            (cx + aw * 0.6, top + aw * 0.25 + aw * 0.7),
        ],
        fill=(220, 20, 20),
    )
    d.rectangle((cx - aw * 0.2, top + aw * 0.9, cx + aw * 0.2, top + aw * 1.7), fill=(220, 20, 20))
    d.text(
        (cx + aw * 0.7, top + aw * 1.0), "ATAS", fill=(0, 0, 0), font=_font(aw // 2), anchor="lm"
    )


def photo_jpeg(
    path: Path,
    *,
    size: tuple[int, int] = (1600, 1200),
    taken: str | None = "2024:08:17 10:22:01",
    orientation: int = 1,
    caption: str | None = None,
    seed: int = 0,
    make: str = "samsung",
    model: str = "SM-A155F",
    quality: int = 82,
) -> Path:
    """Write a phone-style JPEG with EXIF Make/Model/DateTimeOriginal/Orientation.

    ``size`` is the upright (displayed) size. For orientations 2-8 the stored pixels
    are the raw sensor image, so the picture is upright only when the viewer applies
    EXIF; a red arrow and the word ATAS mark the top of the scene. ``taken=None``
    writes no date (as after forwarding through a messenger app).
    """
    path = _prepare(path)
    w, h = size
    rng = random.Random(_seed_of("photo", seed, w, h))
    img = _scene(w, h, rng)
    _up_marker(img)
    d = ImageDraw.Draw(img)
    if caption:
        fs = max(10, h // 28)
        d.rectangle((0, h - fs * 2.4, w, h), fill=(20, 20, 20))
        d.text((fs, h - fs * 1.2), caption, fill=(255, 255, 255), font=_font(fs), anchor="lm")
    if taken:
        # Many phone camera apps burn the date into the corner.
        stamp = f"{taken[8:10]}/{taken[5:7]}/{taken[0:4]} {taken[11:16]}"
        fs = max(10, h // 36)
        y = h - fs * (4.0 if caption else 1.6)
        d.text((w - fs, y), stamp, fill=(255, 170, 40), font=_font(fs), anchor="rm")
    if orientation in _TO_SENSOR:
        img = img.transpose(_TO_SENSOR[orientation])
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    exif[0x0112] = orientation
    exif[0x0131] = "A155FXXU1AXG1"
    if taken:
        exif[0x0132] = taken
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = taken  # DateTimeOriginal
        sub[0x9004] = taken  # DateTimeDigitized
    img.save(path, "JPEG", quality=quality, exif=exif.tobytes(), dpi=(72, 72))
    return path


# --------------------------------------------------------------------------- Office files


def _normalised_zip(data: bytes, rewrite: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Re-pack an OOXML zip with fixed timestamps and attributes (writestr uses the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if rewrite is not None:
                blob = rewrite(info.filename, blob)
            zi = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0  # otherwise it follows the host OS
            zi.external_attr = 0
            dst.writestr(zi, blob)
    return out.getvalue()


_MONTHS = {name.lower(): i for i, name in enumerate(BULAN, start=1)}
_HADIR_COLS = ("No", "Nama", "Jabatan/Instansi", "Tanda Tangan")


def _doc_datetime(date_text: str, year: int) -> datetime:
    month, day = 3, 12
    m = re.search(r"(\d{1,2})\s+([A-Za-z]+)", date_text)
    if m and m.group(2).lower() in _MONTHS:
        day, month = int(m.group(1)), _MONTHS[m.group(2).lower()]
    return datetime(year, month, min(max(day, 1), 28), 2, 0, 0)


def minutes_docx(
    path: Path,
    *,
    title: str,
    date_text: str,
    attendees: Sequence[str | tuple[str, str]],
    points: Sequence[str],
    year: int,
    place: str = "Ruang Rapat Bappeda Kota Contoh",
    chair: str = "Kepala Bappeda Kota Contoh selaku Ketua Gugus Tugas KLA",
) -> Path:
    """Write meeting minutes (notulen) with an attendance table (daftar hadir).

    ``attendees`` items are "Nama" or ("Nama", "Jabatan/Instansi"). The core
    properties' dates come from ``date_text`` ("Selasa, 18 Maret 2025") and ``year``.
    """
    from docx import Document
    from docx.shared import Pt

    path = _prepare(path)
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading("NOTULEN RAPAT", level=1)
    doc.add_paragraph().add_run(title).bold = True
    for label, value in (
        ("Hari/Tanggal", date_text),
        ("Tempat", place),
        ("Pimpinan Rapat", chair),
        ("Peserta", f"{len(attendees)} orang (daftar hadir terlampir)"),
    ):
        p = doc.add_paragraph()
        p.add_run(f"{label}\t: ").bold = True
        p.add_run(value)
    doc.add_heading("Hasil Pembahasan", level=2)
    numbered = doc.styles["List Number"]  # name lookups are slow in python-docx
    for point in points:
        doc.add_paragraph(point, style=numbered)
    close = doc.add_paragraph(f"\n{REGION}, {date_text.split(',')[-1].strip()}\nNotulis,\n\n\n")
    close.add_run(_NAMA[_seed_of(title) % len(_NAMA)]).bold = True
    doc.add_page_break()
    doc.add_heading("DAFTAR HADIR", level=2)
    doc.add_paragraph(f"{title} - {date_text}")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, _HADIR_COLS, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for i, who in enumerate(attendees, start=1):
        name, office = (who, "") if isinstance(who, str) else who
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = str(i), name, office
        row[3].text = f"{i}. ........"
    when = _doc_datetime(date_text, year)
    props = doc.core_properties
    props.author = props.last_modified_by = "Sekretariat Gugus Tugas KLA"
    props.title = title
    props.comments = ""
    props.created = props.modified = when
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_normalised_zip(buf.getvalue()))
    return path


def _save_xlsx(wb: Any, path: Path, year: int | None) -> None:
    props = wb.properties
    props.creator = props.lastModifiedBy = f"Pemerintah {REGION}"
    props.created = datetime(year or 2000, 3, 12, 2, 0, 0)
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl stamps "modified" with the clock here; fixed below
    stamp = f"{year}-03-12T02:00:00Z".encode()

    def fix(name: str, blob: bytes) -> bytes:
        if name != "docProps/core.xml":
            return blob
        for tag in (b"created", b"modified"):
            # Keep the opening tag: openpyxl declares the dcterms/xsi namespaces on it.
            pattern = rb"(<dcterms:" + tag + rb"[^>]*>)[^<]*(</dcterms:" + tag + rb">)"
            repl = b"" if year is None else rb"\g<1>" + stamp + rb"\g<2>"
            blob = re.sub(pattern, repl, blob)
        return blob

    path.write_bytes(_normalised_zip(buf.getvalue(), fix))


def data_xlsx(
    path: Path,
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    year: int | None = None,
    sheet: str = "Data",
) -> Path:
    """Write a data table: title in row 1, headers in row 2, data from row 3.

    ``year`` only sets the workbook's created/modified properties (omitted if None).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = _prepare(path)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet[:31]
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=12)
    if len(headers) > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(list(headers))
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.fill = fill
    widths = [len(str(hd)) for hd in headers]
    for row in rows:
        ws.append(list(row))
        for i, v in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], len(str(v)))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(60, width + 3)
    ws.freeze_panes = "A3"
    _save_xlsx(wb, path, year)
    return path


def answers_xlsx(path: Path, rows: Iterable[tuple[str, str]]) -> Path:
    """Write a ``jawaban.xlsx``: header kode/jawaban, one row per question (reproducible)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = _prepare(path)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "jawaban"
    ws.append(["kode", "jawaban"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for code, answer in rows:
        ws.append([code, answer or None])
    _save_xlsx(wb, path, None)
    return path


def manifest_xlsx(
    path: Path,
    rows: Iterable[Mapping[str, object]],
    headers: Sequence[str] = MANIFEST_HEADERS,
) -> Path:
    """Write a ``bukti.xlsx`` manifest: header berkas/indikator/jenis/tahun/catatan (or
    `headers`, e.g. with ``pertanyaan``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = _prepare(path)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "bukti"
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([row.get(key) for key in headers])
    for col, width in zip("ABCDE", (40, 10, 22, 8, 60), strict=True):
        ws.column_dimensions[col].width = width
    _save_xlsx(wb, path, None)
    return path
