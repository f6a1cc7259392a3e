"""Hostile and broken input for `check`: each case gets the right finding, every other file is
still processed, and the evidence tree is never changed."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kladoc.check import run_check
from kladoc.scaffold import init_dossier
from tests import inspect_fixtures as fx
from tests.dossier_factory import CAN_SYMLINK, clean_dossier, plain_pdf, tree_state

CLEAN_FILES = 6
FOLDER = "DP3A/1 Perda KLA"


def _docm(path: Path) -> Path:
    src = fx.docx_file(path.with_name("_src.docx"))
    fx.add_macros(src, path)
    src.unlink()
    return path


def _xlsm(path: Path) -> Path:
    src = fx.xlsx_file(path.with_name("_src.xlsx"))
    fx.add_macros(src, path)
    src.unlink()
    return path


CASES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("Perwal terpotong 2024.pdf", fx.truncated_pdf, "corrupt"),
    ("Perwal xref rusak 2024.pdf", fx.broken_xref_pdf, "repaired"),
    ("Perwal sandi 2024.pdf", fx.user_password_pdf, "encrypted"),
    ("Perwal pemilik 2024.pdf", fx.owner_only_pdf, "restricted"),
    ("Perwal javascript 2024.pdf", fx.js_openaction_pdf, "active-content"),
    ("Perwal launch 2024.pdf", fx.launch_annot_pdf, "active-content"),
    ("Perwal lampiran 2024.pdf", fx.embedded_file_pdf, "active-content"),
    ("Perwal acak 2024.pdf", fx.random_bytes, "corrupt"),
    ("Perwal html 2024.pdf", fx.html_page, "corrupt"),
    ("Foto bom 2025.png", fx.png_bomb, "decompression-bomb"),
    ("Data bom 2025.xlsx", fx.zip_bomb_xlsx, "decompression-bomb"),
    ("Data klaim besar 2025.xlsx", fx.declared_huge_xlsx, "decompression-bomb"),
    ("Notulen makro 2025.docm", _docm, "active-content"),
    ("Data makro 2025.xlsm", _xlsm, "active-content"),
    ("Data sandi 2025.xlsx", fx.encrypted_ooxml, "encrypted"),
    ("Notulen rusak 2025.docx", fx.broken_docx, "corrupt"),
    ("Foto terpotong 2025.jpg", fx.truncated_jpeg, "corrupt"),
    ("Foto iPhone 2025.heic", fx.heic_stub, "unsupported-type"),
]


@pytest.mark.parametrize(("name", "make", "rule"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_file_gets_its_finding_and_the_rest_is_processed(
    tmp_path: Path, name: str, make: Callable[[Path], Path], rule: str
) -> None:
    root = clean_dossier(tmp_path / "d")
    target = root / FOLDER / name
    make(target)
    result = run_check(root, jobs=2)
    rel = f"{FOLDER}/{name}"
    assert [(f.rule, f.path) for f in result.findings if f.path == rel] == [(rule, rel)]
    # nothing else is reported, and every clean file was inspected normally
    assert [f.rule for f in result.findings if f.path != rel] == []
    others = [e for e in result.evidence if e.path != rel]
    assert len(others) == CLEAN_FILES
    assert all(e.facts.status == "ok" for e in others)


def test_zero_byte_file(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    (root / FOLDER / "SK kosong 2025.pdf").write_bytes(b"")
    result = run_check(root, jobs=1)
    assert [(f.rule, f.path) for f in result.findings] == [
        ("empty", f"{FOLDER}/SK kosong 2025.pdf")
    ]


STRANGE_NAMES = [
    "SK Tim   dengan  spasi 2025.pdf",
    "SK Pemenuhan Hak Anak “Ceria” – Kecamatan Ñandú 2025.pdf",
    "-SK diawali minus 2025.pdf",
    "SK baris\nbaru 2025.pdf",
    "SK " + "panjang " * 28 + "2025.pdf",
    "SK 儿童 حقوق 2025.pdf",
]


@pytest.mark.skipif(os.name == "nt", reason="names with newlines cannot exist on Windows")
def test_strange_names_are_reported_normally(tmp_path: Path, cli) -> None:
    import json

    root = clean_dossier(tmp_path / "d")
    for name in STRANGE_NAMES:
        plain_pdf(root / FOLDER / name, "SURAT KEPUTUSAN TIM 2025")
    # bytes that are not valid UTF-8 (a name copied from an old FAT USB stick)
    raw = os.fsencode(root / FOLDER) + b"/SK \xff\xfe lama 2025.pdf"
    with open(raw, "wb") as fh:
        fh.write((root / FOLDER / STRANGE_NAMES[0]).read_bytes().replace(b"2025", b"2024"))
    result = run_check(root, jobs=2)
    names = {e.name for e in result.evidence}
    assert set(STRANGE_NAMES) <= names
    assert "SK \ufffd\ufffd lama 2025.pdf" in names
    assert all(e.facts.status == "ok" for e in result.evidence)
    # strange names are all duplicates of each other (same content) but nothing else
    assert {f.rule for f in result.findings} == {"duplicate"}
    r = cli("check", root, "--format", "json")
    data = json.loads(r.out)
    assert len(data["evidence"]) == CLEAN_FILES + len(STRANGE_NAMES) + 1
    r = cli("check", root)
    assert r.code == 0


@pytest.mark.skipif(not CAN_SYMLINK, reason="symbolic links need privileges here")
def test_symlink_loops_and_links_outside(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    folder = root / FOLDER
    (folder / "putaran").symlink_to(folder, target_is_directory=True)  # a directory loop
    (folder / "a.pdf").symlink_to(folder / "b.pdf")
    (folder / "b.pdf").symlink_to(folder / "a.pdf")  # a file loop
    secret = tmp_path / "rahasia"
    secret.mkdir()
    plain_pdf(secret / "gaji.pdf", "rahasia")
    (root / "DP3A" / "keluar").symlink_to(secret, target_is_directory=True)
    result = run_check(root, jobs=1)
    got = sorted((f.rule, f.path) for f in result.findings)
    assert got == [
        ("broken-link", f"{FOLDER}/a.pdf"),
        ("broken-link", f"{FOLDER}/b.pdf"),
        ("link-outside", "DP3A/keluar"),
    ]
    assert len(result.evidence) == CLEAN_FILES  # the loop is walked once, nothing twice


def test_evidence_tree_is_byte_identical_after_init_and_check(tmp_path: Path, cli) -> None:
    root = clean_dossier(tmp_path / "d")
    fx.user_password_pdf(root / FOLDER / "Perwal sandi 2024.pdf")
    fx.broken_xref_pdf(root / FOLDER / "Perwal xref rusak 2024.pdf")
    before = tree_state(root)
    entries_before = sorted(p.name for p in root.iterdir())
    assert cli("check", root).code == 1  # the encrypted PDF is an error
    assert cli("check", root, "--format", "json", "--no-cache").code == 1
    assert tree_state(root) == before
    # check writes nothing into the dossier: the cache lives in the user cache folder
    assert sorted(p.name for p in root.iterdir()) == entries_before
    init_dossier(root, region="Kota Uji", year=2025)
    after_init = tree_state(root)
    assert {k: v for k, v in after_init.items() if k in before} == before
    # init only adds: guides and the answer workbooks (kla-2024 has questions)
    added = set(after_init) - set(before)
    assert all(k.endswith(("PANDUAN.txt", "jawaban.xlsx")) for k in added)
    assert "jawaban.xlsx" in added


def test_full_disk_on_output_is_a_clear_error(tmp_path: Path, cli, monkeypatch) -> None:
    import errno

    from kladoc import fsutil

    root = clean_dossier(tmp_path / "d")
    out = tmp_path / "laporan"
    out.mkdir()
    (out / "hasil.json").write_text("lama", encoding="utf-8")

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "replace", full)
    r = cli("check", root, "--format", "json", "--output", out / "hasil.json")
    assert r.code == 3
    assert "disk penuh" in r.err
    assert "Traceback" not in r.err
    # the previous output is intact and no temporary file is left behind
    assert sorted(p.name for p in out.iterdir()) == ["hasil.json"]
    assert (out / "hasil.json").read_text(encoding="utf-8") == "lama"


def test_output_in_a_folder_that_cannot_exist(tmp_path: Path, cli) -> None:
    root = clean_dossier(tmp_path / "d")
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder", encoding="utf-8")
    r = cli("check", root, "--format", "json", "--output", blocker / "hasil.json")
    assert r.code == 3
    assert "Traceback" not in r.err


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_outputs_get_the_users_usual_permissions(tmp_path: Path) -> None:
    from kladoc.fsutil import atomic_write

    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "laporan.json", "{}")
    finally:
        os.umask(old)
    assert (tmp_path / "laporan.json").stat().st_mode & 0o777 == 0o644
