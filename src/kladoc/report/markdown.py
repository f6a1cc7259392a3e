"""`--format md`: a short summary to paste into WhatsApp or an e-mail.

Short lines, `*bold*` (bold in WhatsApp, emphasis in Markdown) and file names in backticks, so a
name like `<b>x</b>` or `*draft*` shows as typed instead of being formatted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kladoc.i18n import t
from kladoc.report.view import GAP_RULES, report_data

if TYPE_CHECKING:
    from kladoc.models import CheckResult, Finding

# the indicator gaps the cluster lines already list; answers without evidence stay below
LISTED_ABOVE = frozenset(GAP_RULES) - {"answer-without-evidence", "evidence-without-answer"}


def _code(name: str) -> str:
    return "`" + name.replace("`", "'").replace("\n", " ") + "`"


def _type_name(title: str) -> str:
    # "Regulasi (Perda/Perbup/Perwal/SE)" → "Regulasi": the bracket is for the checklist reader
    return title.split(" (", 1)[0]


def render_markdown(result: CheckResult, max_names: int = 3) -> str:
    data = report_data(result)
    s, texts = data["summary"], data["texts"]
    lines = [f"*{t('report.doc_title')}*", texts["title"]]
    if texts["scope_opd"]:
        lines.append(texts["scope_opd"])
    lines += [
        texts["deadline"],
        f"*{texts['readiness']}*",
        texts["claimed"],
        f"_{t('md.note')}_",
        "",
        t("md.indicators", **s["indicators"]),
        *([t("md.questions", **s["questions"])] if s["questions"]["total"] else []),
        t("md.findings", errors=s["errors"], warnings=s["warnings"], infos=s["infos"]),
        t("md.files", files=s["files"]),
        "",
        f"*{t('md.gaps')}*",
    ]
    gaps_total = 0
    for cluster in data["clusters"]:
        lines.append(
            t(
                "md.cluster",
                cluster=cluster["short"],
                complete=cluster["complete"],
                total=cluster["total"],
            )
        )
        gaps = [
            i
            for i in data["indicators"]
            if i["cluster"] == cluster["id"] and i["status"] != "complete"
        ]
        gaps_total += len(gaps)
        # grouped, not cut: one line for what has nothing, one per missing combination
        empty = [i for i in gaps if i["status"] == "missing"]
        if empty:
            codes = ", ".join(_with_opds(i) for i in empty)
            lines.append(f"- {t('md.gap_missing_group', codes=codes)}")
        lacking: dict[str, list[str]] = {}
        partly = [
            f"{i['id']} ({i['questions_complete']}/{i['questions_total']})"
            for i in gaps
            if i["status"] != "missing" and i["questions"]
        ]
        if partly:
            lines.append(f"- {t('md.gap_questions_group', codes=', '.join(partly))}")
        for i in gaps:
            if i["status"] != "missing" and not i["questions"]:
                types = ", ".join(_type_name(x) for x in i["missing_titles"])
                lacking.setdefault(types, []).append(i["id"])
        for types, ids in lacking.items():
            lines.append(f"- {t('md.gap_partial_group', types=types, codes=', '.join(ids))}")
    if not gaps_total:
        lines.append(t("md.no_gaps"))
    # gaps are listed above already; what remains is about the files themselves
    rest = [f for f in result.findings if f.rule not in LISTED_ABOVE]
    if rest:
        lines += ["", f"*{t('md.top_findings')}*"]
        names = {o: result.registry.opds[o].short for o in result.registry.opds}
        by_rule: dict[str, list[Finding]] = {}
        for f in rest:
            by_rule.setdefault(f.rule, []).append(f)
        for rule, group in by_rule.items():
            lines.append(_group_line(rule, group, names, max_names))
    return "\n".join(lines) + "\n"


def _with_opds(indicator: dict[str, Any]) -> str:
    who = indicator["responsible_short"]
    return f"{indicator['id']} ({', '.join(who)})" if who else indicator["id"]


def _group_line(rule: str, group: list[Finding], names: dict[str, str], max_names: int) -> str:
    """ "2× Rusak: `a.pdf`, `b.pdf`" for a few files, "12× Rusak: Dinkes 7, DP3A 5" for many."""
    label = t(f"rule.{rule}.meaning").rstrip(".")
    if len(group) <= max_names:
        items = [_code(f.path.rsplit("/", 1)[-1]) if f.path else f.message for f in group]
        return f"- {len(group)}× {label}: {', '.join(items)}"
    per_opd: dict[str, int] = {}
    for f in group:
        who = names.get(f.opd or "", f.opd or "") or t("md.no_opd")
        per_opd[who] = per_opd.get(who, 0) + 1
    counts = ", ".join(f"{who} {n}" for who, n in sorted(per_opd.items(), key=lambda kv: -kv[1]))
    return f"- {len(group)}× {label}: {counts}"
