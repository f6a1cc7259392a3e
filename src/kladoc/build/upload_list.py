"""What the upload pack holds, before any PDF work: the questions in scope with the evidence
each will carry, the Windows-safe names of their files, the title to type for each
attachment, and `daftar-unggah.xlsx` (one row per question, what to type and attach).

Plain data and openpyxl only: no PDF library is loaded here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from kladoc.answers import Answer, read_answers, supplies
from kladoc.build.content import short_type
from kladoc.build.plan import resolve_path, sort_key
from kladoc.checklist import Question
from kladoc.evaluate import year_ok, year_range
from kladoc.fsutil import safe_file_stem
from kladoc.i18n import pick, t
from kladoc.i18n.formats import file_size
from kladoc.models import Evidence
from kladoc.scope import Scope, code_parser, indicators_in_scope

if TYPE_CHECKING:
    from kladoc.models import CheckResult

FOLDER_NAME = "unggah"
LIST_NAME = "daftar-unggah.xlsx"
ZIP_NAME = "unggah.zip"
MAX_PATH = 199  # whole relative path inside the pack, "/"-separated: under 200 characters
MAX_WORDS = 6  # "<code> <first words of the question>"
MAX_CLUSTER = 60
# a question code leading a file name: "1.2a", "1-2a", "I1-P2a", "Ind 1 P 2a"
_CODE_PREFIX = re.compile(
    r"^\s*(?:(?:ind(?:ikator)?\s*)?\d+[a-z]?\s*[.\-]\s*(?:p(?:ertanyaan)?\s*)?\d+[a-z]*"
    r"|i\d+[a-z]?\s*-\s*p\d+[a-z]*"
    r"|ind(?:ikator)?\s*\d+[a-z]?\s*p(?:ertanyaan)?\s*\d+[a-z]*)[\s._\-]+",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def pack_folder_name(result: CheckResult) -> str:
    """`unggah` for the whole dossier; a scoped pack gets its own folder ("unggah - Dinkes",
    "unggah - Indikator 22a"), so preparing one OPD's or indicator's questions never removes
    the rest of the pack. A scoped pack also differs in content (a question shared by OPDs
    carries only that OPD's files), so it must not be mixed into the full one. The name is
    the same in every language, so switching --lang does not start a second pack."""
    scope = result.scope
    parts: list[str] = []
    if scope.cluster:
        cluster = result.checklist.cluster(scope.cluster)
        parts.append(pick(cluster.short, "id") if cluster else scope.cluster)
    if scope.indicator:
        parts.append(f"Indikator {scope.indicator}")
    if scope.opd is not None:
        parts.append(scope.opd.short or scope.opd.name)
    if not parts:
        return FOLDER_NAME
    return safe_file_stem(" - ".join([FOLDER_NAME, *parts]), MAX_CLUSTER)


@dataclass
class PlannedQuestion:
    """One question in scope: the evidence that goes into its upload file(s), and why the
    rest does not."""

    question: Question
    cluster_title: str
    folder: str  # "<Klaster>/Indikator <id>", Windows-safe
    stem: str  # "<code> <first words>", Windows-safe, unique in its folder
    evidence: list[Evidence]  # usable, in the year window, in path order
    left_out: list[tuple[Evidence, str]] = field(default_factory=list)  # (file, reason)
    answer: Answer | None = None

    @property
    def id(self) -> str:
        return self.question.id

    def reason(self) -> str:
        """Why there is nothing to upload (empty when there is)."""
        if self.evidence:
            return ""
        if not self.left_out:
            return t("upload.reason.no_files")
        return t("upload.reason.none_usable", count=len(self.left_out))


def plan_questions(result: CheckResult) -> list[PlannedQuestion]:
    """Every question of the indicators in scope (cluster, indicator), in checklist order.
    Scoped to an OPD: the questions it is a Sumber Data for, and those its files answer."""
    checklist = result.checklist
    scope = result.scope
    indicators = indicators_in_scope(
        checklist, Scope(cluster=scope.cluster, indicator=scope.indicator)
    )
    answers = _answers(result)
    by_question: dict[str, list[Evidence]] = {}
    for ev in sorted(result.evidence, key=sort_key):
        if ev.question:
            by_question.setdefault(ev.question, []).append(ev)
    out: list[PlannedQuestion] = []
    taken: set[str] = set()
    for ind in indicators:
        cluster = checklist.cluster(ind.cluster)
        cluster_title = pick(cluster.title) if cluster else ind.cluster
        indicator_folder = safe_file_stem(t("upload.folder.indicator", id=ind.id))
        folder = f"{safe_file_stem(cluster_title, MAX_CLUSTER)}/{indicator_folder}"
        span = year_range(result.year, ind.year_window, result.config.evidence_years)
        for q in ind.questions:
            files = by_question.get(q.id, [])
            if scope.opd is not None and not files and not supplies(q, scope.opd.id):
                continue
            good: list[Evidence] = []
            left: list[tuple[Evidence, str]] = []
            for ev in files:
                if not ev.usable:
                    left.append((ev, t("upload.reason.unusable", status=ev.facts.status)))
                elif not (_any_year(result, ev) or year_ok(ev.year, span)):
                    left.append((ev, t("upload.reason.year", year=ev.year or "-")))
                else:
                    good.append(ev)
            stem = unique_stem(folder, question_stem(q), taken)
            out.append(
                PlannedQuestion(q, cluster_title, folder, stem, good, left, answers.get(q.id))
            )
    return out


def _any_year(result: CheckResult, ev: Evidence) -> bool:
    et = result.checklist.evidence_types.get(ev.type or "")
    return et is not None and et.any_year


def _answers(result: CheckResult) -> dict[str, Answer]:
    """The answers from `jawaban.xlsx` (root first, then each OPD folder in scope)."""
    scope = result.scope
    folders = (
        []
        if scope.single_opd_folder
        else [
            (name, opd_id)
            for name, opd_id in result.opd_folders.items()
            if scope.opd is None or opd_id == scope.opd.id
        ]
    )
    root = result.config.root
    found = read_answers(
        root,
        folders,
        result.checklist,
        code_parser(result.checklist),
        root_rel=root.resolve().name if scope.single_opd_folder else "",
    )
    return found.by_question


# -- names -------------------------------------------------------------------------------


def question_stem(q: Question) -> str:
    """'1.2a Terdapat SK Gugus Tugas KLA yang'. The code keeps its dots (they are legal)."""
    words = safe_file_stem(pick(q.text), 10_000).split()
    return safe_file_stem(" ".join([q.id, *words[:MAX_WORDS]]))


def unique_stem(folder: str, stem: str, taken: set[str], room: int = 30) -> str:
    """Shortened so that `folder/stem<room>` stays under MAX_PATH, and unique in the pack
    case-insensitively (Windows and macOS do not tell 'A.pdf' from 'a.pdf')."""
    limit = max(8, MAX_PATH - len(folder) - 1 - room)
    stem = safe_file_stem(stem, limit)
    candidate, n = stem, 2
    while f"{folder}/{candidate}".casefold() in taken:
        candidate = safe_file_stem(f"{stem[: limit - 5]} ({n})", limit)
        n += 1
    taken.add(f"{folder}/{candidate}".casefold())
    return candidate


def part_name(stem: str, part: int, parts: int) -> str:
    if parts == 1:
        return f"{stem}.pdf"
    return f"{stem} ({t('upload.file.part', n=part, total=parts)}).pdf"


def attachment_title(ev: Evidence, type_title: str | None) -> str:
    """'SK Gugus Tugas KLA 2025': the document type (when the name does not say it), the
    file's own name without the question code, and its year (when the name lacks it)."""
    name = PurePosixPath(ev.path).stem
    name = _CODE_PREFIX.sub("", name, count=1).strip(" -_.") or name
    name = re.sub(r"[_]+", " ", name)
    parts = []
    if type_title:
        short = short_type(type_title)
        first = short.split()[0].casefold() if short.split() else ""
        if first and first not in name.casefold():
            parts.append(short)
    parts.append(name)
    if ev.year and not _YEAR.search(name):
        parts.append(str(ev.year))
    return " ".join(" ".join(parts).split())


# -- daftar-unggah.xlsx --------------------------------------------------------------------


@dataclass
class ListFile:
    """One file to upload, as the list shows it."""

    rel: str  # relative to the pack, "/"-separated
    size: int
    pages: int
    title: str
    sources: list[str]


def list_rows(
    planned: Iterable[PlannedQuestion], files: dict[str, list[ListFile]], failed: dict[str, str]
) -> list[list[object]]:
    """One row per question; a question with several files lists them on separate lines of
    the same cells, so the row still reads as one question."""
    rows: list[list[object]] = []
    for pq in planned:
        q = pq.question
        mine = files.get(pq.id, [])
        answer = pq.answer.value if pq.answer else ""
        if mine:
            reason = ""
        elif pq.id in failed:
            reason = failed[pq.id]
        else:
            reason = pq.reason()
        left = "\n".join(f"{ev.path}: {why}" for ev, why in pq.left_out)
        rows.append(
            [
                q.id,
                q.indicator,
                pick(q.text),
                answer,
                "\n".join(f.rel for f in mine),
                "\n".join(file_size(f.size) for f in mine),
                "\n".join(str(f.pages) for f in mine),
                "\n".join(f.title for f in mine),
                "\n".join(p for f in mine for p in f.sources),
                "\n".join(x for x in (reason, left) if x),
            ]
        )
    return rows


def write_list(rows: list[list[object]], path: Path) -> None:
    from openpyxl import Workbook

    from kladoc.report.xlsx import Col, write_table

    cols = [
        Col(t("upload.col.code")),
        Col(t("upload.col.indicator"), center=True),
        Col(t("upload.col.question"), wrap=True, width=50),
        Col(t("upload.col.answer"), wrap=True, width=30),
        Col(t("upload.col.files"), wrap=True, width=50),
        Col(t("upload.col.size"), wrap=True),
        Col(t("upload.col.pages"), wrap=True),
        Col(t("upload.col.title"), wrap=True, width=40),
        Col(t("upload.col.sources"), wrap=True, width=50),
        Col(t("upload.col.note"), wrap=True, width=40),
    ]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t("upload.sheet")
    write_table(ws, cols, rows)
    # fixed properties: the same list gives the same bytes, so an unchanged list is kept
    import datetime as dt

    fixed = dt.datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "kladoc"
    wb.save(path)


def source_path(result: CheckResult, ev: Evidence) -> Path:
    return resolve_path(result.config.root, ev.path)
