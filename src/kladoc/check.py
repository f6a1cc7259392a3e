"""`kladoc check` as a function: dossier folder in, inventory + findings + status out."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from kladoc.answers import read_answers
from kladoc.checklist import Checklist, load_checklist
from kladoc.checklist.model import EvidenceType
from kladoc.classify import Guess, classify_type, classify_year
from kladoc.config import Config, load_config
from kladoc.errors import ConfigError, UsageError
from kladoc.evaluate import evaluate, gap_findings, indicator_status, left_out, sort_findings
from kladoc.models import (  # CheckResult, Readiness: also importable from here
    CheckResult,
    Evidence,
    FileFacts,
    Readiness,
)
from kladoc.opd import AliasConflict, OpdRegistry
from kladoc.questions import unassigned_findings
from kladoc.rules import RULES
from kladoc.scan import ScannedFile, scan_dossier
from kladoc.scope import (  # noqa: F401 - re-exported: the check API in one place
    Scope,
    canonical_checklist,
    code_parser,
    indicators_in_scope,
    match_cluster,
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
    parser = code_parser(env.checklist)
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
    )
    scan.findings += answers.findings
    if scope.cluster or scope.indicator:
        wanted = {
            i.id
            for i in indicators_in_scope(
                env.checklist, Scope(cluster=scope.cluster, indicator=scope.indicator)
            )
        }
        files = [f for f in files if f.indicator in wanted]
        scan.findings = [f for f in scan.findings if f.indicator in wanted]

    from kladoc.inspection import inspect_and_classify

    types = tuple(env.checklist.evidence_types.values())
    run_key = json.dumps([env.year, [[t.id, list(t.keywords)] for t in types]])
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
    findings = scan.findings + evaluate(evidence, env.checklist, env.config, env.year, env.registry)
    statuses = indicator_status(evidence, env.checklist, env.year, scope, env.config.evidence_years)
    findings += gap_findings(statuses, env.checklist, scope, env.registry)
    findings += unassigned_findings(evidence, env.checklist)
    findings += libreoffice_findings(evidence)
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
        scan.narratives,
        env.warnings,
        scan.opd_folders,
        today or dt.date.today(),
        left_out(evidence, findings, env.checklist),
    )


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
    return json.dumps([run_key, f.rel, m.type if m else None, m.year if m else None])


def _classify(
    f: ScannedFile, facts: FileFacts, types: tuple[EvidenceType, ...], eval_year: int
) -> tuple[str | None, str, int | None, str]:
    m = f.manifest
    name = PurePosixPath(f.rel).stem
    folders = " ".join(PurePosixPath(f.rel).parts[1:-1])
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
