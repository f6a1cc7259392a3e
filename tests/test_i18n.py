from __future__ import annotations

import json
import string

import pytest

from kladoc.i18n import normalize_language, t
from kladoc.i18n.messages import MESSAGES
from kladoc.rules import RULES


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_exist_with_same_placeholders(key: str) -> None:
    ind, en = MESSAGES[key]
    assert ind.strip() and en.strip()
    assert _fields(ind) == _fields(en)


def test_every_rule_has_meaning_message_and_remedy() -> None:
    for slug in RULES:
        for part in ("meaning", "message", "remedy"):
            assert f"rule.{slug}.{part}" in MESSAGES


def test_rendering_in_both_languages() -> None:
    assert t("status.missing", "id") == "kosong"
    assert t("status.missing", "en") == "missing"


def test_english_counts_agree_in_number() -> None:
    msg = "rule.questions-missing.message"
    assert t(msg, "en", indicator="5", count=1, codes="5.1") == (
        "Indicator 5: 1 question has nothing yet: 5.1"
    )
    assert t(msg, "en", indicator="5", count=3, codes="5.1, 5.2, 5.3") == (
        "Indicator 5: 3 questions have nothing yet: 5.1, 5.2, 5.3"
    )
    # already formatted figures (thousands separators) count as plural unless they are "1"
    assert t("build.cover.gap_counts", "en", errors="1", warnings="1.204") == (
        "1 error · 1.204 warnings"
    )
    # Indonesian nouns do not inflect
    assert t(msg, "id", indicator="5", count=1, codes="5.1") == (
        "Indikator 5: 1 pertanyaan belum ada apa pun: 5.1"
    )


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_plural_specs_only_in_english_and_well_formed(key: str) -> None:
    ind, en = MESSAGES[key]
    assert not [s for _, _, s, _ in string.Formatter().parse(ind) if s and "|" in s]
    for _, _, spec, _ in string.Formatter().parse(en):
        if spec and "|" in spec:
            one, many = spec.split("|")
            assert one and many and one != many


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("id", "id"),
        ("ID", "id"),
        ("id_ID.UTF-8", "id"),
        ("en", "en"),
        ("en_US", "en"),
        ("English", "en"),
        ("fr", None),
        ("", None),
    ],
)
def test_normalize_language(value: str, code: str | None) -> None:
    assert normalize_language(value) == code


def test_cli_language_flag_env_and_default(cli, monkeypatch) -> None:
    r = cli("rules", "--format", "json")
    assert r.code == 0
    rows = json.loads(r.out)
    assert rows[0]["meaning"] == MESSAGES["rule.missing-indicator.meaning"][0]
    r = cli("--lang", "en", "rules", "--format", "json")
    assert json.loads(r.out)[0]["meaning"] == MESSAGES["rule.missing-indicator.meaning"][1]
    r = cli("rules", "--format", "json", "--lang", "en")
    assert json.loads(r.out)[0]["meaning"] == MESSAGES["rule.missing-indicator.meaning"][1]
    monkeypatch.setenv("KLADOC_LANG", "en")
    r = cli("rules", "--format", "json")
    assert json.loads(r.out)[0]["meaning"] == MESSAGES["rule.missing-indicator.meaning"][1]
    r = cli("--lang", "xx", "rules")
    assert r.code == 2


def test_help_is_translated(cli) -> None:
    r = cli("--help")
    assert r.code == 0
    assert "bukti dukung" in r.out
    r = cli("--lang", "en", "--help")
    assert "evidence dossiers" in r.out


def test_config_language_applies_when_not_given(cli, tmp_path) -> None:
    (tmp_path / "kladoc.toml").write_text(
        'region = "X"\nyear = 2025\nlanguage = "en"\n', encoding="utf-8"
    )
    r = cli("check", tmp_path)
    assert "Summary:" in r.out
    r = cli("check", tmp_path, "--lang", "id")
    assert "Ringkasan:" in r.out


def test_rules_lists_the_real_world_file_rules(cli) -> None:
    """Issue 12: the slugs for old formats, damaged content and locked attachments."""
    r = cli("--lang", "en", "rules", "--format", "json")
    assert r.code == 0
    rows = {row["slug"]: row for row in json.loads(r.out)}
    assert {
        s: rows[s]["severity"]
        for s in ("format-too-old", "damaged-content", "attachments-encrypted")
    } == {
        "format-too-old": "warning",
        "damaged-content": "warning",
        "attachments-encrypted": "info",
    }
    assert rows["format-too-old"]["remedy"] == MESSAGES["rule.format-too-old.remedy"][1]
    assert "save it again as .xlsx" in rows["format-too-old"]["remedy"]
