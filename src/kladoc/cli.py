"""The `kladoc` command: parse options, call the core, render, map errors to exit codes.

Heavy libraries (pikepdf, pdfium, Office, reportlab) are imported inside commands so that
`kladoc --help` and `--version` start fast."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer

from kladoc import __version__
from kladoc.errors import EXIT_BUILD, EXIT_INTERRUPTED, EXIT_USAGE, KladocError
from kladoc.i18n import language_from_env, normalize_language, set_language, t

EXIT_INTERNAL = EXIT_BUILD  # documented: the command could not complete

FORMATS_CHECK = ("table", "json", "xlsx", "html", "md")
FORMATS_NEED_OUTPUT = ("xlsx", "html")
FORMATS_CHECKLIST = ("table", "json", "xlsx")


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _stdout_console() -> Any:
    from rich.console import Console

    # a log file or pipe gets a fixed, wider layout instead of rich's 80 columns
    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


def _warn(key: str, params: dict[str, Any]) -> None:
    from rich.text import Text

    # paths may contain [brackets]: never let them be read as rich markup
    _stderr_console().print(Text.assemble((f"{t('cli.warning')}: ", "yellow"), t(key, **params)))


def _apply_config_language(config_language: str | None, explicit: bool) -> None:
    if not explicit and language_from_env() is None and config_language:
        set_language(config_language)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
        return
    from kladoc.fsutil import atomic_write

    atomic_write(output, text)
    _stderr_console().print(t("cli.written", path=str(output)))


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    v = value.strip().lower()
    if v not in allowed:
        raise typer.BadParameter(
            t("cli.bad_choice", value=value, allowed=", ".join(allowed)), param_hint=option
        )
    return v


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"kladoc {__version__}")
        raise typer.Exit(0)


LANG_OPTION = typer.Option(None, "--lang", help="id | en", show_default=False)


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="kladoc",
        help=t("cli.help"),
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def main_callback(
        version: bool = typer.Option(
            False, "--version", callback=_version_callback, is_eager=True, help=t("cli.opt.version")
        ),
        lang: str | None = LANG_OPTION,
    ) -> None:
        """kladoc"""

    @app.command("init", help=t("cli.init.help"))
    def init_cmd(
        folder: Path = typer.Argument(..., help=t("cli.arg.dossier")),
        region: str = typer.Option(..., "--region", help=t("cli.opt.region")),
        year: int = typer.Option(..., "--year", help=t("cli.opt.year")),
        checklist: str = typer.Option("kla-2024", "--checklist", help=t("cli.opt.checklist")),
        kind: str | None = typer.Option(None, "--kind", help="kabupaten | kota"),
        lang: str | None = LANG_OPTION,
    ) -> None:
        from kladoc.scaffold import init_dossier

        if kind is not None:
            kind = _choice(kind, ("kabupaten", "kota"), "--kind")
        report = init_dossier(folder, region=region, year=year, checklist=checklist, kind=kind)
        out = _stdout_console()
        for rel in report.created:
            out.print(t("init.created", path=rel))
        for rel in report.kept:
            out.print(t("init.kept", path=rel))
        out.print(
            t("init.done", created=len(report.created), kept=len(report.kept), folder=str(folder))
        )

    @app.command("check", help=t("cli.check.help"))
    def check_cmd(
        folder: Path = typer.Argument(Path("."), help=t("cli.arg.dossier")),
        opd: str | None = typer.Option(None, "--opd", help=t("cli.opt.opd")),
        cluster: str | None = typer.Option(None, "--cluster", help=t("cli.opt.cluster")),
        indicator: str | None = typer.Option(None, "--indicator", help=t("cli.opt.indicator")),
        year: int | None = typer.Option(None, "--year", help=t("cli.opt.year")),
        checklist: str | None = typer.Option(None, "--checklist", help=t("cli.opt.checklist")),
        fmt: str = typer.Option("table", "--format", help=" | ".join(FORMATS_CHECK)),
        output: Path | None = typer.Option(None, "--output", "-o", help=t("cli.opt.output")),
        fail_on: str = typer.Option("error", "--fail-on", help="error | warning"),
        jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help=t("cli.opt.jobs")),
        no_cache: bool = typer.Option(False, "--no-cache", help=t("cli.opt.no_cache")),
        lang: str | None = LANG_OPTION,
    ) -> None:
        fmt = _choice(fmt, FORMATS_CHECK, "--format")
        fail_on = _choice(fail_on, ("error", "warning"), "--fail-on")
        if fmt in FORMATS_NEED_OUTPUT and output is None:
            raise typer.BadParameter(
                t("cli.format_needs_output", format=fmt), param_hint="--output"
            )
        from kladoc.check import prepare, run_check

        env = prepare(folder, {"year": year, "checklist": checklist})
        _apply_config_language(env.config.language, _LANG_GIVEN)
        with _progress() as progress:
            result = run_check(
                folder,
                env=env,
                opd=opd,
                cluster=cluster,
                indicator=indicator,
                jobs=jobs,
                use_cache=not no_cache,
                progress=progress,
            )
        for key, params in result.warnings:
            _warn(key, params)
        if fmt == "json":
            import json

            _emit(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), output)
        elif fmt in FORMATS_NEED_OUTPUT and output is not None:
            from kladoc.report.html import write_html
            from kladoc.report.xlsx import write_xlsx

            (write_xlsx if fmt == "xlsx" else write_html)(result, output)
            _stderr_console().print(t("cli.written", path=str(output)), markup=False)
        elif fmt == "md":
            from kladoc.report.markdown import render_markdown

            _emit(render_markdown(result), output)
        elif output is not None:
            import io

            from rich.console import Console

            from kladoc.report.terminal import render_terminal

            console = Console(record=True, width=140, file=io.StringIO())
            render_terminal(result, console)
            _emit(console.export_text(), output)
        else:
            from kladoc.report.terminal import render_terminal

            render_terminal(result, _stdout_console())
        raise typer.Exit(result.exit_code(fail_on))

    @app.command("report", help=t("cli.report.help"))
    def report_cmd(
        folder: Path = typer.Argument(Path("."), help=t("cli.arg.dossier")),
        split_by_opd: Path = typer.Option(
            ..., "--split-by-opd", metavar="OUTDIR", help=t("cli.opt.split_by_opd")
        ),
        year: int | None = typer.Option(None, "--year", help=t("cli.opt.year")),
        checklist: str | None = typer.Option(None, "--checklist", help=t("cli.opt.checklist")),
        jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help=t("cli.opt.jobs")),
        no_cache: bool = typer.Option(False, "--no-cache", help=t("cli.opt.no_cache")),
        lang: str | None = LANG_OPTION,
    ) -> None:
        from kladoc.check import prepare, run_check
        from kladoc.report.split import outdir_inside_dossier, write_split

        env = prepare(folder, {"year": year, "checklist": checklist})
        _apply_config_language(env.config.language, _LANG_GIVEN)
        for key, params in env.warnings:
            _warn(key, params)
        if outdir_inside_dossier(folder, split_by_opd, env.config.output_dir):
            _warn(
                "split.outdir_inside",
                {"path": str(split_by_opd), "output": str(env.config.output_dir)},
            )
        with _progress() as progress:
            result = run_check(
                folder, env=env, jobs=jobs, use_cache=not no_cache, progress=progress
            )
        written = write_split(result, split_by_opd)
        out = _stdout_console()
        for item in written:
            out.print(t("cli.written", path=str(item.path)), markup=False, soft_wrap=True)
        out.print(t("split.written", count=len(written), folder=str(split_by_opd)), markup=False)
        raise typer.Exit(result.exit_code())

    @app.command("rules", help=t("cli.rules.help"))
    def rules_cmd(
        fmt: str = typer.Option("table", "--format", help="table | json"),
        lang: str | None = LANG_OPTION,
    ) -> None:
        from kladoc.rules import rule_rows

        rows = rule_rows()
        if _choice(fmt, ("table", "json"), "--format") == "json":
            import json

            _emit(json.dumps(rows, ensure_ascii=False, indent=2), None)
            return
        from rich.table import Table

        table = Table(title=t("rules.title"))
        for col in ("slug", "severity", "meaning", "remedy"):
            table.add_column(t(f"rules.col.{col}"), overflow="fold")
        for r in rows:
            table.add_row(r["slug"], t(f"severity.{r['severity']}"), r["meaning"], r["remedy"])
        _stdout_console().print(table)

    checklist_app = typer.Typer(help=t("cli.checklist.help"), no_args_is_help=False)

    @checklist_app.callback(invoke_without_command=True)
    def checklist_show(
        ctx: typer.Context,
        checklist: str = typer.Option("kla-2024", "--checklist", help=t("cli.opt.checklist")),
        cluster: str | None = typer.Option(None, "--cluster", help=t("cli.opt.cluster")),
        fmt: str = typer.Option("table", "--format", help=" | ".join(FORMATS_CHECKLIST)),
        output: Path | None = typer.Option(None, "--output", "-o", help=t("cli.opt.output")),
        lang: str | None = LANG_OPTION,
    ) -> None:
        if ctx.invoked_subcommand is not None:
            return
        fmt = _choice(fmt, FORMATS_CHECKLIST, "--format")
        from kladoc.checklist import load_checklist
        from kladoc.checklist_view import checklist_dict, render_checklist_table

        cl = load_checklist(checklist, Path.cwd())
        cluster_id = None
        if cluster:
            from kladoc.check import match_cluster

            cluster_id = match_cluster(cl, cluster)
        if fmt == "json":
            import json

            _emit(json.dumps(checklist_dict(cl, cluster_id), ensure_ascii=False, indent=2), output)
        elif fmt == "xlsx":
            if output is None:
                raise typer.BadParameter(t("cli.xlsx_needs_output"), param_hint="--output")
            from kladoc.checklist.xlsx import write_checklist_xlsx
            from kladoc.fsutil import atomic_save

            atomic_save(output, lambda p: write_checklist_xlsx(cl, p))
            _stderr_console().print(t("cli.written", path=str(output)))
        else:
            render_checklist_table(cl, cluster_id, _stdout_console())

    @checklist_app.command("validate", help=t("cli.checklist.validate.help"))
    def checklist_validate(
        file: Path = typer.Argument(..., help=t("cli.arg.checklist_file")),
        lang: str | None = LANG_OPTION,
    ) -> None:
        from kladoc.checklist import load_checklist

        if not file.is_file():
            from kladoc.errors import ChecklistError

            raise ChecklistError("checklist.not_found", ref=str(file), builtin="-")
        cl = load_checklist(file)
        key = "checklist.valid_questions" if cl.questions else "checklist.valid"
        _stdout_console().print(
            t(
                key,
                file=str(file),
                rows=len(cl.indicators),
                questions=len(cl.questions),
                total=f"{cl.total:g}",
            )
        )

    app.add_typer(checklist_app, name="checklist")

    template_app = typer.Typer(help=t("cli.template.help"), no_args_is_help=True)

    @template_app.command("export", help=t("cli.template.export.help"))
    def template_export(
        file: Path = typer.Argument(..., help=t("cli.arg.template_file")),
        force: bool = typer.Option(False, "--force", help=t("cli.opt.force")),
        lang: str | None = LANG_OPTION,
    ) -> None:
        from kladoc.build.docx import export_template

        export_template(file, force=force)
        _stdout_console().print(
            t("template.exported", path=str(file)), markup=False, soft_wrap=True
        )

    app.add_typer(template_app, name="template")

    from kladoc.cli_build import register_build

    register_build(app)
    return app


class _progress:
    """A rich progress bar on stderr, only when stderr is a terminal."""

    def __enter__(self) -> Any:
        if not sys.stderr.isatty():
            self._bar = None
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=_stderr_console(),
            transient=True,
        )
        self._bar.start()
        self._tasks: dict[str, Any] = {}

        def update(stage: str, advance: int, total: int) -> None:
            if stage not in self._tasks:
                self._tasks[stage] = self._bar.add_task(t(f"progress.{stage}"), total=total)
            self._bar.update(self._tasks[stage], advance=advance)

        return update

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


_LANG_GIVEN = False


def _preparse_language(argv: list[str]) -> bool:
    """--lang must apply before the app (and its help texts) is built. False if invalid."""
    global _LANG_GIVEN
    lang = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    code = normalize_language(lang) if lang else None
    if lang and code is None:
        sys.stderr.write(t("cli.bad_language", value=lang) + "\n")
        return False
    _LANG_GIVEN = code is not None
    set_language(code or language_from_env() or "id")
    return True


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
    if not _preparse_language(argv):
        return EXIT_USAGE
    app = build_app()
    try:
        rv = app(args=argv, prog_name="kladoc", standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
    except KeyboardInterrupt:
        sys.stderr.write("\n" + t("cli.interrupted") + "\n")
        code = EXIT_INTERRUPTED
    except typer.Abort:
        sys.stderr.write("\n" + t("cli.interrupted") + "\n")
        code = EXIT_INTERRUPTED
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.TyperException as exc:  # usage errors: bad option, missing argument
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        code = getattr(exc, "exit_code", EXIT_USAGE)
    except KladocError as exc:
        from rich.text import Text

        _stderr_console().print(
            Text.assemble((f"{t('cli.error')}: ", "bold red"), exc.render()), soft_wrap=True
        )
        code = exc.exit_code
    except BrokenPipeError:
        code = 0
    except Exception as exc:  # a bug: say so plainly instead of a traceback
        if os.environ.get("KLADOC_DEBUG"):
            raise
        sys.stderr.write(t("cli.internal", detail=f"{type(exc).__name__}: {exc}") + "\n")
        code = EXIT_INTERNAL
    sys.stdout.flush()
    return code


def run() -> None:
    raise SystemExit(main())
