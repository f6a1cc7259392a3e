"""OPD (perangkat daerah) names: one canonical entry per office, many spellings.

Matching ignores case, accents, spacing and punctuation, an ordering prefix ("01 Dinkes"),
and the region's own name as a suffix ("Dinas Kesehatan Kota Contoh")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources

import yaml

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ORDER_PREFIX = re.compile(r"^[0-9]{1,3}(?=[a-z])")


def normalize_name(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("", folded.lower())


def slugify(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", folded.lower()).strip("-") or "opd"


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


@dataclass
class OpdRegistry:
    opds: dict[str, Opd] = field(default_factory=dict)
    region: str = ""
    _index: dict[str, str] = field(default_factory=dict)

    @classmethod
    def builtin(cls, region: str = "") -> OpdRegistry:
        text = (resources.files("kladoc") / "data" / "opds.yaml").read_text(encoding="utf-8")
        reg = cls(region=region)
        for entry in yaml.safe_load(text):
            reg.add(
                Opd(
                    entry["id"],
                    entry["name"],
                    entry.get("short") or entry["name"],
                    tuple(entry.get("aliases") or ()),
                )
            )
        return reg

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
        key = normalize_name(name)
        if not key:
            return None
        for candidate in self._candidates(key):
            found = self._index.get(candidate)
            if found is not None:
                return self.opds[found]
        return None

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
