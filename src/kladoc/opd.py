"""OPD (perangkat daerah) names: one canonical entry per office, many spellings.

Matching ignores case, accents, spacing and punctuation, an ordering prefix ("01 Dinkes"),
the region as a suffix ("Dinas Kesehatan Kota Contoh", "Dinkes Kab. Contoh", "… Pemkot X") and
the marks a copy leaves on a folder name ("Dinas Kesehatan (2)", "Copy of Dinsos", "… - Salinan").
A folder name that is only a close typo ("Dinas Sosiall") is matched by `lookup`, flagged as
a guess so the user is told; option values (`--opd`) are never guessed, only `suggest`ed."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from kladoc.datacache import parsed
from kladoc.text import ascii_fold, slug

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ORDER_PREFIX = re.compile(r"^[0-9]{1,3}(?=[a-z])")
# What Windows Explorer, Google Drive and WhatsApp add to a copied folder's name
_COPY_MARKS = (
    re.compile(r"^\s*(?:copy\s+of|salinan\s+dari|salinan)\s+", re.I),
    re.compile(r"\s*[-–—_]?\s*(?:copy|salinan|kopi)(?:\s*\(\d+\))?\s*$", re.I),
    re.compile(r"\s*\(\d{1,3}\)\s*$"),
)
_REGION_KINDS = r"(?:kab\.?|kabupaten|kota|pemkab|pemkot|pemerintah\s+(?:kabupaten|kota))"
_REGION_WORD = re.compile(r"^\s*" + _REGION_KINDS + r"\s+", re.I)
# a guess must be close (one or two letters off) and clearly closer than any other OPD
FUZZY_MIN_RATIO = 0.88
FUZZY_MARGIN = 0.04
FUZZY_MIN_LENGTH = 6


def normalize_name(name: str) -> str:
    return _NON_ALNUM.sub("", ascii_fold(name).lower())


def strip_copy_marks(name: str) -> str:
    """ "Dinas Kesehatan (2)", "Copy of Dinsos", "Dinkes - Salinan" → the name underneath."""
    previous = None
    while previous != name:
        previous = name
        for mark in _COPY_MARKS:
            name = mark.sub("", name)
    return name.strip() or previous


def strip_region(name: str, region: str) -> str:
    """Drop a trailing "Kab. Contoh", "Kabupaten Contoh", "Kota Contoh", "Pemkot Contoh" (or
    the kind word alone) from an OPD folder name, given the region it belongs to."""
    core = _REGION_WORD.sub("", region).strip()
    tail = r"\s*[,(-]?\s*" + _REGION_KINDS + r"(?:\s+" + re.escape(core) + r")?\s*\)?\s*$"
    stripped = re.sub(tail, "", name, flags=re.I) if core else name
    if stripped == name and core:
        stripped = re.sub(r"\s+" + re.escape(core) + r"\s*$", "", name, flags=re.I)
    return stripped.strip() or name


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[a-z0-9]+", name.lower()) if w[0].isalpha())


@dataclass(frozen=True)
class OpdMatch:
    opd: Opd
    guessed: bool  # a close typo, not an exact spelling: report it


def slugify(name: str) -> str:
    return slug(name, fallback="opd")


@dataclass(frozen=True)
class Opd:
    id: str
    name: str
    short: str
    aliases: tuple[str, ...] = ()


class AliasConflict(ValueError):
    def __init__(self, alias: str, first: str, second: str) -> None:
        super().__init__(alias)
        self.alias, self.first, self.second = alias, first, second


def _builtin_entries() -> list[dict[str, Any]]:
    """The built-in OPD list (data/opds.yaml), kept parsed across runs (kladoc.datacache)."""
    data = (resources.files("kladoc") / "data" / "opds.yaml").read_bytes()

    def parse() -> list[dict[str, Any]]:
        import yaml

        # libyaml's loader where PyYAML has it
        loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return list(yaml.load(data.decode("utf-8"), Loader=loader))

    return parsed("opds", data, parse, list, (__file__,))


@dataclass
class OpdRegistry:
    opds: dict[str, Opd] = field(default_factory=dict)
    region: str = ""
    _index: dict[str, str] = field(default_factory=dict)

    @classmethod
    def builtin(cls, region: str = "") -> OpdRegistry:
        reg = cls(region=region)
        for entry in _builtin_entries():
            reg.add(
                Opd(
                    entry["id"],
                    entry["name"],
                    entry.get("short") or entry["name"],
                    tuple(entry.get("aliases") or ()),
                )
            )
        return reg

    def label(self, opd_id: str | None, short: bool = False) -> str:
        """An OPD's display name (or short name); an unknown id as written; "" for none."""
        if not opd_id:
            return ""
        opd = self.opds.get(opd_id)
        if opd is None:
            return opd_id
        return opd.short if short else opd.name

    def add(self, opd: Opd) -> None:
        self.opds[opd.id] = opd
        for alias in (opd.id, opd.name, opd.short, *opd.aliases):
            key = normalize_name(alias)
            if not key:
                continue
            owner = self._index.get(key)
            if owner is not None and owner != opd.id:
                raise AliasConflict(alias, owner, opd.id)
            self._index[key] = opd.id

    def extend(self, aliases: Mapping[str, Iterable[str]]) -> None:
        """Config `[opd_aliases]`: key names an existing OPD (id, name or alias) or a new one."""
        for key, extra in aliases.items():
            existing = self.match(key)
            if existing is None:
                base = slugify(key)
                new_id = base
                n = 2
                while new_id in self.opds:
                    new_id, n = f"{base}-{n}", n + 1
                self.add(Opd(new_id, key, key, tuple(extra)))
            else:
                merged = Opd(
                    existing.id, existing.name, existing.short, (*existing.aliases, *extra)
                )
                self.add(merged)

    def match(self, name: str) -> Opd | None:
        """The OPD a name spells exactly (after the normalisations above), else None."""
        for variant in self._variants(name):
            key = normalize_name(variant)
            if not key:
                continue
            for candidate in self._candidates(key):
                found = self._index.get(candidate)
                if found is not None:
                    return self.opds[found]
        return None

    def lookup(self, name: str) -> OpdMatch | None:
        """`match`, or else a single close typo of one OPD's spelling (flagged as guessed)."""
        exact = self.match(name)
        if exact is not None:
            return OpdMatch(exact, guessed=False)
        key = normalize_name(strip_region(strip_copy_marks(name), self.region))
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        best: dict[str, float] = {}
        for alias, owner in self._index.items():
            if len(alias) < FUZZY_MIN_LENGTH:
                continue
            ratio = difflib.SequenceMatcher(None, key, alias).ratio()
            if ratio > best.get(owner, 0.0):
                best[owner] = ratio
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked or ranked[0][1] < FUZZY_MIN_RATIO:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < FUZZY_MARGIN:
            return None
        return OpdMatch(self.opds[ranked[0][0]], guessed=True)

    def suggest(self, name: str, limit: int = 3) -> list[Opd]:
        """OPDs a mistyped or unfamiliar name may mean ("Dinkess", "DKK" → Dinkes)."""
        key = normalize_name(strip_region(strip_copy_marks(name), self.region))
        if not key:
            return []
        scores: dict[str, float] = {}
        for alias, owner in self._index.items():
            ratio = difflib.SequenceMatcher(None, key, alias).ratio()
            scores[owner] = max(scores.get(owner, 0.0), ratio)
        for opd in self.opds.values():
            # "DKK" = Dinas Kesehatan Kota/Kabupaten: initials, with or without the region kind
            letters = initials(opd.name)
            if key in (letters, letters + "k", letters + "kab"):
                scores[opd.id] = max(scores.get(opd.id, 0.0), 0.9)
        ranked = sorted(
            ((score, oid) for oid, score in scores.items() if score >= 0.6),
            key=lambda so: (-so[0], so[1]),
        )
        # only the near-best: "Dinkess" means Dinkes, not every office with a similar ending
        top = ranked[0][0] if ranked else 0.0
        return [self.opds[oid] for score, oid in ranked[:limit] if score >= top - 0.1]

    def _variants(self, name: str) -> Iterable[str]:
        yield name
        uncopied = strip_copy_marks(name)
        if uncopied != name:
            yield uncopied
        for base in dict.fromkeys((name, uncopied)):
            stripped = strip_region(base, self.region)
            if stripped != base:
                yield stripped

    def _candidates(self, key: str) -> Iterable[str]:
        yield key
        stripped = _ORDER_PREFIX.sub("", key)
        if stripped != key:
            yield stripped
        region = normalize_name(self.region)
        bases = [key, stripped]
        for k in (key, stripped):
            if region and k.endswith(region) and len(k) > len(region):
                bases.append(k[: -len(region)])
                yield bases[-1]
        # "Dinas Kesehatan Kota", also after the region name: "… Kabupaten Ogan Ilir"
        for k in bases:
            for suffix in ("kota", "kabupaten", "kab"):
                if k.endswith(suffix) and len(k) > len(suffix) + 2:
                    yield k[: -len(suffix)]

    def resolve(self, name: str) -> Opd:
        """Match, or register an ad-hoc OPD for a name a user checklist introduces."""
        found = self.match(name)
        if found is not None:
            return found
        self.extend({name: []})
        found = self.match(name)
        assert found is not None
        return found
