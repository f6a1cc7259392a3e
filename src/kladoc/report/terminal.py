"""The terminal report: what a DP3A officer reads every morning before the deadline."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kladoc.i18n import pick, t
from kladoc.i18n.formats import decimal
from kladoc.models import SEVERITIES
from kladoc.report.data import (
    claimed_text,
    deadline_text,
    opd_rows,
    question_lacks,
    readiness_text,
)

if TYPE_CHECKING:
    from kladoc.models import CheckResult

STATUS_STYLE = {"complete": "green", "partial": "yellow", "missing": "red"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def header(result: CheckResult) -> Panel:
    cfg = result.config
    lines = [
        Text(
            t(
                "report.title",
                region=cfg.region or t("report.no_region"),
                year=result.year,
                checklist=result.checklist.id,
            ),
            style="bold",
        ),
        Text(deadline_text(result)),
        Text(readiness_text(result), style="bold"),
        Text(claimed_text(result)),
        Text(t("report.readiness_note"), style="dim"),
    ]
    if result.scope.opd:
        lines.insert(1, Text(t("report.scope_opd", opd=result.scope.opd.name)))
    return Panel(Group(*lines), expand=False)


def cluster_tables(result: CheckResult) -> list[Table]:
    by_cluster = defaultdict(list)
    for s in result.indicators:
        by_cluster[s.cluster].append(s)
    tables = []
    for cluster in result.checklist.clusters:
        rows = by_cluster.get(cluster.id)
        if not rows:
            continue
        table = Table(title=pick(cluster.title), title_justify="left", expand=False)
        table.add_column(t("col.indicator"), no_wrap=True)
        table.add_column(t("col.title"), max_width=48)
        table.add_column(t("col.status"), no_wrap=True)
        table.add_column(t("col.files"), justify="right")
        table.add_column(t("col.points"), justify="right", no_wrap=True)
        table.add_column(t("col.missing_types"), max_width=36)
        table.add_column(t("col.opds"), max_width=28)
        for s in rows:
            ind = result.checklist.indicator(s.id)
            title = pick(ind.title) if ind else ""
            names = [result.registry.label(o, short=True) for o in s.opds]
            if s.questions:
                missing = t(
                    "report.questions_done", done=s.questions_complete, total=len(s.questions)
                )
            else:
                missing = ", ".join(
                    pick(result.checklist.evidence_types[m].title) for m in s.missing_types
                )
            table.add_row(
                s.id,
                title,
                Text(t(f"status.{s.status}"), style=STATUS_STYLE[s.status]),
                str(s.files),
                f"{decimal(s.points)}/{decimal(s.max_score)}",
                missing,
                ", ".join(names),
            )
        tables.append(table)
    return tables


def question_tables(result: CheckResult) -> list[Table]:
    """One table per indicator: each question's status, points, answer and what it lacks."""
    tables = []
    for s in result.indicators:
        if not s.questions:
            continue
        done = t("report.questions_done", done=s.questions_complete, total=len(s.questions))
        table = Table(
            title=t("report.questions_of", indicator=s.id, done=done),
            title_justify="left",
            expand=False,
        )
        table.add_column(t("col.code"), no_wrap=True)
        table.add_column(t("col.status"), no_wrap=True)
        table.add_column(t("col.points"), justify="right", no_wrap=True)
        table.add_column(t("col.answer"), max_width=20)
        table.add_column(t("col.files"), justify="right")
        table.add_column(t("col.question_missing"), max_width=48)
        for q in s.questions:
            table.add_row(
                q.id,
                Text(t(f"status.{q.status}"), style=STATUS_STYLE[q.status]),
                f"{decimal(q.points)}/{decimal(q.max_score)}",
                q.answer_value or t(f"answers.state.{q.answer}"),
                str(len(q.files)),
                question_lacks(q),
            )
        tables.append(table)
    return tables


def opd_table(result: CheckResult) -> Table:
    table = Table(title=t("report.per_opd"), title_justify="left")
    table.add_column(t("col.opd"))
    table.add_column(t("col.folders"), max_width=30)
    table.add_column(t("col.files"), justify="right")
    table.add_column(t("col.supplies"), max_width=30)
    for key in ("complete", "partial", "missing"):
        table.add_column(t(f"status.{key}"), justify="right", style=STATUS_STYLE[key])
    for r in opd_rows(result):
        table.add_row(
            r["name"],
            ", ".join(r["folders"]) or "-",
            str(r["files"]),
            ", ".join(r["indicators"]) or "-",
            str(r["complete"]),
            str(r["partial"]),
            str(r["missing"]),
        )
    return table


def findings_block(result: CheckResult) -> list[Table | Text]:
    out: list[Table | Text] = []
    for severity in SEVERITIES:
        items = [f for f in result.findings if f.severity == severity]
        if not items:
            continue
        out.append(
            Text(
                f"\n{t(f'severity.{severity}.plural')} ({len(items)})",
                style=SEVERITY_STYLE[severity],
            )
        )
        by_rule = defaultdict(list)
        for f in items:
            by_rule[f.rule].append(f)
        for rule, group in by_rule.items():
            table = Table(show_header=False, box=None, pad_edge=False, expand=False)
            table.add_column(no_wrap=False)
            table.add_row(
                Text.assemble(
                    (f"{rule}", SEVERITY_STYLE[severity]),
                    f" ({len(group)}) ",
                    (group[0].remedy, "italic"),
                )
            )
            for f in group:
                table.add_row(Text(f"  • {f.message}"))
            out.append(table)
    return out


def summary_line(result: CheckResult) -> str:
    return t(
        "report.summary",
        errors=result.count("error"),
        warnings=result.count("warning"),
        infos=result.count("info"),
        files=len(result.evidence),
        readiness=readiness_text(result),
    )


def render_terminal(result: CheckResult, console: Console, questions: bool = False) -> None:
    """The morning report; the questions are listed for one indicator or with --questions."""
    console.print(header(result))
    for table in cluster_tables(result):
        console.print(table)
    if questions or result.scope.indicator:
        for table in question_tables(result):
            console.print(table)
    console.print(opd_table(result))
    for block in findings_block(result):
        console.print(block)
    console.print()
    console.print(Text(summary_line(result), style="bold"), soft_wrap=True)


def rules_table(rows: list[dict[str, str]]) -> Table:
    """`kladoc rules`: every finding kladoc can report."""
    table = Table(title=t("rules.title"))
    for col in ("slug", "severity", "meaning", "remedy"):
        table.add_column(t(f"rules.col.{col}"), overflow="fold")
    for r in rows:
        table.add_row(r["slug"], t(f"severity.{r['severity']}"), r["meaning"], r["remedy"])
    return table
