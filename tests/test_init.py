from __future__ import annotations

import os
from pathlib import Path

from kladoc.checklist import load_checklist
from kladoc.config import load_config
from kladoc.scaffold import init_dossier


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"", p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
    }


def test_init_creates_config_and_opd_folders(tmp_path: Path, cli) -> None:
    root = tmp_path / "Dossier KLA 2025"
    r = cli("init", root, "--region", "Kota Contoh", "--year", "2025")
    assert r.code == 0
    cfg = load_config(root)
    assert (cfg.region, cfg.kind, cfg.year, cfg.checklist) == (
        "Kota Contoh",
        "kota",
        2025,
        "kla-2024",
    )
    guide = (root / "Dinas Kesehatan" / "PANDUAN.txt").read_text(encoding="utf-8")
    assert "Persalinan di Fasilitas Kesehatan" in guide
    assert 'kladoc check "Dinas Kesehatan" --opd Dinkes --year 2025' in guide
    assert "2024 dan 2025" in guide
    cl = load_checklist("kla-2024")
    assert (root / "Dinas Pemberdayaan Perempuan dan Perlindungan Anak").is_dir()
    assert len([p for p in root.iterdir() if p.is_dir()]) >= len(cl.indicators[0].opds)


def test_init_twice_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "d"
    init_dossier(root, region="Kabupaten Contoh", year=2025)
    before = _snapshot(root)
    report = init_dossier(root, region="Kabupaten Contoh", year=2025)
    assert report.created == []
    assert _snapshot(root) == before


def test_init_never_overwrites(tmp_path: Path) -> None:
    root = tmp_path / "d"
    root.mkdir()
    (root / "kladoc.toml").write_text('region = "Punya Saya"\n', encoding="utf-8")
    (root / "Dinkes").mkdir()
    (root / "Dinkes" / "PANDUAN.txt").write_text("catatan saya", encoding="utf-8")
    report = init_dossier(root, region="Kota Lain", year=2026)
    assert "kladoc.toml" in report.kept
    assert (root / "kladoc.toml").read_text(encoding="utf-8") == 'region = "Punya Saya"\n'
    # an existing folder that matches an OPD alias is reused, not duplicated
    assert not (root / "Dinas Kesehatan").exists()
    assert (root / "Dinkes" / "PANDUAN.txt").read_text(encoding="utf-8") == "catatan saya"


def test_init_legacy_checklist_and_kabupaten(tmp_path: Path) -> None:
    root = tmp_path / "lama"
    init_dossier(root, region="Kabupaten Lama", year=2015, checklist="kla-2011")
    cfg = load_config(root)
    assert (cfg.kind, cfg.checklist) == ("kabupaten", "kla-2011")


def test_init_bad_year_is_usage_error(tmp_path: Path, cli) -> None:
    r = cli("init", tmp_path / "x", "--region", "Kota", "--year", "25")
    assert r.code == 2
    assert not (tmp_path / "x").exists()
    assert os.listdir(tmp_path) == []


def test_init_offers_one_folder_per_responsible_indicator(tmp_path: Path, cli) -> None:
    root = tmp_path / "d"
    assert cli("init", root, "--region", "Kota Contoh", "--year", "2025").code == 0
    dinkes = root / "Dinas Kesehatan"
    folders = sorted(p.name for p in dinkes.iterdir() if p.is_dir())
    assert "12 Persalinan di Fasilitas Kesehatan" in folders
    cl = load_checklist("kla-2024")
    mine = {i.id for i in cl.indicators if "dinkes" in i.opds}
    assert len(folders) == len(mine)
    assert {f.split(" ", 1)[0] for f in folders} == mine
    for name in folders:
        assert len(name) <= 44 and not name.endswith((".", " "))
        assert not set(name) & set('\\/:*?"<>|')
    guide = (dinkes / "PANDUAN.txt").read_text(encoding="utf-8")
    assert "narasi.md" in guide


def test_init_keeps_an_opd_folder_organised_its_own_way(tmp_path: Path) -> None:
    root = tmp_path / "d"
    (root / "Dinkes" / "Arsip").mkdir(parents=True)
    report = init_dossier(root, region="Kota Contoh", year=2025)
    # only files are added: the guide and the OPD's answer workbook
    assert sorted(p.name for p in (root / "Dinkes").iterdir()) == [
        "Arsip",
        "PANDUAN.txt",
        "jawaban.xlsx",
    ]
    assert not any(c.startswith("Dinkes/12") for c in report.created)
