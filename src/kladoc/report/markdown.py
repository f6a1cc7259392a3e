"""`--format md`: a short summary to paste into WhatsApp or an e-mail.

Short lines, `*bold*` (bold in WhatsApp, emphasis in Markdown) and file names in backticks, so a
name like `<b>x</b>` or `*draft*` shows as typed instead of being formatted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kladoc.i18n import t
from kladoc.report.view import GAP_RULES, report_data

if TYPE_CHECKING:
    from kladoc.check import CheckResult
    from kladoc.models import Finding

MAX_TITLE = 48
# finding params that hold paths or folder names typed by people
_NAME_PARAMS = ("path", "other", "target", "folder")


def _short(text: str, limit: int = MAX_TITLE) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _code(name: str) -> str:
    return "`" + name.replace("`", "'").replace("\n", " ") + "`"


def _type_name(title: str) -> str:
    # "Regulasi (Perda/Perbup/Perwal/SE)" → "Regulasi": the bracket is for the checklist reader
    return title.split(" (", 1)[0]


def finding_line(f: Finding, opd_short: str) -> str:
    """One finding in a chat line: OPD, then the message with the file's own name only."""
    params: dict[str, Any] = dict(f.params)
    for key in _NAME_PARAMS:
        value = params.get(key)
        if isinstance(value, str) and value:
            if key == "path":
                value = value.rsplit("/", 1)[-1]
            params[key] = _code(value)
    try:
        text = t(f"rule.{f.rule}.message", **params)
    except (KeyError, IndexError, ValueError):
        text = f.message
    return f"- {opd_short}: {text}" if opd_short else f"- {text}"


def render_markdown(result: CheckResult, max_gaps: int = 3, max_findings: int = 5) -> str:
    data = report_data(result)
    s, texts = data["summary"], data["texts"]
    lines = [f"*{t('report.doc_title')}*", texts["title"]]
    if texts["scope_opd"]:
        lines.append(texts["scope_opd"])
    lines += [
        texts["deadline"],
        f"*{texts['readiness']}*",
        f"_{t('md.note')}_",
        "",
        t("md.indicators", **s["indicators"]),
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
        # nothing at all is worse than something missing
        gaps.sort(key=lambda i: i["status"] != "missing")
        gaps_total += len(gaps)
        for i in gaps[:max_gaps]:
            title = _short(i["title"])
            if i["status"] == "missing":
                line = t("md.gap_missing", id=i["id"], title=title)
                if i["responsible_short"]:
                    line += f" ({', '.join(i['responsible_short'])})"
            else:
                types = ", ".join(_type_name(x) for x in i["missing_titles"])
                line = t("md.gap_partial", id=i["id"], title=title, types=types)
            lines.append(f"- {line}")
        if len(gaps) > max_gaps:
            lines.append(t("md.more", count=len(gaps) - max_gaps))
    if not gaps_total:
        lines.append(t("md.no_gaps"))
    # gaps are listed above already; what remains is about the files themselves
    rest = [f for f in result.findings if f.rule not in GAP_RULES]
    if rest:
        lines += ["", f"*{t('md.top_findings')}*"]
        names = {o: result.registry.opds[o].short for o in result.registry.opds}
        for f in rest[:max_findings]:
            lines.append(finding_line(f, names.get(f.opd or "", f.opd or "")))
        if len(rest) > max_findings:
            lines.append(t("md.more", count=len(rest) - max_findings))
    return "\n".join(lines) + "\n"
