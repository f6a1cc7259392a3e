"""`kladoc build --format docx`: one editable Word dossier per cluster, rendered with
docxtpl from a template staff can replace.

Same sections as the PDF (`plan.cluster_sections`), so the two dossiers never disagree
about what belongs where. The template sees plain variables (`docx_context`); a broken
tag or an unknown variable in a user template is a BuildError naming the tag and the
template file, and, as for the PDF, a failed cluster leaves no partial file behind."""

from __future__ import annotations

import datetime as dt
import gc
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from kladoc.build.content import (
    ClusterDossier,
    dossier_sections,
    known_pages,
    load_narratives,
    logo_path,
    logo_warning,
)
from kladoc.build.docx_context import ContextBuilder, picture_count
from kladoc.build.docx_media import Picture, StandIns
from kladoc.build.docx_pictures import Pictures, default_cache_dir, picture_jobs
from kladoc.build.output import (
    BuildReport,
    OutputFile,
    OutputSet,
    check_output_dir,
    open_build,
    short_error,
)
from kladoc.build.plan import Section, file_stem
from kladoc.checklist.model import Cluster
from kladoc.errors import BuildError, UsageError
from kladoc.fsutil import atomic_path, atomic_write
from kladoc.heap import trim
from kladoc.i18n import get_language, pick

if TYPE_CHECKING:
    from kladoc.config import Config
    from kladoc.models import CheckResult

__all__ = ["build_docx", "export_template", "load_narratives", "resolve_template"]

Progress = Callable[[str, int, int], None]
DEFAULT_TEMPLATE = "dossier.docx"
LOGO_HEIGHT_CM = 2.6
TAG_LIMIT = 80
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class TemplateProblem(BuildError):
    """The template itself is at fault: every cluster would fail the same way."""


# -- the template file ------------------------------------------------------------------


def default_template() -> Path:
    from kladoc.resources import template_path

    return template_path(DEFAULT_TEMPLATE)


def resolve_template(config: Config, override: Path | None = None) -> Path:
    """`--template` (relative to the working folder), else `template` in kladoc.toml
    (relative to the dossier), else the bundled default. A missing or non-Word file is
    a usage error (exit 2), found before any slow work."""
    if override is not None:
        path = Path(override)
    elif config.template:
        path = Path(config.template)
        path = path if path.is_absolute() else config.root / path
    else:
        return default_template()
    if not path.is_file():
        raise UsageError("docx.template_missing", path=str(path))
    try:
        with zipfile.ZipFile(path) as zf:
            zf.getinfo("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise UsageError("docx.template_not_docx", path=str(path), detail=short_error(exc)) from exc
    return path


def export_template(target: Path, force: bool = False) -> Path:
    """Write the bundled template for editing; never overwrite without `force`."""
    target = Path(target)
    if target.exists() and not force:
        raise UsageError("template.exists", path=str(target))
    atomic_write(target, default_template().read_bytes())
    return target


# -- rendering with errors that name the tag -------------------------------------------


def _docxtpl() -> Any:
    from docxtpl import DocxTemplate

    class _Template(DocxTemplate):
        """Remembers the text of the paragraph a Jinja error came from."""

        def render_xml_part(
            self, src_xml: str, part: Any, context: dict[str, Any], jinja_env: Any = None
        ) -> Any:
            from jinja2 import TemplateError, TemplateSyntaxError

            try:
                return super().render_xml_part(src_xml, part, context, jinja_env)
            except TemplateError as exc:
                # docxtpl puts every paragraph on a line of its own before parsing
                lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml).splitlines()
                lineno: int | None
                if isinstance(exc, TemplateSyntaxError):
                    lineno = exc.lineno
                else:
                    lineno = _template_line(exc.__traceback__)
                if lineno and 0 < lineno <= len(lines):
                    text = re.sub(r"<[^>]+>", "", lines[lineno - 1])
                    exc.kladoc_line = text  # type: ignore[attr-defined]
                raise

    return _Template


def _template_line(tb: TracebackType | None) -> int | None:
    """Jinja rewrites tracebacks so template frames carry template line numbers."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_OPEN = re.compile(r"\{\{|\{%|\{#")


def _unbalanced(text: str) -> str | None:
    """The first tag opened but not closed in a paragraph's text, e.g. '{{ region '."""
    rest = _TAG.sub("", text)
    m = _OPEN.search(rest)
    return rest[m.start() :].strip() if m else None


def _paragraph_texts(docx: Any) -> list[str]:
    """Every paragraph's text in body, tables, headers and footers (template order)."""
    from docx.oxml.ns import qn

    texts = []
    parts = [docx.part] + [
        rel.target_part
        for rel in docx.part.rels.values()
        if rel.reltype.endswith(("/header", "/footer"))
    ]
    for part in parts:
        for p in part.element.iter(qn("w:p")):
            texts.append("".join(node.text or "" for node in p.iter(qn("w:t"))))
    return texts


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TAG_LIMIT else text[: TAG_LIMIT - 1] + "…"


def _tag_in(line: str, name: str | None = None) -> str:
    """The tag on a template line that mentions `name` (else the first tag, else the line)."""
    tags = _TAG.findall(line)
    for tag in tags:
        if name and re.search(rf"\b{re.escape(name)}\b", tag):
            return _clip(tag)
    return _clip(tags[0] if tags else line)


def _undefined_name(message: str) -> str:
    for pattern in (r"'([^']+)' is undefined", r"has no attribute '([^']+)'"):
        m = re.search(pattern, message)
        if m:
            return m.group(1)
    return message


def template_error(exc: Exception, template: Path, texts: list[str]) -> TemplateProblem:
    """A catalogue error that names the tag (and variable) and the template file."""
    from jinja2 import TemplateSyntaxError, UndefinedError

    line = getattr(exc, "kladoc_line", "") or ""
    name = str(template)
    if isinstance(exc, TemplateSyntaxError):
        broken = next((b for b in map(_unbalanced, texts) if b), None)
        tag = _clip(broken) if broken else _tag_in(line)
        return TemplateProblem(
            "docx.error.template_syntax", template=name, tag=tag, detail=exc.message or ""
        )
    if isinstance(exc, UndefinedError):
        var = _undefined_name(exc.message or "")
        return TemplateProblem(
            "docx.error.template_undefined",
            template=name,
            name=var,
            tag=_tag_in(line, var) if line else "{{ " + var + " }}",
        )
    return TemplateProblem(
        "docx.error.template_failed",
        template=name,
        tag=_tag_in(line) if line else "-",
        detail=short_error(exc),
    )


def jinja_env() -> Any:
    """Strict (an unknown variable is an error, not an empty string), escaping (a '&' in
    a file name must not break the XML) and sandboxed (templates travel between offices)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


# settings.xml children that come after updateFields (Word rejects out-of-order elements)
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)
_AFTER_LANG = ("eastAsianLayout", "specVanish", "oMath")


def _set_child(parent: Any, name: str, later: tuple[str, ...], **attrs: str) -> None:
    """Give `parent` a w:`name` child with `attrs`, in schema order."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    node = parent.find(qn(f"w:{name}"))
    if node is None:
        node = OxmlElement(f"w:{name}")
        successors = {qn(f"w:{n}") for n in later}
        at = next((i for i, child in enumerate(parent) if child.tag in successors), None)
        if at is None:
            parent.append(node)
        else:
            parent.insert(at, node)
    for key, value in attrs.items():
        node.set(qn(f"w:{key}"), value)


def set_update_fields(settings: Any) -> None:
    """`<w:updateFields w:val="true"/>`: Word fills the contents and page fields on open."""
    _set_child(settings.element, "updateFields", _AFTER_UPDATE_FIELDS, val="true")


def _set_language(document: Any) -> None:
    """Proofing language of the text, so Word spell-checks Indonesian as Indonesian."""
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = None if defaults is None else defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is not None:
        _set_child(rpr, "lang", _AFTER_LANG, val="id-ID" if get_language() == "id" else "en-US")


# -- the build ---------------------------------------------------------------------------


def build_docx(
    result: CheckResult,
    out_dir: Path,
    *,
    cluster: str | None = None,
    template: Path | None = None,
    progress: Progress | None = None,
    evidence_pages: dict[str, int] | None = None,
    draft: bool = False,
    outputs: OutputSet | None = None,
    use_cache: bool = True,
) -> BuildReport:
    """Build one Word dossier per cluster (or only `cluster`) into `out_dir`, beside the
    PDFs. `template` defaults to `resolve_template(result.config)`. `evidence_pages`
    (`BuildReport.evidence_pages` of the PDF build) gives the pages each document fills
    in the PDF dossier, so both covers count the same pages; without it, Office
    documents are counted apart (their pages are known only once converted).
    `draft` and `outputs` as for `build_pdf`: the submission version by default, and
    the files swapped in at the end of this call unless the caller commits `outputs`.
    The pictures are made ahead in worker processes and, with `use_cache`, kept in the
    user's cache folder for the next build (`docx_pictures`).

    Failures are collected in `report.errors`, and leave that cluster's previous file
    untouched; a template error is reported once and stops the build (every cluster
    would fail the same way). Usage errors raise UsageError."""

    out_dir = Path(out_dir)
    check_output_dir(out_dir, result.config, result.registry)
    template = resolve_template(result.config, template)
    staging, own, cluster_ids, work = open_build(result, out_dir, cluster, ".kladoc-docx-", outputs)
    report = BuildReport(out_dir)
    pictures = Pictures(work, default_cache_dir() if use_cache else None)
    try:
        sections, report.excluded = dossier_sections(result, cluster_ids, draft, report.warnings)
        total = sum(picture_count(secs) for secs in sections.values())
        pictures.start([job for cid in cluster_ids for job in picture_jobs(sections[cid])])

        def tick() -> None:
            if progress is not None:
                progress("pictures", 1, total)

        builder = ContextBuilder(
            result, work, report.warnings, tick, known_pages(evidence_pages or {}), draft, pictures
        )
        logo = _logo(result, report, work)
        for cid in cluster_ids:
            cl = result.checklist.cluster(cid)
            assert cl is not None
            try:
                report.files.append(
                    _write_cluster(
                        builder, cl, sections[cid], template, out_dir, work, logo, staging
                    )
                )
            except TemplateProblem as exc:
                report.errors.append(exc)
                break
            except BuildError as exc:
                report.errors.append(exc)
            # python-docx's parts refer to each other: one cluster's document, its XML trees
            # held in libxml2's memory (tens of MB), waits for the cycle collector, which
            # rarely runs; collected now, each cluster starts from the same heap
            gc.collect()
            trim()
            if progress is not None:
                progress("docx", 1, len(cluster_ids))
        if own:
            try:
                staging.commit(report)
            except BuildError as exc:
                report.errors.append(exc)
    finally:
        pictures.close()
        shutil.rmtree(work, ignore_errors=True)
        if own:
            staging.discard()
    return report


def _logo(result: CheckResult, report: BuildReport, work: Path) -> Path | None:
    """The configured logo as a PNG copy: Word takes fewer formats than Pillow reads."""
    path = logo_path(result)
    if path is None:
        return None
    try:
        from PIL import Image

        with Image.open(path) as img:
            img.thumbnail((1200, 1200))
            copy = work / "logo.png"
            img.convert("RGBA").save(copy, "PNG")
        return copy
    except Exception as exc:  # a bad logo only costs the logo
        report.warnings.append(logo_warning(path, exc))
        return None


def _write_cluster(
    builder: ContextBuilder,
    cluster: Cluster,
    sections: list[Section],
    template: Path,
    out_dir: Path,
    work: Path,
    logo: Path | None,
    outputs: OutputSet,
) -> OutputFile:
    from docx.shared import Cm
    from docxtpl import InlineImage

    title = pick(cluster.title)
    target = out_dir / f"{file_stem(title)}.docx"
    try:
        tpl = _docxtpl()(str(template))
        tpl.init_docx()
        texts = _paragraph_texts(tpl.docx)
    except Exception as exc:  # not a Word file after all, or one python-docx cannot read
        raise TemplateProblem(
            "docx.error.template_failed", template=str(template), tag="-", detail=short_error(exc)
        ) from exc
    stand_ins = StandIns(tpl)
    made: list[Path] = []

    def image(pic: Picture, box: tuple[float, float]) -> Any:
        made.append(pic.path)
        return stand_ins.picture(pic.path, *pic.fit(*box))

    logo_image: Any = InlineImage(tpl, str(logo), height=Cm(LOGO_HEIGHT_CM)) if logo else ""
    content = builder.content(cluster, sections)
    context = builder.context(cluster, sections, image, logo_image, content)
    try:
        tpl.render(context, jinja_env=jinja_env())
    except Exception as exc:  # anything a user template can make go wrong
        raise template_error(exc, template, texts) from exc
    set_update_fields(tpl.docx.settings)
    _set_language(tpl.docx)
    _properties(tpl.docx, content)
    saved = work / "render.docx"
    try:
        tpl.save(str(saved))
        replacements = stand_ins.replacements()
        with atomic_path(outputs.staged(target.name)) as tmp:
            StandIns.finish(saved, tmp, replacements)
            size = tmp.stat().st_size
    except BuildError:
        raise
    except Exception as exc:
        raise BuildError("docx.error.failed", file=target.name, detail=short_error(exc)) from exc
    finally:
        saved.unlink(missing_ok=True)
        assert builder.pictures is not None
        for picture in made:  # the work folder stays small
            builder.pictures.discard(picture)
    return OutputFile(target, cluster.id, title, 1, 1, 0, size, sum(len(s.docs) for s in sections))


def _properties(document: Any, content: ClusterDossier) -> None:
    meta = content.metadata()
    props = document.core_properties
    props.title = meta.title
    props.subject = meta.subject
    props.author = meta.author
    props.keywords = meta.keywords
    props.language = meta.language
    props.comments = meta.creator
    props.last_modified_by = meta.creator
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
