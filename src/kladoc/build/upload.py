"""`kladoc build --format upload`: `_kladoc/unggah/`, one PDF per question, ready to attach.

Per question with usable evidence: its documents converted as in the dossier (the same
`convert_docs`), merged with qpdf, stamped (region, year, question code, page), reopened
and verified. A file over the size limit is rebuilt from downsampled photos and scans
(as `--compact`), and when still too large split at document boundaries (a document that
alone is too large at page boundaries) into "… (bagian 1 dari 2).pdf". Beside the PDFs:
`daftar-unggah.xlsx` (what to type and attach per question) and `unggah.zip`.

Incremental: `.kladoc-unggah.json` in the folder maps each question to the hash of its
inputs and the hashes of the files it produced. A question whose inputs did not change
keeps its files (hard-linked into the new folder: same bytes, same modification time).
The new folder is staged beside the old one and swapped in; files someone changed or
added in the old folder are carried over, never thrown away."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from kladoc.build import office
from kladoc.build.assemble import FinishSpec, OutlineNode, finish, merge
from kladoc.build.content import Names
from kladoc.build.convcache import ConversionCache
from kladoc.build.convert import ConvertContext
from kladoc.build.marks import Marks
from kladoc.build.output import check_output_dir, short_error
from kladoc.build.pdf import convert_docs, slim_result, split_costs, textless
from kladoc.build.plan import MIB, Doc
from kladoc.build.upload_list import (
    LIST_NAME,
    ZIP_NAME,
    ListFile,
    PlannedQuestion,
    attachment_title,
    list_rows,
    pack_folder_name,
    part_name,
    plan_questions,
    source_path,
    write_list,
)
from kladoc.build.verify import Expectation, VerifyError, verify
from kladoc.build.worker import JobWorker, receive_job, send_all
from kladoc.errors import BuildError, UsageError
from kladoc.heap import one_arena
from kladoc.i18n import get_language as current_language
from kladoc.i18n import pick, set_language, t
from kladoc.version import __version__ as VERSION

if TYPE_CHECKING:
    from kladoc.models import CheckResult

INDEX_NAME = ".kladoc-unggah.json"
INDEX_SCHEMA = 1
MAX_ROUNDS = 4
FIRST_BUDGET = 0.95  # of the limit: the stamp font, outline and metadata come on top
Progress = Callable[[str, int, int], None]
Warnings = list[tuple[str, dict[str, Any]]]
# the questions' files are written by this process and one spawned worker when there
# are at least this many pages: below, a worker's start costs more than it saves
PARALLEL_MIN_PAGES = 400


@dataclass
class UploadFile:
    question: str
    rel: str  # inside the pack, "/"-separated
    part: int
    parts: int
    pages: int
    size: int
    sha256: str
    title: str
    sources: list[str]
    rewritten: bool = True


@dataclass
class UploadReport:
    folder: Path
    files: list[UploadFile] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)  # question codes whose files were built
    kept: list[str] = field(default_factory=list)  # question codes whose files were kept
    failed: list[BuildError] = field(default_factory=list)  # one per question that failed
    warnings: Warnings = field(default_factory=list)
    user_files: list[tuple[str, str]] = field(default_factory=list)  # (kept as, was)
    removed: list[str] = field(default_factory=list)  # files of questions no longer packed
    questions: int = 0  # questions listed
    empty: int = 0  # of which with nothing to upload
    written: bool = False  # the folder was replaced

    @property
    def list_path(self) -> Path:
        return self.folder / LIST_NAME

    @property
    def zip_path(self) -> Path:
        return self.folder / ZIP_NAME


def build_upload(
    result: CheckResult,
    out_dir: Path,
    *,
    max_mb: float | None = None,
    converter: str = "auto",
    progress: Progress | None = None,
    use_cache: bool = True,
) -> UploadReport:
    """Write `out_dir/unggah/` for the questions in the check's scope. A question that cannot
    be built is in `report.failed` and the rest is still written; `report.written` is False
    only when the folder could not be replaced at all (then it is unchanged)."""
    limit_mb = max_mb if max_mb is not None else result.config.upload_max_mb
    if limit_mb <= 0:
        raise UsageError("build.bad_max_mb")
    if converter not in ("auto", "python"):
        raise UsageError("build.unknown_converter")
    out_dir = Path(out_dir)
    check_output_dir(out_dir, result.config, result.registry)
    one_arena()  # before the Office thread starts
    folder = out_dir / pack_folder_name(result)
    report = UploadReport(folder)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".kladoc-unggah-", dir=out_dir))
    except OSError as exc:
        raise BuildError(
            "output.unwritable", path=str(out_dir), detail=exc.strerror or str(exc)
        ) from exc
    try:
        cache = ConversionCache.default() if use_cache else ConversionCache(None)
        _Packer(result, folder, work, report, limit_mb, converter, progress, cache).run()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cache.trim()
    return report


class _Packer:
    def __init__(
        self,
        result: CheckResult,
        folder: Path,
        work: Path,
        report: UploadReport,
        limit_mb: float,
        converter: str,
        progress: Progress | None,
        cache: ConversionCache,
        stage: Path | None = None,
    ) -> None:
        self.result, self.folder, self.work, self.report = result, folder, work, report
        self.cache = cache
        self.marks = Marks(cache.marks())  # the build's, and this pack's own
        self.limit_mb, self.limit = limit_mb, int(limit_mb * MIB)
        self.converter, self.progress = converter, progress
        self.names = Names(result)
        # which converter "auto" finds is an input too: installing LibreOffice changes the PDFs
        found = office.find_soffice() if converter == "auto" else None
        self.converter_used = str(found) if found else "python"
        self.stage = stage or work / "stage"
        self.stage.mkdir(exist_ok=True)
        self.old = read_index(folder)
        self.index: dict[str, Any] = {"schema": INDEX_SCHEMA, "questions": {}}

    # -- the whole pack ---------------------------------------------------------------
    def run(self) -> None:
        planned = plan_questions(self.result)
        self.report.questions = len(planned)
        todo: list[tuple[PlannedQuestion, str]] = []
        for pq in planned:
            if not pq.evidence:
                self.report.empty += 1
                continue
            key = self._input_key(pq)
            if self._reuse(pq, key):
                self.report.kept.append(pq.id)
            else:
                todo.append((pq, key))
        self._build(todo)
        failed = {exc.params.get("question", ""): exc.render() for exc in self.report.failed}
        by_q: dict[str, list[ListFile]] = {}
        for f in self.report.files:
            by_q.setdefault(f.question, []).append(
                ListFile(f.rel, f.size, f.pages, f.title, f.sources)
            )
        rows = list_rows(planned, by_q, failed)
        list_key = _digest(json.dumps([[str(c) for c in r] for r in rows]), current_language())
        self._keep_or_write(LIST_NAME, "list", list_key, lambda p: write_list(rows, p))
        zip_key = _digest(*(f"{f.rel}:{f.sha256}" for f in self.report.files), list_key)
        self._keep_or_write(ZIP_NAME, "zip", zip_key, self._write_zip)
        self.index["list"], self.index["zip"] = list_key, zip_key
        self._carry_user_files()
        (self.stage / INDEX_NAME).write_text(
            json.dumps(self.index, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        self._swap()

    def _input_key(self, pq: PlannedQuestion) -> str:
        """Everything a question's files depend on: its evidence (content hash and what is
        printed about it), the options, the wording of the stamps, kladoc's version."""
        cfg = self.result.config
        parts: list[str] = [
            VERSION,
            str(INDEX_SCHEMA),
            current_language(),
            self.converter_used,
            str(self.result.config.ocr),
            f"{self.limit_mb:g}",
            cfg.region,
            str(self.result.year),
            pq.id,
            pq.folder,
            pq.stem,
            pick(pq.question.text),
        ]
        for ev in pq.evidence:
            parts += [
                ev.path,
                ev.facts.sha256,
                str(ev.year),
                self.names.type_title(ev.type),
                self.names.opd_short(ev.opd),
                ev.note,
            ]
        return _digest(*parts)

    # -- incremental -------------------------------------------------------------------
    def _reuse(self, pq: PlannedQuestion, key: str) -> bool:
        entry = self.old.get("questions", {}).get(pq.id)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return False
        files = entry.get("files") or []
        for f in files:
            if not _unchanged(self.folder, f):
                return False
        for f in files:
            _link(self.folder / f["rel"], self.stage / f["rel"])
            self.report.files.append(
                UploadFile(
                    pq.id,
                    f["rel"],
                    f["part"],
                    f["parts"],
                    f["pages"],
                    f["size"],
                    f["sha256"],
                    f["title"],
                    list(f["sources"]),
                    rewritten=False,
                )
            )
        self.index["questions"][pq.id] = entry
        return True

    def _keep_or_write(self, name: str, slot: str, key: str, write: Callable[[Path], None]) -> None:
        """Keep the previous list or zip (same bytes, same time) when what it holds is the
        same; else write it anew."""
        old = self.folder / name
        target = self.stage / name
        if self.old.get(slot) == key and old.is_file():
            recorded = self.old.get("outputs", {}).get(name)
            if isinstance(recorded, dict) and _unchanged(self.folder, recorded):
                _link(old, target)
                self.index.setdefault("outputs", {})[name] = recorded
                return
        write(target)
        self.index.setdefault("outputs", {})[name] = _record(self.stage, name)

    def _write_zip(self, path: Path) -> None:
        members = [(f.rel, self.stage / f.rel) for f in self.report.files]
        members.append((LIST_NAME, self.stage / LIST_NAME))
        with zipfile.ZipFile(path, "w", allowZip64=True) as zf:
            for rel, src in sorted(members):
                info = zipfile.ZipInfo(rel, _zip_time(src))
                # PDFs are compressed already: storing them costs little and saves the time
                info.compress_type = (
                    zipfile.ZIP_STORED if rel.endswith(".pdf") else zipfile.ZIP_DEFLATED
                )
                info.external_attr = 0o644 << 16
                with open(src, "rb") as fh, zf.open(info, "w") as out:
                    shutil.copyfileobj(fh, out, 1 << 20)

    def _carry_user_files(self) -> None:
        """Files in the old folder kladoc did not write as they are now (edited, or added
        by someone) move into the new folder; under a dated name when the name is taken."""
        if not self.folder.is_dir():
            return
        ours = self._recorded_files()
        produced = {p.relative_to(self.stage).as_posix().casefold() for p in _files(self.stage)}
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H%M")
        for path in _files(self.folder):
            rel = path.relative_to(self.folder).as_posix()
            if rel == INDEX_NAME:
                continue
            rec = ours.get(rel)
            if rec is not None and _unchanged(self.folder, rec):
                if rel.casefold() not in produced:
                    self.report.removed.append(rel)
                continue
            dest = rel
            if rel.casefold() in produced:
                p = PurePosixPath(rel)
                dest = str(p.with_name(f"{p.stem} ({t('upload.kept.edited')} {stamp}){p.suffix}"))
            _link(path, self.stage / dest)
            produced.add(dest.casefold())
            self.report.user_files.append((dest, rel))

    def _recorded_files(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for entry in self.old.get("questions", {}).values():
            for f in entry.get("files", []) if isinstance(entry, dict) else []:
                if isinstance(f, dict) and "rel" in f:
                    out[f["rel"]] = f
        for name, rec in self.old.get("outputs", {}).items():
            if isinstance(rec, dict):
                out[name] = rec
        return out

    def _swap(self) -> None:
        """The new folder replaces the old one: two renames, the old one restored if the
        second fails."""
        backup = self.work / "previous"
        try:
            if self.folder.exists():
                os.replace(self.folder, backup)
            try:
                os.replace(self.stage, self.folder)
            except OSError:
                if backup.exists():
                    os.replace(backup, self.folder)
                raise
        except OSError as exc:
            self.report.failed.append(
                BuildError(
                    "output.unwritable", path=str(self.folder), detail=exc.strerror or str(exc)
                )
            )
            return
        self.report.written = True

    # -- building questions -------------------------------------------------------------
    def _build(self, todo: list[tuple[PlannedQuestion, str]]) -> None:
        if not todo:
            return
        docs = {pq.id: self._docs(pq) for pq, _ in todo}
        self._convert([d for ds in docs.values() for d in ds], compact=False)
        packed = self._pack_all([pq for pq, _ in todo], docs)
        big: list[tuple[PlannedQuestion, str]] = []
        for pq, key in todo:  # in question order, however they were packed
            done = packed[pq.id]
            self.report.warnings.extend(done.warnings)
            if done.error is not None:
                self.report.failed.append(BuildError(done.error[0], **done.error[1]))
            elif done.files is None:
                big.append((pq, key))
            else:
                self._record_question(pq, key, done.files)
        if not big:
            return
        # over the limit: downsample photos and scans, then split what is still too large
        again = {pq.id: self._docs(pq) for pq, _ in big}
        self._convert([d for ds in again.values() for d in ds], compact=True)
        for pq, key in big:
            try:
                files = self._pack(pq, again[pq.id], split=True)
                assert files is not None
                self._record_question(pq, key, files)
            except BuildError as exc:
                self.report.failed.append(exc)

    def _pack_all(
        self, todo: list[PlannedQuestion], docs: dict[str, list[Doc]]
    ) -> dict[str, _Packed]:
        """Every question's file, each within the limit or None: a large pack's questions
        split between this process and one spawned worker (by pages, split_costs)."""
        costs = {pq.id: sum(d.pages for d in docs[pq.id]) + 2 for pq in todo}
        ids = [pq.id for pq in todo]
        mine, theirs = ids, list[str]()
        if (os.cpu_count() or 1) > 1 and sum(costs.values()) >= PARALLEL_MIN_PAGES:
            mine, theirs = split_costs(ids, costs, PARALLEL_MIN_PAGES)
        by_id = {pq.id: pq for pq in todo}
        packed: dict[str, _Packed] = {}

        def tick() -> None:
            if self.progress is not None:
                self.progress("upload", len(packed), len(todo))

        worker = _UploadWorker(self, [(by_id[i], docs[i]) for i in theirs]) if theirs else None
        try:
            for qid in mine:
                packed[qid] = self.pack_one(by_id[qid], docs[qid])
                tick()
            if worker is not None:
                worker.collect(packed, tick)
        finally:
            if worker is not None:
                worker.kill()
        for qid in theirs:  # a worker that failed: packed here
            if qid not in packed:
                packed[qid] = self.pack_one(by_id[qid], docs[qid])
                tick()
        return packed

    def pack_one(self, pq: PlannedQuestion, docs: list[Doc]) -> _Packed:
        """`_pack` of one question, without `split`, as plain data."""
        mark = len(self.report.warnings)
        files: list[UploadFile] | None = []
        error: tuple[str, dict[str, Any]] | None = None
        try:
            files = self._pack(pq, docs, split=False)
        except BuildError as exc:
            error = (exc.key, dict(exc.params))
        warnings = self.report.warnings[mark:]
        del self.report.warnings[mark:]
        return _Packed(pq.id, files, warnings, error)

    def _docs(self, pq: PlannedQuestion) -> list[Doc]:
        return [
            Doc(ev, f"{pq.id}.{n}", source_path(self.result, ev))
            for n, ev in enumerate(pq.evidence, start=1)
        ]

    def _convert(self, docs: list[Doc], compact: bool) -> None:
        where = Path(tempfile.mkdtemp(prefix="convert-", dir=self.work))
        ctx = ConvertContext(
            where, compact, self.report.warnings, self.names.opd_short, self.names.type_title
        )
        total = len(docs)

        def tick(n: int) -> None:
            if self.progress is not None:
                self.progress("convert", n, total)

        ctx.progress = tick
        ctx.ocr = self.result.config.ocr
        ctx.cache = self.cache
        for doc in convert_docs(docs, ctx, self.converter):
            doc.pdf = None  # not shown in the pack: the list says why
            if doc.reason:
                continue
            doc.reason = t("upload.reason.convert_failed")

    def _record_question(self, pq: PlannedQuestion, key: str, files: list[UploadFile]) -> None:
        self.report.files.extend(files)
        self.report.rewritten.append(pq.id)
        self.index["questions"][pq.id] = {
            "key": key,
            "files": [
                {
                    **_record(self.stage, f.rel, f.sha256),
                    "part": f.part,
                    "parts": f.parts,
                    "pages": f.pages,
                    "title": f.title,
                    "sources": f.sources,
                }
                for f in files
            ],
        }

    def _pack(self, pq: PlannedQuestion, docs: list[Doc], split: bool) -> list[UploadFile] | None:
        """The question's file(s). Without `split`: one file, or None when it is over the
        limit. With `split`: as many parts as it takes."""
        shown = [d for d in docs if d.pdf is not None and d.pages > 0]
        for d in docs:
            if d.pdf is None:
                self.report.warnings.append(
                    ("upload.warn.left_out", {"path": d.evidence.path, "question": pq.id})
                )
        if not shown:
            raise BuildError(
                "upload.error.nothing", question=pq.id, detail=t("upload.reason.convert_failed")
            )
        units = [_Unit(d, d.first, d.last, d.size) for d in shown]
        if not split:
            part = self._write_parts(pq, [units])[0]
            if part.size > self.limit:
                (self.stage / part.rel).unlink()
                return None
            return [part]
        budget = int(self.limit * FIRST_BUDGET)
        files: list[UploadFile] = []
        for last in [False] * (MAX_ROUNDS - 1) + [True]:
            groups = _split(units, budget)
            files = self._write_parts(pq, groups)
            over = [(f, g) for f, g in zip(files, groups, strict=True) if f.size > self.limit]
            splittable = [f for f, g in over if sum(u.pages for u in g) > 1]
            if splittable and not last:
                for f in files:
                    (self.stage / f.rel).unlink(missing_ok=True)
                worst = max(f.size / self.limit for f in splittable)
                budget = int(budget / worst * 0.97)
                continue
            for f, g in over:
                one = sum(u.pages for u in g) == 1
                self.report.warnings.append(
                    (
                        "upload.warn.page_too_large" if one else "upload.warn.part_too_large",
                        {
                            "file": f.rel,
                            "size_mb": f"{f.size / MIB:.1f}",
                            "limit_mb": f"{self.limit_mb:g}",
                        },
                    )
                )
            break
        return files

    def _write_parts(self, pq: PlannedQuestion, groups: list[list[_Unit]]) -> list[UploadFile]:
        out: list[UploadFile] = []
        total = len(groups)
        for n, group in enumerate(groups, start=1):
            rel = f"{pq.folder}/{part_name(pq.stem, n, total)}"
            target = self.stage / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            pages = self._write_part(pq, group, target, n, total)
            seen: list[Doc] = []
            for u in group:
                if u.doc not in seen:
                    seen.append(u.doc)
            titles = [
                attachment_title(
                    d.evidence, self.names.type_title(d.evidence.type) if d.evidence.type else None
                )
                for d in seen
            ]
            title = (
                titles[0]
                if len(titles) == 1
                else t("upload.title.many", first=titles[0], more=len(titles) - 1)
            )
            if total > 1:
                title += f" ({t('upload.file.part', n=n, total=total)})"
            size = target.stat().st_size
            out.append(
                UploadFile(
                    pq.id,
                    rel,
                    n,
                    total,
                    pages,
                    size,
                    _file_sha(target),
                    title,
                    [d.evidence.path for d in seen],
                )
            )
        return out

    def _write_part(
        self, pq: PlannedQuestion, units: list[_Unit], target: Path, part: int, parts: int
    ) -> int:
        label = PurePosixPath(target.name).name
        pages = sum(u.pages for u in units)
        base = [
            self.result.config.region,
            f"KLA {self.result.year}",
            t("upload.stamp.question", code=pq.id),
        ]
        if parts > 1:
            base.append(t("upload.file.part", n=part, total=parts))
        head = " · ".join(p for p in base if p)
        stamps = [
            f"{head} · {t('build.stamp.page', page=n, total=pages)}" for n in range(1, pages + 1)
        ]
        outline: list[OutlineNode] = []
        firsts: dict[int, tuple[tuple[object, ...], str]] = {}
        start = 0
        for u in units:
            if u.first == u.doc.first:
                outline.append(
                    OutlineNode(f"{u.doc.number} {attachment_title(u.doc.evidence, None)}", start)
                )
                if u.doc.signature is not None:
                    firsts[start] = (u.doc.signature, u.doc.evidence.path)
            start += u.pages
        assert all(u.doc.pdf is not None for u in units)
        merged = target.with_name(f".{target.name}.merged")
        try:
            merge([(u.doc.pdf, u.first, u.last) for u in units if u.doc.pdf], merged, label)
            title = f"{pq.id} {pick(pq.question.text)}"[:200]
            spec = FinishSpec(
                stamps=stamps,
                outline=outline,
                links=[],
                front_pages=0,
                attachments=[],
                title=title,
                author=self.result.config.region,
                subject=t("upload.meta.subject", code=pq.id, year=self.result.year),
                keywords=pq.id,
                language=current_language(),
                creator=f"kladoc {VERSION}",
                created=dt.datetime.combine(self.result.today, dt.time()),
            )
            font = finish(merged, target, spec)
            merged.unlink()
            # qpdf decodes what the build did not mark: the strict decoder's NumPy would
            # cost this one process 12 MB of its memory bound
            exp = Expectation(pages, stamps, outline, [], firsts=firsts)
            verify(target, exp, font, self.marks, fast=False)
            check_safe(target, pages)
        except VerifyError as exc:
            target.unlink(missing_ok=True)
            raise BuildError(
                "upload.error.verify", question=pq.id, file=label, reason=exc.reason
            ) from exc
        except BuildError as exc:
            target.unlink(missing_ok=True)
            raise BuildError(
                "upload.error.failed", question=pq.id, file=label, detail=exc.render()
            ) from exc
        except Exception as exc:  # pikepdf/qpdf failures while finishing
            target.unlink(missing_ok=True)
            raise BuildError(
                "upload.error.failed", question=pq.id, file=label, detail=short_error(exc)
            ) from exc
        finally:
            merged.unlink(missing_ok=True)
        return pages


@dataclass
class _Packed:
    """What packing one question gave, in a form that crosses a process boundary."""

    question: str
    files: list[UploadFile] | None  # None: over the limit, packed again from compact pages
    warnings: Warnings = field(default_factory=list)
    error: tuple[str, dict[str, Any]] | None = None  # a BuildError's key and parameters


class _UploadWorker:
    """One spawned process packing some questions into the same stage folder; their
    converted documents (paths into this pack's work folder) are sent once."""

    def __init__(self, packer: _Packer, questions: list[tuple[PlannedQuestion, list[Doc]]]) -> None:
        paths = {d.evidence.path for _pq, docs in questions for d in docs}
        job = {
            "result": slim_result(packer.result, paths),
            "questions": [
                (replace(pq, evidence=[], left_out=[]), [textless(d) for d in docs])
                for pq, docs in questions
            ],
            "folder": packer.folder,
            "work": Path(tempfile.mkdtemp(prefix="questions-", dir=packer.work)),
            "stage": packer.stage,
            "limit_mb": packer.limit_mb,
            "converter": packer.converter,
            "language": current_language(),
            "cache": packer.cache.folder,
        }
        self.worker = JobWorker(upload_worker_main, job, "kladoc-questions")

    def collect(self, packed: dict[str, _Packed], tick: Callable[[], None]) -> None:
        for item in self.worker.results():
            if not isinstance(item, _Packed):
                return
            packed[item.question] = item
            tick()

    def kill(self) -> None:
        self.worker.kill()


def upload_worker_main(conn: Connection) -> None:
    """The worker side of _UploadWorker: pack each question sent, send what it made."""
    job = receive_job(conn)
    if job is None:
        return
    set_language(job["language"])
    report = UploadReport(job["folder"])
    packer = _Packer(
        job["result"],
        job["folder"],
        job["work"],
        report,
        job["limit_mb"],
        job["converter"],
        None,
        ConversionCache(job["cache"]),  # the pack's own (--no-cache: none)
        stage=job["stage"],
    )
    send_all(conn, (packer.pack_one(pq, docs) for pq, docs in job["questions"]))


@dataclass
class _Unit:
    """A run of pages that stays together: a whole document, or (when one document alone
    is over the limit) one of its pages."""

    doc: Doc
    first: int
    last: int
    cost: int

    @property
    def pages(self) -> int:
        return self.last - self.first + 1


def _split(units: list[_Unit], budget: int) -> list[list[_Unit]]:
    """Greedy at document boundaries within `budget` bytes; a document over the budget is
    cut into its pages."""
    pieces: list[_Unit] = []
    for u in units:
        if u.cost > budget and u.pages > 1:
            per = max(1, u.cost // u.pages)
            pieces += [_Unit(u.doc, p, p, per) for p in range(u.first, u.last + 1)]
        else:
            pieces.append(u)
    groups: list[list[_Unit]] = [[]]
    used = 0
    for u in pieces:
        if groups[-1] and used + u.cost > budget:
            groups.append([])
            used = 0
        groups[-1].append(u)
        used += u.cost
    return groups


# -- checks and files --------------------------------------------------------------------


def check_safe(path: Path, pages: int) -> None:
    """PDFium (what browsers and the evaluation portal's viewer use) opens the file, with
    `pages` pages. Active content and qpdf's checks are part of `verify`."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise VerifyError("upload.verify.pdfium", detail=short_error(exc)) from exc
    try:
        if len(doc) != pages:
            raise VerifyError("build.verify.page_count", actual=len(doc), expected=pages)
        doc[0].get_textpage()
    finally:
        doc.close()


def read_index(folder: Path) -> dict[str, Any]:
    """The previous build's index, or an empty one (missing, unreadable, other schema)."""
    try:
        data = json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("schema") != INDEX_SCHEMA:
        return {}
    return data


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _file_sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _record(folder: Path, rel: str, sha256: str = "") -> dict[str, Any]:
    st = (folder / rel).stat()
    return {
        "rel": rel,
        "sha256": sha256 or _file_sha(folder / rel),
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
    }


def _unchanged(folder: Path, rec: dict[str, Any]) -> bool:
    """The file is still what kladoc wrote: same size and time (cheap), else same hash."""
    try:
        path = folder / rec["rel"]
        st = path.stat()
    except (OSError, KeyError, TypeError):
        return False
    if st.st_size != rec.get("size"):
        return False
    if st.st_mtime_ns == rec.get("mtime_ns"):
        return True
    return _file_sha(path) == rec.get("sha256")


def _link(src: Path, dst: Path) -> None:
    """Same bytes and modification time in the new folder, without copying when the
    filesystem allows a hard link."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _zip_time(path: Path) -> tuple[int, int, int, int, int, int]:
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime)
    stamp = max(stamp, dt.datetime(1980, 1, 1))
    return (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
