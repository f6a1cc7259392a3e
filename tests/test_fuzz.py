"""Property tests: parsers of names, manifests and config never raise anything but the
documented user errors, whatever people type."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kladoc.check import code_parser
from kladoc.checklist import load_checklist
from kladoc.config import load_config
from kladoc.errors import ConfigError
from kladoc.opd import OpdRegistry, normalize_name

PARSER = code_parser(load_checklist("kla-2024"))
REGISTRY = OpdRegistry.builtin(region="Kota Contoh")
CODES = {i.id for i in load_checklist("kla-2024").indicators}
names = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
# the profile's suppressions (tests/conftest.py) plus tmp_path reused across examples, which
# these tests overwrite on every example
WITH_TMP_PATH = [*settings.default.suppress_health_check, HealthCheck.function_scoped_fixture]


@given(names)
def test_code_parser_is_total_and_never_guesses(name: str) -> None:
    m = PARSER.parse(name)
    if m is not None:
        assert m.kind in ("ok", "unknown", "ambiguous")
        assert (m.indicator in CODES) == (m.kind == "ok")
        if m.kind == "ambiguous":
            assert len(m.candidates) > 1


# What a date looks like at the start of a name: a day and a month word ("1 SEP", "17 Agustus")
# or a numeric date ("12-03-2024"). Without an explicit prefix such a name is a date, not a code.
MONTH_WORDS = (  # noqa: SIM905
    "januari january jan februari february feb maret march mar april apr mei may juni june jun "
    "juli july jul agustus august agu agt ags aug september sept sep oktober october okt oct "
    "november nopember nov desember december des dec"
).split()
DATE_START = re.compile(
    r"^\d{1,2}(?:[\s._-]*(?:" + "|".join(MONTH_WORDS) + r")(?![a-z])"
    r"|[-./ ]\d{1,2}[-./ ]\d{2,4}(?!\d))"
)


@given(
    st.sampled_from(sorted(CODES)),
    st.sampled_from(["", " ", "_", "-", ". "]),
    st.sampled_from(["", "Ind ", "Indikator-", "IND", "0"]),
    names,
)
@example("1", " ", "", "SEP")  # 1 September: a date
@example("1", " ", "Ind ", "SEP")  # indicator 1, the prefix says so
@example("1", "-", "0", "2-2024")  # 01-2-2024: a date
def test_written_codes_are_recognised(code: str, sep: str, prefix: str, rest: str) -> None:
    tail = f"{sep}{rest}" if sep else ""
    if tail and tail[:1].isalnum():
        return
    if sep == "" and rest:
        return
    name = f"{prefix}{code.upper()}{tail}"
    m = PARSER.parse(name)
    if prefix in ("", "0") and DATE_START.match(name.strip().lower()):
        assert m is None
    else:
        assert m is not None and m.indicator == code


@given(names)
def test_opd_matching_is_total(name: str) -> None:
    found = REGISTRY.match(name)
    if found is not None:
        assert found.id in REGISTRY.opds
        assert normalize_name(name)


@given(st.sampled_from(sorted(REGISTRY.opds)), st.sampled_from(["", "  ", "-", "."]), st.booleans())
def test_canonical_names_match_whatever_the_spacing(opd_id: str, sep: str, upper: bool) -> None:
    opd = REGISTRY.opds[opd_id]
    name = opd.name.replace(" ", sep or " ")
    assert REGISTRY.match(name.upper() if upper else name.lower()).id == opd_id


toml_values = st.one_of(
    st.integers(-(10**6), 10**6),
    st.text(max_size=20),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.text(max_size=5), max_size=3),
)


@settings(suppress_health_check=WITH_TMP_PATH, max_examples=150)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "region",
                "kind",
                "year",
                "checklist",
                "deadline",
                "max_file_mb",
                "silence",
                "language",
                "output",
                "opd_aliases",
                "logo",
                "unknown_key",
            ]
        ),
        toml_values,
        max_size=5,
    )
)
def test_config_values_give_config_or_warning_only(tmp_path: Path, data: dict) -> None:
    import json

    lines = [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in data.items()]
    (tmp_path / "kladoc.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with contextlib.suppress(ConfigError):
        load_config(tmp_path)


@settings(suppress_health_check=WITH_TMP_PATH, max_examples=100)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_as_config(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / "kladoc.toml").write_bytes(raw)
    with contextlib.suppress(ConfigError):
        load_config(tmp_path)


printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)
cells = st.one_of(
    st.none(),
    st.integers(-5, 3000),
    printable,
    st.sampled_from(
        [
            "../x.pdf",
            "/etc/passwd",
            "C:\\Windows\\x.pdf",
            "a/../../b",
            "21A",
            "sk_kelembagaan",
            "2025",
            "=cmd|' /C calc'!A0",
        ]
    ),
)


@settings(suppress_health_check=WITH_TMP_PATH, max_examples=60, deadline=None)
@given(st.lists(st.lists(cells, min_size=5, max_size=5), max_size=6))
def test_manifest_rows_never_raise(tmp_path: Path, rows: list[list]) -> None:
    from openpyxl import Workbook

    from kladoc.manifest import read_manifest

    folder = tmp_path / "opd"
    folder.mkdir(exist_ok=True)
    (folder / "ada.pdf").write_bytes(b"%PDF-1.4\n")
    wb = Workbook()
    ws = wb.active
    ws.append(["berkas", "indikator", "jenis", "tahun", "catatan"])
    for row in rows:
        ws.append([c.lstrip("=") if isinstance(c, str) else c for c in row])
    wb.save(folder / "bukti.xlsx")
    entries, findings = read_manifest(
        folder / "bukti.xlsx",
        folder,
        "opd/bukti.xlsx",
        PARSER,
        {"sk_kelembagaan", "foto"},
        "dinkes",
    )
    assert all(f.rule == "manifest-error" for f in findings)
    for key in entries:
        assert (folder / key).resolve().is_relative_to(folder.resolve())


@pytest.mark.parametrize(
    "raw", [b"\xff\xfe\x00", b'region = "\xc3\x28"', b"[[[", b"year=2025\nyear=2026"]
)
def test_malformed_config_examples(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / "kladoc.toml").write_bytes(raw)
    with pytest.raises(ConfigError):
        load_config(tmp_path)
