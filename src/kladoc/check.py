"""`kladoc check` as a function: dossier folder in, inventory + findings + status out."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from kladoc import resultcache
from kladoc.answers import Answers, read_answers
from kladoc.cache import inspection_options
from kladoc.checklist import Checklist, Indicator, load_checklist
from kladoc.checklist.model import EvidenceType
from kladoc.classify import Guess, classify_type, classify_year
from kladoc.codes import CodeParser
from kladoc.config import Config, load_config
from kladoc.errors import ConfigError, UsageError
from kladoc.evaluate import (
    duplicate_findings,
    evaluate,
    indicator_status,
    left_out,
    opd_names,
    sort_findings,
    year_ok,
    year_range,
)
from kladoc.evaluate import gap_findings as evaluate_gap_findings
from kladoc.i18n import t
from kladoc.models import (  # CheckResult, Readiness: also importable from here
    GAP_RULES,
    CheckResult,
    Evidence,
    FileFacts,
    Finding,
    IndicatorState,
    IndicatorStatus,
    QuestionStatus,
    Readiness,
    opd_view,
)
from kladoc.opd import AliasConflict, OpdRegistry
from kladoc.questions import answer_findings, question_statuses, unassigned_findings
from kladoc.questions import gap_findings as question_gap_findings
from kladoc.rules import RULES
from kladoc.scan import ScannedFile, scan_dossier
from kladoc.scope import (  # noqa: F401 - re-exported: the check API in one place
    Scope,
    canonical_checklist,
    code_parser,
    indicators_in_scope,
    match_cluster,
    opd_questions,
    resolve_scope,
)
from kladoc.soffice import libreoffice_findings


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
    if config.ocr:
        from kladoc.ocr import INSTALL_HINT, available

        if not available():
            raise UsageError("ocr.unavailable", command=INSTALL_HINT)
    warnings = list(config.warnings)
    checklist = load_checklist(config.checklist, config.checklist_base)
    registry = OpdRegistry.builtin(region=config.region)
    try:
        registry.extend(config.opd_aliases)
    except AliasConflict as exc:
        raise ConfigError(
            "config.alias_conflict", alias=exc.alias, first=exc.first, second=exc.second
        ) from exc

    checklist = canonical_checklist(checklist, registry)
    for slug in config.silence:
        if slug not in RULES:
            warnings.append(("config.unknown_slug", {"slug": slug}))
    year = config.year
    if year is None:
        year = (today or dt.date.today()).year
        warnings.append(("config.year_assumed", {"year": year}))
    return Environment(config, checklist, registry, year, warnings)


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
    today = today or dt.date.today()
    kept: tuple[Path, str] | None = None
    if use_cache:
        kept = _kept_result(env, root, opd, cluster, indicator, today)
        if kept is not None:
            hit = resultcache.load(*kept, env)
            if hit is not None:
                return hit
    env_warnings = len(env.warnings)
    scope = resolve_scope(
        env.registry,
        env.checklist,
        root,
        has_config=env.config.config_file is not None,
        opd=opd,
        cluster=cluster,
        indicator=indicator,
    )
    output_dir = env.config.output_dir
    parser = parser_for(env.checklist)
    scan = scan_dossier(
        root,
        registry=env.registry,
        parser=parser,
        exclude={output_dir},
        only_opd=scope.opd,
        single_opd_folder=scope.single_opd_folder,
        evidence_types=set(env.checklist.evidence_types),
    )
    if scope.single_opd_folder:
        _prefix_paths(scan, root.resolve().name)
    files = scan.files
    answer_cache: dict[str, Any] = {}
    answers = read_answers(
        root,
        []
        if scope.single_opd_folder
        else [
            (name, opd_id)
            for name, opd_id in scan.opd_folders.items()
            if scope.opd is None or opd_id == scope.opd.id
        ],
        env.checklist,
        parser,
        root_rel=root.resolve().name if scope.single_opd_folder else "",
        cache=answer_cache,
    )
    if scope.cluster or scope.indicator:
        wanted = {
            i.id
            for i in indicators_in_scope(
                env.checklist, Scope(cluster=scope.cluster, indicator=scope.indicator)
            )
        }
        files = [f for f in files if f.indicator in wanted]

    from kladoc.inspection import inspect_and_classify

    types = tuple(env.checklist.evidence_types.values())
    # short: it is stored with every file's classification
    run_key = hashlib.sha256(
        json.dumps([env.year, [[t.id, list(t.keywords)] for t in types]]).encode()
    ).hexdigest()[:32]
    facts, classes = inspect_and_classify(
        files,
        root=root,
        use_cache=use_cache,
        jobs=jobs or _default_jobs(env.config.ocr),
        timeout=env.config.inspect_timeout,
        progress=(lambda n: progress("inspect", n, len(files))) if progress else None,
        prune=scope.full,
        warnings=env.warnings,
        ocr=env.config.ocr,
        classify=lambda f, x: _classify(f, x, types, env.year),
        class_key=lambda f: _class_key(f, run_key),
    )
    evidence = [_to_evidence(f, x, c) for f, x, c in zip(files, facts, classes, strict=True)]
    for ev in evidence:
        # the text only serves classification; thousands of pages of it need not stay in memory
        ev.facts.text = ""
    result = assemble(
        env,
        scope,
        evidence,
        scan.findings,
        answers,
        narratives=scan.narratives,
        opd_folders=scan.opd_folders,
        today=today,
    )
    result.answer_cache = answer_cache
    if scope.opd is None:
        result.opd_views = {
            opd_id: opd_view(scope_to_opd(result, opd_id, summary=True), opd_id)
            for opd_id in opds_of(result)
        }
    if kept is not None and resultcache.keepable(result, env_warnings):
        resultcache.store(*kept, result, env)
    return result


def _kept_result(
    env: Environment,
    root: Path,
    opd: str | None,
    cluster: str | None,
    indicator: str | None,
    today: dt.date,
) -> tuple[Path, str] | None:
    """Where this check's result is kept, and its key (kladoc.resultcache)."""
    scope = {"opd": opd, "cluster": cluster, "indicator": indicator}
    options = inspection_options(env.config.ocr)
    key = resultcache.result_key(env, root, scope=scope, today=today, ocr_options=options)
    return None if key is None else (resultcache.result_file(root, scope), key)


def opds_of(result: CheckResult) -> list[str]:
    """The OPDs a result concerns: responsible for an indicator or question in it, or
    having sent files or having a folder."""
    ids: dict[str, None] = {}
    for s in result.indicators:
        ind = result.checklist.indicator(s.id)
        if ind is None:
            continue
        ids.update(dict.fromkeys(ind.opds))
        for q in ind.questions:
            ids.update(dict.fromkeys(q.opds))
    ids.update(dict.fromkeys(e.opd for e in result.evidence if e.opd))
    ids.update(dict.fromkeys(o for o in result.opd_folders.values() if o))
    return [o for o in ids if o in result.registry.opds]


def scope_to_opd(result: CheckResult, opd_id: str, *, summary: bool = False) -> CheckResult:
    """The one OPD scope: narrow a result to one OPD by evaluating again with only that OPD's
    own evidence, its own findings from the scan and the answers of the root workbook and its
    own: exactly what `check --opd` sees. Every OPD-scoped figure comes from here.

    With `summary`, only what :func:`kladoc.models.opd_view` reads is complete (see
    :func:`assemble`)."""
    if result.scope.opd is not None:
        if result.scope.opd.id == opd_id:
            return result
        raise UsageError("scope.unknown_opd", opd=opd_id)
    opd = result.registry.opds[opd_id]
    scope = Scope(opd=opd, cluster=result.scope.cluster, indicator=result.scope.indicator)
    env = Environment(result.config, result.checklist, result.registry, result.year, [])
    cache = result.answer_cache
    answers = read_answers(
        result.config.root,
        [(name, o) for name, o in result.opd_folders.items() if o == opd_id],
        result.checklist,
        parser_for(result.checklist),
        cache=cache,
    )
    evidence, own, scan_findings = _opd_parts(result, opd_id)
    narrowed = assemble(
        env,
        scope,
        evidence,
        scan_findings,
        answers,
        narratives=result.narratives,
        opd_folders={k: v for k, v in result.opd_folders.items() if v == opd_id},
        today=result.today,
        file_findings=own + duplicate_findings(evidence),
        summary=summary,
    )
    narrowed.warnings = list(result.warnings)
    narrowed.answer_cache = cache
    return narrowed


def _opd_parts(
    result: CheckResult, opd_id: str
) -> tuple[list[Evidence], list[Finding], list[Finding]]:
    """An OPD's own evidence, per-file findings (but duplicates, which depend on the other
    files) and scan findings, grouped once per result for all of its OPD views."""
    lists = (result.evidence, result.file_findings, result.scan_findings)
    stamp = tuple((id(x), len(x)) for x in lists)
    groups = result.opd_groups
    if groups.get("stamp") != stamp:
        evidence: dict[str, list[Evidence]] = {}
        files: dict[str, list[Finding]] = {}
        scanned: dict[str, list[Finding]] = {}
        for e in result.evidence:
            evidence.setdefault(e.opd or "", []).append(e)
        for f in result.file_findings:
            if f.rule != "duplicate":
                files.setdefault(f.opd or "", []).append(f)
        for f in result.scan_findings:
            scanned.setdefault(f.opd or "", []).append(f)
        groups.clear()
        groups.update(stamp=stamp, evidence=evidence, files=files, scan=scanned)
    return (
        list(groups["evidence"].get(opd_id, [])),
        list(groups["files"].get(opd_id, [])),
        list(groups["scan"].get(opd_id, [])),
    )


# parsers by the identity of the checklist they were built from (kept alive with it): each
# OPD view of a result reads its answers with the same one, and its memo of names
_PARSERS: dict[int, tuple[Checklist, CodeParser]] = {}


def parser_for(checklist: Checklist) -> CodeParser:
    """`code_parser(checklist)`, built once per checklist."""
    hit = _PARSERS.get(id(checklist))
    if hit is None or hit[0] is not checklist:
        if len(_PARSERS) >= 8:
            _PARSERS.clear()
        hit = _PARSERS[id(checklist)] = (checklist, code_parser(checklist))
    return hit[1]


def window_test(checklist: Checklist, year: int, config: Config) -> Callable[[Evidence], bool]:
    """Whether a file's year is in its indicator's window (types in force count any year)."""

    def in_window(ev: Evidence) -> bool:
        et = checklist.evidence_types.get(ev.type or "")
        if et is not None and et.any_year:
            return True
        ind = checklist.indicator(ev.indicator) if ev.indicator else None
        window = ind.year_window if ind else 2
        return year_ok(ev.year, year_range(year, window, config.evidence_years))

    return in_window


def assemble(
    env: Environment,
    scope: Scope,
    evidence: list[Evidence],
    scan_findings: list[Finding],
    answers: Answers,
    *,
    narratives: dict[str, list[str]],
    opd_folders: dict[str, str | None],
    today: dt.date,
    file_findings: list[Finding] | None = None,
    summary: bool = False,
) -> CheckResult:
    """Evaluate an inventory in a scope: file rules, indicator and question status, both
    scores, the gaps. Pure over its inputs (no file is read). `file_findings`: the per-file
    findings of exactly this evidence when already known (an OPD narrowed from a full check).
    With `summary` (the figures of an OPD view only), the findings are left unsorted and
    without their shared-gap remedies, and the left-out list empty: counts and scores are
    those of the full evaluation."""
    checklist = env.checklist
    base = scan_findings + answers.findings
    if scope.cluster or scope.indicator:
        wanted = {
            i.id
            for i in indicators_in_scope(
                checklist, Scope(cluster=scope.cluster, indicator=scope.indicator)
            )
        }
        base = [f for f in base if f.indicator in wanted]
    if file_findings is None:
        file_findings = (
            evaluate(evidence, checklist, env.config, env.year, env.registry)
            + unassigned_findings(evidence, checklist)
            + libreoffice_findings(evidence)
        )
    findings = base + file_findings
    statuses = indicator_status(evidence, checklist, env.year, scope, env.config.evidence_years)
    opd_id = scope.opd.id if scope.opd else None
    questions = question_statuses(
        evidence,
        checklist,
        answers.by_question,
        window_test(checklist, env.year, env.config),
        indicators=[s.id for s in statuses if s.id],
    )
    by_indicator: dict[str, list[QuestionStatus]] = {}
    for q in questions:
        by_indicator.setdefault(q.indicator, []).append(q)
    answered = answers.any
    plain: list[IndicatorStatus] = []
    with_questions: list[QuestionStatus] = []
    for s in statuses:
        ind = checklist.indicator(s.id)
        assert ind is not None
        if not ind.questions:
            plain.append(s)
            continue
        own = {q.id for q in opd_questions(ind, opd_id)}
        qs = [q for q in by_indicator.get(s.id, []) if q.id in own]
        apply_questions(s, ind, qs, answered)
        with_questions.extend(qs)
    findings += evaluate_gap_findings(plain, checklist, scope, env.registry)
    findings += question_gap_findings(with_questions, opd=opd_id)
    findings += answer_findings(with_questions, answered)
    if opd_id is not None and not summary:
        findings = [mark_shared(f, opd_id, checklist, env.registry) for f in findings]
    silenced = set(env.config.silence)
    findings = [f for f in findings if f.rule not in silenced]
    if not summary:
        findings = sort_findings(findings, checklist)

    score = round(sum(s.points for s in statuses), 2)
    maximum = sum(s.max_score for s in statuses)
    claimed = (
        round(sum(s.claimed or 0.0 for s in statuses), 2)
        if answered and any(s.claimed is not None for s in statuses)
        else None
    )
    at_risk = round(sum(s.at_risk or 0.0 for s in statuses), 2) if claimed is not None else None
    readiness = Readiness(
        round(score, 1),
        round(maximum, 1),
        checklist.category_for(score) if scope.full else None,
        checklist.weighted,
        None if claimed is None else round(claimed, 1),
        None if at_risk is None else round(at_risk, 1),
    )
    result = CheckResult(
        env.config,
        checklist,
        env.registry,
        scope,
        env.year,
        evidence,
        findings,
        statuses,
        readiness,
        narratives,
        env.warnings,
        opd_folders,
        today,
        [] if summary else left_out(evidence, findings, env.checklist),
    )
    result.scan_findings = list(scan_findings)
    result.file_findings = file_findings
    return result


def apply_questions(
    s: IndicatorStatus, ind: Indicator, qs: list[QuestionStatus], answered: bool
) -> None:
    """An indicator with questions stands as its questions do: points are their sum capped at
    the indicator maximum (in an OPD view: at the maximum of the OPD's own questions);
    complete when every scored question is, partial when it has points, else missing."""
    maximum = ind.cap(sum(q.max_score for q in qs))
    points = round(min(maximum, sum(q.points for q in qs)), 2)
    s.questions = qs
    s.max_score = round(maximum, 2)
    s.points = points
    scored = [q for q in qs if q.max_score > 0]
    if scored and all(q.status == "complete" for q in scored):
        s.status = IndicatorState.COMPLETE
    elif points > 0:
        s.status = IndicatorState.PARTIAL
    else:
        s.status = IndicatorState.MISSING
    # the indicator-level evidence types do not decide anything here
    s.satisfied = []
    s.missing_types = []
    if answered:
        s.claimed = round(min(maximum, sum(q.claimed for q in qs)), 2)
        s.at_risk = round(max(0.0, s.claimed - points), 2)


def mark_shared(f: Finding, reader: str, checklist: Checklist, registry: OpdRegistry) -> Finding:
    """In an OPD view, a gap of an indicator or question other OPDs also supply is marked as
    shared, and its remedy tells the reader what is theirs to do."""
    if f.rule not in SHARED_RULES or not f.indicator:
        return f
    ind = checklist.indicator(f.indicator)
    if ind is None:
        return f
    if f.question:
        q = checklist.question(f.question)
        others = [o for o in (q.opds if q else ind.opds) if o != reader]
    elif ind.questions:
        others = [o for q in opd_questions(ind, reader) for o in q.opds if o != reader]
    else:
        others = [o for o in ind.opds if o != reader]
    others = list(dict.fromkeys(others))
    if not others:
        return f
    remedy = t(
        "scope.shared_remedy",
        opd=registry.label(reader, True),
        others=opd_names(registry, others),
        remedy=f.remedy,
    )
    return replace(f, shared_with=tuple(others), remedy=remedy)


SHARED_RULES = frozenset(GAP_RULES)


def _default_jobs(ocr: bool) -> int:
    jobs = os.cpu_count() or 1
    if ocr:
        from kladoc.ocr import MAX_DEFAULT_JOBS

        # OCR is CPU-bound; each OCR worker peaks near 205 MB (kladoc.ocr)
        jobs = min(jobs, MAX_DEFAULT_JOBS)
    return jobs


def _prefix_paths(scan: Any, prefix: str) -> None:
    for f in scan.files:
        f.rel = str(PurePosixPath(prefix) / f.rel) if not f.rel.startswith(prefix + "/") else f.rel


def _class_key(f: ScannedFile, run_key: str) -> str:
    """Everything `_classify` reads besides the file's facts (cached with them)."""
    m = f.manifest
    # the path is the cache entry's own key; NUL never occurs in a type id or a year
    return f"{run_key}\0{m.type if m else None}\0{m.year if m else None}"


def _classify(
    f: ScannedFile, facts: FileFacts, types: tuple[EvidenceType, ...], eval_year: int
) -> tuple[str | None, str, int | None, str]:
    m = f.manifest
    rel = PurePosixPath(f.rel)  # parsed once: it is most of a file's classification
    name = rel.stem
    folders = " ".join(rel.parts[1:-1])
    etype = classify_type(name, facts, types, m.type if m else None)
    if etype.value is None and folders:
        from kladoc.classify import match_type

        found = match_type(folders, types)
        if found:
            etype = Guess(found, "name")
    year = classify_year(name, facts, m.year if m else None, eval_year)
    return etype.value, etype.source, year.value, year.source


def _to_evidence(
    f: ScannedFile, facts: FileFacts, classes: tuple[str | None, str, int | None, str]
) -> Evidence:
    m = f.manifest
    etype, type_source, year, year_source = classes
    return Evidence(
        path=f.rel,
        opd_folder=f.opd_folder,
        opd=f.opd,
        indicator=f.indicator,
        indicator_source=f.indicator_source,
        question=f.question,
        question_source=f.question_source,
        type=etype,
        type_source=type_source,
        year=year,
        year_source=year_source,
        note=m.note if m else "",
        mtime=f.mtime,
        facts=facts,
    )
