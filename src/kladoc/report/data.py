"""The plain-data view of a check result, shared by every renderer and `--format json`,
and the sentences every report prints the same way (deadline, readiness).

The serialisation lives in the model layer (:mod:`kladoc.models`), so `CheckResult.to_dict`
needs no renderer; renderers keep importing it from here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kladoc.i18n import t
from kladoc.i18n.formats import decimal
from kladoc.models import JSON_SCHEMA_VERSION, opd_rows, result_to_dict

if TYPE_CHECKING:
    from kladoc.models import CheckResult, QuestionStatus

__all__ = [
    "JSON_SCHEMA_VERSION",
    "claimed_sentence",
    "claimed_text",
    "deadline_text",
    "opd_label",
    "opd_rows",
    "question_lacks",
    "readiness_sentence",
    "readiness_text",
    "result_to_dict",
]


def deadline_text(result: CheckResult) -> str:
    days = result.days_to_deadline
    if days is None:
        return t("report.no_deadline")
    date = result.config.deadline.isoformat() if result.config.deadline else ""
    if days > 0:
        return t("report.deadline_in", date=date, days=days)
    if days == 0:
        return t("report.deadline_today", date=date)
    return t("report.deadline_past", date=date, days=-days)


def readiness_sentence(score: float, maximum: float, category: str | None, full: bool) -> str:
    """The readiness line; a scoped check (one OPD, cluster, indicator) has no category."""
    if not full:
        return t("report.readiness_scoped", score=decimal(score), maximum=decimal(maximum))
    return t(
        "report.readiness",
        score=decimal(score),
        maximum=decimal(maximum),
        category=category or t("report.no_category"),
    )


def readiness_text(result: CheckResult) -> str:
    r = result.readiness
    return readiness_sentence(r.score, r.maximum, r.category, result.scope.full)


def claimed_sentence(claimed: float | None, at_risk: float | None) -> str:
    """The claimed score beside the evidence-backed one, and the points at risk between."""
    if claimed is None:
        return t("report.no_claimed")
    return t("report.claimed", claimed=decimal(claimed), at_risk=decimal(at_risk or 0.0))


def claimed_text(result: CheckResult) -> str:
    return claimed_sentence(result.readiness.claimed, result.readiness.at_risk)


def question_lacks(q: QuestionStatus) -> str:
    """What a question still needs, in words ("" when complete)."""
    if q.status == "complete":
        return ""
    if not q.missing:
        # nothing to attach: a positive answer (or any usable file) carries it
        return t("report.needs_answer") if q.answer != "negative" else ""
    return ", ".join(t(f"answers.request.{k}") for k in q.missing)


def opd_label(result: CheckResult, opd_id: str | None, short: bool = False) -> str:
    """An OPD's display name (or short name); an unknown id as written; "" for none."""
    return result.registry.label(opd_id, short)
