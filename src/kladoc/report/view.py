"""What the file reports (xlsx, html, md) show: the JSON data plus titles, names and per-cluster
counts, optionally cut down to one OPD for `kladoc report --split-by-opd`.

Everything is derived from `result_to_dict`, so the reports never disagree with `--format json`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kladoc.i18n import pick, t
from kladoc.models import GAP_RULES, INDICATOR_STATES, SEVERITIES
from kladoc.report.data import (
    claimed_sentence,
    deadline_text,
    opd_label,
    opd_rows,
    question_lacks,
    readiness_sentence,
    result_to_dict,
)

if TYPE_CHECKING:
    from kladoc.models import CheckResult

STATUSES: tuple[str, ...] = tuple(s.value for s in INDICATOR_STATES)
__all__ = [
    "GAP_RULES",
    "SEVERITIES",
    "STATUSES",
    "opd_label",
    "opds_to_split",
    "report_data",
]


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def report_data(result: CheckResult) -> dict[str, Any]:
    """The shared view model. A result scoped to one OPD (`check --opd`, or
    `check.scope_to_opd` for the split workbooks) gives that OPD's view: the same figures."""
    data = result_to_dict(result)
    checklist = result.checklist
    types = checklist.evidence_types

    def type_title(type_id: str) -> str:
        et = types.get(type_id)
        return pick(et.title) if et else type_id

    for row in data["indicators"]:
        ind = checklist.indicator(row["id"])
        cluster = checklist.cluster(row["cluster"])
        row["cluster_title"] = pick(cluster.title) if cluster else row["cluster"]
        row["cluster_short"] = pick(cluster.short) if cluster else row["cluster"]
        row["required"] = list(ind.evidence) if ind else []
        row["required_titles"] = [type_title(x) for x in row["required"]]
        row["missing_titles"] = [type_title(x) for x in row["missing_types"]]
        row["responsible"] = list(ind.opds) if ind else []
        row["responsible_names"] = [opd_label(result, o) for o in row["responsible"]]
        row["responsible_short"] = [opd_label(result, o, True) for o in row["responsible"]]
        row["supplier_names"] = [opd_label(result, o) for o in row["opds"]]
        row["supplier_short"] = [opd_label(result, o, True) for o in row["opds"]]
        row["status_label"] = t(f"status.{row['status']}")
        row["questions_text"] = (
            t(
                "report.questions_done",
                done=row["questions_complete"],
                total=row["questions_total"],
            )
            if row["questions"]
            else ""
        )
        status_by_id = {q.id: q for q in result.questions if q.indicator == row["id"]}
        for q in row["questions"]:
            question = checklist.question(q["id"])
            q["text"] = pick(question.text) if question else ""
            q["status_label"] = t(f"status.{q['status']}")
            q["answer_label"] = q["answer"] or t(f"answers.state.{q['answer_state']}")
            q["lacks"] = question_lacks(status_by_id[q["id"]])
            q["opd_short"] = [opd_label(result, o, True) for o in q["opds"]]
            q["requested_text"] = ", ".join(t(f"answers.request.{k}") for k in q["requested"]) or t(
                "answers.request.none"
            )
    responsible = {
        i["id"]: list(
            dict.fromkeys([*i["responsible"], *(o for q in i["questions"] for o in q["opds"])])
        )
        for i in data["indicators"]
    }
    question_opds = {q.id: q.opds for q in result.questions}
    for f in data["findings"]:
        f["opd_name"] = opd_label(result, f["opd"])
        f["severity_label"] = t(f"severity.{f['severity']}")
        # who has to act: the file's OPD, or for a gap the OPDs responsible for the indicator
        if f["opd"]:
            f["involved"] = [f["opd"]]
        elif f["rule"] in GAP_RULES and f["question"] in question_opds:
            f["involved"] = list(question_opds[f["question"]])
        elif f["rule"] in GAP_RULES:
            f["involved"] = list(responsible.get(f["indicator"], []))
        else:
            f["involved"] = []
        f["involved_short"] = [opd_label(result, o, True) for o in f["involved"]]
    for e in data["evidence"]:
        e["opd_name"] = opd_label(result, e["opd"]) or e["opd_folder"]
        e["type_title"] = type_title(e["type"]) if e["type"] else ""
    for r in data["opds"]:
        r["short"] = opd_label(result, r["id"], True)

    full = result.scope.full
    scoped = result.scope.opd
    data["opd"] = (
        {"id": scoped.id, "name": scoped.name, "short": opd_label(result, scoped.id, True)}
        if scoped
        else None
    )

    summary = data["summary"]
    data["clusters"] = _cluster_rows(data["indicators"], result)
    for r in data["opds"]:
        total = r["complete"] + r["partial"] + r["missing"]
        r["total"] = total
        r["share_complete"] = _share(r["complete"], total)
        r["share_points"] = _share(r["readiness_score"] or 0.0, r["readiness_max"] or 0.0)
    summary["share"] = _share(summary["readiness_score"], summary["readiness_max"])
    data["texts"] = {
        "title": t(
            "report.title",
            region=data["dossier"]["region"] or t("report.no_region"),
            year=result.year,
            checklist=checklist.id,
        ),
        "deadline": deadline_text(result),
        "readiness": readiness_sentence(
            summary["readiness_score"], summary["readiness_max"], summary["category"], full
        ),
        "claimed": claimed_sentence(summary["claimed_score"], summary["points_at_risk"]),
        "note": summary["note"],
        "scope_opd": t("report.scope_opd", opd=result.scope.opd.name) if result.scope.opd else "",
    }
    data["generated"] = result.today.isoformat()
    return data


def _cluster_rows(indicators: list[dict[str, Any]], result: CheckResult) -> list[dict[str, Any]]:
    rows = []
    for cluster in result.checklist.clusters:
        inds = [i for i in indicators if i["cluster"] == cluster.id]
        if not inds:
            continue
        points = round(sum(i["points"] for i in inds), 2)
        maximum = round(sum(i["max_score"] for i in inds), 2)
        row: dict[str, Any] = {
            "id": cluster.id,
            "title": pick(cluster.title),
            "short": pick(cluster.short),
            "total": len(inds),
            "points": points,
            "max_score": maximum,
            "share": _share(points, maximum),
        }
        for s in STATUSES:
            row[s] = sum(1 for i in inds if i["status"] == s)
        rows.append(row)
    return rows


def opds_to_split(result: CheckResult) -> list[dict[str, Any]]:
    """OPDs that get their own workbook: those with indicators to answer for or files sent."""
    return [r for r in opd_rows(result) if r["responsible"] or r["files"]]
