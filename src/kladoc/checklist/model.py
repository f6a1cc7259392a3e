"""The checklist: versioned data describing indicators, weights and required evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

Text = dict[str, str]  # {"id": "...", "en": "..."}


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
class Indicator:
    id: str
    cluster: str
    title: Text
    max_score: float | None
    opds: tuple[str, ...]
    evidence: tuple[str, ...]
    year_window: int
    aliases: tuple[str, ...] = ()


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

    def __post_init__(self) -> None:
        self._by_id.update({i.id: i for i in self.indicators})

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
