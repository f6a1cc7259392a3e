"""The terminal report: what a DP3A officer reads every morning before the deadline."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from rich.cells import cell_len
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


def findings_block(result: CheckResult, width: int) -> list[tuple[Text, bool]]:
    """Each severity's findings by rule: the rule and its remedy, then one bullet per finding.

    The bullets are wrapped here, not by rich: a large dossier has thousands of them, and
    rich's per-line layout took over a second for 5,000 files where this takes milliseconds.
    Each block comes with whether it is already wrapped."""
    out: list[tuple[Text, bool]] = []
    for severity in SEVERITIES:
        items = [f for f in result.findings if f.severity == severity]
        if not items:
            continue
        title = f"\n{t(f'severity.{severity}.plural')} ({len(items)})"
        out.append((Text(title, style=SEVERITY_STYLE[severity]), False))
        by_rule = defaultdict(list)
        for f in items:
            by_rule[f.rule].append(f)
        for rule, group in by_rule.items():
            head = Text.assemble(
                (f"{rule}", SEVERITY_STYLE[severity]),
                f" ({len(group)}) ",
                (group[0].remedy, "italic"),
            )
            out.append((head, False))
            lines: list[str] = []
            for f in group:
                lines.extend(hang(f.message, width, "  • ", "    "))
            out.append((Text("\n".join(lines)), True))
    return out


def hang(text: str, width: int, first: str, rest: str) -> list[str]:
    """`text` wrapped at word boundaries to `width` terminal cells, the first line after
    `first`, the others after `rest`; a word longer than a line is cut."""
    lines: list[str] = []
    line, used = first, cells(first)
    fresh = True  # nothing but the prefix on this line yet
    for word in text.split():
        size = cells(word)
        if not fresh and used + 1 + size > width:
            lines.append(line)
            line, used, fresh = rest, cells(rest), True
        if fresh:
            room = max(width - used, 1)
            while size > room:  # cut what no line can hold
                head, word = _cut(word, room)
                lines.append(line + head)
                line, used = rest, cells(rest)
                room = max(width - used, 1)
                size = cells(word)
            line, used, fresh = line + word, used + size, False
        else:
            line, used = f"{line} {word}", used + 1 + size
    lines.append(line)
    return lines


def cells(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def _cut(word: str, room: int) -> tuple[str, str]:
    """The longest head of `word` that fits `room` cells (at least one character), and the rest."""
    n = 1
    while n < len(word) and cells(word[: n + 1]) <= room:
        n += 1
    return word[:n], word[n:]


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
    for block, wrapped in findings_block(result, console.width):
        if wrapped:  # plain, already wrapped: the cheapest way through rich
            console.out(block.plain, highlight=False)
        else:
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
