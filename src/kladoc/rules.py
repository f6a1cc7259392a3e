"""The rule catalogue: every finding kladoc can report, with a stable slug and severity.

Messages and remedies live in the message catalogue under `rule.<slug>.*`, so the same rule
reads naturally in Indonesian and English. A remedy is the same for every finding of a rule;
the message carries the specifics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kladoc.i18n import t
from kladoc.models import Finding, Severity


@dataclass(frozen=True)
class Rule:
    slug: str
    severity: Severity


RULES: dict[str, Rule] = {
    r.slug: r
    for r in (
        # gaps
        Rule("missing-indicator", Severity.ERROR),
        Rule("missing-evidence-type", Severity.ERROR),
        Rule("questions-missing", Severity.ERROR),
        Rule("questions-partial", Severity.WARNING),
        Rule("answer-without-evidence", Severity.ERROR),
        Rule("evidence-without-answer", Severity.WARNING),
        # mapping
        Rule("unmapped-file", Severity.WARNING),
        Rule("unknown-indicator", Severity.WARNING),
        Rule("ambiguous-indicator", Severity.WARNING),
        Rule("unknown-opd", Severity.WARNING),
        Rule("opd-guessed", Severity.INFO),
        Rule("wrong-opd", Severity.INFO),
        Rule("manifest-error", Severity.ERROR),
        Rule("unknown-question", Severity.ERROR),
        Rule("question-unassigned", Severity.WARNING),
        # answers (jawaban.xlsx)
        Rule("answer-invalid", Severity.WARNING),
        Rule("answer-conflict", Severity.WARNING),
        # the file itself
        Rule("corrupt", Severity.ERROR),
        Rule("encrypted", Severity.ERROR),
        Rule("empty", Severity.ERROR),
        Rule("unreadable", Severity.ERROR),
        Rule("timeout", Severity.ERROR),
        Rule("decompression-bomb", Severity.ERROR),
        Rule("unsupported-type", Severity.WARNING),
        Rule("format-too-old", Severity.WARNING),
        Rule("damaged-content", Severity.WARNING),
        Rule("too-large", Severity.WARNING),
        Rule("active-content", Severity.WARNING),
        Rule("duplicate", Severity.WARNING),
        Rule("stale-year", Severity.WARNING),
        Rule("missing-year", Severity.WARNING),
        Rule("unknown-type", Severity.INFO),
        Rule("no-text-layer", Severity.INFO),
        Rule("needs-libreoffice", Severity.INFO),
        Rule("repaired", Severity.INFO),
        Rule("restricted", Severity.INFO),
        Rule("attachments-encrypted", Severity.INFO),
        # the tree
        Rule("link-outside", Severity.WARNING),
        Rule("broken-link", Severity.WARNING),
    )
}

# Findings about questions and answers. The PDF and Word dossiers are still per indicator,
# so their gap lists leave these out until they list questions themselves.
QUESTION_RULES = frozenset(
    {
        "unknown-question",
        "question-unassigned",
        "questions-missing",
        "questions-partial",
        "answer-without-evidence",
        "evidence-without-answer",
        "answer-invalid",
        "answer-conflict",
    }
)


def make_finding(
    rule: str,
    *,
    path: str | None = None,
    opd: str | None = None,
    indicator: str | None = None,
    question: str | None = None,
    **params: Any,
) -> Finding:
    """Build a finding; `detail_key` in params is a catalogue key rendered into `detail`.
    A remedy variant (`remedy_variant="remedy_for"`) is rendered with the params, so it can
    name specifics (the candidate questions of `question-unassigned`)."""
    spec = RULES[rule]
    params = dict(params)
    detail_key = params.pop("detail_key", None)
    # a rule whose remedy depends on the case names its variant ("remedy_future")
    remedy_variant = params.pop("remedy_variant", "remedy")
    if detail_key:
        params["detail"] = t(detail_key, **params)
    params.setdefault("path", path or "")
    params.setdefault("indicator", indicator or "")
    params.setdefault("question", question or "")
    params.setdefault("detail", "")
    remedy_key = f"rule.{rule}.{remedy_variant}"
    remedy = t(remedy_key) if remedy_variant == "remedy" else t(remedy_key, **params)
    return Finding(
        rule=rule,
        severity=spec.severity,
        path=path,
        opd=opd,
        indicator=indicator,
        message=t(f"rule.{rule}.message", **params),
        remedy=remedy,
        params=params,
        question=question,
    )


def rule_rows() -> list[dict[str, str]]:
    """For `kladoc rules`: slug, severity and meaning in the current language."""
    return [
        {
            "slug": r.slug,
            "severity": r.severity.value,
            "meaning": t(f"rule.{r.slug}.meaning"),
            "remedy": t(f"rule.{r.slug}.remedy"),
        }
        for r in RULES.values()
    ]
