"""The rules over an inventory: file-level findings, indicator status and the gaps."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from kladoc.checklist import Checklist
from kladoc.config import Config
from kladoc.errors import localize_detail
from kladoc.i18n.formats import decimal, fixed
from kladoc.models import Evidence, Finding, IndicatorState, IndicatorStatus, severity_rank
from kladoc.opd import OpdRegistry
from kladoc.rules import make_finding
from kladoc.scope import Scope, indicators_in_scope

STATUS_RULES = {
    "empty": "empty",
    "corrupt": "corrupt",
    "encrypted": "encrypted",
    "unreadable": "unreadable",
    "timeout": "timeout",
    "bomb": "decompression-bomb",
    "unsupported": "unsupported-type",
    "outdated": "format-too-old",
}
MIB = 1024 * 1024


def year_range(
    eval_year: int, window: int, evidence_years: tuple[int, ...] | None = None
) -> tuple[int, int]:
    """First and last year evidence may come from: `evidence_years` from kladoc.toml when
    set (the 2026 cycle asks for 2024–2025), else the evaluation year and the years before."""
    if evidence_years:
        return min(evidence_years), max(evidence_years)
    return eval_year - window + 1, eval_year


def year_ok(year: int | None, span: tuple[int, int]) -> bool:
    return year is None or span[0] <= year <= span[1]


def _exempt_from_year(ev: Evidence, checklist: Checklist) -> bool:
    et = checklist.evidence_types.get(ev.type or "")
    return et is not None and et.any_year


def evaluate(
    evidence: list[Evidence], checklist: Checklist, config: Config, year: int, registry: OpdRegistry
) -> list[Finding]:
    """File-level rules: readability, safety, size, year, OPD and duplicates."""
    out: list[Finding] = []
    limit = config.max_file_mb * MIB
    for ev in evidence:
        ctx = {"path": ev.path, "opd": ev.opd, "indicator": ev.indicator}
        facts = ev.facts
        rule = STATUS_RULES.get(facts.status)
        if rule:
            out.append(
                make_finding(
                    rule,
                    **ctx,
                    detail=localize_detail(facts.detail),
                    suffix=PurePosixPath(ev.path).suffix or "-",
                )
            )
        if facts.size > limit:
            out.append(
                make_finding(
                    "too-large",
                    **ctx,
                    size_mb=fixed(facts.size / MIB, 1),
                    limit_mb=decimal(config.max_file_mb),
                )
            )
        if not ev.usable:
            continue
        if facts.repaired:
            out.append(make_finding("repaired", **ctx, detail=facts.detail))
        if facts.restricted:
            out.append(make_finding("restricted", **ctx))
        if facts.attachments_encrypted:
            out.append(make_finding("attachments-encrypted", **ctx))
        if facts.damaged_pages:
            pages = ", ".join(str(p) for p in facts.damaged_pages)
            out.append(make_finding("damaged-content", **ctx, pages=pages))
        if facts.active_content:
            out.append(make_finding("active-content", **ctx, kinds=", ".join(facts.active_content)))
        if facts.kind == "pdf" and facts.has_text is False and not facts.damaged_pages:
            # Undecodable content also yields no text: that is damage, not a scan.
            out.append(make_finding("no-text-layer", **ctx))
        indicator = checklist.indicator(ev.indicator) if ev.indicator else None
        if indicator is None:
            continue
        if ev.type is None:
            out.append(make_finding("unknown-type", **ctx))
        if not _exempt_from_year(ev, checklist):
            if ev.year is None:
                out.append(make_finding("missing-year", **ctx))
            else:
                span = year_range(year, indicator.year_window, config.evidence_years)
                if not year_ok(ev.year, span):
                    out.append(
                        make_finding(
                            "stale-year",
                            **ctx,
                            remedy_variant="remedy" if ev.year <= year else "remedy_future",
                            year=ev.year,
                            first=span[0],
                            last=span[1],
                        )
                    )
        if ev.opd and indicator.opds and ev.opd not in indicator.opds:
            out.append(
                make_finding("wrong-opd", **ctx, expected=opd_names(registry, indicator.opds))
            )
    out.extend(duplicate_findings(evidence))
    return out


def duplicate_findings(evidence: Iterable[Evidence]) -> list[Finding]:
    first: dict[str, Evidence] = {}
    out = []
    for ev in sorted(evidence, key=lambda e: e.path):
        digest = ev.facts.sha256
        if not digest or ev.facts.size == 0:
            continue
        if digest in first:
            out.append(
                make_finding(
                    "duplicate",
                    path=ev.path,
                    opd=ev.opd,
                    indicator=ev.indicator,
                    other=first[digest].path,
                )
            )
        else:
            first[digest] = ev
    return out


def indicator_status(
    evidence: list[Evidence],
    checklist: Checklist,
    year: int,
    scope: Scope,
    evidence_years: tuple[int, ...] | None = None,
) -> list[IndicatorStatus]:
    by_indicator: dict[str, list[Evidence]] = {}
    for ev in evidence:
        if ev.indicator:
            by_indicator.setdefault(ev.indicator, []).append(ev)
    out = []
    for ind in indicators_in_scope(checklist, scope):
        files = by_indicator.get(ind.id, [])
        usable = [e for e in files if e.usable]
        satisfied = [
            t
            for t in ind.evidence
            if any(
                e.type == t
                and (
                    _exempt_from_year(e, checklist)
                    or year_ok(e.year, year_range(year, ind.year_window, evidence_years))
                )
                for e in usable
            )
        ]
        missing = [t for t in ind.evidence if t not in satisfied]
        share = len(satisfied) / len(ind.evidence) if ind.evidence else 0.0
        weight = checklist.weight(ind)
        points = round(weight * share, 2)
        # never "partial" with 0 points: files that satisfy nothing leave it missing
        status = (
            IndicatorState.MISSING
            if not usable or (missing and points <= 0)
            else (IndicatorState.COMPLETE if not missing else IndicatorState.PARTIAL)
        )
        out.append(
            IndicatorStatus(
                id=ind.id,
                cluster=ind.cluster,
                status=status,
                files=len(files),
                satisfied=satisfied,
                missing_types=missing,
                opds=sorted({e.opd for e in files if e.opd}),
                max_score=weight,
                points=points,
                usable_files=len(usable),
            )
        )
    return out


def gap_findings(
    statuses: list[IndicatorStatus], checklist: Checklist, scope: Scope, registry: OpdRegistry
) -> list[Finding]:
    from kladoc.i18n import pick

    out = []
    for s in statuses:
        ind = checklist.indicator(s.id)
        assert ind is not None
        title = pick(ind.title)
        if s.status == "missing" and not s.usable_files:
            out.append(
                make_finding(
                    "missing-indicator",
                    indicator=s.id,
                    title=title,
                    opd=scope.opd.id if scope.opd else None,
                    opds=opd_names(registry, ind.opds),
                )
            )
        else:
            for t in s.missing_types:
                et = checklist.evidence_types[t]
                out.append(
                    make_finding(
                        "missing-evidence-type",
                        indicator=s.id,
                        title=title,
                        opd=scope.opd.id if scope.opd else None,
                        type=pick(et.title),
                        type_id=t,
                    )
                )
    return out


def sort_findings(findings: Iterable[Finding], checklist: Checklist) -> list[Finding]:
    """Errors first, then by rule, then in checklist order (so 3 comes before 21a)."""
    order = {i.id: n for n, i in enumerate(checklist.indicators)}
    return sorted(
        findings,
        key=lambda f: (
            severity_rank(f.severity),
            f.rule,
            order.get(f.indicator or "", -1),
            f.path or "",
        ),
    )


def opd_names(registry: OpdRegistry, ids: Iterable[str]) -> str:
    return ", ".join(registry.label(i, short=True) for i in ids)


LEFT_OUT_REASONS = ("unmapped", "unusable", "stale-year", "unassigned")


def left_out(
    evidence: Iterable[Evidence],
    findings: Iterable[Finding],
    checklist: Checklist,
    *,
    draft: bool = False,
) -> list[tuple[str, str, str]]:
    """The files a dossier leaves out, as (path, reason, message), sorted by path.

    Reasons: "unmapped" (no indicator of the checklist: never in any dossier),
    "unusable" (unreadable, empty, locked, …) and "stale-year" (dated outside the
    indicator's year window), and, for a checklist with questions, "unassigned" (the
    file reaches its indicator but no question of it). The draft shows unusable,
    out-of-window and unassigned files (a notice page, the gap beside it; the
    unassigned under their own heading); the submission version leaves them out."""
    findings = list(findings)
    # out of the window: what the year rule said (`stale-year`), one answer everywhere
    stale = {f.path: f for f in findings if f.rule == "stale-year" and f.path}
    worst: dict[str, Finding] = {}
    order = {"error": 0, "warning": 1, "info": 2}
    for f in findings:
        if f.path and (
            f.path not in worst or order.get(f.severity, 3) < order.get(worst[f.path].severity, 3)
        ):
            worst[f.path] = f
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for ev in evidence:
        seen.add(ev.path)
        indicator = checklist.indicator(ev.indicator) if ev.indicator else None
        if indicator is None:
            out.append((ev.path, "unmapped", _message(worst.get(ev.path), ev.path)))
        elif draft:
            continue
        elif not ev.usable:
            out.append((ev.path, "unusable", _message(worst.get(ev.path), ev.path)))
        elif ev.path in stale:
            out.append((ev.path, "stale-year", _message(stale[ev.path], ev.path)))
        elif indicator.questions and not any(q.id == ev.question for q in indicator.questions):
            out.append((ev.path, "unassigned", ""))
    for f in findings:  # files outside any OPD folder are not in the inventory
        if f.rule == "unmapped-file" and f.path and f.path not in seen:
            seen.add(f.path)
            out.append((f.path, "unmapped", _message(f, f.path)))
    return sorted(out, key=lambda row: (row[0].casefold(), row[0]))


def _message(finding: Finding | None, path: str) -> str:
    if finding is None:
        return ""
    return finding.message.removeprefix(f"{path}: ")
