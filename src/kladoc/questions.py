"""Questions and evidence: which requested kind a file is, the files that reach only their
indicator (`question-unassigned`), each question's status and points, the evidence-backed
and the claimed score, and the question-level findings. Plain functions over plain data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from kladoc.answers import Answer
from kladoc.checklist import Checklist, Question
from kladoc.i18n import t
from kladoc.models import Evidence, Finding, QuestionStatus
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
    # the candidates depend only on indicator, kind and type: thousands of files, few keys
    listed_for: dict[tuple[str, str, str | None], tuple[list[str], str]] = {}
    for ev in evidence:
        if ev.question or not ev.indicator:
            continue
        indicator = checklist.indicator(ev.indicator)
        if indicator is None or not indicator.questions:
            continue
        key = (indicator.id, request_kind(ev), ev.type)
        if key not in listed_for:
            found = candidates(ev, indicator.questions)
            names = [q.id for q in found[:MAX_CANDIDATES]]
            listed_for[key] = (
                names,
                ", ".join(names) + (", …" if len(found) > MAX_CANDIDATES else ""),
            )
        codes, listed = listed_for[key]
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


def satisfied_kinds(question: Question, kinds: Iterable[str]) -> list[str]:
    """The requested kinds the files' kinds satisfy. A photo, matrix or budget extract is
    also a document where the question does not ask for that kind itself (a DPA attached
    to a "dokumen pendukung" question counts; one matrix is not both matrix and document)."""
    have = set(kinds)
    out = []
    for kind in question.requests:
        if kind in have or (
            kind == "document" and any(k != "photo" and k not in question.requests for k in have)
        ):
            out.append(kind)
    return out


def question_statuses(
    evidence: Iterable[Evidence],
    checklist: Checklist,
    answers: Mapping[str, Answer],
    in_window: Callable[[Evidence], bool],
    indicators: Iterable[str] | None = None,
) -> list[QuestionStatus]:
    """Status and points of every question (of `indicators`, or all).

    A question's requested kinds are satisfied by usable files assigned to it whose year is
    in the window (`in_window`). complete: all satisfied and the answer is not negative;
    partial: some satisfied (so it has points); missing: nothing satisfied. A
    question that asks for no attachment is satisfied by a positive answer or any usable file.
    Points: complete → max score, partial → the satisfied share of the requested kinds."""
    by_question: dict[str, list[Evidence]] = {}
    for ev in evidence:
        if ev.question:
            by_question.setdefault(ev.question, []).append(ev)
    wanted = set(indicators) if indicators is not None else None
    out = []
    for ind in checklist.indicators:
        if wanted is not None and ind.id not in wanted:
            continue
        for q in ind.questions:
            files = by_question.get(q.id, [])
            good = [e for e in files if e.usable and in_window(e)]
            answer = answers.get(q.id)
            state = answer.state if answer else "unanswered"
            if q.requests:
                satisfied = satisfied_kinds(q, (request_kind(e) for e in good))
                share = len(satisfied) / len(q.requests)
            else:
                satisfied = []
                share = 1.0 if good or state == "positive" else 0.0
            missing = [k for k in q.requests if k not in satisfied]
            # never "partial" with 0 points: a positive answer alone, or files that satisfy
            # nothing, leave the question missing (answer-without-evidence says the rest)
            if share == 1.0 and state != "negative":
                status = "complete"
            elif share > 0:
                status = "partial"
            else:
                status = "missing"
            points = q.max_score if status == "complete" else q.max_score * share
            out.append(
                QuestionStatus(
                    id=q.id,
                    indicator=ind.id,
                    status=status,
                    max_score=q.max_score,
                    points=round(points, 4),
                    claimed=q.max_score if state == "positive" else 0.0,
                    requested=list(q.requests),
                    satisfied=satisfied,
                    missing=missing,
                    answer=state,
                    answer_value=answer.value if answer else "",
                    answer_source=answer.source if answer else "",
                    files=[e.path for e in files],
                    opds=list(q.opds),
                )
            )
    return out


@dataclass(frozen=True)
class Scores:
    """Per indicator (capped at its maximum): what the evidence carries, what the answers
    claim (None when no question has been answered), and the points at risk between them."""

    readiness: dict[str, float]
    claimed: dict[str, float] | None

    @property
    def readiness_total(self) -> float:
        return round(sum(self.readiness.values()), 2)

    @property
    def claimed_total(self) -> float | None:
        return None if self.claimed is None else round(sum(self.claimed.values()), 2)

    def at_risk(self, indicator: str) -> float | None:
        if self.claimed is None:
            return None
        return round(max(0.0, self.claimed[indicator] - self.readiness[indicator]), 2)


def indicator_scores(
    statuses: Iterable[QuestionStatus], checklist: Checklist, answered: bool
) -> Scores:
    """Sum question points per indicator, capped at the indicator maximum (19: 54 → 51)."""
    readiness: dict[str, float] = {}
    claimed: dict[str, float] = {}
    for s in statuses:
        readiness[s.indicator] = readiness.get(s.indicator, 0.0) + s.points
        claimed[s.indicator] = claimed.get(s.indicator, 0.0) + s.claimed
    for ind_id in list(readiness):
        ind = checklist.indicator(ind_id)
        assert ind is not None
        readiness[ind_id] = round(ind.cap(readiness[ind_id]), 2)
        claimed[ind_id] = round(ind.cap(claimed[ind_id]), 2)
    return Scores(readiness, claimed if answered else None)


def opd_scores(
    statuses: Iterable[QuestionStatus],
) -> dict[str, tuple[float, float, int, int]]:
    """Per Sumber Data OPD: (readiness points, claimed points, complete, questions) over the
    questions it supplies. A question with several OPDs counts for each of them; no cap."""
    out: dict[str, list[float]] = {}
    for s in statuses:
        for opd in s.opds:
            row = out.setdefault(opd, [0.0, 0.0, 0, 0])
            row[0] += s.points
            row[1] += s.claimed
            row[2] += s.status == "complete"
            row[3] += 1
    return {k: (round(v[0], 2), round(v[1], 2), int(v[2]), int(v[3])) for k, v in out.items()}


def answer_findings(statuses: Iterable[QuestionStatus], answered: bool) -> list[Finding]:
    """`answer-without-evidence` per question (a positive answer to a question that asks for
    an attachment, with no usable file); `evidence-without-answer` once per indicator, listing
    its questions with usable evidence but no positive answer (only once answers exist)."""
    out = []
    unanswered: dict[str, list[str]] = {}
    for s in statuses:
        if s.answer == "positive" and s.requested and not s.satisfied:
            out.append(
                make_finding(
                    "answer-without-evidence",
                    path=s.answer_source or None,
                    indicator=s.indicator,
                    question=s.id,
                    value=s.answer_value,
                    requested=", ".join(t(f"answers.request.{k}") for k in s.requested),
                )
            )
        elif answered and s.answer != "positive" and (s.satisfied or not s.requested) and s.files:
            unanswered.setdefault(s.indicator, []).append(s.id)
    for indicator, codes in unanswered.items():
        out.append(
            make_finding(
                "evidence-without-answer",
                indicator=indicator,
                codes=", ".join(codes),
                count=len(codes),
            )
        )
    return out


def gap_findings(statuses: Iterable[QuestionStatus], opd: str | None = None) -> list[Finding]:
    """One finding per indicator, never one per question: the codes of its questions with
    nothing at all (`questions-missing`) and of those only partly evidenced
    (`questions-partial`, with what each still lacks)."""
    missing: dict[str, list[str]] = {}
    partial: dict[str, list[str]] = {}
    for s in statuses:
        if s.status == "missing" and s.max_score > 0 and s.answer != "positive":
            # a positive answer without evidence is its own answer-without-evidence error
            missing.setdefault(s.indicator, []).append(s.id)
        elif s.status == "partial":
            lacks = ", ".join(t(f"answers.request.{k}") for k in s.missing)
            partial.setdefault(s.indicator, []).append(f"{s.id} ({lacks})" if lacks else s.id)
    out = []
    for indicator, codes in missing.items():
        out.append(
            make_finding(
                "questions-missing",
                indicator=indicator,
                opd=opd,
                codes=", ".join(codes),
                count=len(codes),
            )
        )
    for indicator, codes in partial.items():
        out.append(
            make_finding(
                "questions-partial",
                indicator=indicator,
                opd=opd,
                codes="; ".join(codes),
                count=len(codes),
            )
        )
    return out
