"""The plain-data view of a check result, shared by every renderer and `--format json`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kladoc import __version__
from kladoc.i18n import pick, t

if TYPE_CHECKING:
    from kladoc.check import CheckResult

JSON_SCHEMA_VERSION = 1


def opd_rows(result: CheckResult) -> list[dict[str, Any]]:
    """Per OPD: files supplied, indicators supplied, and how its responsible indicators stand."""
    status_by_id = {s.id: s.status for s in result.indicators}
    rows: dict[str, dict[str, Any]] = {}

    def row(opd_id: str) -> dict[str, Any]:
        if opd_id not in rows:
            opd = result.registry.opds.get(opd_id)
            rows[opd_id] = {
                "id": opd_id,
                "name": opd.name if opd else opd_id,
                "folders": [],
                "files": 0,
                "indicators": [],
                "responsible": [],
                "complete": 0,
                "partial": 0,
                "missing": 0,
            }
        return rows[opd_id]

    for folder, opd_id in sorted(result.opd_folders.items()):
        if opd_id:
            row(opd_id)["folders"].append(folder)
    for ev in result.evidence:
        if ev.opd:
            r = row(ev.opd)
            r["files"] += 1
            if ev.indicator and ev.indicator not in r["indicators"]:
                r["indicators"].append(ev.indicator)
    for ind in result.checklist.indicators:
        if ind.id not in status_by_id:
            continue
        for opd_id in ind.opds:
            if result.scope.opd and opd_id != result.scope.opd.id:
                continue
            r = row(opd_id)
            r["responsible"].append(ind.id)
            r[status_by_id[ind.id]] += 1
    order = {i.id: n for n, i in enumerate(result.checklist.indicators)}
    for r in rows.values():
        r["indicators"].sort(key=lambda i: order.get(i, 999))
    return sorted(rows.values(), key=lambda r: r["name"].lower())


def result_to_dict(result: CheckResult) -> dict[str, Any]:
    cfg = result.config
    statuses = [s.status for s in result.indicators]
    titles = {i.id: pick(i.title) for i in result.checklist.indicators}
    return {
        "kladoc": __version__,
        "schema": JSON_SCHEMA_VERSION,
        "dossier": {
            "region": cfg.region,
            "kind": cfg.kind,
            "year": result.year,
            "checklist": result.checklist.id,
            "deadline": cfg.deadline.isoformat() if cfg.deadline else None,
            "days_to_deadline": result.days_to_deadline,
            "scope": {
                "opd": result.scope.opd.id if result.scope.opd else None,
                "cluster": result.scope.cluster,
                "indicator": result.scope.indicator,
            },
        },
        "summary": {
            "readiness_score": result.readiness.score,
            "readiness_max": result.readiness.maximum,
            "category": result.readiness.category,
            "weighted": result.readiness.weighted,
            "note": t("report.readiness_note"),
            "errors": result.count("error"),
            "warnings": result.count("warning"),
            "infos": result.count("info"),
            "files": len(result.evidence),
            "indicators": {k: statuses.count(k) for k in ("complete", "partial", "missing")},
        },
        "indicators": [{**s.to_dict(), "title": titles.get(s.id, "")} for s in result.indicators],
        "opds": opd_rows(result),
        "evidence": [
            {
                "path": e.path,
                "opd": e.opd,
                "opd_folder": e.opd_folder,
                "indicator": e.indicator,
                "indicator_source": e.indicator_source,
                "type": e.type,
                "type_source": e.type_source,
                "year": e.year,
                "year_source": e.year_source,
                "pages": e.facts.pages,
                "sha256": e.facts.sha256,
                "size": e.facts.size,
                "kind": e.facts.kind,
                "status": e.facts.status,
                "note": e.note,
            }
            for e in result.evidence
        ],
        "findings": [f.to_dict() for f in result.findings],
    }
