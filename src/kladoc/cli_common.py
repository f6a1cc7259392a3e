"""What every command shares: consoles, warnings, output, option bundles, the language,
the progress bar and the one dossier setup of `check`, `report` and `build`.

Option helpers are functions, not constants: their help texts are translated when the app is
built, after `--lang` has been read."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from kladoc.i18n import language_from_env, normalize_language, set_language, t

if TYPE_CHECKING:
    from rich.console import Console

    from kladoc.check import Environment
    from kladoc.errors import KladocError

LANG_OPTION = typer.Option(None, "--lang", help="id | en", show_default=False, metavar="id|en")


class _LanguageState:
    given = False  # --lang on the command line beats kladoc.toml's `language`


def stderr_console() -> Console:
    from rich.console import Console

    # soft wrap: a long path stays one line a user can copy (the terminal wraps it for display)
    return Console(stderr=True, highlight=False, soft_wrap=True)


def stdout_console() -> Console:
    from rich.console import Console

    # a log file or pipe gets a fixed, wider layout instead of rich's 80 columns
    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


def warn(key: str, params: dict[str, Any]) -> None:
    from rich.text import Text

    # paths may contain [brackets]: never let them be read as rich markup
    stderr_console().print(Text.assemble((f"{t('cli.warning')}: ", "yellow"), t(key, **params)))


def show_warnings(warnings: list[tuple[str, dict[str, Any]]]) -> None:
    for key, params in warnings:
        warn(key, params)


def show_error(exc: KladocError, console: Console | None = None) -> None:
    from rich.text import Text

    # paths may contain [brackets]: plain text, never rich markup
    (console or stderr_console()).print(
        Text.assemble((f"{t('cli.error')}: ", "bold red"), exc.render()), soft_wrap=True
    )


def written(path: Path) -> None:
    stderr_console().print(t("cli.written", path=str(path)), markup=False)


def emit(text: str, output: Path | None) -> None:
    """Text to stdout, or atomically to `output`."""
    if output is None:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
        return
    from kladoc.fsutil import atomic_write

    atomic_write(output, text)
    written(output)


def choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    v = value.strip().lower()
    if v not in allowed:
        raise typer.BadParameter(
            t("cli.bad_choice", value=value, allowed=", ".join(allowed)), param_hint=option
        )
    return v


# the format an output file's suffix names; others (.log, none) leave the format to --format
SUFFIX_FORMATS = {
    ".json": "json",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".txt": "table",
}


def output_format(fmt: str | None, output: Path | None, allowed: tuple[str, ...]) -> str:
    """--format, else the one `--output`'s suffix names, else the table. A suffix that
    contradicts --format (`--format json -o laporan.xlsx`) is a usage error."""
    given = choice(fmt, allowed, "--format") if fmt is not None else None
    if output is None or output.suffix.lower() not in SUFFIX_FORMATS:
        return given or "table"
    implied = SUFFIX_FORMATS[output.suffix.lower()]
    if given is None and implied not in allowed:
        raise typer.BadParameter(
            t("cli.suffix_unsupported", suffix=output.suffix, allowed=", ".join(allowed)),
            param_hint="--output",
        )
    if given is not None and given != implied:
        raise typer.BadParameter(
            t("cli.format_suffix_conflict", format=given, suffix=output.suffix),
            param_hint="--format",
        )
    return implied


# -- option bundles shared by several commands --------------------------------------------


def folder_argument() -> Any:
    return typer.Argument(Path("."), help=t("cli.arg.dossier"), metavar=t("cli.metavar.folder"))


def year_option() -> Any:
    return typer.Option(None, "--year", help=t("cli.opt.year"), metavar=t("cli.metavar.year"))


def checklist_option() -> Any:
    return typer.Option(
        None, "--checklist", help=t("cli.opt.checklist"), metavar=t("cli.metavar.checklist")
    )


def cluster_option() -> Any:
    return typer.Option(
        None, "--cluster", help=t("cli.opt.cluster"), metavar=t("cli.metavar.cluster")
    )


def report_format_option(formats: tuple[str, ...]) -> Any:
    """`--format`, which may be left out: the `--output` suffix then decides."""
    return typer.Option(
        None,
        "--format",
        help=t("cli.opt.format_from_suffix", formats=" | ".join(formats)),
        metavar=t("cli.metavar.format"),
        show_default=False,
    )


def output_file_option() -> Any:
    return typer.Option(
        None, "--output", "-o", help=t("cli.opt.output"), metavar=t("cli.metavar.file")
    )


def jobs_option() -> Any:
    return typer.Option(
        None, "--jobs", "-j", min=1, help=t("cli.opt.jobs"), metavar=t("cli.metavar.jobs")
    )


def no_cache_option() -> Any:
    return typer.Option(False, "--no-cache", help=t("cli.opt.no_cache"))


# -- the language ---------------------------------------------------------------------------


def preparse_language(argv: list[str]) -> bool:
    """--lang must apply before the app (and its help texts) is built. False if invalid."""
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
    _LanguageState.given = code is not None
    set_language(code or language_from_env() or "id")
    return True


def apply_config_language(config_language: str | None) -> None:
    if not _LanguageState.given and language_from_env() is None and config_language:
        set_language(config_language)


@dataclass
class OpenDossier:
    """A dossier ready to check: its root, its settings, and the OPD to scope to (the one
    given with --opd, or the OPD folder the user stands in)."""

    root: Path
    env: Environment
    opd: str | None


def open_dossier(
    folder: Path,
    *,
    year: int | None,
    checklist: str | None,
    opd: str | None = None,
    scope_here: bool = True,
    ocr: bool = False,
) -> OpenDossier:
    """The one setup of `check`, `report` and `build`: the dossier root (found from any folder
    inside it, like git finds `.git`), settings (flags over kladoc.toml), checklist, OPD names,
    then the dossier's language unless --lang or KLADOC_LANG chose. From inside an OPD's folder
    (`scope_here`) the check covers that OPD. A folder outside any dossier is an error, unless
    --opd names the OPD whose copied folder it is. The warnings are shown after the check,
    which adds its own (the cache's) to them."""
    from kladoc.check import prepare
    from kladoc.errors import UsageError
    from kladoc.locate import locate_dossier, nearby_dossiers

    folder = Path(folder)
    root, here = folder, None
    if folder.is_dir():
        location = locate_dossier(folder)
        if location is None:
            if opd is None:
                resolved = folder.resolve()
                near = [str(p) for p in nearby_dossiers(folder)]
                if near:
                    raise UsageError(
                        "locate.not_dossier_nearby", path=str(resolved), nearby=", ".join(near)
                    )
                raise UsageError("locate.not_dossier", path=str(resolved))
        elif location.root != folder.resolve():
            root, here = location.root, location.top_folder
    env = prepare(root, {"year": year, "checklist": checklist, "ocr": ocr or None})
    apply_config_language(env.config.language)
    if root is not folder:
        found = env.registry.lookup(here) if here and scope_here and opd is None else None
        if found is not None:
            opd = found.opd.id
            note("locate.scoped_opd", root=str(root), opd=found.opd.name)
        else:
            note("locate.using_root" if scope_here else "locate.build_root", root=str(root))
    return OpenDossier(root, env, opd)


def note(key: str, **params: Any) -> None:
    """A short line on stderr that says what kladoc took the command to mean."""
    stderr_console().print(t(key, **params), markup=False, soft_wrap=True, style="dim")


class progress_bar:
    """A rich progress bar on stderr, only when stderr is a terminal."""

    def __enter__(self) -> Any:
        if not sys.stderr.isatty():
            self._bar = None
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=stderr_console(),
            transient=True,
        )
        self._bar = bar
        bar.start()
        tasks: dict[str, Any] = {}

        def update(stage: str, advance: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(t(f"progress.{stage}"), total=total)
            bar.update(tasks[stage], advance=advance)

        return update

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
