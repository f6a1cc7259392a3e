"""`kladoc build` as a function: a check result in, one verified PDF per cluster out.

Order of work: convert every document (LibreOffice in batches for Office files), then
per cluster: split into volumes, render the front matter (its printed page numbers are
filled in once its own length is known), merge (pass 1), finish (pass 2), verify, and
only then replace the previous files, all volumes of a cluster together."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from kladoc.build.content import (
    ClusterDossier,
    Names,
    converted_pages,
    dossier,
    dossier_sections,
    logo_path,
    logo_warning,
    problem_of,
    question_groups,
)
from kladoc.build.convcache import ConversionCache
from kladoc.build.convert import (
    ConvertContext,
    convert_photos,
    prepare_pdf,
    render_placeholders,
)
from kladoc.build.frontcache import cached_front, front_key
from kladoc.build.frontmatter import FrontContext, FrontResult, render_front, toc_number_box
from kladoc.build.marks import Marks, recording
from kladoc.build.output import (
    BuildReport,
    OutputFile,
    OutputSet,
    check_output_dir,
    file_digest,
    open_build,
    short_error,
)
from kladoc.build.plan import (
    MIB,
    Doc,
    Section,
    Volume,
    file_stem,
    layout,
    page_source,
    split_volumes,
)
from kladoc.build.style import roman
from kladoc.build.verify import Expectation, Region, VerifyError, verify
from kladoc.build.worker import JobWorker, receive_job, send_all
from kladoc.checklist.model import Cluster
from kladoc.errors import BuildError, UsageError
from kladoc.fsutil import atomic_path
from kladoc.heap import one_arena, trim
from kladoc.i18n import get_language, pick, set_language, t
from kladoc.i18n.formats import decimal, fixed

if TYPE_CHECKING:
    from kladoc.models import CheckResult

__all__ = ["BuildReport", "OutputFile", "build_pdf", "check_output_dir", "convert_docs"]

Progress = Callable[[str, int, int], None]
MAX_SPLIT_ROUNDS = 4


class _TooBig(Exception):
    def __init__(self, ratio: float) -> None:
        super().__init__(ratio)
        self.ratio = ratio


def build_pdf(
    result: CheckResult,
    out_dir: Path,
    *,
    cluster: str | None = None,
    max_mb: float | None = None,
    compact: bool = False,
    progress: Progress | None = None,
    converter: str = "auto",
    draft: bool = False,
    outputs: OutputSet | None = None,
    use_cache: bool = True,
) -> BuildReport:
    """Build one PDF dossier per cluster (or only `cluster`) into `out_dir`.

    `draft`: the team's working copy (gaps, readiness figures, "DRAF" on every page);
    else the submission version. `outputs`: the set this build's files join (the caller
    commits it, e.g. together with the Word dossiers); without it the PDFs are swapped
    in at the end of this call, all at once or not at all. `use_cache=False`: every
    conversion is made anew and none is kept (the conversion cache, build/convcache.py).

    Failures of one cluster are collected in the report (`report.errors`) and leave that
    cluster's previous files untouched; usage errors raise UsageError."""

    if max_mb is not None and max_mb <= 0:
        raise UsageError("build.bad_max_mb")
    if converter not in ("auto", "python"):
        raise UsageError("build.unknown_converter")
    out_dir = Path(out_dir)
    one_arena()  # before the Office and cluster-worker threads start
    staging, own, cluster_ids, work = open_build(
        result, out_dir, cluster, ".kladoc-build-", outputs
    )
    report = BuildReport(out_dir)
    try:
        builder = _Builder(result, out_dir, work, report, compact, progress)
        builder.draft, builder.staging_folder = draft, staging.new
        if not use_cache:
            builder.ctx.cache = ConversionCache(None)
        sections, report.excluded = dossier_sections(result, cluster_ids, draft, report.warnings)
        # evidence PDFs that pass qpdf's checks on their own leave marks for verification
        builder.marks = Marks(builder.ctx.cache.marks())
        with recording(builder.marks):
            builder.convert(
                [d for secs in sections.values() for s in secs for d in s.docs], converter
            )
        trim()  # the conversions' garbage is not the clusters' to carry
        done = build_clusters(builder, cluster_ids, sections, max_mb)
        for cid in cluster_ids:  # in cluster order, however they were built
            done[cid].add_to(report, staging)
        if own:
            try:
                staging.commit(report)
            except BuildError as exc:
                report.errors.append(exc)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if own:
            staging.discard()
    builder.ctx.cache.trim()
    builder.ctx.cache.marks().trim()
    return report


# -- clusters, two at a time ------------------------------------------------------------

CLUSTER_WORKERS = 2  # processes building clusters at once, this one included
PARALLEL_MIN_PAGES = 400  # fewer pages: a worker's start costs more than it saves
# the worker is sent only what its clusters need (slim_job), not the check result: whole,
# at 5,000 files pickling it peaked at 251 MB here, 205 in the worker and 423 MB in all


@dataclass
class ClusterDone:
    """What building one cluster produced, in a form that crosses a process boundary."""

    cluster: str
    files: list[OutputFile] = field(default_factory=list)
    evidence_pages: dict[str, int] = field(default_factory=dict)
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    errors: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # BuildError
    staged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    digests: dict[str, tuple[str, int]] = field(default_factory=dict)  # file_digest by name

    def add_to(self, report: BuildReport, outputs: OutputSet) -> None:
        report.files.extend(self.files)
        report.evidence_pages.update(self.evidence_pages)
        report.warnings.extend(self.warnings)
        report.errors.extend(BuildError(key, **params) for key, params in self.errors)
        for name in self.staged:
            outputs.staged(name)
        for name in self.retired:
            outputs.retire(name)
        for name, digest in self.digests.items():
            outputs.digested(name, digest)


class _Staging:
    """Stands for the build's OutputSet while one cluster is built (here or in a
    worker): files go into the same staging folder; names are handed back."""

    def __init__(self, folder: Path, done: ClusterDone) -> None:
        self.folder, self.done = folder, done

    def staged(self, name: str) -> Path:
        if name not in self.done.staged:
            self.done.staged.append(name)
        return self.folder / name

    def retire(self, name: str) -> None:
        if name not in self.done.retired:
            self.done.retired.append(name)

    def digested(self, name: str, digest: tuple[str, int]) -> None:
        self.done.digests[name] = digest


def _cost(secs: list[Section]) -> int:
    return sum(d.pages + 8 for s in secs for d in s.docs) + 20 * len(secs)


def build_clusters(
    builder: _Builder,
    cluster_ids: list[str],
    sections: dict[str, list[Section]],
    max_mb: float | None,
) -> dict[str, ClusterDone]:
    """Build every cluster: a large dossier's clusters split between this process and
    one spawned worker (by estimated pages, split_costs); a small one here. A worker that cannot
    start or dies leaves its clusters to this process."""
    costs = {cid: _cost(sections[cid]) for cid in cluster_ids}
    workers = min(CLUSTER_WORKERS, os.cpu_count() or 1, len(cluster_ids))
    mine, theirs = list(cluster_ids), list[str]()
    if workers > 1 and sum(costs.values()) >= PARALLEL_MIN_PAGES:
        mine, theirs = split_costs(cluster_ids, costs, PARALLEL_MIN_PAGES)
    done: dict[str, ClusterDone] = {}
    worker = _ClusterWorker(builder, theirs, sections, max_mb) if theirs else None
    total = len(cluster_ids)

    def here(cid: str) -> None:
        done[cid] = builder.cluster_done(cid, sections[cid], max_mb)
        if builder.progress is not None:
            builder.progress("build", 1, total)

    try:
        for cid in mine:
            here(cid)
        if worker is not None:
            done.update(worker.collect(builder.progress, total))
    finally:
        if worker is not None:
            worker.kill()
    for cid in cluster_ids:  # a worker that failed: built here
        if cid not in done:
            here(cid)
    return done


def slim_job(
    result: CheckResult, sections: dict[str, list[Section]]
) -> tuple[CheckResult, dict[str, list[Section]]]:
    """What a worker building these clusters needs of the check result and their sections:
    no other file, no file's text, only the findings about their files (the placeholder
    rows name them). Copies: this process's objects are left as they are."""
    paths = {d.evidence.path for secs in sections.values() for s in secs for d in s.docs}
    slim_sections = {
        cid: [replace(sec, docs=[textless(d) for d in sec.docs]) for sec in secs]
        for cid, secs in sections.items()
    }
    return slim_result(result, paths), slim_sections


def textless(doc: Doc) -> Doc:
    """A copy of `doc` for a worker: its file's text (classification's, up to 20 KB) left out."""
    return replace(doc, evidence=replace(doc.evidence, facts=replace(doc.evidence.facts, text="")))


def slim_result(result: CheckResult, paths: set[str]) -> CheckResult:
    """The check result as a worker process needs it: settings, checklist and OPDs, and
    only the findings about these files; no evidence list, views or caches."""
    return replace(
        result,
        evidence=[],
        findings=[f for f in result.findings if f.path in paths],
        warnings=[],
        left_out=[],
        scan_findings=[],
        file_findings=[],
        opd_views={},
        answer_cache={},
        opd_groups={},
    )


def split_costs(ids: list[str], costs: dict[str, int], start: int) -> tuple[list[str], list[str]]:
    """The clusters this process builds and those the worker builds, so that the later
    of the two finishes first: the worker's share counts `start` more (its start-up).
    Every split is tried when there are few clusters (a checklist has about seven),
    else the largest goes to the less loaded side; both keep the order of `ids`."""
    theirs: set[str] = set()
    if len(ids) > 16:
        loads = [0, start]
        for cid in sorted(ids, key=lambda c: -costs[c]):
            k = 0 if loads[0] <= loads[1] else 1
            loads[k] += costs[cid]
            if k:
                theirs.add(cid)
    else:
        total = sum(costs[c] for c in ids)
        best = total  # all here
        for mask in range(1, 1 << len(ids)):
            share = {c for i, c in enumerate(ids) if mask >> i & 1}
            load = sum(costs[c] for c in share)
            worst = max(total - load, load + start)
            if worst < best:
                best, theirs = worst, share
    return [c for c in ids if c not in theirs], [c for c in ids if c in theirs]


class _ClusterWorker:
    """One spawned process building some clusters of this build; what they need of the
    check result and their converted documents are sent once (slim_job)."""

    def __init__(
        self,
        builder: _Builder,
        clusters: list[str],
        sections: dict[str, list[Section]],
        max_mb: float | None,
    ) -> None:
        work = Path(tempfile.mkdtemp(prefix="clusters-", dir=builder.work))
        result, slim = slim_job(builder.result, {c: sections[c] for c in clusters})
        job = {
            "result": result,
            "sections": slim,
            "clusters": clusters,
            "out_dir": builder.out_dir,
            "work": work,
            "compact": builder.compact,
            "draft": builder.draft,
            "logo": builder.logo,
            "staging": builder.staging_folder,
            "max_mb": max_mb,
            "language": get_language(),
            "cache": builder.ctx.cache.folder,
        }
        self.worker = JobWorker(cluster_worker_main, job, "kladoc-clusters")

    def collect(self, progress: Progress | None, total: int) -> dict[str, ClusterDone]:
        got: dict[str, ClusterDone] = {}
        for item in self.worker.results():
            if not isinstance(item, ClusterDone):
                break
            got[item.cluster] = item
            if progress is not None:
                progress("build", 1, total)
        return got

    def kill(self) -> None:
        self.worker.kill()


def cluster_worker_main(conn: Connection) -> None:
    """The worker side of _ClusterWorker: build each cluster sent, send what it made."""
    job = receive_job(conn)
    if job is None:
        return
    set_language(job["language"])
    report = BuildReport(job["out_dir"])
    builder = _Builder(job["result"], job["out_dir"], job["work"], report, job["compact"], None)
    builder.draft, builder.logo = job["draft"], job["logo"]
    builder.staging_folder = job["staging"]
    builder.build_work = job["work"].parent
    # the build's own cache (--no-cache: none), not this process's default
    builder.ctx.cache = ConversionCache(job["cache"])
    builder.marks = Marks(builder.ctx.cache.marks())
    send_all(
        conn,
        (builder.cluster_done(cid, job["sections"][cid], job["max_mb"]) for cid in job["clusters"]),
    )


def convert_docs(docs: list[Doc], ctx: ConvertContext, converter: str) -> list[Doc]:
    """Turn each document into PDF pages in `ctx.work`: PDFs as they are (downsampled under
    `ctx.compact`), photos onto A4 with a caption, Office files through LibreOffice (when
    `converter` is "auto" and it is installed) or the Python renderer. Returns the documents
    that could not be shown (unusable, or failed now); their `reason` says why when known.

    kladoc's own Office renderer runs in worker processes while this process checks the
    PDFs and lays out the photos; conversions made before come from `ctx.cache`."""
    soffice = office.find_soffice() if converter == "auto" else None
    notices: list[Doc] = []
    pdfs: list[Doc] = []
    photos: list[Doc] = []
    offices: list[Doc] = []
    for doc in docs:
        ev = doc.evidence
        kind = ev.facts.kind
        if not ev.usable:
            notices.append(doc)
        elif kind == "pdf":
            pdfs.append(doc)
        elif kind == "image":
            photos.append(doc)
        elif kind in ("docx", "xlsx", "doc", "xls"):
            offices.append(doc)
        else:
            notices.append(doc)
    # the Office files go first in a thread that only waits on the workers (LibreOffice,
    # a program of its own, keeps the order of old)
    background = soffice is None and bool(offices)
    octx = replace(ctx, warnings=[], progress=None) if background else ctx
    stop = threading.Event()
    office_notices: list[Doc] = []
    failure: list[BaseException] = []

    def run_office() -> None:
        try:
            office_notices.extend(office.convert_office(offices, soffice, octx, stop))
        except BaseException as exc:  # re-raised in the caller's thread
            failure.append(exc)

    worker = threading.Thread(target=run_office, name="kladoc-office", daemon=True)
    if background:
        worker.start()
    try:
        for doc in pdfs:
            try:
                prepare_pdf(doc, ctx)
                ctx.tick()
            except Exception as exc:  # unreadable now although check could read it
                doc.reason = t("build.placeholder.convert_failed", detail=short_error(exc))
                ctx.warnings.append(
                    ("build.warn.convert", {"path": doc.evidence.path, "detail": short_error(exc)})
                )
                notices.append(doc)
        mark = len(ctx.warnings)
        if not background:
            office_notices += office.convert_office(offices, soffice, ctx)
        photo_notices = convert_photos(photos, ctx)
        if background:
            worker.join()
    except BaseException:  # Ctrl+C included: the renderers stop before this returns
        stop.set()
        if background:
            worker.join()
        raise
    if background:
        if failure:
            raise failure[0]
        ctx.warnings[mark:mark] = octx.warnings  # in the order of a sequential run
        ctx.tick(len(offices) - len(office_notices))
    return notices + office_notices + photo_notices


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
        self.draft = False
        self.outputs: _Staging | None = None  # while a cluster is built
        self.staging_folder = work  # the OutputSet's folder of new files
        self.build_work = work  # the build's work folder (a worker's `work` is inside it)
        self.marks = Marks(ConversionCache(None))  # what passed qpdf's checks before
        self.region = result.config.region
        self.logo = self._logo()
        names = Names(result)
        self.ctx = ConvertContext(work, compact, report.warnings, names.opd_short, names.type_title)
        self.ctx.ocr = result.config.ocr

    # -- inputs -------------------------------------------------------------------------
    def _logo(self) -> Path | None:
        path = logo_path(self.result)
        if path is None:
            return None
        try:
            from PIL import Image

            with Image.open(path) as img:
                img.verify()
            return path
        except Exception as exc:  # a bad logo only costs the logo
            self.report.warnings.append(logo_warning(path, exc))
            return None

    def convert(self, docs: list[Doc], converter: str) -> None:
        total = len(docs)

        def tick(n: int) -> None:
            if self.progress is not None:
                self.progress("convert", n, total)

        self.ctx.progress = tick
        notices = convert_docs(docs, self.ctx, converter)
        for doc in notices:
            if not doc.reason:
                doc.reason, doc.remedy = problem_of(doc, self.result.findings)
            elif not doc.remedy:
                doc.remedy = t("build.placeholder.generic_remedy")
        render_placeholders(notices, self.ctx)

    # -- one cluster --------------------------------------------------------------------
    def cluster_done(self, cid: str, sections: list[Section], max_mb: float | None) -> ClusterDone:
        """Build one cluster into the staging folder; what it made and said, apart."""
        cl = self.result.checklist.cluster(cid)
        assert cl is not None
        done = ClusterDone(cid)
        saved = self.report
        self.report = BuildReport(self.out_dir)
        self.outputs = _Staging(self.staging_folder, done)
        self.ctx.warnings = self.report.warnings
        try:
            self.build_cluster(cl, sections, max_mb)
        except BuildError as exc:
            done.errors.append((exc.key, dict(exc.params)))
        finally:
            done.files = self.report.files
            done.evidence_pages = self.report.evidence_pages
            done.warnings = self.report.warnings
            self.report = saved
            self.ctx.warnings = saved.warnings
            self.outputs = None
        return done

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
        self.report.evidence_pages.update(
            {d.evidence.path: d.pages for s in sections for d in s.docs}
        )
        if limit is not None:
            self._limit_warnings(volumes, outputs, limit, max_mb or 0.0)
        self._retire_stale(cluster, {o.path.name for o in outputs})

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
        content = dossier(self.result, cluster, sections, converted_pages, self.draft)
        assert self.outputs is not None
        outputs: list[OutputFile] = []
        with contextlib.ExitStack() as stack:
            for vol in volumes:
                target = self.out_dir / vol.file_name
                tmp = stack.enter_context(atomic_path(self.outputs.staged(vol.file_name)))
                self._write_volume(vol, tmp, FrontContext(content, self.logo, ranges))
                digest = file_digest(tmp)
                self.outputs.digested(vol.file_name, digest)
                size = digest[1]
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

    def _write_volume(self, vol: Volume, out: Path, ctx: FrontContext) -> None:
        label = vol.file_name
        vdir = Path(tempfile.mkdtemp(prefix="vol-", dir=self.work))
        try:
            front_path = vdir / "front.pdf"
            front = self._render_front(vol, ctx, front_path, label)
            merged = vdir / "merged.pdf"
            merge(page_source(vol, front_path), merged, label)
            spec = self._finish_spec(vol, front, ctx.dossier)
            try:
                font = finish(merged, out, spec)
                merged.unlink()
                verify(out, self._expectation(vol, front, spec), font, self.marks)
            except VerifyError as exc:
                raise BuildError("build.error.verify", file=label, reason=exc.reason) from exc
            except BuildError:
                raise
            except Exception as exc:  # pikepdf/qpdf failures while finishing
                raise BuildError("build.error.failed", file=label, detail=short_error(exc)) from exc
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

        key = front_key(self.ctx.cache, vol, ctx, self.build_work)
        front = cached_front(
            self.ctx.cache, key, path, resolve, lambda res: render_front(vol, ctx, path, res)
        )
        if front.pages != vol.front_pages + sum(vol.section_pages.values()):
            raise BuildError("build.error.failed", file=label, detail=t("build.error.layout"))
        return front

    # -- what the finished volume must contain ------------------------------------------
    def _stamp_base(self, vol: Volume) -> str:
        cluster = pick(vol.cluster.short)
        if vol.total > 1:
            cluster += " " + t("build.stamp.volume", n=vol.number, total=vol.total)
        # a draft says so on every page, evidence pages included
        mark = t("build.draft.mark") if self.draft else ""
        parts = [mark, self.region, f"KLA {self.result.year}", cluster]
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

    def _finish_spec(self, vol: Volume, front: FrontResult, content: ClusterDossier) -> FinishSpec:
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
            codes = {q.id for q in sec.indicator.questions}
            for doc in vol.docs.get(sec.id, []):
                ref = t("build.stamp.doc", number=doc.number)
                code = doc.evidence.question
                if code in codes:  # "… · Indikator 1 · Pertanyaan 1.2a · Bukti 1.3 · …"
                    ref = f"{t('build.stamp.question', code=code)} · {ref}"
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
                        self._doc_nodes(sec, vol.docs.get(sec.id, [])),
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
        meta = content.metadata(title)
        return FinishSpec(
            stamps=stamps,
            outline=outline,
            links=links,
            front_pages=vol.front_pages,
            attachments=attachments,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            keywords=meta.keywords,
            language=meta.language,
            creator=meta.creator,
            # the build's day, not the clock: the same build twice gives the same bytes
            created=dt.datetime.combine(self.result.today, dt.time()),
        )

    @staticmethod
    def _doc_nodes(sec: Section, docs: list[Doc]) -> list[OutlineNode]:
        """An indicator's documents, under their questions when the checklist has them
        (cluster › indicator › question › document), the indicator-level files last."""

        def nodes(group: list[Doc]) -> list[OutlineNode]:
            return [OutlineNode(f"{d.number} {d.name}", d.start - 1) for d in group]

        groups = question_groups(sec.indicator, docs)
        if groups is None:
            return nodes(docs)
        return [
            OutlineNode(g.title, g.docs[0].start - 1, nodes(g.docs), closed=True) for g in groups
        ]

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
                            "size_mb": fixed(d.size / MIB, 1),
                            "limit_mb": decimal(max_mb),
                        },
                    )
                )
            if not big:
                self.report.warnings.append(
                    (
                        "build.warn.volume_over_limit",
                        {
                            "file": out.path.name,
                            "size_mb": fixed(out.size / MIB, 1),
                            "limit_mb": decimal(max_mb),
                        },
                    )
                )

    def _retire_stale(self, cluster: Cluster, keep: set[str]) -> None:
        stem = file_stem(pick(cluster.title))
        # only our own names: "<stem>.pdf" or "<stem> (Jilid 2 dari 3).pdf" in either language
        pattern = re.compile(
            rf"^{re.escape(stem)}( \((Jilid|Volume) \d+ (dari|of) \d+\))?"
            r"\.pdf$"
        )
        assert self.outputs is not None
        for path in self.out_dir.iterdir():
            if path.name in keep or not pattern.match(path.name):
                continue
            self.outputs.retire(path.name)
