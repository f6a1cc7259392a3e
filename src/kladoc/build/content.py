"""The content of one cluster's dossier, computed once and rendered twice.

The PDF front matter (`frontmatter`, reportlab) and the Word dossier (`docx_context`,
docxtpl) both draw a `ClusterDossier`: cover figures, one `SectionContent` per indicator
(facts, narrative, evidence index, gaps) and the document metadata. Plain data and plain
Python only: importing this module loads no PDF or Word library, so the two dossiers
can only differ in how they look, never in what they say."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kladoc.answers import Answer, Answers, read_answers
from kladoc.build.narrative import Block, parse_narrative
from kladoc.build.output import LeftOut, short_error
from kladoc.build.plan import Doc, Section, cluster_sections, resolve_path, sort_key
from kladoc.checklist.model import Cluster, Indicator
from kladoc.evaluate import left_out
from kladoc.i18n import get_language, pick, t
from kladoc.i18n.formats import decimal, file_size
from kladoc.i18n.formats import long_date as long_date  # the builders' import path
from kladoc.models import Evidence, Finding, severity_rank
from kladoc.scope import code_parser
from kladoc.version import __version__

if TYPE_CHECKING:
    from kladoc.models import CheckResult

Warnings = list[tuple[str, dict[str, Any]]]

# colours as RGB hex (no '#'): reportlab and Word take them from here
STATUS_HEX = {"complete": "2e7d32", "partial": "b26a00", "missing": "c62828"}
SEVERITY_HEX = {"error": "c62828", "warning": "b26a00", "info": "5b6876"}
NARRATIVE_LIMIT = 60_000  # bytes of a narrative file read into the dossier


# -- text helpers ------------------------------------------------------------------------


def number(value: float, digits: int = 1) -> str:
    """435.5 → '435,5' in Indonesian, '435.5' in English; whole numbers without decimals."""
    return decimal(value, digits)


human_size = file_size  # 1,5 MB / 1.5 MB (kladoc.i18n.formats)


def short_type(title: str) -> str:
    """'SK Kelembagaan (SK Gugus Tugas, Forum Anak, Tim)' → 'SK Kelembagaan'."""
    return title.split(" (", 1)[0].strip()


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then notes; by rule and path within each."""
    return sorted(findings, key=lambda f: (severity_rank(f.severity), f.rule, f.path or ""))


def problem_of(doc: Doc, findings: Iterable[Finding]) -> tuple[str, str]:
    """The reason and remedy shown for a file that cannot be shown: its worst finding."""
    own = sorted(
        (f for f in findings if f.path == doc.evidence.path),
        key=lambda f: severity_rank(f.severity),
    )
    if own:
        return own[0].message, own[0].remedy
    facts = doc.evidence.facts
    return (
        t("build.placeholder.status", status=facts.status, kind=facts.kind),
        t("build.placeholder.generic_remedy"),
    )


# -- names -------------------------------------------------------------------------------


@dataclass
class Names:
    """Display names of OPDs and evidence types, as both dossiers print them."""

    result: CheckResult

    def opd_short(self, opd_id: str | None) -> str:
        return self.result.registry.label(opd_id, short=True) or "-"

    def opd_names(self, ids: Iterable[str]) -> str:
        return ", ".join(self.result.registry.label(i, short=True) for i in ids)

    def type_title(self, type_id: str | None) -> str:
        et = self.result.checklist.evidence_types.get(type_id or "")
        return pick(et.title) if et else (type_id or "-")


# -- inputs both builds read -------------------------------------------------------------


def dossier_evidence(result: CheckResult, draft: bool) -> tuple[list[Evidence], list[LeftOut]]:
    """The evidence a dossier shows, and the files it leaves out (and why): one answer
    for the PDF and the Word dossier (`evaluate.left_out`)."""
    rows = left_out(result.evidence, result.findings, result.checklist, draft=draft)
    out = {path for path, _reason, _message in rows}
    kept = [e for e in result.evidence if e.path not in out]
    return kept, [LeftOut(path, reason, message) for path, reason, message in rows]


def dossier_sections(
    result: CheckResult, cluster_ids: list[str], draft: bool, warnings: Warnings
) -> tuple[dict[str, list[Section]], list[LeftOut]]:
    """Each cluster's sections with the evidence this version shows, narratives loaded."""
    kept, excluded = dossier_evidence(result, draft)
    # a cluster's build names what it leaves out of its own indicators (and the unmapped)
    shown = {i.id for cid in cluster_ids for i in result.checklist.indicators_in(cid)}
    indicator = {e.path: e.indicator for e in result.evidence}
    excluded = [x for x in excluded if x.reason == "unmapped" or indicator.get(x.path) in shown]
    sections = {
        cid: cluster_sections(
            result.checklist, cid, kept, result.indicators, result.findings, result.config.root
        )
        for cid in cluster_ids
    }
    for secs in sections.values():
        for sec in secs:
            order_by_question(sec)
    load_narratives(result, [s for secs in sections.values() for s in secs], warnings)
    return sections, excluded


def order_by_question(sec: Section) -> None:
    """The evidence of an indicator with questions in question order (by path within a
    question), the files at indicator level last, numbered 4.1, 4.2, … in that order.
    An indicator without questions (kla-2011) keeps its order by path."""
    if not sec.indicator.questions:
        return
    rank = {q.id: n for n, q in enumerate(sec.indicator.questions)}
    last = len(rank)
    sec.docs.sort(key=lambda d: (rank.get(d.evidence.question or "", last), sort_key(d.evidence)))
    for n, doc in enumerate(sec.docs, start=1):
        doc.number = f"{sec.id}.{n}"


@dataclass
class QuestionGroup:
    """The documents of one question (`code` "": the files at indicator level only)."""

    code: str
    title: str  # the outline entry: "Pertanyaan 1.2a — …" or "Belum dikaitkan ke pertanyaan"
    text: str  # the question in full (the contents page), or the heading
    docs: list[Doc]


def question_groups(indicator: Indicator, docs: list[Doc]) -> list[QuestionGroup] | None:
    """`docs` (in dossier order) by question, questions without documents left out, the
    indicator-level files last; None for an indicator without questions (a flat list)."""
    if not indicator.questions:
        return None
    groups = []
    for q in indicator.questions:
        mine = [d for d in docs if d.evidence.question == q.id]
        if mine:
            text = pick(q.text)
            title = t("build.outline.question", code=q.id, text=short_text(text))
            groups.append(QuestionGroup(q.id, title, text, mine))
    known = {q.id for q in indicator.questions}
    rest = [d for d in docs if d.evidence.question not in known]
    if rest:
        heading = t("build.section.unassigned")
        groups.append(QuestionGroup("", heading, heading, rest))
    return groups


def short_text(text: str, limit: int = 90) -> str:
    """A question's text cut at a word boundary for an outline entry."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def dossier_answers(result: CheckResult) -> Answers:
    """The answers of `jawaban.xlsx` (dossier root and OPD folders), as the check read them."""
    if not result.checklist.questions:
        return Answers()
    folders = [(name, opd) for name, opd in result.opd_folders.items()]
    return read_answers(
        result.config.root, folders, result.checklist, code_parser(result.checklist)
    )


def load_narratives(result: CheckResult, sections: list[Section], warnings: Warnings) -> None:
    """The `narasi.md`/`narasi.txt` files the check found, into their sections."""
    root = result.config.root
    for sec in sections:
        for rel in result.narratives.get(sec.id, []):
            try:
                raw = resolve_path(root, rel).read_bytes()[:NARRATIVE_LIMIT]
                sec.narrative.append((rel, raw.decode("utf-8-sig", errors="replace")))
            except OSError as exc:
                warnings.append(("build.warn.narrative", {"path": rel, "detail": short_error(exc)}))


def logo_path(result: CheckResult) -> Path | None:
    """The configured logo (relative paths from the dossier root), or None."""
    logo = result.config.logo
    if not logo:
        return None
    path = Path(logo)
    return path if path.is_absolute() else result.config.root / path


def logo_warning(path: Path, exc: BaseException) -> tuple[str, dict[str, Any]]:
    """A bad logo only costs the logo: this warning, the same from both builds."""
    return ("build.warn.logo", {"path": str(path), "detail": short_error(exc)})


# -- the model ---------------------------------------------------------------------------


@dataclass
class CoverFigures:
    """Readiness of one cluster, for the cover."""

    points: float
    maximum: float
    complete: int
    partial: int
    missing: int
    files: int
    pages: int  # evidence pages in the PDF dossier
    errors: int
    warnings: int
    uncounted: int = 0  # files whose pages are known only once converted to PDF

    @property
    def share(self) -> float:
        return self.points / self.maximum if self.maximum else 0.0

    @property
    def percent(self) -> str:
        return f"{number(self.share * 100, 0)}%"

    @property
    def points_text(self) -> str:
        return t("build.cover.points", score=number(self.points), maximum=number(self.maximum))

    @property
    def indicators_text(self) -> str:
        return t(
            "build.cover.indicator_counts",
            complete=self.complete,
            partial=self.partial,
            missing=self.missing,
        )

    @property
    def evidence_text(self) -> str:
        if self.uncounted:
            return t(
                "build.cover.evidence_counts_uncounted",
                files=self.files,
                pages=self.pages,
                uncounted=self.uncounted,
            )
        return t("build.cover.evidence_counts", files=self.files, pages=self.pages)

    @property
    def gaps_text(self) -> str:
        return t("build.cover.gap_counts", errors=self.errors, warnings=self.warnings)


@dataclass
class FactRow:
    """One row of an indicator's facts table.

    kind "text": `text`; "status": `status` (a status id) and `text` (the points);
    "checklist": `checks`, each (satisfied, evidence type)."""

    label: str
    kind: str = "text"
    text: str = ""
    status: str = ""
    checks: list[tuple[bool, str]] = field(default_factory=list)


@dataclass
class IndexRow:
    """One document in an indicator's evidence index."""

    doc: Doc
    number: str
    name: str
    path: str
    opd: str
    type: str
    year: str
    pages: int | None  # pages in the PDF dossier; None: known only once converted
    sha: str
    shown_as: str  # how the PDF shows it: pdf | image | office | placeholder
    picture: str  # what the Word dossier pictures: "photo" | "first_page" | ""
    problem: str  # unusable file: why (its worst finding), else ""


@dataclass
class GapRow:
    severity: str
    severity_text: str  # "GALAT"
    message: str
    remedy: str
    path: str

    @property
    def remedy_text(self) -> str:
        return t("build.section.remedy", remedy=self.remedy) if self.remedy else ""


@dataclass
class QuestionRow:
    """One question of an indicator, as its section lists it."""

    code: str  # "1.2a"
    text: str
    max_score: str
    answer: str  # as written in jawaban.xlsx; "-" when unanswered
    files: list[IndexRow]  # the documents assigned to it, in dossier order

    @property
    def files_text(self) -> str:
        return ", ".join(r.number for r in self.files) or "-"


@dataclass
class SectionContent:
    """One indicator: its section page (PDF) or chapter (Word)."""

    section: Section
    id: str
    title: str
    heading: str  # "Indikator 4 — …"
    kicker: str  # "INDIKATOR 4 · KLASTER I"
    status: str  # "" without a status
    points: str
    max_score: str
    facts: list[FactRow]
    narrative: list[tuple[str, list[Block]]]  # (relative path, blocks)
    rows: list[IndexRow]
    gaps: list[GapRow]
    questions: list[QuestionRow] = field(default_factory=list)  # empty: no questions
    unassigned: list[IndexRow] = field(default_factory=list)  # files at indicator level only


@dataclass
class Metadata:
    """Document properties of a dossier file (PDF info and XMP, Word core properties)."""

    title: str
    subject: str
    author: str
    keywords: str
    language: str
    creator: str


@dataclass
class ClusterDossier:
    cluster: Cluster
    title: str
    short: str
    region: str  # as configured, may be empty
    year: int
    checklist: str
    built: dt.date
    version: str
    figures: CoverFigures
    sections: list[SectionContent]
    draft: bool = False  # the working copy: gaps, readiness figures, "DRAF" on every page

    @property
    def draft_mark(self) -> str:
        """The mark every page of a draft carries; "" in the submission version."""
        return t("build.draft.mark") if self.draft else ""

    @property
    def region_text(self) -> str:
        return self.region or t("report.no_region")

    @property
    def built_text(self) -> str:
        return t(
            "build.cover.built",
            date=long_date(self.built),
            version=self.version,
            checklist=self.checklist,
        )

    def metadata(self, title: str | None = None) -> Metadata:
        """`title`: the cluster title as the file shows it (with its volume, if any)."""
        region = self.region_text
        return Metadata(
            title=t("build.meta.title", cluster=title or self.title, region=region, year=self.year),
            subject=t("build.meta.subject", year=self.year),
            author=region,
            keywords=f"KLA {self.year}, {self.short}, {region}",
            language="id-ID" if get_language() == "id" else "en",
            creator=f"kladoc {self.version}",
        )


PageCount = Callable[[Doc], int | None]


def converted_pages(doc: Doc) -> int | None:
    """Pages of a document after conversion (the PDF build)."""
    return doc.pages


def known_pages(evidence_pages: dict[str, int]) -> PageCount:
    """Pages of a document without converting it: what a PDF build reported, else what
    the check read (PDF pages, one page per photo, one notice page per unusable file).
    Office documents have no page count until converted: None."""

    def pages(doc: Doc) -> int | None:
        ev = doc.evidence
        if ev.path in evidence_pages:
            return evidence_pages[ev.path]
        kind = ev.facts.kind
        if not ev.usable:
            return 1
        if kind == "pdf":
            return ev.facts.pages or 1
        if kind == "image":
            return 1
        return None

    return pages


def dossier(
    result: CheckResult,
    cluster: Cluster,
    sections: list[Section],
    pages: PageCount,
    draft: bool = False,
) -> ClusterDossier:
    """The content of `cluster`'s dossier from its sections (`dossier_sections`). The
    submission version (`draft` False) carries no gaps: findings and readiness figures
    are for the team, not the evaluators."""
    names = Names(result)
    contents = [_section(names, cluster, sec, pages, result.findings) for sec in sections]
    answers = dossier_answers(result).by_question
    for c in contents:
        _questions(c, answers)
    if not draft:
        for c in contents:
            c.gaps = []
            # status, points and the ✓/✗ of each required type are readiness figures
            c.facts = [f for f in c.facts if f.kind == "text"]
    return ClusterDossier(
        cluster=cluster,
        title=pick(cluster.title),
        short=pick(cluster.short),
        region=result.config.region,
        year=result.year,
        checklist=pick(result.checklist.title),
        built=result.today,
        version=__version__,
        figures=_figures(sections, contents),
        sections=contents,
        draft=draft,
    )


def _figures(sections: list[Section], contents: list[SectionContent]) -> CoverFigures:
    statuses = [s.status for s in sections if s.status is not None]
    findings = [f for s in sections for f in s.findings]
    rows = [r for c in contents for r in c.rows]
    counts = {
        k: sum(1 for s in statuses if s.status == k) for k in ("complete", "partial", "missing")
    }
    return CoverFigures(
        points=round(sum(s.points for s in statuses), 2),
        maximum=round(sum(s.max_score for s in statuses), 2),
        **counts,
        files=len(rows),
        pages=sum(r.pages or 0 for r in rows),
        errors=sum(1 for f in findings if f.severity == "error"),
        warnings=sum(1 for f in findings if f.severity == "warning"),
        uncounted=sum(1 for r in rows if r.pages is None),
    )


def _section(
    names: Names, cluster: Cluster, sec: Section, pages: PageCount, findings: list[Finding]
) -> SectionContent:
    ind, status = sec.indicator, sec.status
    return SectionContent(
        section=sec,
        id=ind.id,
        title=pick(ind.title),
        heading=t("build.outline.indicator", id=ind.id, title=pick(ind.title)),
        kicker=t("build.section.kicker", id=ind.id, cluster=pick(cluster.short)).upper(),
        status=status.status if status else "",
        points=number(status.points) if status else "",
        max_score=number(ind.max_score) if ind.max_score is not None else "",
        facts=_facts(names, sec),
        narrative=[(rel, parse_narrative(text)) for rel, text in sec.narrative],
        rows=[_row(names, doc, pages(doc), findings) for doc in sec.docs],
        gaps=[
            GapRow(
                f.severity, t(f"severity.{f.severity}").upper(), f.message, f.remedy, f.path or ""
            )
            for f in sorted_findings(sec.findings)
        ],
    )


def _facts(names: Names, sec: Section) -> list[FactRow]:
    ind, s = sec.indicator, sec.status
    rows: list[FactRow] = []
    if ind.max_score is not None:
        rows.append(FactRow(t("build.section.max_score"), text=number(ind.max_score)))
    rows.append(FactRow(t("build.section.opds"), text=names.opd_names(ind.opds) or "-"))
    if s is not None:
        points = t("build.section.points", points=number(s.points), maximum=number(s.max_score))
        rows.append(FactRow(t("build.section.status"), "status", points, s.status))
    if ind.evidence:
        have = set(s.satisfied) if s else set()
        checks = [(et in have, short_type(names.type_title(et))) for et in ind.evidence]
        rows.append(FactRow(t("build.section.required"), "checklist", checks=checks))
    return rows


def _row(names: Names, doc: Doc, pages: int | None, findings: list[Finding]) -> IndexRow:
    ev = doc.evidence
    kind = ev.facts.kind
    problem = ""
    if not ev.usable:
        # the index row already names the file
        problem = problem_of(doc, findings)[0].removeprefix(f"{ev.path}: ")
    picture = {"image": "photo", "pdf": "first_page"}.get(kind, "") if ev.usable else ""
    return IndexRow(
        doc=doc,
        number=doc.number,
        name=doc.name,
        path=ev.path,
        opd=names.opd_short(ev.opd) if ev.opd else ev.opd_folder,
        type=short_type(names.type_title(ev.type)) if ev.type else "-",
        year=str(ev.year) if ev.year else "-",
        pages=pages,
        sha=ev.facts.sha256[:12] or "-",
        shown_as=doc.kind,
        picture=picture,
        problem=problem,
    )


def _questions(content: SectionContent, answers: dict[str, Answer]) -> None:
    ind = content.section.indicator
    if not ind.questions:
        return
    by_path = {r.path: r for r in content.rows}
    for q in ind.questions:
        answer = answers.get(q.id)
        content.questions.append(
            QuestionRow(
                code=q.id,
                text=pick(q.text),
                max_score=number(q.max_score),
                answer=answer.value if answer and answer.state != "unanswered" else "-",
                files=[
                    by_path[d.evidence.path]
                    for d in content.section.docs
                    if d.evidence.question == q.id
                ],
            )
        )
    known = {q.id for q in ind.questions}
    content.unassigned = [
        by_path[d.evidence.path] for d in content.section.docs if d.evidence.question not in known
    ]
