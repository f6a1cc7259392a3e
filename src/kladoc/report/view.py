"""What the file reports (xlsx, html, md) show: the JSON data plus titles, names and per-cluster
counts, optionally cut down to one OPD for `kladoc report --split-by-opd`.

Everything is derived from `result_to_dict`, so the reports never disagree with `--format json`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kladoc.i18n import pick, t
from kladoc.models import INDICATOR_STATES, SEVERITIES
from kladoc.report.data import (
    deadline_text,
    opd_label,
    opd_rows,
    readiness_sentence,
    result_to_dict,
)

if TYPE_CHECKING:
    from kladoc.models import CheckResult

GAP_RULES = ("missing-indicator", "missing-evidence-type")
STATUSES: tuple[str, ...] = tuple(s.value for s in INDICATOR_STATES)
__all__ = ["GAP_RULES", "SEVERITIES", "STATUSES", "opd_label", "opds_to_split", "report_data"]


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def report_data(result: CheckResult, opd: str | None = None) -> dict[str, Any]:
    """The shared view model. `opd` (an OPD id) keeps only what that OPD must act on: the
    indicators it is responsible for, their gaps, its own files and their findings."""
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
    responsible = {i["id"]: i["responsible"] for i in data["indicators"]}
    for f in data["findings"]:
        f["opd_name"] = opd_label(result, f["opd"])
        f["severity_label"] = t(f"severity.{f['severity']}")
        # who has to act: the file's OPD, or for a gap the OPDs responsible for the indicator
        if f["opd"]:
            f["involved"] = [f["opd"]]
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
    data["opd"] = None
    if opd is not None:
        data = _only_opd(data, result, opd)
        full = False

    summary = data["summary"]
    data["clusters"] = _cluster_rows(data["indicators"], result)
    for r in data["opds"]:
        total = r["complete"] + r["partial"] + r["missing"]
        r["total"] = total
        r["share_complete"] = _share(r["complete"], total)
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
        "note": summary["note"],
        "scope_opd": t("report.scope_opd", opd=result.scope.opd.name) if result.scope.opd else "",
    }
    if data["opd"]:
        data["texts"]["scope_opd"] = t("report.scope_opd", opd=data["opd"]["name"])
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


def _only_opd(data: dict[str, Any], result: CheckResult, opd_id: str) -> dict[str, Any]:
    # the indicators it answers for, as `check --opd` scopes them; files it filed under someone
    # else's indicator still show up in its evidence and findings (wrong-opd)
    indicators = [i for i in data["indicators"] if opd_id in i["responsible"]]
    shown = {i["id"] for i in indicators}
    findings = [
        f
        for f in data["findings"]
        if f["opd"] == opd_id
        or (f["opd"] is None and f["rule"] in GAP_RULES and f["indicator"] in shown)
    ]
    evidence = [e for e in data["evidence"] if e["opd"] == opd_id]
    own = {e["path"] for e in evidence}
    base = next((r for r in data["opds"] if r["id"] == opd_id), None)
    row = (
        dict(base)
        if base
        else {
            "id": opd_id,
            "name": opd_label(result, opd_id),
            "short": opd_label(result, opd_id, True),
            "folders": [],
            "files": 0,
            "indicators": [],
            "responsible": [],
        }
    )
    # counted over the indicators this workbook lists, so every sheet agrees
    for s in STATUSES:
        row[s] = sum(1 for i in indicators if i["status"] == s)
    score = round(sum(i["points"] for i in indicators), 1)
    maximum = round(sum(i["max_score"] for i in indicators), 1)
    summary = dict(data["summary"])
    summary.update(
        readiness_score=score,
        readiness_max=maximum,
        category=None,
        errors=sum(1 for f in findings if f["severity"] == "error"),
        warnings=sum(1 for f in findings if f["severity"] == "warning"),
        infos=sum(1 for f in findings if f["severity"] == "info"),
        files=len(evidence),
        indicators={s: row[s] for s in STATUSES},
    )
    return {
        **data,
        "summary": summary,
        "indicators": indicators,
        "findings": findings,
        "evidence": evidence,
        "excluded": [e for e in data["excluded"] if e["path"] in own],
        "opds": [row],
        "opd": {"id": opd_id, "name": row["name"], "short": row["short"]},
    }


def opds_to_split(result: CheckResult) -> list[dict[str, Any]]:
    """OPDs that get their own workbook: those with indicators to answer for or files sent."""
    return [r for r in opd_rows(result) if r["responsible"] or r["files"]]
