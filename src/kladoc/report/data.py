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
    from kladoc.models import CheckResult

__all__ = [
    "JSON_SCHEMA_VERSION",
    "deadline_text",
    "opd_label",
    "opd_rows",
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


def opd_label(result: CheckResult, opd_id: str | None, short: bool = False) -> str:
    """An OPD's display name (or short name); an unknown id as written; "" for none."""
    return result.registry.label(opd_id, short)
