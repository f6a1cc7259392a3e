"""Plain data passed between scan, check, report and build. JSON-able via `to_dict`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kladoc.inspect.facts import FileFacts

SEVERITIES = ("error", "warning", "info")


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
    type_source: str = ""  # "manifest" | "name" | "text" | "kind" | ""
    year: int | None = None
    year_source: str = ""  # "manifest" | "name" | "text" | "metadata" | "exif" | ""
    note: str = ""
    mtime: float = 0.0
    facts: FileFacts = field(
        default_factory=lambda: FileFacts(kind="other", status="ok", size=0, sha256="")
    )

    @property
    def usable(self) -> bool:
        """Counts towards completeness: readable content, not a placeholder."""
        return self.facts.status == "ok"

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["facts"] = self.facts.to_dict()
        d["pages"] = self.facts.pages
        d["sha256"] = self.facts.sha256
        d["size"] = self.facts.size
        d["kind"] = self.facts.kind
        d["status"] = self.facts.status
        return d


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    path: str | None = None
    opd: str | None = None
    indicator: str | None = None
    message: str = ""
    remedy: str = ""
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    question: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
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
    status: str  # "complete" | "partial" | "missing"
    files: int
    satisfied: list[str]
    missing_types: list[str]
    opds: list[str]  # OPD ids that supplied evidence
    max_score: float
    points: float  # documentation-completeness points, not the official score

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
