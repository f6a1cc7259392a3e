from __future__ import annotations

from importlib import resources

import pytest
import yaml

from kladoc.opd import OpdRegistry, normalize_name


@pytest.fixture(scope="module")
def registry() -> OpdRegistry:
    return OpdRegistry.builtin(region="Kota Contoh")


@pytest.mark.parametrize(
    ("name", "opd"),
    [
        ("Dinkes", "dinkes"),
        ("DINAS KESEHATAN", "dinkes"),
        ("dinas  kesehatan", "dinkes"),
        ("Dinas-Kesehatan", "dinkes"),
        ("01. Dinas Kesehatan", "dinkes"),
        ("Dinas Kesehatan Kota Contoh", "dinkes"),
        ("Capil", "disdukcapil"),
        ("Dukcapil", "disdukcapil"),
        ("Disdukcapil", "disdukcapil"),
        ("Dinas Kependudukan dan Pencatatan Sipil", "disdukcapil"),
        ("PU", "pupr"),
        ("PUPR", "pupr"),
        ("PU Perkim", "pupr"),
        ("Dinas PUPR", "pupr"),
        ("DP3A", "dp3a"),
        ("DP3AP2KB", "dp3a"),
        ("Bappeda", "bappeda"),
        ("Disdik", "disdik"),
        ("Dinas Sosial", "dinsos"),
        ("Bagian Hukum", "bagian-hukum"),
        ("BPBD", "bpbd"),
        ("Diskominfo", "diskominfo"),
    ],
)
def test_aliases_match(registry: OpdRegistry, name: str, opd: str) -> None:
    found = registry.match(name)
    assert found is not None and found.id == opd


@pytest.mark.parametrize("name", ["Lain-lain", "Dokumen", "", "---", "2024"])
def test_non_opd_names_do_not_match(registry: OpdRegistry, name: str) -> None:
    assert registry.match(name) is None


def test_aliases_are_unique_across_opds() -> None:
    data = yaml.safe_load((resources.files("kladoc") / "data" / "opds.yaml").read_text("utf-8"))
    owner: dict[str, str] = {}
    for entry in data:
        for alias in (
            entry["id"],
            entry["name"],
            entry.get("short", ""),
            *(entry.get("aliases") or []),
        ):
            key = normalize_name(alias)
            if key:
                assert owner.setdefault(key, entry["id"]) == entry["id"], alias


def test_config_extends_aliases_and_adds_new_opds() -> None:
    reg = OpdRegistry.builtin()
    reg.extend({"Dinas Kesehatan": ["DKK"], "Dinas Perikanan": ["Diskan"]})
    assert reg.match("DKK").id == "dinkes"
    assert reg.match("diskan").name == "Dinas Perikanan"
