"""`kladoc check` as a function: dossier folder in, inventory + findings + status out."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from kladoc.checklist import Checklist, Indicator, load_checklist
from kladoc.classify import classify_type, classify_year
from kladoc.codes import CodeParser
from kladoc.config import Config, load_config
from kladoc.errors import ConfigError, UsageError
from kladoc.inspect.facts import FileFacts
from kladoc.models import Evidence, Finding, IndicatorStatus
from kladoc.opd import AliasConflict, Opd, OpdRegistry
from kladoc.rules import RULES, make_finding
from kladoc.scan import ScannedFile, scan_dossier

STATUS_RULES = {
    "empty": "empty",
    "corrupt": "corrupt",
    "encrypted": "encrypted",
    "unreadable": "unreadable",
    "timeout": "timeout",
    "bomb": "decompression-bomb",
    "unsupported": "unsupported-type",
}
MIB = 1024 * 1024


@dataclass
class Scope:
    opd: Opd | None = None
    cluster: str | None = None
    indicator: str | None = None
    single_opd_folder: bool = False

    @property
    def full(self) -> bool:
        return self.opd is None and self.cluster is None and self.indicator is None


@dataclass
class Readiness:
    score: float
    maximum: float
    category: str | None
    weighted: bool


@dataclass
class CheckResult:
    config: Config
    checklist: Checklist
    registry: OpdRegistry
    scope: Scope
    year: int
    evidence: list[Evidence]
    findings: list[Finding]
    indicators: list[IndicatorStatus]
    readiness: Readiness
    narratives: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    opd_folders: dict[str, str | None] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def days_to_deadline(self) -> int | None:
        d = self.config.deadline
        return (d - self.today).days if d else None

    def exit_code(self, fail_on: str = "error") -> int:
        levels = ("error",) if fail_on == "error" else ("error", "warning")
        return 1 if any(f.severity in levels for f in self.findings) else 0

    def to_dict(self) -> dict[str, Any]:
        from kladoc.report.data import result_to_dict

        return result_to_dict(self)


@dataclass
class Environment:
    """What a command needs before touching evidence: settings, checklist, OPD names."""

    config: Config
    checklist: Checklist
    registry: OpdRegistry
    year: int
    warnings: list[tuple[str, dict[str, Any]]]


def prepare(
    root: Path, overrides: dict[str, Any] | None = None, today: dt.date | None = None
) -> Environment:
    root = Path(root)
    if not root.exists():
        raise UsageError("scan.root_missing", path=str(root))
    if not root.is_dir():
        raise UsageError("scan.root_not_folder", path=str(root))
    config = load_config(root, overrides)
    warnings = list(config.warnings)
    checklist = load_checklist(config.checklist, config.checklist_base)
    registry = OpdRegistry.builtin(region=config.region)
    try:
        registry.extend(config.opd_aliases)
    except AliasConflict as exc:
        raise ConfigError(
            "config.alias_conflict", alias=exc.alias, first=exc.first, second=exc.second
        ) from exc
    # checklist OPD references may be ids, names or aliases; make them canonical ids
    resolved = tuple(
        Indicator(
            i.id,
            i.cluster,
            i.title,
            i.max_score,
            tuple(dict.fromkeys(registry.resolve(o).id for o in i.opds)),
            i.evidence,
            i.year_window,
            i.aliases,
        )
        for i in checklist.indicators
    )
    checklist = Checklist(
        checklist.id,
        checklist.title,
        checklist.source,
        checklist.year_window,
        checklist.categories,
        checklist.evidence_types,
        checklist.clusters,
        resolved,
        checklist.origin,
    )
    for slug in config.silence:
        if slug not in RULES:
            warnings.append(("config.unknown_slug", {"slug": slug}))
    year = config.year
    if year is None:
        year = (today or dt.date.today()).year
        warnings.append(("config.year_assumed", {"year": year}))
    return Environment(config, checklist, registry, year, warnings)


def code_parser(checklist: Checklist) -> CodeParser:
    aliases = {a: i.id for i in checklist.indicators for a in i.aliases}
    return CodeParser([i.id for i in checklist.indicators], aliases)


def resolve_scope(
    env: Environment, root: Path, opd: str | None, cluster: str | None, indicator: str | None
) -> Scope:
    scope = Scope()
    if opd:
        found = env.registry.match(opd)
        if found is None:
            raise UsageError("scope.unknown_opd", opd=opd)
        scope.opd = found
        has_child = False
        try:
            with os.scandir(root) as it:
                has_child = any(e.is_dir() and env.registry.match(e.name) == found for e in it)
        except OSError:
            pass
        root_is_opd = env.registry.match(root.resolve().name) == found
        scope.single_opd_folder = root_is_opd or (not has_child and env.config.config_file is None)
    if cluster:
        scope.cluster = match_cluster(env.checklist, cluster)
    if indicator:
        match = code_parser(env.checklist).parse(indicator)
        if match is None or match.kind != "ok":
            raise UsageError("scope.unknown_indicator", indicator=indicator)
        scope.indicator = match.indicator
    return scope


def match_cluster(checklist: Checklist, value: str) -> str:
    """'klaster-1', 'Klaster I', 'I', '1', 'kelembagaan' all name a cluster."""
    from kladoc.opd import normalize_name

    want = normalize_name(value)
    roman = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
    for c in checklist.clusters:
        names = {
            normalize_name(c.id),
            *(normalize_name(x) for x in c.title.values()),
            *(normalize_name(x) for x in c.short.values()),
        }
        tail = normalize_name(c.short.get("id", "")).removeprefix("klaster")
        names |= {tail, roman.get(tail, "")} if tail else set()
        names |= {k for k, v in roman.items() if v == tail}
        if want in names - {""}:
            return c.id
    raise UsageError(
        "scope.unknown_cluster", cluster=value, known=", ".join(c.id for c in checklist.clusters)
    )


def indicators_in_scope(checklist: Checklist, scope: Scope) -> list[Indicator]:
    out = []
    for ind in checklist.indicators:
        if scope.cluster and ind.cluster != scope.cluster:
            continue
        if scope.indicator and ind.id != scope.indicator:
            continue
        if scope.opd and scope.opd.id not in ind.opds:
            continue
        out.append(ind)
    return out


Inspector = Callable[[list[ScannedFile]], list[FileFacts]]


def run_check(
    root: Path,
    *,
    overrides: dict[str, Any] | None = None,
    opd: str | None = None,
    cluster: str | None = None,
    indicator: str | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
    today: dt.date | None = None,
    env: Environment | None = None,
) -> CheckResult:
    """Scan, inspect, classify and evaluate a dossier. Raises only KladocError subclasses."""
    root = Path(root)
    env = env or prepare(root, overrides, today)
    scope = resolve_scope(env, root, opd, cluster, indicator)
    output_dir = env.config.output_dir
    scan = scan_dossier(
        root,
        registry=env.registry,
        parser=code_parser(env.checklist),
        exclude={output_dir},
        only_opd=scope.opd,
        single_opd_folder=scope.single_opd_folder,
        evidence_types=set(env.checklist.evidence_types),
    )
    if scope.single_opd_folder:
        _prefix_paths(scan, root.resolve().name)
    files = scan.files
    if scope.cluster or scope.indicator:
        wanted = {
            i.id
            for i in indicators_in_scope(
                env.checklist, Scope(cluster=scope.cluster, indicator=scope.indicator)
            )
        }
        files = [f for f in files if f.indicator in wanted]
        scan.findings = [f for f in scan.findings if f.indicator in wanted]

    from kladoc.inspection import inspect_files

    facts = inspect_files(
        files,
        root=root,
        use_cache=use_cache,
        jobs=jobs or os.cpu_count() or 1,
        timeout=env.config.inspect_timeout,
        progress=(lambda n: progress("inspect", n, len(files))) if progress else None,
        prune=scope.full,
        warnings=env.warnings,
    )
    evidence = [
        _to_evidence(f, x, env.checklist, env.year) for f, x in zip(files, facts, strict=True)
    ]
    findings = scan.findings + evaluate(evidence, env.checklist, env.config, env.year, env.registry)
    statuses = indicator_status(evidence, env.checklist, env.year, scope)
    findings += gap_findings(statuses, env.checklist, scope, env.registry)
    silenced = set(env.config.silence)
    findings = sort_findings((f for f in findings if f.rule not in silenced), env.checklist)

    score = sum(s.points for s in statuses)
    maximum = sum(s.max_score for s in statuses)
    readiness = Readiness(
        round(score, 1),
        round(maximum, 1),
        env.checklist.category_for(score) if scope.full else None,
        env.checklist.weighted,
    )
    return CheckResult(
        env.config,
        env.checklist,
        env.registry,
        scope,
        env.year,
        evidence,
        findings,
        statuses,
        readiness,
        scan.narratives, env.warnings,
        scan.opd_folders,
        today or dt.date.today(),
    )


def _prefix_paths(scan: Any, prefix: str) -> None:
    for f in scan.files:
        f.rel = str(PurePosixPath(prefix) / f.rel) if not f.rel.startswith(prefix + "/") else f.rel


def _to_evidence(
    f: ScannedFile, facts: FileFacts, checklist: Checklist, eval_year: int
) -> Evidence:
    m = f.manifest
    name = PurePosixPath(f.rel).stem
    folders = " ".join(PurePosixPath(f.rel).parts[1:-1])
    types = checklist.evidence_types.values()
    etype = classify_type(name, facts, types, m.type if m else None)
    if etype.value is None and folders:
        from kladoc.classify import match_type

        found = match_type(folders, types)
        if found:
            etype = type(etype)(found, "name")
    year = classify_year(name, facts, m.year if m else None, eval_year)
    return Evidence(
        path=f.rel,
        opd_folder=f.opd_folder,
        opd=f.opd,
        indicator=f.indicator,
        indicator_source=f.indicator_source,
        type=etype.value,
        type_source=etype.source,
        year=year.value,
        year_source=year.source,
        note=m.note if m else "",
        mtime=f.mtime,
        facts=facts,
    )


def in_window(year: int | None, eval_year: int, window: int) -> bool:
    return year is None or eval_year - window + 1 <= year <= eval_year


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
                    rule, **ctx, detail=facts.detail, suffix=PurePosixPath(ev.path).suffix or "-"
                )
            )
        if facts.size > limit:
            out.append(
                make_finding(
                    "too-large",
                    **ctx,
                    size_mb=f"{facts.size / MIB:.1f}",
                    limit_mb=f"{config.max_file_mb:g}",
                )
            )
        if not ev.usable:
            continue
        if facts.repaired:
            out.append(make_finding("repaired", **ctx, detail=facts.detail))
        if facts.restricted:
            out.append(make_finding("restricted", **ctx))
        if facts.active_content:
            out.append(make_finding("active-content", **ctx, kinds=", ".join(facts.active_content)))
        if facts.kind == "pdf" and facts.has_text is False:
            out.append(make_finding("no-text-layer", **ctx))
        indicator = checklist.indicator(ev.indicator) if ev.indicator else None
        if indicator is None:
            continue
        if ev.type is None:
            out.append(make_finding("unknown-type", **ctx))
        if not _exempt_from_year(ev, checklist):
            if ev.year is None:
                out.append(make_finding("missing-year", **ctx))
            elif not in_window(ev.year, year, indicator.year_window):
                out.append(
                    make_finding(
                        "stale-year",
                        **ctx,
                        year=ev.year,
                        first=year - indicator.year_window + 1,
                        last=year,
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
    evidence: list[Evidence], checklist: Checklist, year: int, scope: Scope
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
                and (_exempt_from_year(e, checklist) or in_window(e.year, year, ind.year_window))
                for e in usable
            )
        ]
        missing = [t for t in ind.evidence if t not in satisfied]
        share = len(satisfied) / len(ind.evidence) if ind.evidence else 0.0
        weight = checklist.weight(ind)
        status = "missing" if not usable else ("complete" if not missing else "partial")
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
                points=round(weight * share, 2),
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
        if s.status == "missing":
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


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def sort_findings(findings: Iterable[Finding], checklist: Checklist) -> list[Finding]:
    """Errors first, then by rule, then in checklist order (so 3 comes before 21a)."""
    order = {i.id: n for n, i in enumerate(checklist.indicators)}
    return sorted(
        findings,
        key=lambda f: (
            _SEVERITY_ORDER[f.severity],
            f.rule,
            order.get(f.indicator or "", -1),
            f.path or "",
        ),
    )


def opd_names(registry: OpdRegistry, ids: Iterable[str]) -> str:
    return ", ".join(registry.opds[i].short if i in registry.opds else i for i in ids)
