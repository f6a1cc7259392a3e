"""`kladoc checklist`: the checklist as plain data (JSON) and as a terminal table."""

from __future__ import annotations

from typing import Any

from kladoc.checklist import Checklist
from kladoc.i18n import pick, t
from kladoc.i18n.formats import decimal


def checklist_dict(cl: Checklist, cluster: str | None = None) -> dict[str, Any]:
    rows = [i for i in cl.indicators if cluster is None or i.cluster == cluster]
    return {
        "id": cl.id,
        "title": cl.title,
        "source": cl.source,
        "year_window": cl.year_window,
        "weighted": cl.weighted,
        "total": round(cl.total, 4),
        "question_count": len(cl.questions),
        "categories": [{"name": c.name, "min": c.min, "max": c.max} for c in cl.categories],
        "clusters": [
            {"id": c.id, "title": c.title, "short": c.short}
            for c in cl.clusters
            if cluster is None or c.id == cluster
        ],
        "evidence_types": [
            {"id": e.id, "title": e.title, "keywords": list(e.keywords), "any_year": e.any_year}
            for e in cl.evidence_types.values()
        ],
        "indicators": [
            {
                "id": i.id,
                "cluster": i.cluster,
                "title": i.title,
                "max_score": i.max_score,
                "weight": round(cl.weight(i), 4),
                "opds": list(i.opds),
                "evidence": list(i.evidence),
                "year_window": i.year_window,
                "aliases": list(i.aliases),
                "question_total": round(i.question_total, 4),
                "questions": [
                    {
                        "id": q.id,
                        "number": q.number,
                        "text": q.text,
                        "max_score": q.max_score,
                        "opds": list(q.opds),
                        "requests": list(q.requests),
                        "answer": list(q.answer),
                        "evidence": list(q.evidence),
                        "kecamatan": q.kecamatan,
                        "desa": q.desa,
                        "source_id": q.source_id,
                    }
                    for q in i.questions
                ],
            }
            for i in rows
        ],
    }


def render_checklist_table(cl: Checklist, cluster: str | None, console: Any) -> None:
    from rich.table import Table

    console.print(t("checklist.title", id=cl.id, title=pick(cl.title)), style="bold")
    for c in cl.clusters:
        if cluster is not None and c.id != cluster:
            continue
        rows = cl.indicators_in(c.id)
        if not rows:
            continue
        table = Table(title=pick(c.title), title_justify="left")
        table.add_column(t("col.indicator"), no_wrap=True)
        table.add_column(t("col.title"), max_width=60)
        table.add_column(t("col.max_score"), justify="right")
        table.add_column(t("col.opds"), max_width=30)
        table.add_column(t("col.evidence"), max_width=40)
        if cl.questions:
            table.add_column(t("col.questions"), justify="right")
        for i in rows:
            score = (
                decimal(i.max_score)
                if i.max_score is not None
                else f"({t('checklist.weighted_equal')})"
            )
            cells = [
                i.id,
                pick(i.title),
                score,
                ", ".join(i.opds),
                ", ".join(pick(cl.evidence_types[e].title) for e in i.evidence),
            ]
            if cl.questions:
                cells.append(str(len(i.questions)))
            table.add_row(*cells)
        console.print(table)
    console.print(t("checklist.total", total=decimal(cl.total)))
    console.print(
        t(
            "checklist.categories",
            categories=", ".join(
                f"{c.name} {decimal(c.min)}–{decimal(c.max)}" for c in cl.categories
            ),
        )
    )
