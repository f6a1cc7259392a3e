"""The model layer: plain data passed between scan, check, report and build.

Nothing here imports the core (scan, inspect, check) or a renderer; everything above imports
from here. The vocabularies are `str` enums, so they compare, hash, format and serialise
exactly like the plain strings they replace (`Severity.ERROR == "error"`, JSON `"error"`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from kladoc.errors import ExitCode
from kladoc.i18n import pick, t
from kladoc.version import __version__

if TYPE_CHECKING:
    from kladoc.checklist import Checklist
    from kladoc.config import Config
    from kladoc.opd import Opd, OpdRegistry


class TextEnum(str, Enum):
    """A `str` enum that is indistinguishable from its value in text, dicts and JSON."""

    __str__ = str.__str__
    __format__ = str.__format__  # type: ignore[assignment]
    __hash__ = str.__hash__


class Severity(TextEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class IndicatorState(TextEnum):
    """How far an indicator's documentation is: the `status` of :class:`IndicatorStatus`."""

    COMPLETE = "complete"
    PARTIAL = "partial"
    MISSING = "missing"


class FileKind(TextEnum):
    PDF = "pdf"
    IMAGE = "image"
    DOCX = "docx"
    XLSX = "xlsx"
    DOC = "doc"
    XLS = "xls"
    OTHER = "other"


class FileStatus(TextEnum):
    OK = "ok"
    EMPTY = "empty"
    CORRUPT = "corrupt"
    ENCRYPTED = "encrypted"
    UNSUPPORTED = "unsupported"
    OUTDATED = "outdated"  # a valid file in a format too old to use (Excel 4.0, Word 2.0)
    BOMB = "bomb"
    UNREADABLE = "unreadable"
    TIMEOUT = "timeout"


SEVERITIES: tuple[Severity, ...] = tuple(Severity)
INDICATOR_STATES: tuple[IndicatorState, ...] = tuple(IndicatorState)
KINDS: tuple[str, ...] = tuple(k.value for k in FileKind)
STATUSES: tuple[str, ...] = tuple(s.value for s in FileStatus)
ACTIVE_CONTENT: tuple[str, ...] = ("javascript", "openaction", "launch", "embedded-files", "macros")

TEXT_CAP = 20_000
DETAIL_CAP = 300


SEVERITY_RANK: dict[str, int] = {s.value: n for n, s in enumerate(Severity)}


def severity_rank(severity: str) -> int:
    """The one severity order: 0 for errors, 1 for warnings, 2 for infos, 3 for anything else."""
    return SEVERITY_RANK.get(severity, len(SEVERITY_RANK))


# Findings about what is missing for an indicator or question rather than about one file:
# owned by everyone responsible for it (shared in an OPD's view, listed as gaps in reports)
GAP_RULES: tuple[str, ...] = (
    "missing-indicator",
    "missing-evidence-type",
    "questions-missing",
    "questions-partial",
    "answer-without-evidence",
    "evidence-without-answer",
)


@dataclass
class FileFacts:
    """What kladoc learned about one evidence file without modifying it."""

    kind: str  # a FileKind value
    status: str  # a FileStatus value
    size: int
    sha256: str
    detail: str = ""
    pages: int | None = None
    has_text: bool | None = None
    text: str = ""
    repaired: bool = False
    restricted: bool = False
    # PDF opens without a password; only its embedded files (attachments) are encrypted.
    attachments_encrypted: bool = False
    # 1-based PDF pages whose content streams or images cannot be decoded (first pages only).
    damaged_pages: list[int] = field(default_factory=list)
    active_content: list[str] = field(default_factory=list)
    width: int | None = None
    height: int | None = None
    orientation: int | None = None
    created: str | None = None
    title: str | None = None
    ocr: bool = False  # `text` was read from the page images (kladoc.ocr), not a text layer

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # positional: unpickling thousands of them (kladoc.resultcache) by __dict__ was 3x slower
        return (type(self), tuple(getattr(self, name) for name in _FACT_FIELDS))

    def add_active(self, *items: str) -> None:
        """Record active-content flags, keeping the list sorted and unique."""
        self.active_content = sorted(set(self.active_content).union(items))

    def add_detail(self, note: str) -> None:
        """Append a short note; several checks may each have something to say."""
        note = note.strip()
        if not note:
            return
        joined = f"{self.detail}; {note}" if self.detail else note
        self.detail = joined if len(joined) <= DETAIL_CAP else joined[: DETAIL_CAP - 3] + "..."

    def set_text(self, text: str) -> None:
        self.text = text[:TEXT_CAP]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict (for process boundaries and the SQLite cache)."""
        d = dataclasses.asdict(self)
        d["active_content"] = list(self.active_content)
        d["damaged_pages"] = list(self.damaged_pages)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FileFacts:
        """Inverse of :meth:`to_dict`; unknown keys are ignored so old caches still load."""
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in d.items() if k in names}
        if "active_content" in kwargs:
            kwargs["active_content"] = sorted(set(kwargs["active_content"] or []))
        if "damaged_pages" in kwargs:
            kwargs["damaged_pages"] = sorted(set(kwargs["damaged_pages"] or []))
        return cls(**kwargs)


@dataclass
class Evidence:
    path: str  # relative to the dossier root, "/"-separated
    opd_folder: str  # the top-level folder as written
    opd: str | None  # canonical OPD id, None when the folder matches no OPD
    indicator: str | None
    indicator_source: str = ""  # "manifest" | "name" | "folder" | ""
    question: str | None = None  # "1.2a"; None: the file reaches only its indicator
    question_source: str = ""  # "manifest" | "name" | "folder" | ""
    type: str | None = None
    type_source: str = ""  # "manifest" | "name" | "text" | "ocr" | "kind" | ""
    year: int | None = None
    year_source: str = ""  # "manifest" | "name" | "text" | "ocr" | "metadata" | "exif" | ""
    note: str = ""
    mtime: float = 0.0
    facts: FileFacts = field(
        default_factory=lambda: FileFacts(kind="other", status="ok", size=0, sha256="")
    )

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (type(self), tuple(getattr(self, name) for name in _EVIDENCE_FIELDS))

    @property
    def usable(self) -> bool:
        """Counts towards completeness: readable content, not a placeholder."""
        return self.facts.status == FileStatus.OK

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


_FACT_FIELDS = tuple(f.name for f in dataclasses.fields(FileFacts))
_EVIDENCE_FIELDS = tuple(f.name for f in dataclasses.fields(Evidence))


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    path: str | None = None
    opd: str | None = None
    indicator: str | None = None
    message: str = ""
    remedy: str = ""
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    question: str | None = None
    # in an OPD view: the other OPDs an indicator/question gap is shared with
    shared_with: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", Severity(self.severity))

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "path": self.path,
            "opd": self.opd,
            "indicator": self.indicator,
            "message": self.message,
            "remedy": self.remedy,
            "question": self.question,
            "shared": bool(self.shared_with),
            "shared_with": list(self.shared_with),
        }


@dataclass
class IndicatorStatus:
    id: str
    cluster: str
    status: IndicatorState
    files: int
    satisfied: list[str]
    missing_types: list[str]
    opds: list[str]  # OPD ids that supplied evidence
    max_score: float
    points: float  # evidence-backed points (questions: their sum, capped at max_score)
    questions: list[QuestionStatus] = field(default_factory=list)  # empty: no questions
    usable_files: int = 0
    claimed: float | None = None  # what the answers claim (capped); None without answers
    at_risk: float | None = None  # claimed - points, never below 0; None without answers

    def __post_init__(self) -> None:
        self.status = IndicatorState(self.status)

    @property
    def questions_complete(self) -> int:
        return sum(1 for q in self.questions if q.status == "complete")

    def to_dict(self) -> dict[str, Any]:
        d = _fields_dict(self)
        d["status"] = self.status.value
        d["questions"] = [q.to_dict() for q in self.questions]
        d["questions_total"] = len(self.questions)
        d["questions_complete"] = self.questions_complete
        return d


def _fields_dict(obj: Any) -> dict[str, Any]:
    """`dataclasses.asdict` of a record whose fields are plain values and lists of them, in
    field order, without its deep copy (a report holds thousands of these)."""
    return {
        f.name: list(v) if isinstance(v := getattr(obj, f.name), list) else v
        for f in dataclasses.fields(obj)
    }


@dataclass
class QuestionStatus:
    """One question's standing: what its evidence carries and what its answer claims."""

    id: str  # "1.2a"
    indicator: str
    status: str  # "complete" | "partial" | "missing"
    max_score: float
    points: float  # evidence-backed (before the indicator cap)
    claimed: float  # max_score when the answer is positive, else 0
    requested: list[str]  # request kinds: document, photo, matrix, budget
    satisfied: list[str]
    missing: list[str]
    answer: str  # "positive" | "negative" | "unanswered"
    answer_value: str = ""
    answer_source: str = ""
    files: list[str] = field(default_factory=list)  # assigned paths, usable or not
    opds: list[str] = field(default_factory=list)  # Sumber Data OPD ids

    def to_dict(self) -> dict[str, Any]:
        d = _fields_dict(self)
        d["answer_state"] = self.answer
        d["answer"] = self.answer_value or None
        return d


@dataclass
class Scope:
    """What a command looks at: all of the dossier, one OPD, one cluster or one indicator."""

    opd: Opd | None = None
    cluster: str | None = None
    indicator: str | None = None
    single_opd_folder: bool = False

    @property
    def full(self) -> bool:
        return self.opd is None and self.cluster is None and self.indicator is None


@dataclass
class Readiness:
    score: float  # evidence-backed (readiness_score)
    maximum: float
    category: str | None  # from the evidence-backed score
    weighted: bool
    claimed: float | None = None  # what the answers claim; None when nothing is answered
    at_risk: float | None = None  # claimed - score per indicator, summed; None without answers


@dataclass
class OpdView:
    """One OPD's figures as `check --opd` computes them (only its own evidence)."""

    id: str
    score: float
    maximum: float
    claimed: float | None
    at_risk: float | None
    files: int
    errors: int
    warnings: int
    infos: int
    complete: int
    partial: int
    missing: int
    questions: int
    questions_complete: int


@dataclass
class CheckResult:
    """Everything `kladoc check` learned; every renderer reads only this."""

    config: Config
    checklist: Checklist
    registry: OpdRegistry
    scope: Scope
    year: int
    evidence: list[Evidence]
    findings: list[Finding]
    indicators: list[IndicatorStatus]
    readiness: Readiness
    narratives: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    opd_folders: dict[str, str | None] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    # what the submission dossier leaves out: (path, reason, message), `evaluate.left_out`
    left_out: list[tuple[str, str, str]] = field(default_factory=list)
    # file-level findings from the scan and the answer workbooks, kept so the result can be
    # narrowed to one OPD (check.scope_to_opd) without scanning again
    scan_findings: list[Finding] = field(default_factory=list)
    # the per-file findings over `evidence` (file rules, question-unassigned), same purpose
    file_findings: list[Finding] = field(default_factory=list)
    # per OPD (full scope only): its figures exactly as `check --opd` gives them
    opd_views: dict[str, OpdView] = field(default_factory=dict)
    # the answer workbooks already read (workbook → rows), shared by the scopes of one check
    answer_cache: dict[str, Any] = field(default_factory=dict, repr=False)
    # kladoc.check: the result's evidence and findings by OPD, for its OPD views
    opd_groups: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # kladoc.resultcache: (file, key) where this result is kept, for renderings kept with it
    kept: tuple[Any, str] | None = field(default=None, repr=False, compare=False)

    @property
    def questions(self) -> list[QuestionStatus]:
        return [q for s in self.indicators for q in s.questions]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def days_to_deadline(self) -> int | None:
        d = self.config.deadline
        return (d - self.today).days if d else None

    def exit_code(self, fail_on: str = "error") -> ExitCode:
        levels = ("error",) if fail_on == "error" else ("error", "warning")
        found = any(f.severity in levels for f in self.findings)
        return ExitCode.FINDINGS if found else ExitCode.OK

    def to_dict(self) -> dict[str, Any]:
        return result_to_dict(self)


JSON_SCHEMA_VERSION = 2


def opd_rows(result: CheckResult) -> list[dict[str, Any]]:
    """Per OPD: files supplied, indicators supplied, and how its responsible indicators stand,
    with the figures `check --opd` gives for it (its own evidence only). In an OPD view only
    that OPD has a row."""
    only = result.scope.opd.id if result.scope.opd else None
    rows: dict[str, dict[str, Any]] = {}

    def row(opd_id: str) -> dict[str, Any]:
        if opd_id not in rows:
            opd = result.registry.opds.get(opd_id)
            rows[opd_id] = {
                "id": opd_id,
                "name": opd.name if opd else opd_id,
                "folders": [],
                "files": 0,
                "indicators": [],
                "responsible": [],
                "complete": 0,
                "partial": 0,
                "missing": 0,
                "readiness_score": None,
                "readiness_max": None,
                "claimed_score": None,
                "questions": 0,
                "questions_complete": 0,
            }
        return rows[opd_id]

    for folder, opd_id in sorted(result.opd_folders.items()):
        if opd_id and only in (None, opd_id):
            row(opd_id)["folders"].append(folder)
    for ev in result.evidence:
        if ev.opd and only in (None, ev.opd):
            r = row(ev.opd)
            r["files"] += 1
            if ev.indicator and ev.indicator not in r["indicators"]:
                r["indicators"].append(ev.indicator)
    in_scope = {s.id for s in result.indicators}
    for ind in result.checklist.indicators:
        if ind.id not in in_scope:
            continue
        for opd_id in ind.opds:
            if only in (None, opd_id):
                row(opd_id)["responsible"].append(ind.id)
    if only is not None:
        row(only)  # the OPD in view always has its row
    for opd_id, r in rows.items():
        view = result.opd_views.get(opd_id)
        if view is None and opd_id == only:
            view = opd_view(result, opd_id)
        if view is None:
            continue
        r.update(
            complete=view.complete,
            partial=view.partial,
            missing=view.missing,
            readiness_score=view.score,
            readiness_max=view.maximum,
            claimed_score=view.claimed,
            questions=view.questions,
            questions_complete=view.questions_complete,
        )
    order = {i.id: n for n, i in enumerate(result.checklist.indicators)}
    for r in rows.values():
        r["indicators"].sort(key=lambda i: order.get(i, 999))
    return sorted(rows.values(), key=lambda r: r["name"].lower())


def opd_view(result: CheckResult, opd_id: str) -> OpdView:
    """The summary figures of a result that is one OPD's view (`check --opd`)."""
    states = [s.status for s in result.indicators]
    questions = result.questions
    return OpdView(
        id=opd_id,
        score=result.readiness.score,
        maximum=result.readiness.maximum,
        claimed=result.readiness.claimed,
        at_risk=result.readiness.at_risk,
        files=len(result.evidence),
        errors=result.count("error"),
        warnings=result.count("warning"),
        infos=result.count("info"),
        complete=states.count(IndicatorState.COMPLETE),
        partial=states.count(IndicatorState.PARTIAL),
        missing=states.count(IndicatorState.MISSING),
        questions=len(questions),
        questions_complete=sum(1 for q in questions if q.status == "complete"),
    )


def question_counts(result: CheckResult) -> dict[str, int]:
    qs = result.questions
    return {
        "total": len(qs),
        "complete": sum(1 for q in qs if q.status == "complete"),
        "partial": sum(1 for q in qs if q.status == "partial"),
        "missing": sum(1 for q in qs if q.status == "missing"),
        "answered": sum(1 for q in qs if q.answer != "unanswered"),
        "positive": sum(1 for q in qs if q.answer == "positive"),
    }


def result_to_dict(result: CheckResult) -> dict[str, Any]:
    """The plain-data view of a result: `--format json`, and the source of every report."""
    cfg = result.config
    statuses = [s.status for s in result.indicators]
    titles = {i.id: pick(i.title) for i in result.checklist.indicators}
    return {
        "kladoc": __version__,
        "schema": JSON_SCHEMA_VERSION,
        "dossier": {
            "region": cfg.region,
            "kind": cfg.kind,
            "year": result.year,
            "checklist": result.checklist.id,
            "deadline": cfg.deadline.isoformat() if cfg.deadline else None,
            "days_to_deadline": result.days_to_deadline,
            "scope": {
                "opd": result.scope.opd.id if result.scope.opd else None,
                "cluster": result.scope.cluster,
                "indicator": result.scope.indicator,
            },
        },
        "summary": {
            "readiness_score": result.readiness.score,
            "readiness_max": result.readiness.maximum,
            "claimed_score": result.readiness.claimed,
            "points_at_risk": result.readiness.at_risk,
            "questions": question_counts(result),
            "category": result.readiness.category,
            "weighted": result.readiness.weighted,
            "note": t("report.readiness_note"),
            "errors": result.count("error"),
            "warnings": result.count("warning"),
            "infos": result.count("info"),
            "files": len(result.evidence),
            "indicators": {k.value: statuses.count(k) for k in INDICATOR_STATES},
        },
        "indicators": [{**s.to_dict(), "title": titles.get(s.id, "")} for s in result.indicators],
        "opds": opd_rows(result),
        "evidence": [
            {
                "path": e.path,
                "opd": e.opd,
                "opd_folder": e.opd_folder,
                "indicator": e.indicator,
                "indicator_source": e.indicator_source,
                "question": e.question,
                "question_source": e.question_source,
                "type": e.type,
                "type_source": e.type_source,
                "year": e.year,
                "year_source": e.year_source,
                "pages": e.facts.pages,
                "sha256": e.facts.sha256,
                "size": e.facts.size,
                "kind": e.facts.kind,
                "status": e.facts.status,
                "note": e.note,
            }
            for e in result.evidence
        ],
        "findings": [f.to_dict() for f in result.findings],
        # what `kladoc build` (the submission version) leaves out of the dossier, and why
        "excluded": [
            {
                "path": path,
                "reason": reason,
                "reason_text": t(f"build.left_out.{reason}"),
                "message": message,
            }
            for path, reason, message in result.left_out
        ],
    }
