"""`kladoc.build(dossier, formats=...)`: the library call behind `kladoc build`.

Checks the dossier, then builds one PDF and/or one Word dossier per cluster, and/or the
upload pack (one PDF per question, `kladoc.build.upload`). The PDFs come first, so a broken
Word template costs only the Word files. The Word builder is imported
only when Word files are asked for, the PDF builder (reportlab, pikepdf) only when PDFs are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kladoc.check import Environment, prepare, run_check
from kladoc.errors import BuildError, UsageError

if TYPE_CHECKING:
    from kladoc.build.output import BuildReport
    from kladoc.build.upload import UploadReport
    from kladoc.models import CheckResult

FORMATS: tuple[str, ...] = ("pdf", "docx", "upload")
DOSSIER_FORMATS: tuple[str, ...] = ("pdf", "docx")


@dataclass
class BuildOutcome:
    """The check the dossiers were built from, and what the build wrote."""

    result: CheckResult
    report: BuildReport
    upload: UploadReport | None = None  # when the upload pack was asked for


def build(
    dossier: Path | str,
    *,
    formats: Iterable[str] = DOSSIER_FORMATS,
    output: Path | None = None,
    cluster: str | None = None,
    indicator: str | None = None,
    opd: str | None = None,
    max_mb: float | None = None,
    compact: bool = False,
    converter: str = "auto",
    template: Path | None = None,
    overrides: dict[str, Any] | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
    today: dt.date | None = None,
    env: Environment | None = None,
    draft: bool = False,
) -> BuildOutcome:
    """Check `dossier` and build its dossiers into `output` (default: the configured output
    folder). Raises only KladocError subclasses; a cluster that could not be built is in
    `outcome.report.errors`, the others are still written. `indicator` and `opd` scope the
    upload pack only (a dossier is always a whole cluster): with "pdf" or "docx" they are a
    usage error.

    `draft`: the team's working copy (gaps, readiness figures, "DRAF" on every page); else
    the submission version. Every file of the build is staged and swapped in at the end,
    all at once or not at all (Ctrl+C included); an output someone edited is kept under a
    dated name (`outcome.report.kept`). The upload pack (`outcome.upload`) is its own
    folder, staged and swapped in whole after the dossiers, with the same keep-the-edits rule."""
    from kladoc.build.output import BuildReport, OutputSet, check_output_dir

    wanted = tuple(dict.fromkeys(formats))
    for fmt in wanted:
        if fmt not in FORMATS:
            raise UsageError("cli.bad_choice", value=fmt, allowed=", ".join(FORMATS))
    if (indicator or opd) and any(f in DOSSIER_FORMATS for f in wanted):
        raise UsageError("build.scope_upload_only")
    root = Path(dossier)
    env = env or prepare(root, overrides, today)
    out_dir = Path(output) if output is not None else env.config.output_dir
    check_output_dir(out_dir, env.config, env.registry)  # before any slow work
    template_file = None
    if "docx" in wanted:
        from kladoc.build.docx import resolve_template

        template_file = resolve_template(env.config, template)
    result = run_check(
        root,
        env=env,
        cluster=cluster,
        indicator=indicator,
        opd=opd,
        jobs=jobs,
        use_cache=use_cache,
        progress=progress,
        today=today,
    )
    report = BuildReport(out_dir)
    with OutputSet(out_dir) as outputs:
        if "pdf" in wanted:
            from kladoc.build.pdf import build_pdf

            report = build_pdf(
                result,
                out_dir,
                max_mb=max_mb,
                compact=compact,
                progress=progress,
                converter=converter,
                draft=draft,
                outputs=outputs,
                use_cache=use_cache,
            )
        if "docx" in wanted:
            from kladoc.build.docx import build_docx

            # the PDF build knows each document's real pages: both covers agree
            word = build_docx(
                result,
                out_dir,
                template=template_file,
                progress=progress,
                evidence_pages=report.evidence_pages,
                draft=draft,
                outputs=outputs,
                use_cache=use_cache,
            )
            merge_reports(report, word)
        # every file of this build replaces the previous set at once, or none does
        try:
            outputs.commit(report)
        except BuildError as failure:
            report.errors.append(failure)
    upload = None
    if "upload" in wanted:
        from kladoc.build.upload import build_upload

        upload = build_upload(
            result,
            out_dir,
            max_mb=max_mb,
            converter=converter,
            progress=progress,
            use_cache=use_cache,
        )
    return BuildOutcome(result, report, upload)


def merge_reports(report: BuildReport, more: BuildReport) -> None:
    report.files.extend(more.files)
    # a bad logo or narrative is the same news from both builds: say it once
    report.warnings.extend(w for w in more.warnings if w not in report.warnings)
    report.errors.extend(more.errors)
    report.removed.extend(more.removed)
    report.kept.extend(more.kept)
    seen = set(report.excluded)  # thousands at 5,000 files: a list search each was quadratic
    for left_out in more.excluded:
        if left_out not in seen:
            seen.add(left_out)
            report.excluded.append(left_out)
