"""Questions and evidence: which requested kind a file is, and the files that reach only
their indicator (`question-unassigned`, with the questions they could be for)."""

from __future__ import annotations

from collections.abc import Iterable

from kladoc.checklist import Checklist, Question
from kladoc.models import Evidence, Finding
from kladoc.rules import make_finding

MAX_CANDIDATES = 8  # a remedy names at most this many questions, then "…"
# evidence type → the kind of attachment it is for a question's request
TYPE_KINDS = {"foto": "photo", "matriks": "matrix", "anggaran": "budget"}


def request_kind(ev: Evidence) -> str:
    """ "photo", "matrix", "budget" or "document": what this file can satisfy."""
    kind = TYPE_KINDS.get(ev.type or "")
    if kind is not None:
        return kind
    if ev.type is None and ev.facts.kind == "image":
        return "photo"
    return "document"


def candidates(ev: Evidence, questions: Iterable[Question]) -> list[Question]:
    """Questions whose requested evidence matches the file: of the right kind, and among
    those the ones whose fitting evidence types include the file's type, when any do."""
    kind = request_kind(ev)
    fitting = [q for q in questions if kind in q.requests]
    narrowed = [q for q in fitting if ev.type and ev.type in q.evidence]
    return narrowed or fitting


def unassigned_findings(evidence: Iterable[Evidence], checklist: Checklist) -> list[Finding]:
    out = []
    for ev in evidence:
        if ev.question or not ev.indicator:
            continue
        indicator = checklist.indicator(ev.indicator)
        if indicator is None or not indicator.questions:
            continue
        found = candidates(ev, indicator.questions)
        codes = [q.id for q in found[:MAX_CANDIDATES]]
        listed = ", ".join(codes) + (", …" if len(found) > MAX_CANDIDATES else "")
        out.append(
            make_finding(
                "question-unassigned",
                path=ev.path,
                opd=ev.opd,
                indicator=ev.indicator,
                candidates=listed or "-",
                remedy_variant="remedy_for",
                example=(codes or [indicator.questions[0].id])[0],
            )
        )
    return out
