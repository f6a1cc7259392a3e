"""`kladoc build` as a function: a check result in, one verified PDF per cluster out.

Order of work: convert every document (LibreOffice in batches for Office files), then
per cluster: split into volumes, render the front matter (its printed page numbers are
filled in once its own length is known), merge (pass 1), finish (pass 2), verify, and
only then replace the previous files, all volumes of a cluster together."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kladoc import __version__
from kladoc.build import office
from kladoc.build.assemble import (
    Attachment,
    FinishSpec,
    LinkSpec,
    MergeError,
    OutlineNode,
    finish,
    merge,
)
from kladoc.build.convert import (
    ConvertContext,
    convert_photos,
    prepare_pdf,
    problem_of,
    render_placeholders,
)
from kladoc.build.frontmatter import (
    FrontContext,
    FrontResult,
    Summary,
    render_front,
    toc_number_box,
)
from kladoc.build.plan import (
    MIB,
    Doc,
    Section,
    Volume,
    cluster_sections,
    file_stem,
    layout,
    page_source,
    split_volumes,
)
from kladoc.build.style import roman
from kladoc.build.verify import Expectation, Region, VerifyError, verify
from kladoc.checklist.model import Cluster
from kladoc.errors import BuildError, UsageError
from kladoc.fsutil import atomic_path
from kladoc.i18n import get_language, pick, t
from kladoc.scope import match_cluster

if TYPE_CHECKING:
    from kladoc.check import CheckResult
    from kladoc.config import Config
    from kladoc.opd import OpdRegistry

Progress = Callable[[str, int, int], None]
MAX_SPLIT_ROUNDS = 4


@dataclass
class OutputFile:
    path: Path
    cluster: str
    title: str
    volume: int
    volumes: int
    pages: int
    size: int
    documents: int


@dataclass
class BuildReport:
    out_dir: Path
    files: list[OutputFile] = field(default_factory=list)
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    errors: list[BuildError] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _TooBig(Exception):
    def __init__(self, ratio: float) -> None:
        super().__init__(ratio)
        self.ratio = ratio


def check_output_dir(out_dir: Path, config: Config, registry: OpdRegistry) -> None:
    """Outputs inside the dossier would be read back as evidence by the next check,
    except in the configured output folder, which the scan skips."""
    root = config.root.resolve()
    out = Path(out_dir).resolve()
    if not out.is_relative_to(root):
        return
    rel = out.relative_to(root)
    top = rel.parts[0] if rel.parts else ""
    default = config.output_dir
    if top and registry.match(top) is not None:
        raise UsageError("build.output_in_opd", path=str(out_dir), folder=top, default=str(default))
    if not out.is_relative_to(default.resolve()):
        raise UsageError("build.output_in_dossier", path=str(out_dir), default=str(default))


def start_build(
    result: CheckResult, out_dir: Path, cluster: str | None, prefix: str
) -> tuple[list[str], Path]:
    """What a PDF and a Word build share before any work: the output folder is allowed,
    which clusters to build, and a private work folder inside the output folder (same
    filesystem, so finished files are renamed into place, never copied)."""
    check_output_dir(out_dir, result.config, result.registry)
    wanted = cluster or result.scope.cluster
    cluster_ids = (
        [match_cluster(result.checklist, wanted)]
        if wanted
        else [c.id for c in result.checklist.clusters]
    )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=prefix, dir=out_dir))
    except OSError as exc:
        raise BuildError(
            "output.unwritable", path=str(out_dir), detail=exc.strerror or str(exc)
        ) from exc
    return cluster_ids, work


def build_pdf(
    result: CheckResult,
    out_dir: Path,
    *,
    cluster: str | None = None,
    max_mb: float | None = None,
    compact: bool = False,
    progress: Progress | None = None,
    converter: str = "auto",
) -> BuildReport:
    """Build one PDF dossier per cluster (or only `cluster`) into `out_dir`.

    Failures of one cluster are collected in the report (`report.errors`) and leave that
    cluster's previous files untouched; usage errors raise UsageError."""

    if max_mb is not None and max_mb <= 0:
        raise UsageError("build.bad_max_mb")
    if converter not in ("auto", "python"):
        raise UsageError("build.unknown_converter")
    out_dir = Path(out_dir)
    cluster_ids, work = start_build(result, out_dir, cluster, ".kladoc-build-")
    report = BuildReport(out_dir)
    try:
        builder = _Builder(result, out_dir, work, report, compact, progress)
        sections = {
            cid: cluster_sections(
                result.checklist,
                cid,
                result.evidence,
                result.indicators,
                result.findings,
                result.config.root,
            )
            for cid in cluster_ids
        }
        builder.load_narratives([s for secs in sections.values() for s in secs])
        builder.convert([d for secs in sections.values() for s in secs for d in s.docs], converter)
        for cid in cluster_ids:
            cl = result.checklist.cluster(cid)
            assert cl is not None
            try:
                builder.build_cluster(cl, sections[cid], max_mb)
            except BuildError as exc:
                report.errors.append(exc)
            if progress is not None:
                progress("build", 1, len(cluster_ids))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report


class _Builder:
    def __init__(
        self,
        result: CheckResult,
        out_dir: Path,
        work: Path,
        report: BuildReport,
        compact: bool,
        progress: Progress | None,
    ) -> None:
        self.result, self.out_dir, self.work, self.report = result, out_dir, work, report
        self.compact, self.progress = compact, progress
        cfg = result.config
        self.region = cfg.region
        self.logo = self._logo()
        registry = result.registry

        def opd_short(opd_id: str | None) -> str:
            if not opd_id:
                return "-"
            opd = registry.opds.get(opd_id)
            return opd.short if opd else opd_id

        def type_title(type_id: str | None) -> str:
            et = result.checklist.evidence_types.get(type_id or "")
            return pick(et.title) if et else (type_id or "-")

        self.opd_short, self.type_title = opd_short, type_title
        self.ctx = ConvertContext(work, compact, report.warnings, opd_short, type_title)

    # -- inputs -------------------------------------------------------------------------
    def _logo(self) -> Path | None:
        logo = self.result.config.logo
        if not logo:
            return None
        path = Path(logo)
        path = path if path.is_absolute() else self.result.config.root / path
        try:
            from PIL import Image

            with Image.open(path) as img:
                img.verify()
            return path
        except Exception as exc:  # a bad logo only costs the logo
            self.report.warnings.append(
                ("build.warn.logo", {"path": str(path), "detail": _short(exc)})
            )
            return None

    def load_narratives(self, sections: list[Section]) -> None:
        from kladoc.build.plan import resolve_path

        root = self.result.config.root
        for sec in sections:
            for rel in self.result.narratives.get(sec.id, []):
                try:
                    raw = resolve_path(root, rel).read_bytes()[:60_000]
                    sec.narrative.append((rel, raw.decode("utf-8-sig", errors="replace")))
                except OSError as exc:
                    self.report.warnings.append(
                        ("build.warn.narrative", {"path": rel, "detail": exc.strerror or str(exc)})
                    )

    def convert(self, docs: list[Doc], converter: str) -> None:
        total = len(docs)

        def tick(n: int) -> None:
            if self.progress is not None:
                self.progress("convert", n, total)

        ctx = self.ctx
        ctx.progress = tick
        soffice = office.find_soffice() if converter == "auto" else None
        notices: list[Doc] = []
        photos: list[Doc] = []
        offices: list[Doc] = []
        for doc in docs:
            ev = doc.evidence
            kind = ev.facts.kind
            if not ev.usable:
                notices.append(doc)
            elif kind == "pdf":
                try:
                    prepare_pdf(doc, ctx)
                    ctx.tick()
                except Exception as exc:  # unreadable now although check could read it
                    doc.reason = t("build.placeholder.convert_failed", detail=_short(exc))
                    self._warn_convert(doc, exc)
                    notices.append(doc)
            elif kind == "image":
                photos.append(doc)
            elif kind in ("docx", "xlsx", "doc", "xls"):
                offices.append(doc)
            else:
                notices.append(doc)
        notices += office.convert_office(offices, soffice, ctx)
        notices += convert_photos(photos, ctx)
        for doc in notices:
            if not doc.reason:
                doc.reason, doc.remedy = problem_of(doc, self.result.findings)
            elif not doc.remedy:
                doc.remedy = t("build.placeholder.generic_remedy")
        render_placeholders(notices, ctx)

    def _warn_convert(self, doc: Doc, exc: BaseException) -> None:
        self.report.warnings.append(
            ("build.warn.convert", {"path": doc.evidence.path, "detail": _short(exc)})
        )

    # -- one cluster --------------------------------------------------------------------
    def build_cluster(
        self, cluster: Cluster, sections: list[Section], max_mb: float | None
    ) -> None:
        try:
            self._build_cluster(cluster, sections, max_mb)
        except MergeError:
            # one file qpdf cannot copy must not sink the cluster: find it, show a notice
            bad = self._unmergeable(sections)
            if not bad:
                raise
            for doc, detail in bad:
                doc.reason = t("build.placeholder.convert_failed", detail=detail)
                doc.remedy = t("build.placeholder.generic_remedy")
                self.report.warnings.append(
                    ("build.warn.convert", {"path": doc.evidence.path, "detail": detail})
                )
            self.ctx.progress = None
            render_placeholders([d for d, _ in bad], self.ctx)
            self._build_cluster(cluster, sections, max_mb)

    def _unmergeable(self, sections: list[Section]) -> list[tuple[Doc, str]]:
        probe = self.work / "probe.pdf"
        bad = []
        for doc in (d for s in sections for d in s.docs):
            if doc.kind == "placeholder" or doc.pdf is None:
                continue
            try:
                merge([(doc.pdf, doc.first, doc.last)], probe, doc.evidence.path)
            except MergeError as exc:
                bad.append((doc, str(exc.params.get("detail", ""))))
        probe.unlink(missing_ok=True)
        return bad

    def _build_cluster(
        self, cluster: Cluster, sections: list[Section], max_mb: float | None
    ) -> None:
        limit = int(max_mb * MIB) if max_mb else None
        budget = limit
        for _round in range(MAX_SPLIT_ROUNDS):
            volumes = split_volumes(cluster, sections, budget)
            try:
                outputs = self._write_volumes(
                    cluster, sections, volumes, limit, last=_round == MAX_SPLIT_ROUNDS - 1
                )
                break
            except _TooBig as big:
                assert budget is not None
                budget = int(budget * big.ratio * 0.97)
        else:  # pragma: no cover - the last round never raises _TooBig
            return
        self.report.files.extend(outputs)
        if limit is not None:
            self._limit_warnings(volumes, outputs, limit, max_mb or 0.0)
        self._remove_stale(cluster, {o.path.name for o in outputs})

    def _write_volumes(
        self,
        cluster: Cluster,
        sections: list[Section],
        volumes: list[Volume],
        limit: int | None,
        last: bool,
    ) -> list[OutputFile]:
        title = pick(cluster.title)
        stem = file_stem(title)
        for vol in volumes:
            vol.file_name = (
                f"{stem}.pdf"
                if vol.total == 1
                else f"{stem} ({t('build.file.volume', n=vol.number, total=vol.total)}).pdf"
            )
        ranges = [
            t(
                "build.cover.volume_range",
                n=v.number,
                first=v.sections[0].id,
                last=v.sections[-1].id,
            )
            if len(v.sections) > 1
            else t("build.cover.volume_single", n=v.number, first=v.sections[0].id)
            for v in volumes
            if v.sections
        ]
        summary = self._summary(cluster, sections)
        outputs: list[OutputFile] = []
        with contextlib.ExitStack() as stack:
            for vol in volumes:
                target = self.out_dir / vol.file_name
                tmp = stack.enter_context(atomic_path(target))
                self._write_volume(vol, tmp, summary, ranges)
                size = tmp.stat().st_size
                outputs.append(
                    OutputFile(
                        target,
                        cluster.id,
                        title,
                        vol.number,
                        vol.total,
                        vol.pages,
                        size,
                        len(vol.all_docs()),
                    )
                )
            if limit is not None and not last:
                worst = max(
                    (
                        o.size / limit
                        for o, v in zip(outputs, volumes, strict=True)
                        if len(v.all_docs()) > 1
                    ),
                    default=0.0,
                )
                if worst > 1.0:
                    raise _TooBig(1.0 / worst)
        return outputs

    def _summary(self, cluster: Cluster, sections: list[Section]) -> Summary:
        ids = {s.id for s in sections}
        statuses = [s for s in self.result.indicators if s.id in ids]
        findings = [f for f in self.result.findings if f.indicator in ids]
        docs = [d for s in sections for d in s.docs]
        return Summary(
            points=round(sum(s.points for s in statuses), 2),
            maximum=round(sum(s.max_score for s in statuses), 2),
            complete=sum(1 for s in statuses if s.status == "complete"),
            partial=sum(1 for s in statuses if s.status == "partial"),
            missing=sum(1 for s in statuses if s.status == "missing"),
            files=len(docs),
            pages=sum(d.pages for d in docs),
            errors=sum(1 for f in findings if f.severity == "error"),
            warnings=sum(1 for f in findings if f.severity == "warning"),
        )

    def _front_context(self, cluster: Cluster, summary: Summary, ranges: list[str]) -> FrontContext:
        registry = self.result.registry

        def opd_names(ids: list[str]) -> str:
            return ", ".join(registry.opds[i].short if i in registry.opds else i for i in ids)

        return FrontContext(
            region=self.region,
            year=self.result.year,
            checklist=pick(self.result.checklist.title),
            built=self.result.today,
            version=__version__,
            cluster_title=pick(cluster.title),
            cluster_short=pick(cluster.short),
            summary=summary,
            logo=self.logo,
            opd_names=opd_names,
            opd_short=self.opd_short,
            type_title=self.type_title,
            volume_ranges=ranges,
        )

    def _write_volume(self, vol: Volume, out: Path, summary: Summary, ranges: list[str]) -> None:
        label = vol.file_name
        ctx = self._front_context(vol.cluster, summary, ranges)
        vdir = Path(tempfile.mkdtemp(prefix="vol-", dir=self.work))
        try:
            front_path = vdir / "front.pdf"
            front = self._render_front(vol, ctx, front_path, label)
            merged = vdir / "merged.pdf"
            merge(page_source(vol, front_path), merged, label)
            spec = self._finish_spec(vol, front)
            try:
                font = finish(merged, out, spec)
                merged.unlink()
                verify(out, self._expectation(vol, front, spec), font)
            except VerifyError as exc:
                raise BuildError("build.error.verify", file=label, reason=exc.reason) from exc
            except BuildError:
                raise
            except Exception as exc:  # pikepdf/qpdf failures while finishing
                raise BuildError("build.error.failed", file=label, detail=_short(exc)) from exc
        finally:
            shutil.rmtree(vdir, ignore_errors=True)

    def _render_front(self, vol: Volume, ctx: FrontContext, path: Path, label: str) -> FrontResult:
        def resolve(toc_pages: int, section_pages: dict[str, int]) -> dict[tuple[str, str], int]:
            vol.toc_pages, vol.section_pages = toc_pages, dict(section_pages)
            layout(vol)
            pages: dict[tuple[str, str], int] = {
                ("section", s.id): vol.section_start[s.id] for s in vol.sections
            }
            pages.update({("doc", d.number): d.start for d in vol.all_docs()})
            return pages

        front = render_front(vol, ctx, path, resolve)
        if front.pages != vol.front_pages + sum(vol.section_pages.values()):
            raise BuildError("build.error.failed", file=label, detail=t("build.error.layout"))
        return front

    # -- what the finished volume must contain ------------------------------------------
    def _stamp_base(self, vol: Volume) -> str:
        cluster = pick(vol.cluster.short)
        if vol.total > 1:
            cluster += " " + t("build.stamp.volume", n=vol.number, total=vol.total)
        parts = [self.region, f"KLA {self.result.year}", cluster]
        return " · ".join(p for p in parts if p)

    def _front_to_page(self, vol: Volume, front_page: int) -> int:
        """0-based volume page of a 1-based front-matter page."""
        if front_page <= vol.front_pages:
            return front_page - 1
        fp = vol.front_pages
        for sec in vol.sections:
            n = vol.section_pages[sec.id]
            if front_page <= fp + n:
                return vol.section_start[sec.id] - 1 + (front_page - fp - 1)
            fp += n
        raise ValueError(front_page)

    def _finish_spec(self, vol: Volume, front: FrontResult) -> FinishSpec:
        base = self._stamp_base(vol)
        total = vol.pages

        def page_text(n: int) -> str:
            return t("build.stamp.page", page=n if n > vol.front_pages else roman(n), total=total)

        stamps = [""] * total
        for n in range(1, vol.front_pages + 1):
            stamps[n - 1] = f"{base} · {page_text(n)}"
        for sec in vol.sections:
            ind = t("build.stamp.indicator", id=sec.id)
            start = vol.section_start[sec.id]
            for n in range(start, start + vol.section_pages[sec.id]):
                stamps[n - 1] = f"{base} · {ind} · {page_text(n)}"
            for doc in vol.docs.get(sec.id, []):
                ref = t("build.stamp.doc", number=doc.number)
                for n in range(doc.start, doc.start + doc.pages):
                    stamps[n - 1] = f"{base} · {ind} · {ref} · {page_text(n)}"
        title = pick(vol.cluster.title)
        if vol.total > 1:
            title += f" ({t('build.cover.volume', n=vol.number, total=vol.total)})"
        outline = [
            OutlineNode(
                title,
                0,
                [
                    OutlineNode(
                        t("build.outline.indicator", id=sec.id, title=pick(sec.indicator.title)),
                        vol.section_start[sec.id] - 1,
                        [
                            OutlineNode(f"{doc.number} {doc.name}", doc.start - 1)
                            for doc in vol.docs.get(sec.id, [])
                        ],
                        closed=True,
                    )
                    for sec in vol.sections
                ],
            )
        ]
        links = [
            LinkSpec(
                self._front_to_page(vol, link.front_page),
                link.rect,
                self._target_page(vol, link.target),
            )
            for link in front.links
        ]
        attachments = [
            Attachment(
                f"{doc.number} {doc.name}",
                doc.source,
                t("build.attachment.description", number=doc.number, path=doc.evidence.path),
            )
            for doc in vol.all_docs()
            if doc.attach
        ]
        region = self.region or t("report.no_region")
        return FinishSpec(
            stamps=stamps,
            outline=outline,
            links=links,
            front_pages=vol.front_pages,
            attachments=attachments,
            title=t("build.meta.title", cluster=title, region=region, year=self.result.year),
            author=region,
            subject=t("build.meta.subject", year=self.result.year),
            keywords=f"KLA {self.result.year}, {pick(vol.cluster.short)}, {region}",
            language="id-ID" if get_language() == "id" else "en",
            creator=f"kladoc {__version__}",
            created=dt.datetime.now(),
        )

    def _target_page(self, vol: Volume, target: tuple[str, str]) -> int:
        kind, key = target
        if kind == "section":
            return vol.section_start[key] - 1
        for doc in vol.all_docs():
            if doc.number == key:
                return doc.start - 1
        raise KeyError(key)

    def _expectation(self, vol: Volume, front: FrontResult, spec: FinishSpec) -> Expectation:
        box = toc_number_box()
        regions = [
            Region(self._front_to_page(vol, fp), box, nums)
            for fp, nums in sorted(front.toc_numbers.items())
        ]
        groups = []
        for sec in vol.sections:
            parts = front.index_boxes.get(sec.id, [])
            if not parts:
                continue
            expected = [d.start if d.volume == vol.number else d.volume for d in sec.docs]
            group = [Region(self._front_to_page(vol, fp), b, []) for fp, b in parts]
            group[0].expected = expected
            groups.append(group)
        firsts = {
            d.start - 1: (d.signature, d.evidence.path)
            for d in vol.all_docs()
            if d.signature is not None
        }
        return Expectation(
            vol.pages, spec.stamps, spec.outline, spec.links, regions, firsts, groups
        )

    # -- after writing ------------------------------------------------------------------
    def _limit_warnings(
        self, volumes: list[Volume], outputs: list[OutputFile], limit: int, max_mb: float
    ) -> None:
        for vol, out in zip(volumes, outputs, strict=True):
            if out.size <= limit:
                continue
            docs = vol.all_docs()
            big = [d for d in docs if d.size > limit]
            for d in big:
                self.report.warnings.append(
                    (
                        "build.warn.doc_over_limit",
                        {
                            "path": d.evidence.path,
                            "size_mb": f"{d.size / MIB:.1f}",
                            "limit_mb": f"{max_mb:g}",
                        },
                    )
                )
            if not big:
                self.report.warnings.append(
                    (
                        "build.warn.volume_over_limit",
                        {
                            "file": out.path.name,
                            "size_mb": f"{out.size / MIB:.1f}",
                            "limit_mb": f"{max_mb:g}",
                        },
                    )
                )

    def _remove_stale(self, cluster: Cluster, keep: set[str]) -> None:
        stem = file_stem(pick(cluster.title))
        # only our own names: "<stem>.pdf" or "<stem> (Jilid 2 dari 3).pdf" in either language
        pattern = re.compile(
            rf"^{re.escape(stem)}( \((Jilid|Volume) \d+ (dari|of) \d+\))?"
            r"\.pdf$"
        )
        for path in self.out_dir.iterdir():
            if path.name in keep or not pattern.match(path.name):
                continue
            try:
                path.unlink()
                self.report.removed.append(path)
            except OSError:
                continue


def _short(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]
