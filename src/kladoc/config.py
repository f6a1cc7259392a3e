"""`kladoc.toml`: the dossier's settings. Command-line flags override file values,
file values override defaults. Unknown keys warn; malformed files are a ConfigError (exit 2)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kladoc.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_NAME = "kladoc.toml"
DEFAULT_OUTPUT = "_kladoc"
# written by `kladoc build` into every output folder: what it wrote, so edits are noticed and
# the folder is never mistaken for evidence, wherever it was copied to
OUTPUT_MANIFEST = ".kladoc-outputs.json"
KINDS = ("kabupaten", "kota")


@dataclass(frozen=True)
class Config:
    root: Path
    region: str = ""
    kind: str = "kabupaten"
    year: int | None = None
    checklist: str = "kla-2024"
    deadline: dt.date | None = None
    max_file_mb: float = 10.0
    upload_max_mb: float = 10.0  # each file of the upload pack (`build --format upload`)
    opd_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    silence: tuple[str, ...] = ()
    language: str | None = None
    output: str = DEFAULT_OUTPUT
    logo: str | None = None
    template: str | None = None
    inspect_timeout: float = 60.0
    # the years evidence must come from, e.g. (2024, 2025) for the 2026 cycle; None: the
    # evaluation year and the years before it (each indicator's year_window)
    evidence_years: tuple[int, ...] | None = None
    ocr: bool = False  # read scans and photos of documents (needs the kladoc[ocr] extra)
    config_file: Path | None = None
    # (catalogue key, params) pairs the CLI shows as warnings
    warnings: tuple[tuple[str, dict[str, Any]], ...] = ()

    @property
    def output_dir(self) -> Path:
        out = Path(self.output)
        return out if out.is_absolute() else self.root / out

    @property
    def checklist_base(self) -> Path:
        return self.config_file.parent if self.config_file else self.root


_NUMBER_TEXT = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
NUMERIC_KEYS = frozenset({"year", "max_file_mb", "inspect_timeout", "upload_max_mb"})


def _expect(key: str, value: Any, kind: str, ok: bool) -> None:
    if ok:
        return
    # `year = "2025"`: a number typed in quotes is the most common slip; say exactly that
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()) and key in NUMERIC_KEYS:
        number = value.strip().replace(",", ".")
        raise ConfigError("config.quoted_number", key=key, value=value, number=number)
    raise ConfigError("config.bad_value", key=key, value=repr(value), expected=kind)


def _coerce(key: str, value: Any) -> Any:
    """Check one value's type; returns the value in the Config field's type."""
    if key in ("region", "checklist", "output", "logo", "template"):
        _expect(key, value, '"..."', isinstance(value, str) and bool(value.strip()))
        return value.strip()
    if key == "language":
        from kladoc.i18n import normalize_language

        lang = normalize_language(value) if isinstance(value, str) else None
        _expect(key, value, "id | en", lang is not None)
        return lang
    if key == "kind":
        _expect(
            key, value, " | ".join(KINDS), isinstance(value, str) and value.strip().lower() in KINDS
        )
        return value.strip().lower()
    if key == "year":
        _expect(
            key,
            value,
            "2000..2100",
            isinstance(value, int) and not isinstance(value, bool) and 2000 <= value <= 2100,
        )
        return value
    if key == "deadline":
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = dt.date.fromisoformat(value.strip())
        if isinstance(value, dt.datetime):
            value = value.date()
        _expect(key, value, "YYYY-MM-DD", isinstance(value, dt.date))
        return value
    if key in ("max_file_mb", "inspect_timeout", "upload_max_mb"):
        _expect(
            key,
            value,
            "> 0",
            isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0,
        )
        return float(value)
    if key == "ocr":
        _expect(key, value, "true | false", isinstance(value, bool))
        return value
    if key == "silence":
        _expect(
            key,
            value,
            '["slug", ...]',
            isinstance(value, list) and all(isinstance(s, str) for s in value),
        )
        return tuple(s.strip() for s in value)
    if key == "evidence_years":
        ok = (
            isinstance(value, list)
            and bool(value)
            and all(
                isinstance(y, int) and not isinstance(y, bool) and 2000 <= y <= 2100 for y in value
            )
        )
        _expect(key, value, "[2024, 2025]", ok)
        return tuple(sorted(set(value)))
    if key == "opd_aliases":
        ok = isinstance(value, Mapping) and all(
            isinstance(v, list) and all(isinstance(a, str) for a in v) for v in value.values()
        )
        _expect(key, value, '{ "OPD" = ["alias", ...] }', ok)
        return {str(k): tuple(v) for k, v in value.items()}
    raise KeyError(key)


FILE_KEYS = (
    "region",
    "kind",
    "year",
    "checklist",
    "deadline",
    "max_file_mb",
    "upload_max_mb",
    "opd_aliases",
    "silence",
    "language",
    "output",
    "logo",
    "template",
    "inspect_timeout",
    "evidence_years",
    "ocr",
)


def find_config(folder: Path) -> Path | None:
    candidate = folder / CONFIG_NAME
    return candidate if candidate.is_file() else None


def read_config_file(path: Path) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError("config.unreadable", file=str(path), detail=str(exc)) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError("config.malformed", file=str(path), detail=str(exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("config.malformed", file=str(path), detail=str(exc)) from exc
    values: dict[str, Any] = {}
    warnings: list[tuple[str, dict[str, Any]]] = []
    for key, value in data.items():
        if key not in FILE_KEYS:
            warnings.append(("config.unknown_key", {"key": key, "file": path.name}))
            continue
        try:
            values[key] = _coerce(key, value)
        except ConfigError as exc:
            exc.params["file"] = path.name
            raise
    return values, warnings


def load_config(root: Path, overrides: Mapping[str, Any] | None = None) -> Config:
    """Discover `kladoc.toml` in `root` and apply command-line overrides (None = not given)."""
    root = Path(root)
    values: dict[str, Any] = {}
    warnings: list[tuple[str, dict[str, Any]]] = []
    config_file = find_config(root) if root.is_dir() else None
    if config_file is not None:
        values, warnings = read_config_file(config_file)
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        values[key] = _coerce(key, value) if key in FILE_KEYS else value
    return replace(Config(root=root), config_file=config_file, warnings=tuple(warnings), **values)


def render_config(
    region: str,
    year: int,
    checklist: str,
    kind: str,
    deadline: dt.date | None = None,
    evidence_years: tuple[int, ...] = (),
) -> str:
    """The commented kladoc.toml that `kladoc init` writes."""
    from kladoc.i18n import t

    years = ", ".join(str(y) for y in evidence_years)
    window = [t("init.toml_evidence_years"), f"evidence_years = [{years}]"] if years else []
    lines = [
        t("init.toml_header"),
        f"region = {_toml_str(region)}",
        f"kind = {_toml_str(kind)}",
        f"year = {year}",
        f"checklist = {_toml_str(checklist)}",
        (f"deadline = {deadline.isoformat()}" if deadline else f"# deadline = {year}-06-30"),
        *window,
        "max_file_mb = 10",
        'language = "id"',
        f"output = {_toml_str(DEFAULT_OUTPUT)}",
        "silence = []",
        "",
        t("init.toml_aliases"),
        "[opd_aliases]",
        '# "Dinas Kesehatan" = ["Dinkes Kota", "DKK"]',
        "",
    ]
    return "\n".join(lines)


def _toml_str(value: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes
    return json.dumps(value, ensure_ascii=False)
