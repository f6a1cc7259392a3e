"""What a command looks at: all of the dossier, one OPD, one cluster or one indicator."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from kladoc.answers import supplies
from kladoc.checklist import Checklist, Indicator, Question
from kladoc.codes import CodeParser
from kladoc.errors import UsageError
from kladoc.i18n import t
from kladoc.models import Scope
from kladoc.opd import OpdRegistry

__all__ = [
    "Scope",
    "code_parser",
    "indicators_in_scope",
    "join_or",
    "match_cluster",
    "opd_questions",
    "resolve_scope",
]


def join_or(items: list[str]) -> str:
    """ "21a, 21b atau 21c" in the current language."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('list.or')} {items[-1]}"


def canonical_checklist(checklist: Checklist, registry: OpdRegistry) -> Checklist:
    """The checklist with every OPD reference (id, name or alias, of indicators and
    questions alike) replaced by the registry's canonical id."""

    def canonical(refs: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(registry.resolve(o).id for o in refs))

    indicators = tuple(
        replace(
            i,
            opds=canonical(i.opds),
            questions=tuple(replace(q, opds=canonical(q.opds)) for q in i.questions),
        )
        for i in checklist.indicators
    )
    return Checklist(
        checklist.id,
        checklist.title,
        checklist.source,
        checklist.year_window,
        checklist.categories,
        checklist.evidence_types,
        checklist.clusters,
        indicators,
        checklist.origin,
    )


def code_parser(checklist: Checklist) -> CodeParser:
    aliases = {a: i.id for i in checklist.indicators for a in i.aliases}
    return CodeParser(
        [i.id for i in checklist.indicators], aliases, [q.id for q in checklist.questions]
    )


def resolve_scope(
    registry: OpdRegistry,
    checklist: Checklist,
    root: Path,
    *,
    has_config: bool,
    opd: str | None = None,
    cluster: str | None = None,
    indicator: str | None = None,
) -> Scope:
    """Turn --opd/--cluster/--indicator into a Scope. With --opd, a folder that is that OPD's
    own (by name, or the only sensible reading: no config and no matching child) is scanned
    as the OPD folder itself, which is how a focal point checks a copy of their folder."""
    scope = Scope()
    if opd:
        found = registry.match(opd)
        if found is None:
            near = registry.suggest(opd)
            if near:
                raise UsageError(
                    "scope.unknown_opd_suggest",
                    opd=opd,
                    suggestions=join_or([o.short for o in near]),
                )
            raise UsageError("scope.unknown_opd", opd=opd)
        scope.opd = found
        has_child = False
        try:
            with os.scandir(root) as it:
                has_child = any(e.is_dir() and registry.match(e.name) == found for e in it)
        except OSError:
            pass
        root_is_opd = registry.match(root.resolve().name) == found
        scope.single_opd_folder = root_is_opd or (not has_child and not has_config)
    if cluster:
        scope.cluster = match_cluster(checklist, cluster)
    if indicator:
        match = code_parser(checklist).parse(indicator)
        if match is not None and match.kind == "ambiguous":
            raise UsageError(
                "scope.ambiguous_indicator",
                indicator=indicator,
                candidates=join_or(list(match.candidates)),
            )
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
        if scope.opd and not (
            scope.opd.id in ind.opds or any(supplies(q, scope.opd.id) for q in ind.questions)
        ):
            continue
        out.append(ind)
    return out


def opd_questions(indicator: Indicator, opd_id: str | None) -> tuple[Question, ...]:
    """The questions of an indicator an OPD answers for: those it is a Sumber Data of; all of
    them when it is responsible for the indicator but named for none (or for no OPD)."""
    if opd_id is None:
        return indicator.questions
    own = tuple(q for q in indicator.questions if supplies(q, opd_id))
    return own or indicator.questions
