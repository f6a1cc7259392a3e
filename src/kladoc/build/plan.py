"""What goes where: cluster → indicators → documents, volumes, and page numbers.

Plain data only. Conversion fills in each document's page source and count; `layout`
turns front-matter page counts into the page numbers printed in contents and index."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kladoc.checklist.model import Checklist, Cluster, Indicator
from kladoc.models import Evidence, Finding, IndicatorStatus
from kladoc.rules import QUESTION_RULES
from kladoc.text import slug

# question findings about files and answers; the per-indicator question gaps stay in the list
FILE_QUESTION_RULES = QUESTION_RULES - {"questions-missing", "questions-partial"}

MIB = 1024 * 1024
# bytes a volume carries besides its documents: fonts, front matter, outline, stamps
FRONT_OVERHEAD = 160_000
PER_PAGE_OVERHEAD = 450
PER_DOC_OVERHEAD = 2_500


@dataclass
class Doc:
    """One evidence file as it appears in the dossier."""

    evidence: Evidence
    number: str  # "4.2": indicator id and position within the indicator
    source: Path  # the evidence file (read only)
    kind: str = "pdf"  # pdf | image | office | placeholder
    pdf: Path | None = None  # the PDF that supplies this document's pages
    first: int = 1  # first page inside `pdf`, 1-based
    pages: int = 0
    size: int = 0  # bytes this document adds to a volume (estimate)
    attach: bool = False  # embed the original file (converted Office documents)
    reason: str = ""  # placeholder: what is wrong with the file
    remedy: str = ""
    converted_by: str = ""  # "libreoffice" | "kladoc" for Office documents
    signature: tuple[object, ...] | None = None  # first page fingerprint, for verification
    volume: int = 1
    start: int = 0  # first page in its volume, 1-based

    @property
    def name(self) -> str:
        return self.evidence.name

    @property
    def last(self) -> int:
        return self.first + self.pages - 1


@dataclass
class Section:
    """One indicator: its section page and its documents (in every volume)."""

    indicator: Indicator
    status: IndicatorStatus | None
    docs: list[Doc]
    findings: list[Finding]
    narrative: list[tuple[str, str]] = field(default_factory=list)  # (rel path, text)

    @property
    def id(self) -> str:
        return self.indicator.id


@dataclass
class Volume:
    cluster: Cluster
    number: int
    total: int
    sections: list[Section]
    docs: dict[str, list[Doc]]  # indicator id → this volume's documents
    file_name: str = ""
    toc_pages: int = 1
    section_pages: dict[str, int] = field(default_factory=dict)
    section_start: dict[str, int] = field(default_factory=dict)
    pages: int = 0

    @property
    def front_pages(self) -> int:
        """Cover and contents: numbered i, ii, … ."""
        return 1 + self.toc_pages

    def all_docs(self) -> list[Doc]:
        return [d for s in self.sections for d in self.docs.get(s.id, [])]


def sort_key(ev: Evidence) -> tuple[str, str]:
    return (ev.path.casefold(), ev.path)


def cluster_sections(
    checklist: Checklist,
    cluster_id: str,
    evidence: list[Evidence],
    statuses: list[IndicatorStatus],
    findings: list[Finding],
    root: Path,
) -> list[Section]:
    """Every indicator of the cluster in checklist order, each with its documents by path."""
    by_status = {s.id: s for s in statuses}
    sections = []
    for ind in checklist.indicators_in(cluster_id):
        files = sorted((e for e in evidence if e.indicator == ind.id), key=sort_key)
        docs = [
            Doc(e, f"{ind.id}.{n}", resolve_path(root, e.path))
            for n, e in enumerate(files, start=1)
        ]
        # an indicator's gaps are its question gaps now (one finding per indicator)
        gaps = [f for f in findings if f.indicator == ind.id and f.rule not in FILE_QUESTION_RULES]
        sections.append(Section(ind, by_status.get(ind.id), docs, gaps))
    return sections


def resolve_path(root: Path, rel: str) -> Path:
    path = root.joinpath(*PurePosixPath(rel).parts)
    if not path.exists():
        # a check run on one OPD folder prefixes paths with that folder's name
        alt = root.parent.joinpath(*PurePosixPath(rel).parts)
        if alt.exists():
            return alt
    return path


def split_volumes(cluster: Cluster, sections: list[Section], budget: int | None) -> list[Volume]:
    """Cut at document boundaries so that each volume's estimate stays within `budget`
    bytes. A document larger than the budget gets a volume of its own."""
    groups: list[dict[str, list[Doc]]] = [{}]
    order: list[list[Section]] = [[]]
    used = FRONT_OVERHEAD
    for sec in sections:
        if not sec.docs:
            if sec not in order[-1]:
                order[-1].append(sec)
            continue
        for doc in sec.docs:
            cost = doc.size + PER_DOC_OVERHEAD + doc.pages * PER_PAGE_OVERHEAD
            if budget is not None and used + cost > budget and any(groups[-1].values()):
                groups.append({})
                order.append([])
                used = FRONT_OVERHEAD
            if sec not in order[-1]:
                order[-1].append(sec)
            groups[-1].setdefault(sec.id, []).append(doc)
            used += cost
    total = len(groups)
    volumes = []
    for n, (group, secs) in enumerate(zip(groups, order, strict=True), start=1):
        for docs in group.values():
            for d in docs:
                d.volume = n
        volumes.append(Volume(cluster, n, total, secs, group))
    return volumes


def layout(vol: Volume) -> None:
    """Page numbers from the current front-matter page counts."""
    page = vol.front_pages
    for sec in vol.sections:
        vol.section_start[sec.id] = page + 1
        page += vol.section_pages.get(sec.id, 1)
        for doc in vol.docs.get(sec.id, []):
            doc.start = page + 1
            page += doc.pages
    vol.pages = page


def page_source(vol: Volume, front: Path) -> list[tuple[Path, int, int]]:
    """(pdf, first, last) runs in output order: the qpdf job's page list."""
    runs = [(front, 1, vol.front_pages)]
    fp = vol.front_pages
    for sec in vol.sections:
        n = vol.section_pages.get(sec.id, 1)
        runs.append((front, fp + 1, fp + n))
        fp += n
        for doc in vol.docs.get(sec.id, []):
            assert doc.pdf is not None
            runs.append((doc.pdf, doc.first, doc.last))
    return runs


def file_stem(title: str) -> str:
    """'Klaster I: Hak Sipil dan Kebebasan' → 'Klaster-I-Hak-Sipil-dan-Kebebasan'."""
    return slug(title, lower=False, fallback="dossier")
