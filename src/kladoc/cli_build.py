"""The `kladoc build` command: options in, `kladoc.build(...)` (check, then one PDF and/or
one Word dossier per cluster, and/or the upload pack), a short summary out.

`--format both` builds the PDFs first, so a broken Word template costs only the Word files.
Exit codes: 0 built, 2 usage or configuration error, 3 a dossier could not be built."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from kladoc.cli_common import (
    LANG_OPTION,
    checklist_option,
    choice,
    cluster_option,
    folder_argument,
    jobs_option,
    no_cache_option,
    open_dossier,
    progress_bar,
    show_error,
    show_warnings,
    stderr_console,
    stdout_console,
    warn,
    year_option,
)
from kladoc.cli_i18n import LocalizedCommand
from kladoc.errors import ExitCode, Interrupted
from kladoc.i18n import t

if TYPE_CHECKING:
    from kladoc.build import BuildReport
    from kladoc.build.upload import UploadReport
    from kladoc.models import CheckResult

FORMATS = {
    "pdf": ("pdf",),
    "docx": ("docx",),
    "both": ("pdf", "docx"),
    "upload": ("upload",),
    "all": ("pdf", "docx", "upload"),
}


def register_build(app: typer.Typer) -> None:
    @app.command("build", help=t("cli.build.help"), cls=LocalizedCommand)
    def build_cmd(
        folder: Path = folder_argument(),
        cluster: Optional[str] = cluster_option(),  # noqa: UP045
        indicator: Optional[str] = typer.Option(  # noqa: UP045
            None,
            "--indicator",
            help=t("cli.opt.indicator_build"),
            metavar=t("cli.metavar.indicator"),
        ),
        opd: Optional[str] = typer.Option(  # noqa: UP045
            None, "--opd", help=t("cli.opt.opd_build"), metavar=t("cli.metavar.opd")
        ),
        output: Path | None = typer.Option(
            None, "--output", "-o", help=t("cli.opt.output_dir"), metavar=t("cli.metavar.folder")
        ),
        max_mb: float | None = typer.Option(
            None, "--max-mb", help=t("cli.opt.max_mb"), metavar=t("cli.metavar.mb")
        ),
        compact: bool = typer.Option(False, "--compact", help=t("cli.opt.compact")),
        draft: bool = typer.Option(False, "--draft", help=t("cli.opt.draft")),
        converter: str = typer.Option(
            "auto", "--converter", help=t("cli.opt.converter"), metavar=t("cli.metavar.converter")
        ),
        fmt: str = typer.Option(
            "both", "--format", help=t("cli.opt.build_format"), metavar=t("cli.metavar.format")
        ),
        template: Path | None = typer.Option(
            None, "--template", help=t("cli.opt.template"), metavar=t("cli.metavar.file")
        ),
        year: Optional[int] = year_option(),  # noqa: UP045
        checklist: str | None = checklist_option(),
        jobs: int | None = jobs_option(),
        no_cache: bool = no_cache_option(),
        ocr: bool = typer.Option(False, "--ocr", help=t("cli.opt.ocr")),
        lang: Optional[str] = LANG_OPTION,  # noqa: UP045
    ) -> None:
        from kladoc.build.run import build

        if max_mb is not None and max_mb <= 0:
            raise typer.BadParameter(t("build.bad_max_mb"), param_hint="--max-mb")
        converter = choice(converter, ("auto", "python"), "--converter")
        fmt = choice(fmt, tuple(FORMATS), "--format")
        if (indicator or opd) and fmt != "upload":
            raise typer.BadParameter(t("build.scope_upload_only"), param_hint="--indicator/--opd")
        started = time.monotonic()
        dossier = open_dossier(folder, year=year, checklist=checklist, scope_here=False, ocr=ocr)
        try:
            with progress_bar() as progress:
                outcome = build(
                    dossier.root,
                    env=dossier.env,
                    formats=FORMATS[fmt],
                    output=output,
                    cluster=cluster,
                    indicator=indicator,
                    opd=opd,
                    max_mb=max_mb,
                    compact=compact,
                    converter=converter,
                    template=template,
                    jobs=jobs,
                    use_cache=not no_cache,
                    progress=progress,
                    draft=draft,
                )
        except KeyboardInterrupt as stop:
            # the build swaps its files in all at once or not at all: nothing was replaced
            raise Interrupted("build.interrupted") from stop
        report = outcome.report
        show_warnings(outcome.result.warnings)
        _check_line(outcome.result)
        if fmt != "upload":
            _summary(report, time.monotonic() - started, "both" if fmt == "all" else fmt, draft)
        show_warnings(report.warnings)
        err = stderr_console()
        for exc in report.errors:
            show_error(exc, err)
        if outcome.upload is not None:
            _upload_summary(outcome.upload, time.monotonic() - started)
        if report.errors:
            err.print(t("build.failed", count=len(report.errors)))
            raise typer.Exit(ExitCode.BUILD)
        if outcome.upload is not None and not outcome.upload.written:
            # a question that failed is reported; only an unwritten pack fails the build
            raise typer.Exit(ExitCode.BUILD)


def _check_line(result: CheckResult) -> None:
    """The dossier is built whatever its gaps; say plainly how many there are."""
    from rich.text import Text

    from kladoc.report.data import readiness_text

    line = t(
        "build.check_line",
        errors=result.count("error"),
        warnings=result.count("warning"),
        readiness=readiness_text(result),
    )
    stdout_console().print(Text(line), soft_wrap=True)


def _summary(report: BuildReport, seconds: float, fmt: str, draft: bool = False) -> None:
    from rich.table import Table
    from rich.text import Text

    from kladoc.i18n.formats import file_size, fixed

    out = stdout_console()
    out_dir = report.out_dir
    title = {"pdf": "build.title", "docx": "docx.title", "both": "docx.title_both"}[fmt]
    if report.files:
        table = Table(title=Text(t(title, folder=str(out_dir))), title_justify="left")
        table.add_column(t("build.col.output"), overflow="fold")
        for key in ("build.col.docs", "build.col.total_pages", "build.col.size"):
            table.add_column(t(key), justify="right")
        for f in report.files:
            # Word paginates a .docx itself: there is no page count to show
            pages = str(f.pages) if f.path.suffix == ".pdf" else "-"
            table.add_row(Text(f.path.name), str(f.documents), pages, file_size(f.size))
        out.print(table)
    for path in report.removed:
        out.print(Text(t("build.warn.stale_removed", file=path.name), style="dim"))
    for kept, name in report.kept:
        out.print(Text(t("build.kept", file=name, kept=kept.name), style="yellow"), soft_wrap=True)
    if report.excluded:
        out.print(Text(t("build.left_out.title", count=len(report.excluded))))
        lines = [
            t(
                "build.left_out.line_detail" if row.message else "build.left_out.line",
                path=row.path,
                reason=row.reason_text,
                detail=row.message,
            )
            for row in report.excluded
        ]
        # one print: thousands of them, one a line, took half a second of rich's rendering
        out.print(Text("\n".join(lines), style="dim"), soft_wrap=True)
    if draft:
        out.print(Text(t("build.draft.line"), style="bold yellow"), soft_wrap=True)
    pdfs = sum(1 for f in report.files if f.path.suffix == ".pdf")
    words = len(report.files) - pdfs
    seconds_text = fixed(seconds, 1)
    folder = str(out_dir)
    if fmt == "pdf":
        done = t("build.done", files=pdfs, folder=folder, seconds=seconds_text)
    elif fmt == "docx":
        done = t("docx.done", files=words, folder=folder, seconds=seconds_text)
    else:
        done = t("docx.done_both", pdf=pdfs, docx=words, folder=folder, seconds=seconds_text)
    out.print(Text(done), soft_wrap=True)  # one line, however long the path


def _upload_summary(report: UploadReport, seconds: float) -> None:
    """The pack in a table (one row per file written or kept), which questions were
    rewritten, what someone had changed, and the questions that failed."""
    from rich.table import Table
    from rich.text import Text

    from kladoc.i18n.formats import file_size, fixed

    out = stdout_console()
    if report.files:
        table = Table(
            title=Text(t("upload.title", folder=str(report.folder))), title_justify="left"
        )
        table.add_column(t("build.col.output"), overflow="fold")
        for key in ("build.col.total_pages", "build.col.size"):
            table.add_column(t(key), justify="right")
        for f in report.files:
            table.add_row(Text(f.rel), str(f.pages), file_size(f.size))
        out.print(table)
    if report.rewritten and report.kept:
        out.print(Text(t("upload.rewritten", codes=", ".join(report.rewritten))), soft_wrap=True)
    for kept, was in report.user_files:
        warn("upload.user_file", {"kept": kept, "was": was})
    for rel in report.removed:
        out.print(Text(t("upload.removed", file=rel), style="dim"), soft_wrap=True)
    show_warnings(report.warnings)
    err = stderr_console()
    for exc in report.failed:
        show_error(exc, err)
    if not report.written:
        err.print(t("upload.failed"))
        return
    done = t(
        "upload.done",
        files=len(report.files),
        questions=report.questions - report.empty,
        folder=str(report.folder),
        rewritten=len(report.rewritten),
        kept=len(report.kept),
        empty=report.empty,
        list=report.list_path.name,
        seconds=fixed(seconds, 1),
    )
    out.print(Text(done), soft_wrap=True)
