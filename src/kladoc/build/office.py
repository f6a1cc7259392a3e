"""DOCX/XLSX (and legacy DOC/XLS) to PDF pages.

LibreOffice, when installed, converts the Office files in batches of `LO_BATCH` (LibreOffice
7.4 silently stops after about 240 files of one run and still exits 0), each batch one
headless process with a private profile and a time limit. Every expected output is checked
to be a readable PDF; a missing one is retried alone. Whatever LibreOffice does not convert
(or when it is absent) is rendered by kladoc itself, one file at a time in a worker process
under a deadline: DOCX paragraphs and tables, XLSX used ranges as tables. A file that still
cannot be shown becomes a notice page. The original file is embedded in the dossier either
way."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import multiprocessing as mp
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, ClassVar

from lxml import etree  # type: ignore[import-untyped]  # python-docx's parser
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags

from kladoc.build.convcache import ConversionCache
from kladoc.build.convert import ConvertContext, read_pdf, signature
from kladoc.build.plan import Doc
from kladoc.build.style import (
    ACCENT_LIGHT,
    FONT,
    FONT_BOLD,
    MUTED,
    RULE,
    ZEBRA,
    esc,
    register_fonts,
    styles,
)
from kladoc.errors import short_error
from kladoc.i18n import get_language, set_language, t
from kladoc.i18n.formats import decimal
from kladoc.inspect.sniff import main_document_part, zip_kind
from kladoc.pool import kill_process
from kladoc.soffice import find_soffice

log = logging.getLogger(__name__)

_ID_DIGITS = str.maketrans(",.", ".,")
OFFICE_CHUNK = 80  # rendered files joined per intermediate PDF: bounds open files and memory
MAX_ROWS = 1500  # per sheet or Word table; the original is attached for the rest
MAX_COLS = 26
MAX_CELL_CHARS = 6000  # per table cell: a taller-than-a-page cell is split across pages
MAX_DOC_CHARS = 250_000  # text laid out per file: bounds the time one file can take
MAX_BLOCKS = 10_000  # paragraphs and table rows per file (empty ones cost time too)
MAX_CELLS = 10_000  # table cells per file (a 1,500 x 26 sheet took ~17 s to lay out)
MAX_PART_BYTES = 96 * 1024 * 1024  # one uncompressed XML part of a DOCX
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
SOFFICE_TIMEOUT_BASE = 90.0
SOFFICE_TIMEOUT_PER_FILE = 20.0
SOFFICE_TIMEOUT_MAX = 1800.0
LO_BATCH = 50  # files per LibreOffice run, well under the ~240 where 7.4 stops
# one XML part larger than this (uncompressed) is rendered by kladoc, not LibreOffice
SOFFICE_MAX_PART = 8 * 1024 * 1024
RENDER_TIMEOUT = 60.0  # seconds per file for kladoc's own renderer
WORKER_START_TIMEOUT = 120.0
MARGIN = 16 * mm

# LibreOffice's program, or a command prefix that stands for it (an interpreter and script)
Soffice = Path | Sequence[str]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BREAKS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n"}
_TEXT_TAGS = (_W + "t", *_BREAKS)
_SDT, _SDT_CONTENT = _W + "sdt", _W + "sdtContent"
# what python-docx's Run.text reads: `w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab`
_RUN_TEXT = frozenset(_W + tag for tag in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))


def _command(soffice: Soffice) -> list[str]:
    """The program to run: a path, or a command prefix (e.g. an interpreter and a script)."""
    return [str(soffice)] if isinstance(soffice, Path) else [str(a) for a in soffice]


def soffice_convert(
    soffice: Soffice,
    files: dict[str, Path],
    work: Path,
    profile: Path | None = None,
) -> tuple[dict[str, Path], str]:
    """Convert {key: file} with one LibreOffice process. Returns {key: pdf} for the files
    whose output is a readable PDF, and a short note about what went wrong (empty when
    all went well).

    Inputs are copied under short neutral names first: LibreOffice may drop lock files
    next to what it opens, and two evidence files may share a name."""
    inbox, outbox = work / "lo-in", work / "lo-out"
    profile = profile or work / "lo-profile"
    for d in (inbox, outbox, profile):
        d.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    for n, (key, src) in enumerate(files.items()):
        name = f"f{n:05d}{src.suffix.lower()}"
        shutil.copyfile(src, inbox / name)
        names[key] = name
    cmd = [
        *_command(soffice),
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outbox.resolve()),
        *names.values(),
    ]
    timeout = min(SOFFICE_TIMEOUT_MAX, SOFFICE_TIMEOUT_BASE + SOFFICE_TIMEOUT_PER_FILE * len(files))
    note = ""
    try:
        _run(cmd, inbox, timeout)
    except subprocess.TimeoutExpired:
        note = t("build.soffice.timeout", seconds=decimal(timeout, 0))
    except OSError as exc:
        note = short_error(exc)
    done: dict[str, Path] = {}
    for key, name in names.items():
        pdf = outbox / (Path(name).stem + ".pdf")
        if is_pdf(pdf):
            done[key] = pdf
    if len(done) < len(files) and not note:
        note = "no output"
    return done, note


def is_pdf(path: Path) -> bool:
    """A file pikepdf opens with at least one page (LibreOffice may leave a stub)."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        with path.open("rb") as fh:
            if b"%PDF-" not in fh.read(1024):
                return False
        import pikepdf

        with pikepdf.open(path) as pdf:
            return len(pdf.pages) > 0
    except Exception:
        return False


def libreoffice_convert(
    soffice: Soffice,
    files: dict[str, Path],
    work: Path,
    batch: int | None = None,
) -> tuple[dict[str, Path], str]:
    """Convert {key: file} in runs of at most `batch` (default LO_BATCH) files; every
    file a run did not turn into a readable PDF is retried in a run of its own. Returns
    {key: pdf} and a note (empty when everything converted).

    When a whole run converts nothing and so do the first two files retried alone,
    LibreOffice itself is not working here: the remaining files are left to kladoc's
    renderer instead of costing one LibreOffice start (or time limit) each."""
    batch = batch or LO_BATCH
    profile = work / "lo-profile"
    done: dict[str, Path] = {}
    notes: list[str] = []

    def run(chunk: list[str], where: str) -> dict[str, Path]:
        got, note = soffice_convert(soffice, {k: files[k] for k in chunk}, work / where, profile)
        done.update(got)
        if note and note != "no output":
            notes.append(note)
        return got

    broken = False
    for n, chunk in enumerate(iter_chunks(list(files), max(1, batch)), start=1):
        got = run(chunk, f"lo-batch-{n:04d}")
        if len(chunk) == 1:
            continue
        failed_alone = 0
        for m, key in enumerate(k for k in chunk if k not in got):
            if run([key], f"lo-batch-{n:04d}-{m:03d}"):
                continue
            failed_alone += 1
            if not got and failed_alone >= 2:
                broken = True
                break
        if broken:
            notes.append(t("build.soffice.nothing"))
            break
    if len(done) == len(files):
        return done, ""
    return done, "; ".join(dict.fromkeys(notes)) or t("build.soffice.no_output")


def _run(cmd: list[str], cwd: Path, timeout: float) -> None:
    kwargs: dict[str, Any] = {
        "cwd": str(cwd),
        "stdin": subprocess.DEVNULL,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
    }
    if sys.platform == "win32":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    else:
        kwargs["start_new_session"] = True
    proc = subprocess.Popen(cmd, **kwargs)
    try:
        proc.wait(timeout=timeout)
    except BaseException:
        # also on Ctrl+C: never leave a headless office suite behind
        with contextlib.suppress(OSError):
            if sys.platform == "win32":
                proc.kill()
            else:
                os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise


# -- the build step ---------------------------------------------------------------------


def too_big_for_soffice(path: Path) -> bool:
    """A DOCX/XLSX with an XML part over SOFFICE_MAX_PART bytes uncompressed."""
    try:
        with zipfile.ZipFile(path) as zf:
            return any(
                i.file_size > SOFFICE_MAX_PART
                for i in zf.infolist()
                if i.filename.lower().endswith(".xml")
            )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def convert_office(
    docs: list[Doc],
    soffice: Soffice | None,
    ctx: ConvertContext,
    stop: threading.Event | None = None,
) -> list[Doc]:
    """Give every Office document its pages: LibreOffice, then kladoc's renderer. Returns
    the documents that need a notice page (reason and remedy filled in). `stop` set: the
    renderer stops its workers and raises Interrupted."""
    if not docs:
        return []
    done: dict[str, Path] = {}
    if soffice is not None:
        # LibreOffice holds a whole document in memory (430 MB for an 18 MB body, and
        # past its timeout): such files go to kladoc's renderer, which streams them
        sent = {
            d.number + "|" + d.evidence.path: d.source
            for d in docs
            if not (d.evidence.facts.kind in ("docx", "xlsx") and too_big_for_soffice(d.source))
        }
        # what LibreOffice converted before (same content, same program) is not sent again
        by_key = {d.number + "|" + d.evidence.path: d for d in docs}
        keys = {
            k: ctx.cache.key("libreoffice", by_key[k].evidence.facts.sha256, _command(soffice))
            for k in sent
        }
        cached_dir = ctx.work / "lo-cached"
        cached_dir.mkdir(parents=True, exist_ok=True)
        for n, k in enumerate(list(sent)):
            target = cached_dir / f"c{n:05d}.pdf"
            if ctx.cache.fetch(keys[k], target) and is_pdf(target):
                done[k] = target
                del sent[k]
        if sent:
            fresh, note = libreoffice_convert(soffice, sent, ctx.work)
            for k, made in fresh.items():
                ctx.cache.store(keys[k], made)
            done.update(fresh)
            if note:
                ctx.warnings.append(
                    ("build.warn.soffice", {"count": len(docs) - len(done), "detail": note})
                )
    rest: list[tuple[Doc, Path]] = []
    failed: list[Doc] = []
    installed: bool | None = None  # LibreOffice present although --converter python
    for doc in docs:
        pdf = done.get(doc.number + "|" + doc.evidence.path)
        if pdf is not None:
            try:
                doc.kind, doc.pdf, doc.first = "office", pdf, 1
                read_pdf(doc, pdf)
                doc.converted_by, doc.attach = "libreoffice", True
                doc.size = pdf.stat().st_size + doc.evidence.facts.size
                ctx.tick()
                continue
            except Exception:  # LibreOffice wrote something unusable: render ourselves
                pass
        if doc.evidence.facts.kind in ("docx", "xlsx"):
            rest.append((doc, doc.source))
        elif soffice is not None:
            doc.reason = t("build.placeholder.office_libreoffice")
            doc.remedy = t("build.placeholder.office_render_remedy")
            failed.append(doc)
        else:
            if installed is None:
                installed = find_soffice() is not None
            if installed:
                doc.reason = t("build.placeholder.office_disabled", suffix=doc.source.suffix)
                doc.remedy = t("build.placeholder.office_disabled_remedy")
            else:
                doc.reason = t("build.placeholder.needs_office", suffix=doc.source.suffix)
                doc.remedy = t("build.placeholder.office_remedy")
            failed.append(doc)
    if not rest:
        return failed
    out = ctx.path("office")
    # ticks the rendered ones
    failures = render_python(rest, out, progress=ctx.tick, cache=ctx.cache, stop=stop)
    for doc, _src in rest:
        if doc.number in failures:
            doc.reason = failures[doc.number]
            doc.remedy = t("build.placeholder.office_render_remedy")
            ctx.warnings.append(
                ("build.warn.convert", {"path": doc.evidence.path, "detail": doc.reason})
            )
            failed.append(doc)
            continue
        doc.kind, doc.converted_by, doc.attach = "office", "kladoc", True
    rendered = [d for d, _ in rest if d.number not in failures]
    if rendered:
        import pikepdf

        by_file: dict[Path, list[Doc]] = {}
        for doc in rendered:
            if doc.pdf is not None:  # set by render_python for every file it rendered
                by_file.setdefault(doc.pdf, []).append(doc)
        for joined_path, joined_docs in by_file.items():
            with pikepdf.open(joined_path) as joined:
                size = joined_path.stat().st_size
                total = len(joined.pages) or 1
                for doc in joined_docs:
                    doc.signature = signature(joined.pages[doc.first - 1])
                    doc.size = size * doc.pages // total + doc.evidence.facts.size
    return failed


# -- pure-Python rendering --------------------------------------------------------------


class OfficeReadError(Exception):
    """kladoc's renderer cannot read this file (damaged, or not what its name says)."""


class OfficeTooLarge(Exception):
    """A part of this file is too large to lay out."""


def _banner(name: str) -> Flowable:
    st = styles()
    style = ParagraphStyle(
        "banner",
        st["small"],
        textColor=MUTED,
        backColor=ACCENT_LIGHT,
        borderPadding=(3, 4, 3, 4),
        spaceAfter=8,
    )
    return _paragraph(esc(t("build.converted.banner", name=name)), style)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        text = (
            f"{value:,.2f}".rstrip("0").rstrip(".")
            if isinstance(value, float) and value % 1
            else f"{value:,.0f}"
        )
        # Indonesian writes 1.250.000,5
        return text.translate(_ID_DIGITS) if get_language() == "id" else text
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M")
            if value.time() != dt.time()
            else (value.date().isoformat())
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _CellParagraph(Paragraph):
    """reportlab's Paragraph that does not break its lines again when asked to wrap at
    the width of its last wrap, nothing it reads having changed since: a table cell. A
    table wraps every cell to size its rows and again to draw it (and again for each part
    of a table split across pages): breaking the lines a second time was a fifteenth of
    rendering a sheet. (The frame wraps a body paragraph once: left to reportlab.)
    Only a one-fragment result is kept (blPara kind 0, not CJK): reportlab makes it from
    the fragments without changing them, while its many-fragment path rewrites
    self.frags, so a second wrap there is not the same computation."""

    _kept: tuple[Any, ...] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        kept = self._kept
        if (
            kept is not None
            and kept[0] == availWidth
            and kept[1] is self.style
            and kept[2] is self.frags
            and kept[3] is getattr(self, "blPara", None)  # split() may drop it
            and kept[4] == self.bulletText
            and kept[5] == (self.width, self.height)
        ):
            return self.width, self.height
        self._kept = None
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        lines = self.blPara if availWidth >= rl_config._FUZZ else None  # else not wrapped
        if lines is not None and lines.kind == 0 and self.style.wordWrap != "CJK":
            done = (self.width, self.height)
            self._kept = (availWidth, self.style, self.frags, lines, self.bulletText, done)
        return size


_MARKUP = re.compile(r"[<&]")  # a tag or an entity: the text needs reportlab's parser
_TEMPLATES: dict[int, tuple[ParagraphStyle, Any]] = {}  # id(style) -> (style, text fragment)


def _paragraph(
    markup: str,
    style: ParagraphStyle,
    bulletText: str | None = None,
    kind: type[Paragraph] = Paragraph,
) -> Paragraph:
    """reportlab's Paragraph (or `kind`), without its markup parser for text that has no
    markup: that text becomes one fragment of the style's font (what the parser makes of
    it, a fragment taken from it once per style and given the text). The parser was a
    tenth of rendering a table of short cells."""
    if _MARKUP.search(markup) is None:
        text = cleanBlockQuotedText(markup)  # as Paragraph cleans it before parsing
        if text:
            known = _TEMPLATES.get(id(style))
            if known is None or known[0] is not style:
                if len(_TEMPLATES) > 256:  # styles of tables already laid out
                    _TEMPLATES.clear()
                known = (style, Paragraph("x", style).frags[0])
                _TEMPLATES[id(style)] = known
            frags = [known[1].clone(text=text, link=[], us_lines=[])]
            textTransformFrags(frags, style)
            return kind(text, style, bulletText, frags=frags)
    return kind(markup, style, bulletText)


def _clip(text: str) -> str:
    limit = MAX_CELL_CHARS  # read at call time (tests lower it)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Budget:
    """Characters still to lay out in one file; once spent, the rest is left out."""

    def __init__(self) -> None:
        self.left = MAX_DOC_CHARS
        self.blocks = MAX_BLOCKS
        self.cells = MAX_CELLS
        self.cut = False

    def take(self, text: str) -> str:
        if self.left <= 0:
            self.cut = True
            return ""
        if len(text) > self.left:
            text = text[: self.left]
            self.cut = True
        self.left -= len(text)
        return text

    def block(self, cells: int = 0) -> bool:
        """Count one paragraph, or a table row of `cells` cells; False once the file has
        had its share (and from then on)."""
        self.blocks -= 1
        self.cells -= cells
        if self.spent:
            self.cut = True
            return False
        return True

    @property
    def spent(self) -> bool:
        return self.left <= 0 or self.blocks < 0 or self.cells < 0


def _grid(rows: list[list[str]], width: float, header: bool = True) -> Table:
    st = styles()
    ncols = max(len(r) for r in rows)
    size = 7.6 if ncols <= 6 else (6.8 if ncols <= 10 else 6.0)
    cell = ParagraphStyle("xcell", st["cell"], fontSize=size, leading=size * 1.22)
    head = ParagraphStyle("xhead", cell, fontName=FONT_BOLD)
    lengths = [max((len(r[i]) if i < len(r) else 0) for r in rows[:200]) for i in range(ncols)]
    weights = [min(max(n, 3), 40) for n in lengths]
    total = sum(weights) or 1
    widths = [width * w / total for w in weights]
    data = [
        [
            _paragraph(
                esc(_clip(r[i])).replace("\n", "<br/>") if i < len(r) else "",
                head if (header and n == 0) else cell,
                kind=_CellParagraph,
            )
            for i in range(ncols)
        ]
        for n, r in enumerate(rows)
    ]
    # splitInRow: a row taller than a page continues on the next one instead of failing
    table = Table(
        data, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT", splitInRow=1
    )
    style = [
        ("GRID", (0, 0), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
    ]
    if header:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde8f2")),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ]
    table.setStyle(TableStyle(style))
    return table


def _plain_rows(rows: list[list[str]]) -> list[Flowable]:
    """A table as one paragraph per row: the fallback when the grid cannot be laid out."""
    st = styles()
    return [
        _paragraph(esc(" | ".join(_clip(c) for c in r if c.strip())), st["small"])
        for r in rows
        if any(c.strip() for c in r)
    ]


def _office_kind(path: Path) -> str:
    """ "docx" or "xlsx" by what the package holds, whatever its name says."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            ct = z.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError) as exc:
        raise OfficeReadError(type(exc).__name__) from exc
    kind = zip_kind(ct, names, b"").kind
    if kind not in ("docx", "xlsx"):
        raise OfficeReadError(kind)
    return kind


def _style_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Paragraph style id → name, read once from word/styles.xml (python-docx looks each
    one up by scanning every style, which made a file of many short paragraphs take
    minutes). No or a damaged styles part: every paragraph is body text."""
    try:
        info = zf.getinfo("word/styles.xml")
        if info.file_size > MAX_PART_BYTES:
            return {}
        data = zf.read(info)
    except (KeyError, ValueError, OSError, zipfile.BadZipFile):
        return {}
    # documents of one template carry the same styles part: its names are kept, for the
    # same bytes (the CRC finds the candidate, the bytes are compared)
    key = (info.CRC, len(data))
    kept = _STYLES_KEPT.get(key)
    if kept is not None and kept[0] == data:
        return dict(kept[1])
    names = _read_style_names(data)
    if len(_STYLES_KEPT) >= _STYLES_KEPT_MAX:
        _STYLES_KEPT.clear()
    _STYLES_KEPT[key] = (data, names)
    return dict(names)


_STYLES_KEPT: dict[tuple[int, int], tuple[bytes, dict[str, str]]] = {}
_STYLES_KEPT_MAX = 8  # styles parts (python-docx's is 350 KB)


def _read_style_names(data: bytes) -> dict[str, str]:
    quick = _scan_style_names(data)
    if quick is not None:
        return quick
    try:
        root = etree.fromstring(data, _SAFE_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return {}
    names: dict[str, str] = {}
    for style in root.iter(_W + "style"):
        name = style.find(_W + "name")
        sid = style.get(_W + "styleId")
        if sid and name is not None:
            names[sid] = name.get(_W + "val") or ""
    return names


_W_DECL = b'xmlns:w="' + _W[1:-1].encode() + b'"'
_XML_DECL = re.compile(rb"<\?xml[^>]*\?>")
_STYLE_TAG = re.compile(rb"<w:style\b([^>]*?)(/?)>")
_STYLE_END = re.compile(rb"</w:style\s*>")
_STYLE_ID = re.compile(rb"""\sw:styleId\s*=\s*(["'])(.*?)\1""", re.S)
_STYLE_NAME = re.compile(rb"""<w:name\s[^>]*?\bw:val\s*=\s*(["'])(.*?)\1""", re.S)
_ODD_VALUE = re.compile(rb"[<\t\n\r]")  # the parser normalises these: left to it
_RARE_HITS = 64  # hits of the rare byte looked at one by one; past them, `in` looks


def _holds(data: bytes, needle: bytes, at: int) -> bool:
    """`needle in data`, looked for only where its byte `at` (rare in XML) occurs: finding
    one byte is a memchr, while `in` for a short needle of bytes XML is full of (`<`, `>`)
    steps through every byte (a quarter of a millisecond per look at a 350 KB part)."""
    byte = needle[at : at + 1]
    i = data.find(byte, at)
    for _ in range(_RARE_HITS):
        if i < 0:
            return False
        if data.startswith(needle, i - at):
            return True
        i = data.find(byte, i + 1)
    return i >= 0 and data.find(needle, i - at) >= 0  # the byte is not rare here


def _search(data: bytes, pattern: re.Pattern[bytes], prefix: bytes, pos: int) -> Any:
    """`pattern.search(data, pos)` for a pattern that starts with the literal `prefix`:
    bytes.find goes from one candidate to the next faster than the regex engine walks."""
    i = data.find(prefix, pos)
    while i >= 0:
        m = pattern.match(data, i)
        if m is not None:
            return m
        i = data.find(prefix, i + 1)
    return None


def _finditer(data: bytes, pattern: re.Pattern[bytes], prefix: bytes) -> Iterator[Any]:
    """`pattern.finditer(data)` the same way (the pattern never matches empty)."""
    m = _search(data, pattern, prefix, 0)
    while m is not None:
        yield m
        m = _search(data, pattern, prefix, m.end())


def _scan_style_names(data: bytes) -> dict[str, str] | None:
    """The style names of a plain styles part (UTF-8, the main namespace bound once to
    `w:`, no comments, CDATA, entities or doctype) found by a byte scan: a tenth of the
    time of parsing the ~350 KB part every python-docx or Word file carries, which was a
    third of rendering a short document. None: anything else, left to the XML parser."""
    decl = _XML_DECL.match(data)
    if (
        decl is not None
        and b"encoding" in decl.group()
        and not re.search(rb"encoding\s*=\s*[\"']utf-8[\"']", decl.group(), re.I)
    ):
        return None
    if data.count(_W[1:-1].encode()) != 1 or _W_DECL not in data:
        return None
    if _holds(data, b"<!", 1) or b"&" in data or _holds(data, b"]]>", 0):
        return None
    names: dict[str, str] = {}
    for m in _finditer(data, _STYLE_TAG, b"<w:style"):
        if m.group(2):
            continue  # <w:style .../>: no name
        end = _search(data, _STYLE_END, b"</w:style", m.end())
        if end is None:
            return None  # unbalanced: the parser tells
        sid = _STYLE_ID.search(m.group(1))
        name = _STYLE_NAME.search(data, m.end(), end.start())
        if sid is None or not sid.group(2) or name is None:
            continue
        if _ODD_VALUE.search(sid.group(2)) or _ODD_VALUE.search(name.group(2)):
            return None
        try:
            names[sid.group(2).decode()] = name.group(2).decode()
        except UnicodeDecodeError:
            return None
    return names


def _body_blocks(zf: zipfile.ZipFile, part: str) -> Iterator[Any]:
    """Paragraphs and tables of the body in reading order, looking inside content
    controls, read as a stream: each block is freed once the caller has taken it, so an
    18 MB document.xml costs no more memory than a short one (issue 12 item 7).
    Elements are python-docx's own classes, so its Paragraph reads them. Comments and
    processing instructions (valid XML python-docx trips over) are dropped."""
    from docx.oxml.parser import element_class_lookup

    info = zf.getinfo(part)
    if info.file_size > MAX_PART_BYTES:
        raise OfficeTooLarge(part)
    containers = (_W + "sdt", _W + "sdtContent")
    with zf.open(info) as fh:
        # events for paragraphs and tables only: an event for every element (runs, their
        # properties and text) cost a tenth of reading a short document
        events = etree.iterparse(
            fh,
            events=("end",),
            tag=(_W + "p", _W + "tbl"),
            remove_comments=True,
            remove_pis=True,
            resolve_entities=False,
            no_network=True,
        )
        events.set_element_class_lookup(element_class_lookup)
        for _event, el in events:
            # the enclosing elements, innermost first (the root last)
            outer = [a.tag for a in el.iterancestors()]
            if len(outer) < 2 or outer[-2] != _W + "body":
                continue
            if any(tag not in containers for tag in outer[:-2]):
                continue  # a paragraph inside a table, read with its table
            yield el
            el.clear(keep_tail=False)
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]


def _run_text(r: Any) -> str:
    """python-docx's Run.text: the text of the run's text children (their str()), found
    without the XPath python-docx compiles for every run (a third of reading a
    paragraph)."""
    return "".join(str(e) for e in r if e.tag in _RUN_TEXT)


def _children(el: Any, tag: str) -> Iterator[Any]:
    """The XPath `./w:X | ./w:sdt/w:sdtContent/w:X` (X: `tag`), in document order, by
    walking the children: python-docx's xpath compiles the expression at every call,
    which was a twentieth of rendering a document of tables."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            for content in child:
                if content.tag == _SDT_CONTENT:
                    yield from (x for x in content if x.tag == tag)


def _rows_of(tbl: Any) -> list[list[str]]:
    """A Word table's text read straight from its XML: works without grid columns."""
    rows: list[list[str]] = []
    for tr in _children(tbl, _W + "tr"):
        cells: list[str] = []
        for tc in _children(tr, _W + "tc"):
            paras = [
                "".join(_BREAKS.get(node.tag, node.text or "") for node in p.iter(*_TEXT_TAGS))
                for p in tc.iter(_W + "p")
            ]
            cells.append("\n".join(paras).strip())
        if cells:
            rows.append(cells[:MAX_COLS])
        if len(rows) >= MAX_ROWS:
            break
    return rows


def docx_flowables(path: Path, width: float, plain: bool = False) -> list[Flowable]:
    from docx.text.paragraph import Paragraph as DocxParagraph

    st = styles()
    out: list[Flowable] = []
    numbering: dict[str, int] = {}
    budget = _Budget()
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise OfficeReadError(type(exc).__name__) from exc
    with zf:
        style_names = _style_names(zf)
        part = main_document_part(zf, set(zf.namelist()))
        for child in _body_blocks(zf, part):
            if budget.spent or not budget.block():
                budget.cut = True
                break
            if child.tag == _W + "p":
                # the paragraph's parent is only asked for its part (pictures, links)
                para = DocxParagraph(child, None)  # type: ignore[arg-type]
                out.extend(_docx_paragraph(para, style_names, st, numbering, budget))
            else:
                rows = [
                    [budget.take(c) for c in r] for r in _rows_of(child) if budget.block(len(r))
                ]
                ncols = max((len(r) for r in rows), default=0)
                if rows and ncols:
                    rows = [r + [""] * (ncols - len(r)) for r in rows]
                    out.extend(_plain_rows(rows) if plain else [_grid(rows, width, header=True)])
                    out.append(Spacer(1, 6))
    if budget.cut:
        out.append(_paragraph(esc(t("build.converted.doc_truncated")), st["muted"]))
    return out


def _docx_paragraph(
    para: Any,
    style_names: dict[str, str],
    st: dict[str, ParagraphStyle],
    numbering: dict[str, int],
    budget: _Budget,
) -> list[Flowable]:
    from docx.text.run import Run as DocxRun

    p = para._p
    ref = p.find(f"{_W}pPr/{_W}pStyle")
    style_name = style_names.get(ref.get(_W + "val") or "", "") if ref is not None else ""
    picture = next(p.iter(_W + "drawing", _W + "pict"), None) is not None
    page_break = any(br.get(_W + "type") == "page" for br in p.iter(_W + "br"))
    parts: list[str] = []
    for r in p.findall(_W + "r"):  # python-docx's Paragraph.runs
        text = esc(budget.take(_run_text(r))).replace("\t", "    ")
        if not text:
            continue
        run = DocxRun(r, para)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.underline:
            text = f"<u>{text}</u>"
        parts.append(text)
    text = "".join(parts).replace("\n", "<br/>")
    out: list[Flowable] = []
    if picture:
        out.append(_paragraph(esc(t("build.converted.image")), st["muted"]))
    if not text.strip():
        if page_break:
            out.append(PageBreak())
        else:
            out.append(Spacer(1, 5))
        return out
    low = style_name.lower()
    if low.startswith("title"):
        out.append(_paragraph(text, st["h1"]))
    elif low.startswith("heading"):
        level = low.removeprefix("heading").strip()
        out.append(_paragraph(text, st["h2"] if level in ("1", "") else st["h3"]))
    elif low.startswith("list number"):
        numbering[style_name] = numbering.get(style_name, 0) + 1
        out.append(_paragraph(text, st["body"], bulletText=f"{numbering[style_name]}."))
    elif low.startswith("list"):
        out.append(_paragraph(text, st["body"], bulletText="•"))
    else:
        out.append(_paragraph(text, st["body"]))
        out.append(Spacer(1, 2.5))
    if page_break:
        out.append(PageBreak())
    return out


def _open_workbook(path: Path) -> Any:
    """openpyxl on an open file: it then reads templates (.xltx/.xltm) and macro-enabled
    workbooks by content, whatever the name ends with."""
    from openpyxl import load_workbook

    fh = path.open("rb")
    try:
        return load_workbook(fh, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:
        fh.close()
        raise OfficeReadError(type(exc).__name__) from exc


def xlsx_flowables(path: Path, width: float, plain: bool = False, wb: Any = None) -> list[Flowable]:
    """The sheets as tables; `wb`: the workbook already open (closed here either way)."""
    st = styles()
    if wb is None:
        wb = _open_workbook(path)
    out: list[Flowable] = []
    budget = _Budget()
    try:
        for ws in wb.worksheets:
            if budget.spent:  # sheets left out: say so once
                out.append(_paragraph(esc(t("build.converted.doc_truncated")), st["muted"]))
                break
            out.append(_paragraph(esc(t("build.converted.sheet", sheet=ws.title)), st["h3"]))
            rows: list[list[str]] = []
            extra_rows = 0
            extra_cols = 0
            for seen, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in values]
                while cells and not cells[-1].strip():
                    cells.pop()
                width_used = min(len(cells), MAX_COLS)
                if len(rows) >= MAX_ROWS or budget.spent or not budget.block(width_used):
                    # reading the rest only to count it took longer than the layout: the
                    # sheet's dimension tells how many rows follow
                    extra_rows = (1 if cells else 0) + max(0, int(ws.max_row or 0) - seen)
                    break
                if len(cells) > MAX_COLS:
                    extra_cols = max(extra_cols, len(cells) - MAX_COLS)
                    cells = cells[:MAX_COLS]
                rows.append([budget.take(c) for c in cells])
            while rows and not any(c.strip() for c in rows[-1]):
                rows.pop()
            while rows and not any(c.strip() for c in rows[0]):
                rows.pop(0)
            if not rows:
                out.append(_paragraph(esc(t("build.converted.empty_sheet")), st["muted"]))
                continue
            ncols = max(len(r) for r in rows)
            rows = [r + [""] * (ncols - len(r)) for r in rows]
            # a title row above the header (one filled cell) reads better as a caption
            if len(rows) > 2 and sum(1 for c in rows[0] if c.strip()) == 1 and ncols > 1:
                caption = _clip(next(c for c in rows[0] if c.strip()))
                out.append(_paragraph(f"<b>{esc(caption)}</b>", st["body"]))
                out.append(Spacer(1, 3))
                rows = rows[1:]
            out.extend(_plain_rows(rows) if plain else [_grid(rows, width, header=True)])
            if extra_rows:
                out.append(
                    _paragraph(esc(t("build.converted.truncated", rows=extra_rows)), st["muted"])
                )
            if extra_cols:
                out.append(
                    _paragraph(
                        esc(t("build.converted.columns_truncated", cols=extra_cols)), st["muted"]
                    )
                )
            out.append(Spacer(1, 8))
    except OfficeReadError:
        raise
    except Exception as exc:
        raise OfficeReadError(type(exc).__name__) from exc
    finally:
        wb.close()
        with contextlib.suppress(Exception):
            wb._archive.fp.close()  # openpyxl does not close a file object it was given
    return out


def _is_wide(wb: Any) -> bool:
    """Sheets with many columns are laid out on landscape pages."""
    try:
        return any((ws.max_column or 0) > 7 for ws in wb.worksheets)
    except Exception:
        return False


class _ReusedFlate:
    """reportlab's Flate filter that gives the bytes it compressed before from memory
    (identical output: zlib is deterministic). Every rendered file embeds the same font
    subsets and their character maps (the ASCII part of DejaVu is the first subset
    reportlab makes): 90% of the bytes a file compressed had been compressed for the file
    before, and compressing them was a seventh of rendering a short sheet."""

    pdfname = "FlateDecode"
    MIN_SIZE = 1024  # smaller streams (page contents) are not kept
    KEPT_BYTES = 4 << 20

    def __init__(self, base: Any) -> None:
        self.base = base
        self.kept: dict[bytes, bytes] = {}
        self.size = 0

    def encode(self, text: str | bytes) -> bytes:
        if isinstance(text, str):
            text = text.encode("utf8")
        if len(text) < self.MIN_SIZE:
            return bytes(self.base.encode(text))
        done = self.kept.get(text)
        if done is None:
            done = bytes(self.base.encode(text))
            if self.size + len(text) > self.KEPT_BYTES:
                self.kept.clear()
                self.size = 0
            self.kept[text] = done
            self.size += len(text)
        return done

    def decode(self, encoded: bytes) -> bytes:
        return bytes(self.base.decode(encoded))


_SUBSETS_KEPT = 64


class _WidthsArray(PDFArray):
    """A font subset's /Widths, formatted once per process for the same numbers.
    reportlab formats each of a subset's 100-256 widths through its generic format() for
    every file: two subsets a file took a twentieth of rendering a short document. An
    array of floats gives the same bytes in any document (fp_str of each); any other
    array is formatted as reportlab does."""

    kept: ClassVar[dict[tuple[Any, ...], bytes]] = {}
    KEPT_MAX = 256

    def format(self, document: Any, IND: bytes = b"\n ") -> bytes:
        numbers = self.sequence
        if not all(type(n) is float for n in numbers):
            return bytes(super().format(document, IND))
        key = (tuple(numbers), IND, self.multiline, rl_config.pdfMultiLine)
        done = self.kept.get(key)
        if done is None:
            done = bytes(super().format(document, IND))
            if len(self.kept) >= self.KEPT_MAX:
                self.kept.clear()
            self.kept[key] = done
        return done


def _kept_widths(font: Any) -> None:
    """Make the /Widths of the subsets `font` adds to a document _WidthsArray. reportlab's
    TTFont.addObjects builds each subset's font dictionary, /Widths a new PDFArray, and
    puts it in the document's BasicFonts: the font's own addObjects is wrapped (as its
    face's makeSubset is) to swap the arrays it made there."""
    add = font.addObjects

    def add_objects(doc: Any) -> None:
        fonts = doc.idToObject["BasicFonts"].dict  # where reportlab puts each subset
        before = set(fonts)
        add(doc)
        for name, pdf_font in fonts.items():
            if name not in before and type(getattr(pdf_font, "Widths", None)) is PDFArray:
                pdf_font.Widths = _WidthsArray(pdf_font.Widths.sequence)

    font.addObjects = add_objects
    font._kladoc_widths = True


_CMAPS_KEPT = 256


def _kept_cmaps(make: Callable[[str, Sequence[int]], str]) -> Callable[[str, Sequence[int]], str]:
    """reportlab's makeToUnicodeCMap (a function of the subset's name and characters)
    answering from memory for a subset it has made before: every file embeds the same
    first subsets, and their character maps were made again for each."""
    kept: dict[tuple[str, tuple[int, ...]], str] = {}

    def cmap(fontname: str, subset: Sequence[int]) -> str:
        key = (fontname, tuple(subset))
        text = kept.get(key)
        if text is None:
            text = make(fontname, subset)
            if len(kept) >= _CMAPS_KEPT:
                kept.clear()
            kept[key] = text
        return text

    cmap._kladoc_kept = kept  # type: ignore[attr-defined]
    cmap.__wrapped__ = make  # type: ignore[attr-defined]
    return cmap


def _reuse_font_work() -> None:
    """Keep what every rendered file recomputes in this process: compressed streams,
    font subsets, their character maps and widths arrays (the same bytes for the same
    input; installed once)."""
    from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts

    if not isinstance(pdfdoc.PDFZCompress, _ReusedFlate):
        pdfdoc.PDFZCompress = _ReusedFlate(pdfdoc.PDFZCompress)
    if not hasattr(ttfonts.makeToUnicodeCMap, "_kladoc_kept"):
        # TTFont.addObjects looks the function up in its module at each call
        ttfonts.makeToUnicodeCMap = _kept_cmaps(ttfonts.makeToUnicodeCMap)
    for face in (FONT, FONT_BOLD):
        font = pdfmetrics.getFont(face).face  # the TrueType file reportlab subsets
        if getattr(font, "_kladoc_subsets", None) is None:
            kept: dict[tuple[int, ...], bytes] = {}
            font._kladoc_subsets = kept
            make = font.makeSubset

            def subset(glyphs: Sequence[int], make: Any = make, kept: Any = kept) -> bytes:
                key = tuple(glyphs)
                data = kept.get(key)
                if data is None:
                    data = make(glyphs)
                    if len(kept) >= _SUBSETS_KEPT:
                        kept.clear()
                    kept[key] = data
                return bytes(data)

            font.makeSubset = subset
        if not getattr(pdfmetrics.getFont(face), "_kladoc_widths", False):
            _kept_widths(pdfmetrics.getFont(face))  # the font reportlab lays out with


def render_file(src: Path, dst: Path, name: str, plain: bool = False) -> int:
    """Lay out one DOCX/XLSX (by content, whatever its name) into its own PDF. Returns
    the page count. Raises OfficeReadError, OfficeTooLarge or reportlab's LayoutError."""
    register_fonts()
    _reuse_font_work()
    kind = _office_kind(src)
    # one workbook read serves the page format and the tables (it was opened twice)
    wb = _open_workbook(src) if kind == "xlsx" else None
    size = landscape(A4) if wb is not None and _is_wide(wb) else A4
    width = size[0] - 2 * MARGIN
    try:
        if wb is not None:
            body = xlsx_flowables(src, width, plain, wb)
        else:
            body = docx_flowables(src, width, plain)
    except (OfficeReadError, OfficeTooLarge):
        raise
    except Exception as exc:
        raise OfficeReadError(type(exc).__name__) from exc
    frame = Frame(MARGIN, 16 * mm, width, size[1] - MARGIN - 16 * mm, id="body")
    template = BaseDocTemplate(
        str(dst), pagesize=size, invariant=1, pageTemplates=[PageTemplate("body", [frame])]
    )
    template.build([_banner(name), *body])
    return int(template.page)


def render_one(src: str, dst: str, name: str, lang: str) -> tuple[str, int]:
    """Render one file, as a grid and, when that cannot be laid out, as plain rows.
    Returns ("ok", pages) or (failure kind, 0); never raises for a bad file."""
    set_language(lang)
    with warnings.catch_warnings():
        # openpyxl/python-docx warnings about odd files are no news for the user
        warnings.simplefilter("ignore")
        return _render_one(Path(src), Path(dst), name)


def _render_one(src: Path, dst: Path, name: str) -> tuple[str, int]:
    for plain in (False, True):
        try:
            return "ok", render_file(src, dst, name, plain)
        except LayoutError:
            log.debug("layout failed for %s (plain=%s)", src, plain, exc_info=True)
            continue
        except OfficeTooLarge:
            return "too_large", 0
        except RecursionError:
            return "layout", 0
        except MemoryError:
            return "too_large", 0
        except Exception:
            log.debug("cannot render %s", src, exc_info=True)
            return "unreadable", 0
    return "layout", 0


# Test hook: file names whose rendering blocks in the worker until the worker is killed,
# so a test of the deadline does not depend on how fast this machine lays out a document.
HANG_FOR_TESTS: frozenset[str] = frozenset()
OFFICE_WORKERS = 2  # renderers at a time (at most one per CPU, one per file)
STOP_POLL = 0.25  # seconds between looks at the stop signal


class Interrupted(Exception):
    """The build was stopped (Ctrl+C in the thread that waits for the renderers)."""


def _import_readers() -> None:
    """Load python-docx and openpyxl. openpyxl imports numpy when it is installed, only
    to accept numpy numbers written into cells; a renderer reads workbooks, so the import
    is made with numpy out of reach (numpy was two thirds of the 0.2 CPU s openpyxl took
    to import in every worker). A process that has numpy or openpyxl already is left as
    it is, and numpy stays importable afterwards."""
    import docx  # noqa: F401

    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` fails
    try:
        import openpyxl  # noqa: F401
    finally:
        if sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]


def _worker_main(conn: Connection, hang: frozenset[str] = frozenset()) -> None:
    # Ctrl+C reaches the whole process group: the parent stops and kills this worker
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _import_readers()  # before the first deadline starts, not under it
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        if task[2] in hang:
            while True:  # until the parent's deadline kills this process
                time.sleep(3600)
        try:
            conn.send(render_one(*task))
        except (OSError, KeyboardInterrupt):
            return


class _Renderer:
    """One spawned worker that renders files under a deadline; replaced when it hangs
    or dies. Without child processes, renders in this process (content caps still bound
    the work)."""

    def __init__(self) -> None:
        self.ctx = mp.get_context("spawn")
        self.proc: Any = None
        self.conn: Connection | None = None
        self.in_process = False
        self.task: tuple[str, str, str, str] | None = None
        self.index = -1  # the item being rendered
        self.deadline = 0.0

    def _start(self) -> bool:
        try:
            self.conn, child = self.ctx.Pipe(duplex=True)
            self.proc = self.ctx.Process(
                target=_worker_main, args=(child, HANG_FOR_TESTS), daemon=True
            )
            self.proc.start()
            child.close()
            if self.conn.poll(WORKER_START_TIMEOUT) and self.conn.recv() == "ready":
                return True
        except (OSError, RuntimeError, EOFError) as exc:
            log.warning("office worker unavailable (%s); rendering in-process", exc)
        self.kill()
        return False

    def send(self, index: int, task: tuple[str, str, str, str], timeout: float) -> bool:
        """Start rendering `task` in the worker. False: no worker could be started (the
        caller renders in-process) or it died on the way (`result` says so)."""
        if not self.in_process and self.proc is None and not self._start():
            self.in_process = True
        if self.in_process:
            return False
        assert self.conn is not None
        self.task, self.index = task, index
        try:
            self.conn.send(task)
        except (EOFError, OSError):
            self.kill()
            return False
        self.deadline = time.monotonic() + timeout
        return True

    def result(self) -> tuple[str, int]:
        """The answer to the task sent (call once `conn` is readable or past the deadline)."""
        self.task = None
        assert self.conn is not None
        try:
            if self.conn.poll(0):
                status, pages = self.conn.recv()
                return str(status), int(pages)
            outcome = ("timeout", 0)
        except (EOFError, OSError):
            outcome = ("crashed", 0)
        self.kill()
        return outcome

    def run(self, task: tuple[str, str, str, str], timeout: float) -> tuple[str, int]:
        if not self.send(0, task, timeout):
            if self.in_process:
                return render_one(*task)
            return ("crashed", 0)
        assert self.conn is not None
        self.conn.poll(timeout)
        return self.result()

    def kill(self) -> None:
        kill_process(self.proc, self.conn)
        self.proc, self.conn = None, None

    def stop(self) -> None:
        if self.conn is not None and self.proc is not None:
            with contextlib.suppress(Exception):
                self.conn.send(None)
                self.proc.join(2)
        self.kill()


def failure_reason(status: str, timeout: float) -> str:
    """The notice-page text for a file kladoc's renderer could not show."""
    if status == "timeout":
        return t("build.placeholder.office_timeout", seconds=decimal(timeout))
    if status in ("layout", "too_large"):
        return t("build.placeholder.office_layout")
    return t("build.placeholder.office_unreadable")


def _render_all(
    tasks: list[tuple[str, str, str, str]],
    timeout: float,
    workers: int,
    done: Callable[[int, str, int], None],
    stop: threading.Event | None = None,
    between: Callable[[], None] | None = None,
) -> None:
    """Render every task, at most `workers` at a time, each under its own deadline;
    `done(index, status, pages)` as each one ends (in any order). `between` runs once
    the workers have their next tasks, while they render. `stop` set: the workers are
    stopped and Interrupted is raised."""
    from multiprocessing.connection import wait

    todo = list(range(len(tasks)))
    todo.reverse()
    pool = [_Renderer() for _ in range(max(1, min(workers, len(tasks))))]
    try:
        while todo or any(r.task is not None for r in pool):
            for r in pool:
                while r.task is None and todo:
                    i = todo.pop()
                    if r.send(i, tasks[i], timeout):
                        break
                    done(i, *(render_one(*tasks[i]) if r.in_process else ("crashed", 0)))
            if stop is not None and stop.is_set():
                raise Interrupted
            if between is not None:
                between()
            busy = [r for r in pool if r.task is not None]
            if not busy:
                continue
            left = min(r.deadline for r in busy) - time.monotonic()
            if stop is not None:
                left = min(left, STOP_POLL)
            ready = wait([r.conn for r in busy if r.conn is not None], max(0.0, left))
            now = time.monotonic()
            for r in busy:
                if r.conn in ready or now >= r.deadline:
                    index = r.index
                    done(index, *r.result())
    finally:
        for r in pool:
            r.stop()


def render_python(
    items: list[tuple[Doc, Path]],
    out: Path,
    timeout: float | None = None,
    progress: Callable[[int], None] | None = None,
    cache: ConversionCache | None = None,
    workers: int | None = None,
    stop: threading.Event | None = None,
) -> dict[str, str]:
    """Render each (doc, file) on its own, in worker processes (`workers`, default
    OFFICE_WORKERS, at most one per CPU) under `timeout` seconds each (default
    RENDER_TIMEOUT), then put the results together in one PDF in the order given; fills
    doc.pdf/first/pages. A file rendered before (same content, name and language) comes
    from `cache`. Returns {doc number: reason} (catalogue text for a notice page) for the
    files that could not be shown."""
    timeout = timeout or RENDER_TIMEOUT
    if workers is None:
        workers = min(OFFICE_WORKERS, os.cpu_count() or 1)
    lang = get_language()
    parts: dict[int, Path] = {}
    statuses: dict[int, str] = {}
    keys: list[str | None] = []
    tasks: list[tuple[str, str, str, str]] = []
    pending: list[int] = []
    for n, (doc, path) in enumerate(items):
        part = out.with_name(f"{out.stem}-part{n:05d}.pdf")
        key = cache.key("office", doc.evidence.facts.sha256, doc.name, lang) if cache else None
        keys.append(key)
        tasks.append((str(path), str(part), doc.name, lang))
        if cache is not None and cache.fetch(key, part):
            parts[n] = part
        else:
            pending.append(n)

    def done(i: int, status: str, pages: int) -> None:
        n = pending[i]
        part = Path(tasks[n][1])
        log.debug("rendered %s: %s", tasks[n][0], status)
        if status == "ok" and pages > 0 and part.is_file():
            parts[n] = part
            if cache is not None:
                cache.store(keys[n], part)
        else:
            statuses[n] = status
            with contextlib.suppress(OSError):
                part.unlink()

    # joined into a few files of OFFICE_CHUNK parts each, a chunk as soon as all of its
    # files are rendered (this thread only waits on the workers meanwhile): qpdf copies a
    # page's streams only when the joined file is written, so every part of a file stays
    # open until then (977 parts in one file held 160 MB)
    chunks = list(iter_chunks(list(range(len(items))), OFFICE_CHUNK))
    joined = 0

    def join_ready() -> None:
        nonlocal joined
        while joined < len(chunks) and all(n in parts or n in statuses for n in chunks[joined]):
            target = out if joined == 0 else out.with_name(f"{out.stem}-{joined:04d}{out.suffix}")
            _join([(items[n][0], parts[n]) for n in chunks[joined] if n in parts], target)
            joined += 1

    join_ready()  # what came from the cache
    _render_all([tasks[n] for n in pending], timeout, workers, done, stop, join_ready)
    join_ready()
    failures: dict[str, str] = {}
    for n, (doc, _path) in enumerate(items):
        if n in statuses:  # its notice page ticks when it is drawn
            failures[doc.number] = failure_reason(statuses[n], timeout)
        elif progress is not None:
            progress(1)
    return failures


def _join(rendered: list[tuple[Doc, Path]], target: Path) -> None:
    """One PDF of these rendered files' pages, in order (nothing when there are none);
    each doc is given its pages in it, and its part is removed."""
    import pikepdf

    if not rendered:
        return
    with pikepdf.Pdf.new() as merged, contextlib.ExitStack() as stack:
        first = 1
        for doc, part in rendered:
            src = stack.enter_context(pikepdf.open(part))
            merged.pages.extend(src.pages)
            doc.pdf, doc.first, doc.pages = target, first, len(src.pages)
            first += len(src.pages)
        merged.save(target, deterministic_id=True)
    for _doc, part in rendered:
        with contextlib.suppress(OSError):
            part.unlink()


def iter_chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
