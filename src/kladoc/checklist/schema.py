"""Validate checklist data (parsed from YAML or XLSX) into a Checklist; read built-in data.

Every problem is a ChecklistError naming the file, the row (YAML line or sheet row) and the
field, because the people who edit these files are not programmers."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from importlib import resources
from typing import Any

from kladoc.checklist import model
from kladoc.checklist.model import (
    ANSWER_KINDS,
    REQUEST_KINDS,
    Category,
    Checklist,
    Cluster,
    EvidenceType,
    Indicator,
    Question,
    Text,
)
from kladoc.datacache import parsed
from kladoc.errors import ChecklistError
from kladoc.i18n import t

SCHEMA_VERSION = 1
DEFAULT_CHECKLIST = "kla-2024"
CODE_RE = re.compile(r"^[0-9]{1,3}[a-z]?$")
QUESTION_RE = re.compile(r"^(?P<indicator>[0-9]{1,3}[a-z]?)\.(?P<number>[0-9]{1,2}[a-z]{0,2})$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
LINE = "__line__"  # key the YAML loader adds to every mapping, for error locations
KEY_LINES = "__key_lines__"
META_KEYS = (LINE, KEY_LINES, "__where__")


@functools.lru_cache(maxsize=1)
def _line_loader() -> Any:
    """A YAML loader that records the line of every mapping and key, for error locations;
    built on first use (PyYAML is imported only when YAML is parsed: the built-in
    checklists come from kladoc.datacache)."""
    import yaml

    # the C parser (libyaml) when PyYAML has it: the 274 questions parse ~5x faster
    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):
        pass

    def mapping_with_line(loader: Any, node: Any) -> dict[str, Any]:
        mapping: dict[str, Any] = {
            str(k): v for k, v in loader.construct_mapping(node, deep=True).items()
        }
        mapping[LINE] = node.start_mark.line + 1
        # the line of each key, so an error points at the field itself
        mapping[KEY_LINES] = {
            str(k.value): k.start_mark.line + 1 for k, _v in node.value if hasattr(k, "value")
        }
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping_with_line)
    return LineLoader


def builtin_ids() -> list[str]:
    data = resources.files("kladoc.checklist") / "data"
    return sorted(p.name[:-5] for p in data.iterdir() if p.name.endswith(".yaml"))


@functools.lru_cache(maxsize=8)
def load_builtin(checklist_id: str) -> Checklist:
    """A built-in checklist, parsed once per process (it is immutable data) and kept parsed
    across runs (kladoc.datacache)."""
    data = (resources.files("kladoc.checklist") / "data" / f"{checklist_id}.yaml").read_bytes()
    return parsed(
        f"checklist-{checklist_id}",
        data,
        lambda: from_yaml_text(data.decode("utf-8"), f"builtin:{checklist_id}"),
        Checklist,
        (__file__, model.__file__),
    )


def from_yaml_text(text: str, origin: str) -> Checklist:
    import yaml

    try:
        data = yaml.load(text, Loader=_line_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = t("loc.line", line=mark.line + 1) if mark else "-"
        raise ChecklistError(
            "checklist.invalid",
            file=origin,
            where=where,
            field="-",
            problem=t("checklist.yaml_syntax", detail=getattr(exc, "problem", None) or str(exc)),
        ) from exc
    return build_checklist(data, origin)


class _Validator:
    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, where: str, field: str, problem_key: str, **params: Any) -> ChecklistError:
        return ChecklistError(
            "checklist.invalid",
            file=self.origin,
            where=where,
            field=field,
            problem=t(problem_key, **params),
        )

    @staticmethod
    def where(node: Any, key: str | None = None, fallback: str = "-") -> str:
        if isinstance(node, Mapping):
            key_line = node.get(KEY_LINES, {}).get(key) if key else None
            if key_line:
                return t("loc.line", line=key_line)
            if LINE in node:
                return t("loc.line", line=node[LINE])
            if "__where__" in node:
                return str(node["__where__"])
        return fallback

    def keys(
        self, node: Mapping[str, Any], allowed: set[str], required: set[str], ctx: str
    ) -> None:
        for key in node:
            if key in META_KEYS:
                continue
            if key not in allowed:
                raise self.fail(self.where(node, key), f"{ctx}{key}", "checklist.unknown_field")
        for key in sorted(required):
            if node.get(key) in (None, ""):
                raise self.fail(self.where(node, key), f"{ctx}{key}", "checklist.missing_field")

    def text(self, node: Mapping[str, Any], key: str, ctx: str, required: bool = True) -> Text:
        value = node.get(key)
        if value is None and not required:
            return {}
        if isinstance(value, str) and value.strip():
            return {"id": value.strip()}
        if isinstance(value, Mapping):
            out = {k: str(v).strip() for k, v in value.items() if k in ("id", "en") and v}
            extra = [k for k in value if k not in ("id", "en", *META_KEYS)]
            if extra:
                raise self.fail(
                    self.where(node, key), f"{ctx}{key}.{extra[0]}", "checklist.unknown_field"
                )
            if "id" in out:
                return out
        raise self.fail(self.where(node, key), f"{ctx}{key}", "checklist.bad_text")

    def number(self, node: Mapping[str, Any], key: str, ctx: str) -> float:
        value = node.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise self.fail(
                self.where(node, key), f"{ctx}{key}", "checklist.bad_number", value=value
            )
        return float(value)

    def integer(self, node: Mapping[str, Any], key: str, ctx: str, default: int) -> int:
        value = node.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(
                self.where(node, key), f"{ctx}{key}", "checklist.bad_integer", value=value
            )
        return value

    def str_list(self, node: Mapping[str, Any], key: str, ctx: str) -> tuple[str, ...]:
        value = node.get(key) or []
        if isinstance(value, str):
            value = [v for v in re.split(r"[,;\n]", value)]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            raise self.fail(self.where(node, key), f"{ctx}{key}", "checklist.bad_list")
        return tuple(s for s in (str(v).strip() for v in value) if s)


def normalize_code(value: Any) -> str:
    return str(value).strip().lower()


def build_checklist(data: Any, origin: str) -> Checklist:
    """Validate plain data (as parsed from YAML or XLSX) into a Checklist."""
    v = _Validator(origin)
    if not isinstance(data, Mapping):
        raise v.fail("-", "-", "checklist.not_mapping")
    v.keys(
        data,
        {
            "schema",
            "id",
            "title",
            "source",
            "year_window",
            "categories",
            "evidence_types",
            "clusters",
            "indicators",
            "questions",
        },
        {"schema", "id", "title", "categories", "evidence_types", "clusters", "indicators"},
        "",
    )
    if data["schema"] != SCHEMA_VERSION:
        raise v.fail(
            v.where(data),
            "schema",
            "checklist.bad_schema",
            value=data["schema"],
            expected=SCHEMA_VERSION,
        )
    year_window = v.integer(data, "year_window", "", 2)

    categories = _categories(v, data["categories"])
    evidence_types = _evidence_types(v, data["evidence_types"])
    clusters = _clusters(v, data["clusters"])
    indicators = _indicators(v, data["indicators"], clusters, evidence_types, year_window)
    if data.get("questions") not in (None, []):
        indicators = _questions(v, data["questions"], indicators, evidence_types)

    return Checklist(
        id=str(data["id"]).strip(),
        title=v.text(data, "title", ""),
        source=str(data.get("source") or ""),
        year_window=year_window,
        categories=tuple(categories),
        evidence_types=evidence_types,
        clusters=tuple(clusters),
        indicators=tuple(indicators),
        origin=origin,
    )


def _items(v: _Validator, value: Any, field: str) -> list[Mapping[str, Any]]:
    if not isinstance(value, list) or not value:
        raise v.fail("-", field, "checklist.bad_list")
    for n, item in enumerate(value, 1):
        if not isinstance(item, Mapping):
            raise v.fail("-", f"{field}[{n}]", "checklist.not_mapping")
    return value


def _categories(v: _Validator, value: Any) -> list[Category]:
    out: list[Category] = []
    for n, node in enumerate(_items(v, value, "categories"), 1):
        ctx = f"categories[{n}]."
        v.keys(node, {"name", "min", "max"}, {"name"}, ctx)
        cat = Category(str(node["name"]), v.number(node, "min", ctx), v.number(node, "max", ctx))
        if cat.min > cat.max or (out and cat.min <= out[-1].max):
            raise v.fail(v.where(node, "min"), f"{ctx}min", "checklist.bad_range")
        out.append(cat)
    return out


def _evidence_types(v: _Validator, value: Any) -> dict[str, EvidenceType]:
    if not isinstance(value, Mapping) or not [k for k in value if k not in META_KEYS]:
        raise v.fail("-", "evidence_types", "checklist.not_mapping")
    out: dict[str, EvidenceType] = {}
    for key, node in value.items():
        if key in META_KEYS:
            continue
        ctx = f"evidence_types.{key}."
        if not SLUG_RE.match(str(key)):
            raise v.fail(v.where(value), f"evidence_types.{key}", "checklist.bad_slug")
        if not isinstance(node, Mapping):
            raise v.fail(v.where(value), f"evidence_types.{key}", "checklist.not_mapping")
        v.keys(node, {"title", "keywords", "any_year"}, {"title"}, ctx)
        any_year = node.get("any_year", False)
        if not isinstance(any_year, bool):
            raise v.fail(
                v.where(node, "any_year"), f"{ctx}any_year", "checklist.bad_bool", value=any_year
            )
        keywords = tuple(k.lower() for k in v.str_list(node, "keywords", ctx))
        out[str(key)] = EvidenceType(str(key), v.text(node, "title", ctx), keywords, any_year)
    return out


def _clusters(v: _Validator, value: Any) -> list[Cluster]:
    out: list[Cluster] = []
    seen: set[str] = set()
    for n, node in enumerate(_items(v, value, "clusters"), 1):
        ctx = f"clusters[{n}]."
        v.keys(node, {"id", "title", "short"}, {"id", "title"}, ctx)
        cid = str(node["id"]).strip()
        if not SLUG_RE.match(cid) or cid in seen:
            raise v.fail(
                v.where(node, "id"), f"{ctx}id", "checklist.duplicate_or_bad_id", value=cid
            )
        seen.add(cid)
        title = v.text(node, "title", ctx)
        out.append(Cluster(cid, title, v.text(node, "short", ctx, required=False) or title))
    return out


def _indicators(
    v: _Validator,
    value: Any,
    clusters: Iterable[Cluster],
    evidence_types: Mapping[str, EvidenceType],
    default_window: int,
) -> list[Indicator]:
    cluster_ids = {c.id for c in clusters}
    out: list[Indicator] = []
    codes: dict[str, str] = {}
    nodes = _items(v, value, "indicators")
    weighted = nodes[0].get("max_score") is not None
    for n, node in enumerate(nodes, 1):
        ctx = f"indicators[{n}]."
        v.keys(
            node,
            {"id", "cluster", "title", "max_score", "opds", "evidence", "year_window", "aliases"},
            {"id", "cluster", "title", "evidence"},
            ctx,
        )
        code = normalize_code(node["id"])
        if not CODE_RE.match(code):
            raise v.fail(v.where(node, "id"), f"{ctx}id", "checklist.bad_code", value=node["id"])
        aliases = tuple(a.lower() for a in v.str_list(node, "aliases", ctx))
        for key in (code, *aliases):
            if key in codes:
                raise v.fail(
                    v.where(node, "id"), f"{ctx}id", "checklist.duplicate_or_bad_id", value=key
                )
            codes[key] = code
        cluster = str(node["cluster"]).strip()
        if cluster not in cluster_ids:
            raise v.fail(
                v.where(node, "cluster"), f"{ctx}cluster", "checklist.unknown_ref", value=cluster
            )
        if (node.get("max_score") is not None) != weighted:
            raise v.fail(v.where(node, "max_score"), f"{ctx}max_score", "checklist.mixed_weights")
        evidence = v.str_list(node, "evidence", ctx)
        for ev in evidence:
            if ev not in evidence_types:
                raise v.fail(
                    v.where(node, "evidence"), f"{ctx}evidence", "checklist.unknown_ref", value=ev
                )
        out.append(
            Indicator(
                id=code,
                cluster=cluster,
                title=v.text(node, "title", ctx),
                max_score=v.number(node, "max_score", ctx) if weighted else None,
                opds=v.str_list(node, "opds", ctx),
                evidence=evidence,
                year_window=v.integer(node, "year_window", ctx, default_window),
                aliases=aliases,
            )
        )
    return out


def normalize_question_code(value: Any) -> str:
    """ "1.2A", " 21a.4 b" → "1.2a", "21a.4b" (the source carries stray spaces)."""
    return re.sub(r"\s+", "", str(value)).lower()


def _questions(
    v: _Validator,
    value: Any,
    indicators: list[Indicator],
    evidence_types: Mapping[str, EvidenceType],
) -> list[Indicator]:
    """Attach each question to its indicator (named by the code before the dot)."""
    by_indicator: dict[str, list[Question]] = {i.id: [] for i in indicators}
    seen: set[str] = set()
    for n, node in enumerate(_items(v, value, "questions"), 1):
        ctx = f"questions[{n}]."
        v.keys(
            node,
            {
                "id",
                "source_id",
                "text",
                "max_score",
                "opds",
                "requests",
                "answer",
                "evidence",
                "kecamatan",
                "desa",
            },
            {"id", "text"},
            ctx,
        )
        code = normalize_question_code(node["id"])
        m = QUESTION_RE.match(code)
        if not m or code in seen:
            raise v.fail(
                v.where(node, "id"), f"{ctx}id", "checklist.bad_question_code", value=node["id"]
            )
        seen.add(code)
        indicator = m.group("indicator")
        if indicator not in by_indicator:
            raise v.fail(v.where(node, "id"), f"{ctx}id", "checklist.unknown_ref", value=indicator)
        if node.get("max_score") in (None, ""):
            raise v.fail(v.where(node, "max_score"), f"{ctx}max_score", "checklist.missing_field")
        requests = v.str_list(node, "requests", ctx)
        answer = v.str_list(node, "answer", ctx) or ("yes_no",)
        evidence = v.str_list(node, "evidence", ctx)
        for key, values, allowed in (
            ("requests", requests, REQUEST_KINDS),
            ("answer", answer, ANSWER_KINDS),
            ("evidence", evidence, tuple(evidence_types)),
        ):
            bad = [x for x in values if x not in allowed]
            if bad:
                raise v.fail(
                    v.where(node, key),
                    f"{ctx}{key}",
                    "checklist.bad_choice",
                    value=bad[0],
                    allowed=", ".join(allowed),
                )
        flags = {}
        for key in ("kecamatan", "desa"):
            flag = node.get(key, False)
            if not isinstance(flag, bool):
                raise v.fail(v.where(node, key), f"{ctx}{key}", "checklist.bad_bool", value=flag)
            flags[key] = flag
        by_indicator[indicator].append(
            Question(
                id=code,
                indicator=indicator,
                number=m.group("number"),
                text=v.text(node, "text", ctx),
                max_score=v.number(node, "max_score", ctx),
                opds=v.str_list(node, "opds", ctx),
                requests=tuple(dict.fromkeys(requests)),
                answer=tuple(dict.fromkeys(answer)),
                evidence=evidence,
                kecamatan=flags["kecamatan"],
                desa=flags["desa"],
                source_id=str(node.get("source_id") or ""),
            )
        )
    return [replace(i, questions=tuple(by_indicator[i.id])) for i in indicators]
