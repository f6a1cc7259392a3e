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

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", Severity(self.severity))


RULES: dict[str, Rule] = {
    r.slug: r
    for r in (
        # gaps
        Rule("missing-indicator", "error"),
        Rule("missing-evidence-type", "error"),
        Rule("questions-missing", "error"),
        Rule("questions-partial", "warning"),
        Rule("answer-without-evidence", "error"),
        Rule("evidence-without-answer", "warning"),
        # mapping
        Rule("unmapped-file", "warning"),
        Rule("unknown-indicator", "warning"),
        Rule("ambiguous-indicator", "warning"),
        Rule("unknown-opd", "warning"),
        Rule("opd-guessed", "info"),
        Rule("wrong-opd", "info"),
        Rule("manifest-error", "error"),
        Rule("unknown-question", "error"),
        Rule("question-unassigned", "warning"),
        # answers (jawaban.xlsx)
        Rule("answer-invalid", "warning"),
        Rule("answer-conflict", "warning"),
        # the file itself
        Rule("corrupt", "error"),
        Rule("encrypted", "error"),
        Rule("empty", "error"),
        Rule("unreadable", "error"),
        Rule("timeout", "error"),
        Rule("decompression-bomb", "error"),
        Rule("unsupported-type", "warning"),
        Rule("format-too-old", "warning"),
        Rule("damaged-content", "warning"),
        Rule("too-large", "warning"),
        Rule("active-content", "warning"),
        Rule("duplicate", "warning"),
        Rule("stale-year", "warning"),
        Rule("missing-year", "warning"),
        Rule("unknown-type", "info"),
        Rule("no-text-layer", "info"),
        Rule("repaired", "info"),
        Rule("restricted", "info"),
        Rule("attachments-encrypted", "info"),
        # the tree
        Rule("link-outside", "warning"),
        Rule("broken-link", "warning"),
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
