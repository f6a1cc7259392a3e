"""The `kladoc build` command: check the dossier, then build one PDF per cluster.

Thin by design: options in, `kladoc.build.build_pdf` does the work, a short summary out.
Exit codes: 0 built, 2 usage or configuration error, 3 a dossier could not be built."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from kladoc.errors import EXIT_BUILD
from kladoc.i18n import t

if TYPE_CHECKING:
    from kladoc.build import BuildReport


def register_build(app: typer.Typer) -> None:
    from kladoc.cli import LANG_OPTION

    @app.command("build", help=t("cli.build.help"))
    def build_cmd(
        folder: Path = typer.Argument(Path("."), help=t("cli.arg.dossier")),
        cluster: Optional[str] = typer.Option(None, "--cluster", help=t("cli.opt.cluster")),  # noqa: UP045
        output: Optional[Path] = typer.Option(None, "--output", "-o",  # noqa: UP045
                                              help=t("cli.opt.output_dir")),
        max_mb: Optional[float] = typer.Option(None, "--max-mb",  # noqa: UP045
                                               help=t("cli.opt.max_mb")),
        compact: bool = typer.Option(False, "--compact", help=t("cli.opt.compact")),
        converter: str = typer.Option("auto", "--converter", help=t("cli.opt.converter")),
        year: Optional[int] = typer.Option(None, "--year", help=t("cli.opt.year")),  # noqa: UP045
        checklist: Optional[str] = typer.Option(None, "--checklist",  # noqa: UP045
                                                help=t("cli.opt.checklist")),
        jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,  # noqa: UP045
                                           help=t("cli.opt.jobs")),
        no_cache: bool = typer.Option(False, "--no-cache", help=t("cli.opt.no_cache")),
        lang: Optional[str] = LANG_OPTION,  # noqa: UP045
    ) -> None:
        from kladoc import cli
        from kladoc.build import build_pdf, check_output_dir
        from kladoc.check import prepare, run_check

        if max_mb is not None and max_mb <= 0:
            raise typer.BadParameter(t("build.bad_max_mb"), param_hint="--max-mb")
        converter = cli._choice(converter, ("auto", "python"), "--converter")
        started = time.monotonic()
        env = prepare(folder, {"year": year, "checklist": checklist})
        cli._apply_config_language(env.config.language, cli._LANG_GIVEN)
        out_dir = output if output is not None else env.config.output_dir
        check_output_dir(out_dir, env.config, env.registry)  # before any slow work
        with cli._progress() as progress:
            result = run_check(folder, env=env, cluster=cluster, jobs=jobs,
                               use_cache=not no_cache, progress=progress)
            report = build_pdf(result, out_dir, max_mb=max_mb, compact=compact,
                               progress=progress, converter=converter)
        for key, params in result.warnings:
            cli._warn(key, params)
        _summary(report, out_dir, time.monotonic() - started)
        for key, params in report.warnings:
            cli._warn(key, params)
        from rich.text import Text

        err = cli._stderr_console()
        for exc in report.errors:
            # paths may contain [brackets]: plain text, never rich markup
            err.print(Text.assemble((f"{t('cli.error')}: ", "bold red"), exc.render()),
                      soft_wrap=True)
        if report.errors:
            err.print(t("build.failed", count=len(report.errors)))
            raise typer.Exit(EXIT_BUILD)


def _summary(report: BuildReport, out_dir: Path, seconds: float) -> None:
    from rich.table import Table
    from rich.text import Text

    from kladoc import cli
    from kladoc.build.style import human_size

    out = cli._stdout_console()
    if report.files:
        table = Table(title=Text(t("build.title", folder=str(out_dir))), title_justify="left")
        table.add_column(t("build.col.output"), overflow="fold")
        for key in ("build.col.docs", "build.col.total_pages", "build.col.size"):
            table.add_column(t(key), justify="right")
        for f in report.files:
            table.add_row(Text(f.path.name), str(f.documents), str(f.pages), human_size(f.size))
        out.print(table)
    for path in report.removed:
        out.print(Text(t("build.warn.stale_removed", file=path.name), style="dim"))
    out.print(Text(t("build.done", files=len(report.files), folder=str(out_dir),
                     seconds=f"{seconds:.1f}")))
