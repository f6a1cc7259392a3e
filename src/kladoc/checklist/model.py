"""The checklist: versioned data describing indicators, weights and required evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

Text = dict[str, str]  # {"id": "...", "en": "..."}

# What a question asks to attach, and what kind of answer it asks for
REQUEST_KINDS = ("document", "photo", "matrix", "budget")
ANSWER_KINDS = ("yes_no", "number", "narrative")


@dataclass(frozen=True)
class EvidenceType:
    id: str
    title: Text
    keywords: tuple[str, ...] = ()
    any_year: bool = False  # e.g. a Perda stays in force: no year-window check


@dataclass(frozen=True)
class Cluster:
    id: str
    title: Text
    short: Text


@dataclass(frozen=True)
class Category:
    name: str
    min: float
    max: float


@dataclass(frozen=True)
class Question:
    """One pertanyaan of the instrument: the unit evidence is uploaded and scored for."""

    id: str  # "<indicator>.<number>": "1.2a", "21a.3"
    indicator: str
    number: str  # as printed, lower-case: "2a"
    text: Text
    max_score: float
    opds: tuple[str, ...] = ()  # "Sumber Data"
    requests: tuple[str, ...] = ()  # subset of REQUEST_KINDS; empty: nothing to attach
    answer: tuple[str, ...] = ("yes_no",)  # subset of ANSWER_KINDS
    evidence: tuple[str, ...] = ()  # evidence types that fit (to suggest candidates)
    kecamatan: bool = False  # answered by kecamatan accounts (Kelana)
    desa: bool = False  # answered by desa/kelurahan accounts (Dekela)
    source_id: str = ""  # the source's own id ("I1-P2a")

    @property
    def asks_number(self) -> bool:
        return "number" in self.answer


@dataclass(frozen=True)
class Indicator:
    id: str
    cluster: str
    title: Text
    max_score: float | None
    opds: tuple[str, ...]
    evidence: tuple[str, ...]
    year_window: int
    aliases: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()

    @property
    def question_total(self) -> float:
        """Sum of the questions' maxima, uncapped (19: 54 against its maximum 51)."""
        return sum(q.max_score for q in self.questions)

    def cap(self, points: float) -> float:
        """Question points are capped at the indicator maximum (19: 54 → 51, 21b: 18 → 17)."""
        return points if self.max_score is None else min(points, self.max_score)


@dataclass(frozen=True)
class Checklist:
    id: str
    title: Text
    source: str
    year_window: int
    categories: tuple[Category, ...]
    evidence_types: dict[str, EvidenceType]
    clusters: tuple[Cluster, ...]
    indicators: tuple[Indicator, ...]
    origin: str = ""  # "builtin" or the file it came from
    _by_id: dict[str, Indicator] = field(default_factory=dict, compare=False, repr=False)
    _questions: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({i.id: i for i in self.indicators})
        self._questions.update({q.id: q for i in self.indicators for q in i.questions})

    @property
    def questions(self) -> list[Question]:
        """Every question in checklist order (empty for a checklist without questions)."""
        return list(self._questions.values())

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    @property
    def weighted(self) -> bool:
        return all(i.max_score is not None for i in self.indicators)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return self._by_id.get(indicator_id)

    def cluster(self, cluster_id: str) -> Cluster | None:
        return next((c for c in self.clusters if c.id == cluster_id), None)

    def indicators_in(self, cluster_id: str) -> list[Indicator]:
        return [i for i in self.indicators if i.cluster == cluster_id]

    def weight(self, indicator: Indicator) -> float:
        """Points an indicator is worth. Unweighted checklists share 1000 points equally,
        so the readiness estimate stays on the scale the category thresholds use."""
        if indicator.max_score is not None:
            return indicator.max_score
        return 1000.0 / len(self.indicators)

    @property
    def total(self) -> float:
        return sum(self.weight(i) for i in self.indicators)

    def category_for(self, score: float) -> str | None:
        rounded = round(score)
        for cat in self.categories:
            if cat.min <= rounded <= cat.max:
                return cat.name
        return None
