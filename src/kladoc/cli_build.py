"""The `kladoc build` command: check the dossier, then build one PDF and/or one Word
dossier per cluster.

Thin by design: options in, `kladoc.build.build_pdf` and `kladoc.build.docx.build_docx`
do the work, a short summary out. `--format both` builds the PDFs first, so a broken
Word template costs only the Word files. Exit codes: 0 built, 2 usage or configuration
error, 3 a dossier could not be built."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from kladoc.errors import EXIT_BUILD
from kladoc.i18n import t

if TYPE_CHECKING:
    from kladoc.build import BuildReport
    from kladoc.check import CheckResult


def register_build(app: typer.Typer) -> None:
    from kladoc.cli import LANG_OPTION

    @app.command("build", help=t("cli.build.help"))
    def build_cmd(
        folder: Path = typer.Argument(Path("."), help=t("cli.arg.dossier")),
        cluster: Optional[str] = typer.Option(None, "--cluster", help=t("cli.opt.cluster")),  # noqa: UP045
        output: Path | None = typer.Option(
            None,
            "--output",
            "-o",
            help=t("cli.opt.output_dir"),
        ),
        max_mb: float | None = typer.Option(
            None,
            "--max-mb",
            help=t("cli.opt.max_mb"),
        ),
        compact: bool = typer.Option(False, "--compact", help=t("cli.opt.compact")),
        converter: str = typer.Option("auto", "--converter", help=t("cli.opt.converter")),
        fmt: str = typer.Option("both", "--format", help=t("cli.opt.build_format")),
        template: Path | None = typer.Option(
            None,
            "--template",
            help=t("cli.opt.template"),
        ),
        year: Optional[int] = typer.Option(None, "--year", help=t("cli.opt.year")),  # noqa: UP045
        checklist: str | None = typer.Option(
            None,
            "--checklist",
            help=t("cli.opt.checklist"),
        ),
        jobs: int | None = typer.Option(
            None,
            "--jobs",
            "-j",
            min=1,
            help=t("cli.opt.jobs"),
        ),
        no_cache: bool = typer.Option(False, "--no-cache", help=t("cli.opt.no_cache")),
        lang: Optional[str] = LANG_OPTION,  # noqa: UP045
    ) -> None:
        from kladoc import cli
        from kladoc.build import BuildReport, check_output_dir
        from kladoc.build.docx import build_docx, resolve_template
        from kladoc.check import prepare, run_check

        if max_mb is not None and max_mb <= 0:
            raise typer.BadParameter(t("build.bad_max_mb"), param_hint="--max-mb")
        converter = cli._choice(converter, ("auto", "python"), "--converter")
        fmt = cli._choice(fmt, FORMATS, "--format")
        started = time.monotonic()
        env = prepare(folder, {"year": year, "checklist": checklist})
        cli._apply_config_language(env.config.language, cli._LANG_GIVEN)
        out_dir = output if output is not None else env.config.output_dir
        check_output_dir(out_dir, env.config, env.registry)  # before any slow work
        word = fmt in ("docx", "both")
        template_file = resolve_template(env.config, template) if word else None
        report = BuildReport(out_dir)
        with cli._progress() as progress:
            result = run_check(
                folder,
                env=env,
                cluster=cluster,
                jobs=jobs,
                use_cache=not no_cache,
                progress=progress,
            )
            if fmt in ("pdf", "both"):
                from kladoc.build.pdf import build_pdf

                report = build_pdf(
                    result,
                    out_dir,
                    max_mb=max_mb,
                    compact=compact,
                    progress=progress,
                    converter=converter,
                )
            if word:
                # the PDF build knows each document's real pages: both covers agree
                words = build_docx(
                    result,
                    out_dir,
                    template=template_file,
                    progress=progress,
                    evidence_pages=report.evidence_pages,
                )
                _merge(report, words)
        for key, params in result.warnings:
            cli._warn(key, params)
        _check_line(result)
        _summary(report, out_dir, time.monotonic() - started, fmt)
        for key, params in report.warnings:
            cli._warn(key, params)
        from rich.text import Text

        err = cli._stderr_console()
        for exc in report.errors:
            # paths may contain [brackets]: plain text, never rich markup
            err.print(
                Text.assemble((f"{t('cli.error')}: ", "bold red"), exc.render()), soft_wrap=True
            )
        if report.errors:
            err.print(t("build.failed", count=len(report.errors)))
            raise typer.Exit(EXIT_BUILD)


FORMATS = ("pdf", "docx", "both")


def _merge(report: BuildReport, more: BuildReport) -> None:
    report.files.extend(more.files)
    # a bad logo or narrative is the same news from both builds: say it once
    report.warnings.extend(w for w in more.warnings if w not in report.warnings)
    report.errors.extend(more.errors)
    report.removed.extend(more.removed)


def _check_line(result: CheckResult) -> None:
    """The dossier is built whatever its gaps; say plainly how many there are."""
    from rich.text import Text

    from kladoc import cli
    from kladoc.report.terminal import readiness_text

    line = t(
        "build.check_line",
        errors=result.count("error"),
        warnings=result.count("warning"),
        readiness=readiness_text(result),
    )
    cli._stdout_console().print(Text(line), soft_wrap=True)


def _summary(report: BuildReport, out_dir: Path, seconds: float, fmt: str = "pdf") -> None:
    from rich.table import Table
    from rich.text import Text

    from kladoc import cli
    from kladoc.build.content import human_size

    out = cli._stdout_console()
    title = {"pdf": "build.title", "docx": "docx.title", "both": "docx.title_both"}[fmt]
    if report.files:
        table = Table(title=Text(t(title, folder=str(out_dir))), title_justify="left")
        table.add_column(t("build.col.output"), overflow="fold")
        for key in ("build.col.docs", "build.col.total_pages", "build.col.size"):
            table.add_column(t(key), justify="right")
        for f in report.files:
            # Word paginates a .docx itself: there is no page count to show
            pages = str(f.pages) if f.path.suffix == ".pdf" else "-"
            table.add_row(Text(f.path.name), str(f.documents), pages, human_size(f.size))
        out.print(table)
    for path in report.removed:
        out.print(Text(t("build.warn.stale_removed", file=path.name), style="dim"))
    pdfs = sum(1 for f in report.files if f.path.suffix == ".pdf")
    words = len(report.files) - pdfs
    seconds_text = f"{seconds:.1f}"
    if fmt == "pdf":
        done = t("build.done", files=pdfs, folder=str(out_dir), seconds=seconds_text)
    elif fmt == "docx":
        done = t("docx.done", files=words, folder=str(out_dir), seconds=seconds_text)
    else:
        done = t("docx.done_both", pdf=pdfs, docx=words, folder=str(out_dir), seconds=seconds_text)
    out.print(Text(done), soft_wrap=True)  # one line, however long the path
