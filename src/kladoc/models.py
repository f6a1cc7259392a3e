"""The model layer: plain data passed between scan, check, report and build.

Nothing here imports the core (scan, inspect, check) or a renderer; everything above imports
from here. The vocabularies are `str` enums, so they compare, hash, format and serialise
exactly like the plain strings they replace (`Severity.ERROR == "error"`, JSON `"error"`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import asdict, dataclass, field
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

    @property
    def usable(self) -> bool:
        """Counts towards completeness: readable content, not a placeholder."""
        return self.facts.status == FileStatus.OK

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


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
    points: float  # documentation-completeness points, not the official score

    def __post_init__(self) -> None:
        self.status = IndicatorState(self.status)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "status": self.status.value}


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
        return asdict(self)


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
    score: float
    maximum: float
    category: str | None
    weighted: bool


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


JSON_SCHEMA_VERSION = 1


def opd_rows(result: CheckResult) -> list[dict[str, Any]]:
    """Per OPD: files supplied, indicators supplied, and how its responsible indicators stand."""
    status_by_id = {s.id: s.status for s in result.indicators}
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
            }
        return rows[opd_id]

    for folder, opd_id in sorted(result.opd_folders.items()):
        if opd_id:
            row(opd_id)["folders"].append(folder)
    for ev in result.evidence:
        if ev.opd:
            r = row(ev.opd)
            r["files"] += 1
            if ev.indicator and ev.indicator not in r["indicators"]:
                r["indicators"].append(ev.indicator)
    for ind in result.checklist.indicators:
        if ind.id not in status_by_id:
            continue
        for opd_id in ind.opds:
            if result.scope.opd and opd_id != result.scope.opd.id:
                continue
            r = row(opd_id)
            r["responsible"].append(ind.id)
            r[status_by_id[ind.id]] += 1
    order = {i.id: n for n, i in enumerate(result.checklist.indicators)}
    for r in rows.values():
        r["indicators"].sort(key=lambda i: order.get(i, 999))
    return sorted(rows.values(), key=lambda r: r["name"].lower())


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
