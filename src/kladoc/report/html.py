"""`--format html`: one self-contained dashboard page for the head of the office.

Rendered from `templates/report.html.j2` with autoescaping on. The page loads nothing: styles,
script and charts (inline SVG) are in the file, and a Content-Security-Policy forbids any
request, so it opens the same from a USB stick, an e-mail attachment or WhatsApp."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kladoc.i18n import get_language, t
from kladoc.i18n.formats import decimal
from kladoc.report.view import SEVERITIES, report_data
from kladoc.version import __version__

if TYPE_CHECKING:
    from kladoc.models import CheckResult

TEMPLATE = "report.html.j2"
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
NO_OPD = "-"  # filter value for findings not tied to an OPD

# gauge: a half circle of radius R around (CX, CY) in a 240×150 box
CX, CY, R = 120.0, 128.0, 92.0
LABEL_MAX = 14  # OPD chart labels beyond this are cut; the full name is in the tooltip


def _point(share: float, radius: float = R) -> tuple[float, float]:
    angle = math.pi * (1 - max(0.0, min(1.0, share)))
    return round(CX + radius * math.cos(angle), 2), round(CY - radius * math.sin(angle), 2)


def gauge(result: CheckResult, data: dict[str, Any]) -> dict[str, Any]:
    """Geometry for the readiness gauge: the filled share and marks at category thresholds."""
    s = data["summary"]
    share = s["share"]
    ticks = []
    total = s["readiness_max"]
    if data["opd"] is None and result.scope.full and total:
        for cat in result.checklist.categories:
            at = cat.min / total
            if not 0 < at < 1:
                continue
            x1, y1 = _point(at, R - 11)
            x2, y2 = _point(at, R + 11)
            tx, ty = _point(at, R + 20)
            ticks.append(
                {
                    "x1": x1,
                    "y1": y1,
                    "x2": x2,
                    "y2": y2,
                    "tx": tx,
                    "ty": ty,
                    "label": decimal(cat.min),
                    "name": cat.name,
                }
            )
    # below half of the points no KLA category is in reach (Pratama starts at 500 of 1000)
    tone = "good" if share >= 0.8 else ("fair" if share >= 0.5 else "poor")
    return {
        "share": share,
        "percent": round(share * 100, 1),
        "tone": tone,
        "ticks": ticks,
        "start": _point(0.0),
        "end": _point(1.0),
        "r": R,
    }


def _cut(text: str, limit: int = LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def opd_chart(data: dict[str, Any]) -> dict[str, Any]:
    """Rows for the per-OPD completion chart (label | stacked bar | count), the furthest behind
    first (fewest points of its own, then fewest complete indicators). Horizontal positions
    are percentages of the chart width, so the same SVG fits a phone and a desktop without
    scaling its text."""
    rows = [r for r in data["opds"] if r["total"]]
    # the OPD's own view (`check --opd`): an OPD that sent nothing has 0 points and comes first
    rows.sort(
        key=lambda r: (
            r["share_points"],
            r["share_complete"],
            -r["missing"],
            r["name"].lower(),
        )
    )
    head, row_h, bar_h = 22, 28, 12
    bar_x, bar_w = 33.0, 54.0  # % of the width: label 0–32, bar 33–87, count from 89
    out = []
    for n, r in enumerate(rows):
        total = r["total"]
        top = head + n * row_h
        parts, x = [], bar_x
        for status in ("complete", "partial", "missing"):
            w = bar_w * r[status] / total
            if w:
                parts.append({"status": status, "x": round(x, 3), "w": round(w, 3)})
            x += w
        out.append(
            {
                **r,
                "label": _cut(r["short"] or r["name"]),
                "text_y": top + 15,
                "bar_y": top + 5,
                "parts": parts,
            }
        )
    # labels only at 0/50/100 %: five would collide on a phone
    grid = [
        {"x": round(bar_x + bar_w * k / 4, 3), "label": f"{25 * k}%" if k % 2 == 0 else ""}
        for k in range(5)
    ]
    return {
        "rows": out,
        "height": head + len(out) * row_h + 4,
        "bar_h": bar_h,
        "bar_x": bar_x,
        "bar_w": bar_w,
        "value_x": bar_x + bar_w + 2,
        "grid": grid,
        "head": head,
    }


def finding_filters(data: dict[str, Any], result: CheckResult) -> dict[str, Any]:
    """Options for the severity and OPD selects. A gap counts for every responsible OPD."""
    from kladoc.report.data import opd_label

    findings = data["findings"]
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITIES}
    opd_counts: dict[str, int] = {}
    for f in findings:
        for o in f["involved"]:
            opd_counts[o] = opd_counts.get(o, 0) + 1
    options = sorted(((o, opd_label(result, o)) for o in opd_counts), key=lambda kv: kv[1].lower())
    without = sum(1 for f in findings if not f["involved"])
    return {
        "severity": counts,
        "opds": options,
        "opd_counts": opd_counts,
        "without_opd": without,
        "no_opd": NO_OPD,
    }


def render_html(result: CheckResult) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from kladoc.resources import template_path

    folder = template_path(TEMPLATE).parent
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,  # file names are user input: `<script>.pdf` must stay text
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = decimal  # numbers for people: 858,9 in Indonesian
    data = report_data(result)
    indicators_by_cluster = [
        (c, [i for i in data["indicators"] if i["cluster"] == c["id"]]) for c in data["clusters"]
    ]
    return env.get_template(TEMPLATE).render(
        t=t,
        lang=get_language(),
        csp=CSP,
        version=__version__,
        data=data,
        gauge=gauge(result, data),
        chart=opd_chart(data),
        filters=finding_filters(data, result),
        indicators_by_cluster=indicators_by_cluster,
        severities=SEVERITIES,
    )


def write_html(result: CheckResult, path: Path) -> None:
    from kladoc.fsutil import atomic_write

    atomic_write(Path(path), render_html(result))
