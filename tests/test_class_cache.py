"""The classification kept next to the facts in the inspection cache: a warm run classifies
nothing, and whatever classification reads besides the file's content (its name, its
bukti.xlsx row, the checklist's vocabulary, the evaluated year) re-classifies it."""

from __future__ import annotations

from pathlib import Path

from kladoc.check import run_check
from tests import synth
from tests.dossier_factory import clean_dossier, plain_pdf

SK = "DP3A/1 Perda KLA/SK Gugus Tugas 2025.pdf"


def _classes(result) -> dict[str, tuple]:
    return {e.path: (e.type, e.type_source, e.year, e.year_source) for e in result.evidence}


def _reset(seen: dict[str, list[str]]) -> None:
    for v in seen.values():
        v.clear()


def test_warm_run_classifies_nothing_and_gives_the_same_classes(
    tmp_path: Path, counted: dict[str, list[str]]
) -> None:
    root = clean_dossier(tmp_path / "d")
    cold = run_check(root, jobs=1)
    assert len(counted["classified"]) == 6
    _reset(counted)
    warm = run_check(root, jobs=1)
    assert counted == {"inspected": [], "classified": []}
    assert _classes(warm) == _classes(cold)
    assert _classes(warm)[SK] == ("sk_kelembagaan", "name", 2025, "name")
    nocache = run_check(root, jobs=1, use_cache=False)
    assert len(counted["classified"]) == 6
    assert _classes(nocache) == _classes(cold)


def test_renamed_file_is_reclassified(tmp_path: Path, counted: dict[str, list[str]]) -> None:
    root = clean_dossier(tmp_path / "d")
    run_check(root, jobs=1)
    _reset(counted)
    sk = root / SK
    sk.rename(sk.with_name("Data Anggota 2024.pdf"))
    result = run_check(root, jobs=1)
    assert counted["classified"] == ["Data Anggota 2024"]
    assert _classes(result)["DP3A/1 Perda KLA/Data Anggota 2024.pdf"] == (
        "data_tabel",
        "name",
        2024,
        "name",
    )


def test_edited_bukti_xlsx_reclassifies_without_reinspecting(
    tmp_path: Path, counted: dict[str, list[str]]
) -> None:
    root = clean_dossier(tmp_path / "d")
    plain_pdf(root / "Dinas Kesehatan" / "dokumen_001.pdf", "isi")
    row = {"berkas": "dokumen_001.pdf", "indikator": "3A", "catatan": ""}
    manifest = root / "Dinas Kesehatan" / "bukti.xlsx"
    synth.manifest_xlsx(manifest, [{**row, "jenis": "data_tabel", "tahun": 2024}])
    first = run_check(root, jobs=1)
    path = "Dinas Kesehatan/dokumen_001.pdf"
    assert _classes(first)[path] == ("data_tabel", "manifest", 2024, "manifest")
    _reset(counted)
    synth.manifest_xlsx(manifest, [{**row, "jenis": "foto", "tahun": 2023}])
    second = run_check(root, jobs=1)
    assert counted == {"inspected": [], "classified": ["dokumen_001"]}
    assert _classes(second)[path] == ("foto", "manifest", 2023, "manifest")


def test_checklist_vocabulary_change_reclassifies_everything(
    tmp_path: Path, counted: dict[str, list[str]]
) -> None:
    root = clean_dossier(tmp_path / "d")
    first = run_check(root, jobs=1)
    photo = "Dinas Kesehatan/2 Gizi/Foto Posyandu 2025.jpg"
    assert _classes(first)[photo] == ("foto", "name", 2025, "name")
    _reset(counted)
    mini = root / "mini.yaml"
    text = mini.read_text(encoding="utf-8")
    assert "keywords: [data, rekap]" in text
    # a longer keyword at the same place wins: the photo is now a data table
    mini.write_text(
        text.replace("keywords: [data, rekap]", "keywords: [data, rekap, foto posyandu]"),
        encoding="utf-8",
    )
    second = run_check(root, jobs=1)
    assert counted["inspected"] == []
    assert len(counted["classified"]) == 6
    assert _classes(second)[photo] == ("data_tabel", "name", 2025, "name")


def test_evaluated_year_change_reclassifies(tmp_path: Path, counted: dict[str, list[str]]) -> None:
    root = clean_dossier(tmp_path / "d")
    plain_pdf(root / "DP3A" / "1 Perda KLA" / "RAD KLA 2021-2026.pdf", "rencana aksi")
    path = "DP3A/1 Perda KLA/RAD KLA 2021-2026.pdf"
    assert _classes(run_check(root, jobs=1))[path][2:] == (2025, "name")
    _reset(counted)
    cfg = root / "kladoc.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("year = 2025", "year = 2024"))
    result = run_check(root, jobs=1)
    assert counted["inspected"] == []
    assert len(counted["classified"]) == 7
    assert _classes(result)[path][2:] == (2024, "name")
