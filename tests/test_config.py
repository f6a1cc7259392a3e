from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kladoc.config import load_config
from kladoc.errors import ConfigError

TOML = """\
region = "Kota Contoh"
kind = "kota"
year = 2025
checklist = "kla-2024"
deadline = 2025-06-30
max_file_mb = 5
silence = ["wrong-opd"]
language = "en"
output = "keluaran"

[opd_aliases]
"Dinas Kesehatan" = ["DKK"]
"""


def test_file_values_are_read(tmp_path: Path) -> None:
    (tmp_path / "kladoc.toml").write_text(TOML, encoding="utf-8")
    cfg = load_config(tmp_path)
    assert cfg.region == "Kota Contoh"
    assert cfg.kind == "kota"
    assert cfg.year == 2025
    assert cfg.deadline == dt.date(2025, 6, 30)
    assert cfg.max_file_mb == 5.0
    assert cfg.silence == ("wrong-opd",)
    assert cfg.language == "en"
    assert cfg.output_dir == tmp_path / "keluaran"
    assert cfg.opd_aliases == {"Dinas Kesehatan": ("DKK",)}
    assert cfg.warnings == ()


def test_command_line_overrides_file_and_none_means_not_given(tmp_path: Path) -> None:
    (tmp_path / "kladoc.toml").write_text(TOML, encoding="utf-8")
    cfg = load_config(tmp_path, {"year": 2026, "checklist": None, "max_file_mb": 2})
    assert cfg.year == 2026
    assert cfg.checklist == "kla-2024"
    assert cfg.max_file_mb == 2.0


def test_defaults_without_file(tmp_path: Path) -> None:
    cfg = load_config(tmp_path)
    assert cfg.config_file is None
    assert cfg.year is None
    assert cfg.checklist == "kla-2024"
    assert cfg.max_file_mb == 10.0
    assert cfg.output_dir == tmp_path / "_kladoc"


def test_unknown_key_warns_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "kladoc.toml").write_text('region = "X"\nregoin = "typo"\n', encoding="utf-8")
    cfg = load_config(tmp_path)
    assert cfg.warnings == (("config.unknown_key", {"key": "regoin", "file": "kladoc.toml"}),)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('year = "dua ribu"\n', "year"),
        ("year = 1850\n", "year"),
        ('deadline = "besok"\n', "deadline"),
        ("max_file_mb = 0\n", "max_file_mb"),
        ('kind = "provinsi"\n', "kind"),
        ('silence = "wrong-opd"\n', "silence"),
        ('language = "fr"\n', "language"),
        ('[opd_aliases]\nDinkes = "DKK"\n', "opd_aliases"),
    ],
)
def test_bad_values_are_config_errors(tmp_path: Path, text: str, key: str) -> None:
    (tmp_path / "kladoc.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert err.value.key == "config.bad_value"
    assert err.value.params["key"] == key


def test_malformed_toml_is_a_clear_error(tmp_path: Path, cli) -> None:
    (tmp_path / "kladoc.toml").write_text('region = "Kota Contoh\nyear = 2025\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert err.value.key == "config.malformed"
    r = cli("check", tmp_path)
    assert r.code == 2
    assert "kladoc.toml" in r.err
    assert "Traceback" not in r.err


def test_bom_is_accepted(tmp_path: Path) -> None:
    # Notepad on older Windows saves UTF-8 with a byte-order mark
    (tmp_path / "kladoc.toml").write_bytes(b'\xef\xbb\xbfregion = "Kota Contoh"\n')
    assert load_config(tmp_path).region == "Kota Contoh"


def test_cli_shows_unknown_key_warning(tmp_path: Path, cli) -> None:
    (tmp_path / "kladoc.toml").write_text(
        'region = "X"\nyear = 2025\nregoin = 1\n', encoding="utf-8"
    )
    r = cli("check", tmp_path, "--format", "json")
    assert "regoin" in r.err
    assert r.code == 1  # every indicator is missing in an empty dossier


def test_alias_conflict_is_config_error(tmp_path: Path, cli) -> None:
    (tmp_path / "kladoc.toml").write_text(
        'year = 2025\n[opd_aliases]\n"Dinas Kesehatan" = ["Dinsos"]\n', encoding="utf-8"
    )
    r = cli("check", tmp_path)
    assert r.code == 2
    assert "Dinsos" in r.err
