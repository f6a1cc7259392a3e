"""DOCX/XLSX (and legacy DOC/XLS) to PDF pages.

LibreOffice, when installed, converts every Office file in ONE headless process with a
private profile and a time limit. Whatever it does not convert (or when it is absent) is
rendered by kladoc itself: DOCX paragraphs and tables, XLSX used ranges as tables. The
original file is embedded in the dossier either way."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from kladoc.build.plan import Doc
from kladoc.build.style import (
    ACCENT_LIGHT,
    FONT_BOLD,
    MUTED,
    RULE,
    ZEBRA,
    esc,
    register_fonts,
    styles,
)
from kladoc.i18n import get_language, t

_ID_DIGITS = str.maketrans(",.", ".,")
MAX_ROWS = 1500  # per sheet; the original is attached for the rest
MAX_COLS = 26
SOFFICE_TIMEOUT_BASE = 90.0
SOFFICE_TIMEOUT_PER_FILE = 20.0
SOFFICE_TIMEOUT_MAX = 1800.0
MARGIN = 16 * mm


def find_soffice() -> Path | None:
    """LibreOffice's command-line entry point, if installed."""
    env = os.environ.get("KLADOC_SOFFICE")
    if env:
        return Path(env) if Path(env).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates: list[Path] = []
    if sys.platform == "win32":
        for var in ("PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432"):
            base = os.environ.get(var)
            if base:
                candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    else:
        candidates += [
            Path("/usr/lib/libreoffice/program/soffice"),
            Path("/opt/libreoffice/program/soffice"),
        ]
    return next((c for c in candidates if c.is_file()), None)


def soffice_convert(
    soffice: Path, files: dict[str, Path], work: Path
) -> tuple[dict[str, Path], str]:
    """Convert {key: file} with one LibreOffice process. Returns {key: pdf} for the files
    that converted, and a short note about what went wrong (empty when all went well).

    Inputs are copied under short neutral names first: LibreOffice may drop lock files
    next to what it opens, and two evidence files may share a name."""
    inbox, outbox = work / "lo-in", work / "lo-out"
    profile = work / "lo-profile"
    for d in (inbox, outbox, profile):
        d.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    for n, (key, src) in enumerate(files.items()):
        name = f"f{n:05d}{src.suffix.lower()}"
        shutil.copyfile(src, inbox / name)
        names[key] = name
    cmd = [
        str(soffice),
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
        note = f"timeout {timeout:.0f} s"
    except OSError as exc:
        note = exc.strerror or str(exc)
    done: dict[str, Path] = {}
    for key, name in names.items():
        pdf = outbox / (Path(name).stem + ".pdf")
        if pdf.is_file() and pdf.stat().st_size > 0:
            done[key] = pdf
    if len(done) < len(files) and not note:
        note = "no output"
    return done, note


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


# -- pure-Python rendering --------------------------------------------------------------


class _Mark(Flowable):
    def __init__(self, key: str, sink: dict[str, int]) -> None:
        super().__init__()
        self.key, self.sink = key, sink

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.sink.setdefault(self.key, self.canv.getPageNumber())


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
    return Paragraph(esc(t("build.converted.banner", name=name)), style)


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
            Paragraph(esc(r[i]) if i < len(r) else "", head if (header and n == 0) else cell)
            for i in range(ncols)
        ]
        for n, r in enumerate(rows)
    ]
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
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


def docx_flowables(path: Path, width: float) -> list[Flowable]:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    st = styles()
    document = docx.Document(str(path))
    out: list[Flowable] = []
    numbering: dict[str, int] = {}
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = DocxParagraph(child, document)
            out.extend(_docx_paragraph(para, st, numbering))
        elif tag == "tbl":
            table = DocxTable(child, document)
            rows = []
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    cells.append(cell.text.strip())
                rows.append(cells)
            if rows:
                out.append(_grid(rows, width, header=True))
                out.append(Spacer(1, 6))
    return out


def _docx_paragraph(
    para: Any, st: dict[str, ParagraphStyle], numbering: dict[str, int]
) -> list[Flowable]:
    style_name = (para.style.name if para.style is not None else "") or ""
    xml = para._p.xml
    parts: list[str] = []
    for run in para.runs:
        text = esc(run.text).replace("\t", "    ")
        if not text:
            continue
        if run.bold:
            text = f"<b>{text}</b>"
        if run.underline:
            text = f"<u>{text}</u>"
        parts.append(text)
    text = "".join(parts).replace("\n", "<br/>")
    out: list[Flowable] = []
    if "<w:drawing" in xml or "<w:pict" in xml:
        out.append(Paragraph(esc(t("build.converted.image")), st["muted"]))
    if not text.strip():
        if 'w:type="page"' in xml:
            out.append(PageBreak())
        else:
            out.append(Spacer(1, 5))
        return out
    low = style_name.lower()
    if low.startswith("title"):
        out.append(Paragraph(text, st["h1"]))
    elif low.startswith("heading"):
        level = low.removeprefix("heading").strip()
        out.append(Paragraph(text, st["h2"] if level in ("1", "") else st["h3"]))
    elif low.startswith("list number"):
        numbering[style_name] = numbering.get(style_name, 0) + 1
        out.append(Paragraph(text, st["body"], bulletText=f"{numbering[style_name]}."))
    elif low.startswith("list"):
        out.append(Paragraph(text, st["body"], bulletText="•"))
    else:
        out.append(Paragraph(text, st["body"]))
        out.append(Spacer(1, 2.5))
    if 'w:type="page"' in xml:
        out.append(PageBreak())
    return out


def xlsx_flowables(path: Path, width: float) -> list[Flowable]:
    from openpyxl import load_workbook

    st = styles()
    wb = load_workbook(str(path), read_only=True, data_only=True)
    out: list[Flowable] = []
    try:
        for ws in wb.worksheets:
            out.append(Paragraph(esc(t("build.converted.sheet", sheet=ws.title)), st["h3"]))
            rows: list[list[str]] = []
            extra_rows = 0
            extra_cols = 0
            for values in ws.iter_rows(values_only=True):
                cells = [_cell_text(v) for v in values]
                while cells and not cells[-1].strip():
                    cells.pop()
                if len(rows) >= MAX_ROWS:
                    extra_rows += 1 if cells else 0
                    continue
                if len(cells) > MAX_COLS:
                    extra_cols = max(extra_cols, len(cells) - MAX_COLS)
                    cells = cells[:MAX_COLS]
                rows.append(cells)
            while rows and not any(c.strip() for c in rows[-1]):
                rows.pop()
            while rows and not any(c.strip() for c in rows[0]):
                rows.pop(0)
            if not rows:
                out.append(Paragraph(esc(t("build.converted.empty_sheet")), st["muted"]))
                continue
            ncols = max(len(r) for r in rows)
            rows = [r + [""] * (ncols - len(r)) for r in rows]
            # a title row above the header (one filled cell) reads better as a caption
            if len(rows) > 2 and sum(1 for c in rows[0] if c.strip()) == 1 and ncols > 1:
                out.append(
                    Paragraph(f"<b>{esc(next(c for c in rows[0] if c.strip()))}</b>", st["body"])
                )
                out.append(Spacer(1, 3))
                rows = rows[1:]
            out.append(_grid(rows, width, header=True))
            if extra_rows:
                out.append(
                    Paragraph(esc(t("build.converted.truncated", rows=extra_rows)), st["muted"])
                )
            if extra_cols:
                out.append(
                    Paragraph(
                        esc(t("build.converted.columns_truncated", cols=extra_cols)), st["muted"]
                    )
                )
            out.append(Spacer(1, 8))
    finally:
        wb.close()
    return out


def _is_wide(path: Path) -> bool:
    """Sheets with many columns are laid out on landscape pages."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        from openpyxl import load_workbook

        wb = load_workbook(str(path), read_only=True, data_only=True)
        try:
            return any((ws.max_column or 0) > 7 for ws in wb.worksheets)
        finally:
            wb.close()
    except Exception:
        return False


def render_python(items: list[tuple[Doc, Path]], out: Path) -> dict[str, str]:
    """Render every (doc, file) into one PDF; fills doc.pdf/first/pages. Returns
    {doc number: error} for the files that could not be read."""
    register_fonts()
    failures: dict[str, str] = {}
    story: list[Flowable] = []
    marks: dict[str, int] = {}
    portrait_w = A4[0] - 2 * MARGIN
    land_w = landscape(A4)[0] - 2 * MARGIN
    rendered: list[Doc] = []
    first_wide = False
    for doc, path in items:
        wide = _is_wide(path)
        try:
            width = land_w if wide else portrait_w
            body = (
                xlsx_flowables(path, width)
                if path.suffix.lower() in (".xlsx", ".xlsm")
                else docx_flowables(path, width)
            )
        except Exception as exc:  # a damaged file becomes a notice page, not a crash
            failures[doc.number] = (str(exc).splitlines() or [type(exc).__name__])[0][:160]
            continue
        if rendered:
            story.append(NextPageTemplate("wide" if wide else "tall"))
            story.append(PageBreak())
        else:
            first_wide = wide
        story.append(_Mark(doc.number, marks))
        story.append(_banner(doc.name))
        story.extend(body)
        rendered.append(doc)
    if not rendered:
        return failures
    tall = Frame(MARGIN, 16 * mm, portrait_w, A4[1] - MARGIN - 16 * mm, id="tall")
    wide = Frame(MARGIN, 16 * mm, land_w, landscape(A4)[1] - MARGIN - 16 * mm, id="wide")
    templates = [
        PageTemplate("tall", [tall], pagesize=A4),
        PageTemplate("wide", [wide], pagesize=landscape(A4)),
    ]
    if first_wide:  # the first page uses the first template
        templates.reverse()
    template = BaseDocTemplate(str(out), pagesize=A4, invariant=1, pageTemplates=templates)
    template.build(story)
    total = template.page
    starts = [marks[d.number] for d in rendered]
    for i, doc in enumerate(rendered):
        end = starts[i + 1] if i + 1 < len(starts) else total + 1
        doc.pdf, doc.first, doc.pages = out, starts[i], end - starts[i]
    return failures


def iter_chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
