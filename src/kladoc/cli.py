"""The `kladoc` command: parse options, call the library, render, map errors to exit codes.

Each command is a short function over the library (`kladoc.check`, `kladoc.build`, the
renderers in `kladoc.report`); what they share lives in `kladoc.cli_common`. Heavy libraries
(pikepdf, pdfium, Office, reportlab) are imported inside commands so that `kladoc --help` and
`--version` start fast."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kladoc.cli_common import (
    LANG_OPTION,
    checklist_option,
    choice,
    cluster_option,
    emit,
    folder_argument,
    jobs_option,
    no_cache_option,
    open_dossier,
    output_file_option,
    output_format,
    preparse_language,
    progress_bar,
    report_format_option,
    show_error,
    show_warnings,
    stdout_console,
    warn,
    written,
    year_option,
)
from kladoc.cli_i18n import LocalizedCommand, LocalizedGroup, is_usage_error, show_usage_error
from kladoc.errors import ExitCode, Interrupted, KladocError
from kladoc.i18n import t
from kladoc.version import __version__

if TYPE_CHECKING:
    from kladoc.models import CheckResult

FORMATS_NEED_OUTPUT = ("xlsx", "html")
FORMATS_CHECKLIST = ("table", "json", "xlsx")


# -- `kladoc check --format`: one writer per format ------------------------------------------


def _write_table(result: CheckResult, output: Path | None, questions: bool = False) -> None:
    from kladoc.report.terminal import render_terminal

    if output is None:
        render_terminal(result, stdout_console(), questions)
        return
    import io

    from rich.console import Console

    console = Console(record=True, width=140, file=io.StringIO())
    render_terminal(result, console, questions)
    emit(console.export_text(), output)


def _write_json(result: CheckResult, output: Path | None) -> None:
    from kladoc.report.jsontext import result_json

    emit(result_json(result), output)


def _write_md(result: CheckResult, output: Path | None) -> None:
    from kladoc.report.markdown import render_markdown

    emit(render_markdown(result), output)


def _write_xlsx(result: CheckResult, output: Path | None) -> None:
    from kladoc.report.xlsx import write_xlsx

    assert output is not None  # FORMATS_NEED_OUTPUT
    write_xlsx(result, output)
    written(output)


def _write_html(result: CheckResult, output: Path | None) -> None:
    from kladoc.report.html import write_html

    assert output is not None  # FORMATS_NEED_OUTPUT
    write_html(result, output)
    written(output)


CHECK_WRITERS: dict[str, Callable[[CheckResult, Path | None], None]] = {
    "table": _write_table,
    "json": _write_json,
    "xlsx": _write_xlsx,
    "html": _write_html,
    "md": _write_md,
}
FORMATS_CHECK = tuple(CHECK_WRITERS)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"kladoc {__version__}")
        raise typer.Exit(ExitCode.OK)


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="kladoc",
        help=t("cli.help"),
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
        cls=LocalizedGroup,
    )

    @app.callback()
    def main_callback(
        version: bool = typer.Option(
            False, "--version", callback=_version_callback, is_eager=True, help=t("cli.opt.version")
        ),
        lang: str | None = LANG_OPTION,
    ) -> None:
        """kladoc"""

    @app.command("init", help=t("cli.init.help"), cls=LocalizedCommand)
    def init_cmd(
        folder: Path = typer.Argument(
            ..., help=t("cli.arg.dossier"), metavar=t("cli.metavar.folder")
        ),
        region: str = typer.Option(
            ..., "--region", help=t("cli.opt.region"), metavar=t("cli.metavar.region")
        ),
        year: int = typer.Option(
            ..., "--year", help=t("cli.opt.year"), metavar=t("cli.metavar.year")
        ),
        checklist: str = typer.Option(
            "kla-2024",
            "--checklist",
            help=t("cli.opt.checklist"),
            metavar=t("cli.metavar.checklist"),
        ),
        kind: str | None = typer.Option(
            None, "--kind", help="kabupaten | kota", metavar=t("cli.metavar.kind")
        ),
        no_indicator_folders: bool = typer.Option(
            False, "--no-indicator-folders", help=t("cli.opt.no_indicator_folders")
        ),
        lang: str | None = LANG_OPTION,
    ) -> None:
        from kladoc.scaffold import init_dossier

        if kind is not None:
            kind = choice(kind, ("kabupaten", "kota"), "--kind")
        report = init_dossier(
            folder,
            region=region,
            year=year,
            checklist=checklist,
            kind=kind,
            indicator_folders=not no_indicator_folders,
        )
        out = stdout_console()
        for rel in report.created:
            out.print(t("init.created", path=rel))
        for rel in report.kept:
            out.print(t("init.kept", path=rel))
        out.print(
            t("init.done", created=len(report.created), kept=len(report.kept), folder=str(folder))
        )

    @app.command("check", help=t("cli.check.help"), cls=LocalizedCommand)
    def check_cmd(
        folder: Path = folder_argument(),
        opd: str | None = typer.Option(
            None, "--opd", help=t("cli.opt.opd"), metavar=t("cli.metavar.opd")
        ),
        cluster: str | None = cluster_option(),
        indicator: str | None = typer.Option(
            None, "--indicator", help=t("cli.opt.indicator"), metavar=t("cli.metavar.indicator")
        ),
        year: int | None = year_option(),
        checklist: str | None = checklist_option(),
        fmt: str | None = report_format_option(FORMATS_CHECK),
        output: Path | None = output_file_option(),
        fail_on: str = typer.Option(
            "error", "--fail-on", help="error | warning", metavar=t("cli.metavar.level")
        ),
        questions: bool = typer.Option(False, "--questions", help=t("cli.opt.questions")),
        jobs: int | None = jobs_option(),
        no_cache: bool = no_cache_option(),
        ocr: bool = typer.Option(False, "--ocr", help=t("cli.opt.ocr")),
        lang: str | None = LANG_OPTION,
    ) -> None:
        from kladoc.check import run_check

        fmt = output_format(fmt, output, FORMATS_CHECK)
        fail_on = choice(fail_on, ("error", "warning"), "--fail-on")
        if fmt in FORMATS_NEED_OUTPUT and output is None:
            raise typer.BadParameter(
                t("cli.format_needs_output", format=fmt), param_hint="--output"
            )
        dossier = open_dossier(folder, year=year, checklist=checklist, opd=opd, ocr=ocr)
        with progress_bar() as progress:
            result = run_check(
                dossier.root,
                env=dossier.env,
                opd=dossier.opd,
                cluster=cluster,
                indicator=indicator,
                jobs=jobs,
                use_cache=not no_cache,
                progress=progress,
            )
        show_warnings(result.warnings)
        if fmt == "table":
            _write_table(result, output, questions)
        else:
            CHECK_WRITERS[fmt](result, output)
        raise typer.Exit(result.exit_code(fail_on))

    @app.command("report", help=t("cli.report.help"), cls=LocalizedCommand)
    def report_cmd(
        folder: Path = folder_argument(),
        split_by_opd: Path = typer.Option(
            ..., "--split-by-opd", metavar=t("cli.metavar.folder"), help=t("cli.opt.split_by_opd")
        ),
        year: int | None = year_option(),
        checklist: str | None = checklist_option(),
        jobs: int | None = jobs_option(),
        no_cache: bool = no_cache_option(),
        lang: str | None = LANG_OPTION,
    ) -> None:
        from kladoc.check import run_check, scope_to_opd
        from kladoc.report.split import opds_to_split, outdir_inside_dossier, write_split

        dossier = open_dossier(folder, year=year, checklist=checklist)
        with progress_bar() as progress:
            result = run_check(
                dossier.root,
                env=dossier.env,
                opd=dossier.opd,
                jobs=jobs,
                use_cache=not no_cache,
                progress=progress,
            )
        show_warnings(result.warnings)  # after the check: the same warnings as `kladoc check`
        output_dir = dossier.env.config.output_dir
        if outdir_inside_dossier(dossier.root, split_by_opd, output_dir):
            warn("split.outdir_inside", {"path": str(split_by_opd), "output": str(output_dir)})
        # each workbook is the OPD's own view: the figures `check --opd` gives
        files = write_split(
            (scope_to_opd(result, row["id"]) for row in opds_to_split(result)), split_by_opd
        )
        out = stdout_console()
        for item in files:
            out.print(t("cli.written", path=str(item.path)), markup=False, soft_wrap=True)
        out.print(t("split.written", count=len(files), folder=str(split_by_opd)), markup=False)
        raise typer.Exit(result.exit_code())

    @app.command("rules", help=t("cli.rules.help"), cls=LocalizedCommand)
    def rules_cmd(
        fmt: str = typer.Option(
            "table", "--format", help="table | json", metavar=t("cli.metavar.format")
        ),
        lang: str | None = LANG_OPTION,
    ) -> None:
        from kladoc.rules import rule_rows

        rows = rule_rows()
        if choice(fmt, ("table", "json"), "--format") == "json":
            from kladoc.report.jsontext import dumps

            emit(dumps(rows), None)
            return
        from kladoc.report.terminal import rules_table

        stdout_console().print(rules_table(rows))

    @app.command("opd", help=t("cli.opd.help"), cls=LocalizedCommand)
    def opd_cmd(
        folder: Path = typer.Argument(
            Path("."), help=t("cli.arg.dossier_optional"), metavar=t("cli.metavar.folder")
        ),
        fmt: str = typer.Option(
            "table", "--format", help="table | json", metavar=t("cli.metavar.format")
        ),
        lang: str | None = LANG_OPTION,
    ) -> None:
        from kladoc.config import load_config
        from kladoc.locate import locate_dossier
        from kladoc.opd import OpdRegistry

        fmt = choice(fmt, ("table", "json"), "--format")
        location = locate_dossier(folder) if folder.is_dir() else None
        registry = OpdRegistry.builtin()
        if location is not None:  # the dossier's own [opd_aliases] count too
            config = load_config(location.root)
            registry = OpdRegistry.builtin(region=config.region)
            registry.extend(config.opd_aliases)
        opds = sorted(registry.opds.values(), key=lambda o: o.name.lower())
        rows = [
            {"id": o.id, "name": o.name, "short": o.short, "aliases": list(o.aliases)} for o in opds
        ]
        if fmt == "json":
            from kladoc.report.jsontext import dumps

            emit(dumps(rows), None)
            return
        from rich.table import Table

        table = Table(title=t("opd.title"))
        for col in ("short", "name", "aliases"):
            table.add_column(t(f"opd.col.{col}"), overflow="fold")
        for o in opds:
            table.add_row(o.short, o.name, ", ".join(o.aliases) or "-")
        stdout_console().print(table)
        stdout_console().print(t("opd.hint"), markup=False, soft_wrap=True)

    checklist_app = typer.Typer(
        help=t("cli.checklist.help"), no_args_is_help=False, cls=LocalizedGroup
    )

    @checklist_app.callback(invoke_without_command=True)
    def checklist_show(
        ctx: typer.Context,
        checklist: str = typer.Option(
            "kla-2024",
            "--checklist",
            help=t("cli.opt.checklist"),
            metavar=t("cli.metavar.checklist"),
        ),
        cluster: str | None = cluster_option(),
        fmt: str | None = report_format_option(FORMATS_CHECKLIST),
        output: Path | None = output_file_option(),
        lang: str | None = LANG_OPTION,
    ) -> None:
        if ctx.invoked_subcommand is not None:
            return
        fmt = output_format(fmt, output, FORMATS_CHECKLIST)
        from kladoc.checklist import load_checklist
        from kladoc.checklist_view import checklist_dict, render_checklist_table
        from kladoc.scope import match_cluster

        cl = load_checklist(checklist, Path.cwd())
        cluster_id = match_cluster(cl, cluster) if cluster else None
        if fmt == "json":
            from kladoc.report.jsontext import dumps

            emit(dumps(checklist_dict(cl, cluster_id)), output)
        elif fmt == "xlsx":
            if output is None:
                raise typer.BadParameter(t("cli.xlsx_needs_output"), param_hint="--output")
            from kladoc.checklist.xlsx import write_checklist_xlsx
            from kladoc.fsutil import atomic_save

            atomic_save(output, lambda p: write_checklist_xlsx(cl, p))
            written(output)
        else:
            render_checklist_table(cl, cluster_id, stdout_console())

    @checklist_app.command("validate", help=t("cli.checklist.validate.help"), cls=LocalizedCommand)
    def checklist_validate(
        file: Path = typer.Argument(
            ..., help=t("cli.arg.checklist_file"), metavar=t("cli.metavar.file")
        ),
        lang: str | None = LANG_OPTION,
    ) -> None:
        from kladoc.checklist import load_checklist
        from kladoc.errors import ChecklistError
        from kladoc.i18n.formats import decimal

        if not file.is_file():
            raise ChecklistError("checklist.not_found", ref=str(file), builtin="-")
        cl = load_checklist(file)
        key = "checklist.valid_questions" if cl.questions else "checklist.valid"
        stdout_console().print(
            t(
                key,
                file=str(file),
                rows=len(cl.indicators),
                questions=len(cl.questions),
                total=decimal(cl.total),
            )
        )

    app.add_typer(checklist_app, name="checklist")

    template_app = typer.Typer(
        help=t("cli.template.help"), no_args_is_help=True, cls=LocalizedGroup
    )

    @template_app.command("export", help=t("cli.template.export.help"), cls=LocalizedCommand)
    def template_export(
        file: Path = typer.Argument(
            ..., help=t("cli.arg.template_file"), metavar=t("cli.metavar.file")
        ),
        force: bool = typer.Option(False, "--force", help=t("cli.opt.force")),
        lang: str | None = LANG_OPTION,
    ) -> None:
        from kladoc.build.docx import export_template

        export_template(file, force=force)
        stdout_console().print(t("template.exported", path=str(file)), markup=False, soft_wrap=True)

    app.add_typer(template_app, name="template")

    from kladoc.cli_build import register_build

    register_build(app)
    return app


def _utf8_pipes() -> None:
    """Redirected output is UTF-8 everywhere; a Windows pipe would otherwise be cp1252 and
    fail on Indonesian quotes and arrows. Consoles keep their own encoding."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not stream.isatty():
            reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_pipes()
    if not preparse_language(argv):
        return ExitCode.USAGE
    app = build_app()
    code: int
    try:
        rv = app(args=argv, prog_name="kladoc", standalone_mode=False)
        code = rv if isinstance(rv, int) else ExitCode.OK
        if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl+C into a silent exit 130
            sys.stderr.write("\n" + t("cli.interrupted") + "\n")
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("\n" + t("cli.interrupted") + "\n")
        code = ExitCode.INTERRUPTED
    except Interrupted as exc:  # a command that says what Ctrl+C left behind
        sys.stderr.write("\n" + exc.render() + "\n")
        code = exc.exit_code
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.TyperException as exc:  # usage errors: bad option, missing argument
        show = getattr(exc, "show", None)
        if is_usage_error(exc):
            show_usage_error(exc)  # Click's words, in the user's language
        elif show is not None:
            show()
        code = getattr(exc, "exit_code", ExitCode.USAGE)
    except KladocError as exc:
        show_error(exc)
        code = exc.exit_code
    except BrokenPipeError:
        code = ExitCode.OK
    except Exception as exc:  # a bug: say so plainly instead of a traceback
        if os.environ.get("KLADOC_DEBUG"):
            raise
        sys.stderr.write(t("cli.internal", detail=f"{type(exc).__name__}: {exc}") + "\n")
        code = ExitCode.BUILD  # documented: the command could not complete
    if code == ExitCode.INTERRUPTED:
        _let_helper_threads_finish()
    sys.stdout.flush()
    return int(code)


HELPER_THREAD_PREFIX = "kladoc-"  # the names of kladoc's own helper threads
SETTLE_SECONDS = 10.0


def _let_helper_threads_finish() -> None:
    """After Ctrl+C a helper thread (the one waiting on the Office workers, the one feeding
    the cluster worker) may still be inside a C++ library call: if the interpreter shuts
    down under it, the unwinding of that thread aborts the whole process ("FATAL: exception
    not rethrown", exit -6 instead of 130). Their stop signals are set by now; wait a little
    for them to return."""
    import threading
    import time

    deadline = time.monotonic() + SETTLE_SECONDS
    for thread in threading.enumerate():
        if thread.name.startswith(HELPER_THREAD_PREFIX) and thread.is_alive():
            thread.join(max(0.0, deadline - time.monotonic()))


def run() -> None:
    raise SystemExit(main())
