"""Issue #13 from the command line: the dossier found from any folder inside it, a folder that
is no dossier, the output format from the file name, `kladoc opd`, Click's words in
Indonesian, system errors in the catalogue's words, Ctrl+C, and .doc without LibreOffice."""

from __future__ import annotations

import errno
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kladoc.errors import localize_detail, short_error
from kladoc.i18n import set_language
from tests import inspect_fixtures as fx
from tests import synth
from tests.dossier_factory import config, plain_pdf

SAMPLE = Path(__file__).resolve().parent.parent / "sample_dossier"

# Click's own English, which must not reach an Indonesian user
CLICK_ENGLISH = (
    "Usage:",
    "Options",
    "Arguments",
    "Commands",
    "[required]",
    "[default:",
    "Show this message and exit.",
    "Error:",
    "No such option",
    "Possible options",
    "for help.",
    "Missing argument",
    "Invalid value",
    "Got unexpected extra argument",
    "<str>",
    "<path>",
    "<int",
)


def mini_dossier(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    config(root)
    plain_pdf(root / "DP3A" / "1 Perda" / "Perda KLA 2024.pdf", "PERATURAN DAERAH 2024")
    plain_pdf(root / "Dinas Kesehatan" / "3a Tiga" / "Rekap data 2025.pdf", "REKAP DATA 2025")
    synth.photo_jpeg(root / "Dinas Kesehatan" / "2 Gizi" / "Foto posyandu 2025.jpg", seed=3)
    return root


def summary(out: str) -> dict:
    data = json.loads(out)
    return {
        "summary": data["summary"],
        "evidence": sorted((e["path"], e["indicator"]) for e in data["evidence"]),
        "findings": sorted(
            (f["rule"], f["path"] or "", f["indicator"] or "") for f in data["findings"]
        ),
    }


# -- item 1: the dossier root from any sub-folder ----------------------------------------------


def test_check_from_an_opd_sub_folder_is_the_opd_scope(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = mini_dossier(tmp_path / "Dossier KLA")
    expected = cli("check", root, "--opd", "Dinkes", "--format", "json")
    monkeypatch.chdir(root / "Dinas Kesehatan" / "2 Gizi")
    got = cli("check", "--format", "json")
    assert got.code == expected.code
    assert summary(got.out) == summary(expected.out)
    assert "hanya OPD Dinas Kesehatan (folder tempat Anda berada)" in got.err
    assert {p for p, _ in summary(got.out)["evidence"]} == {
        "Dinas Kesehatan/2 Gizi/Foto posyandu 2025.jpg",
        "Dinas Kesehatan/3a Tiga/Rekap data 2025.pdf",
    }


def test_check_from_a_non_opd_sub_folder_checks_the_whole_dossier(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = mini_dossier(tmp_path / "d")
    (root / "catatan").mkdir()
    expected = cli("check", root, "--format", "json")
    monkeypatch.chdir(root / "catatan")
    got = cli("check", "--format", "json")
    assert summary(got.out) == summary(expected.out)
    assert f"Dossier {root.resolve()} (kladoc.toml di folder di atas)." in got.err


def test_report_from_an_opd_folder_writes_only_that_opd(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = mini_dossier(tmp_path / "d")
    monkeypatch.chdir(root / "DP3A")
    r = cli("report", "--split-by-opd", tmp_path / "split")
    assert r.code == 1
    names = sorted(p.name for p in (tmp_path / "split").iterdir())
    assert names == ["Laporan KLA 2025 - Dinas Pemberdayaan Perempuan dan Perlindungan Anak.xlsx"]


def test_build_from_a_sub_folder_builds_the_whole_dossier(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = mini_dossier(tmp_path / "d")
    monkeypatch.chdir(root / "Dinas Kesehatan" / "2 Gizi")
    r = cli("build", "--format", "docx")
    assert r.code == 0, r.err
    assert f"Menyusun seluruh dossier {root.resolve()}, tempat folder ini berada." in r.err
    built = sorted(p.name for p in (root / "_kladoc").glob("*.docx"))
    assert len(built) == 2  # kelembagaan and klaster-1: both OPDs' files, not only Dinkes
    assert not (root / "Dinas Kesehatan" / "2 Gizi" / "_kladoc").exists()


def test_a_copied_opd_folder_maps_like_the_full_dossier(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = tmp_path / "sample"
    shutil.copytree(SAMPLE, full)
    copy = tmp_path / "copy" / "Dinas Kesehatan"
    shutil.copytree(SAMPLE / "Dinas Kesehatan", copy)
    expected = json.loads(cli("check", full, "--opd", "Dinkes", "--format", "json").out)
    monkeypatch.chdir(copy)
    r = cli("check", "--opd", "Dinkes", "--year", "2025", "--format", "json")
    data = json.loads(r.out)
    assert data["summary"]["readiness_score"] == expected["summary"]["readiness_score"] > 0
    by_path = {e["path"]: e["indicator"] for e in data["evidence"]}
    assert by_path == {e["path"]: e["indicator"] for e in expected["evidence"]}
    persalinan = [p for p in by_path if p.startswith("Dinas Kesehatan/12 Persalinan di Faskes/")]
    assert persalinan and all(by_path[p] == "12" for p in persalinan)
    unmapped = [f["path"] for f in data["findings"] if f["rule"] == "unmapped-file"]
    assert unmapped == ["Dinas Kesehatan/scan tanpa nama.pdf"]


# -- item 2: not a dossier -----------------------------------------------------------------------


@pytest.mark.parametrize("command", [("check",), ("report", "--split-by-opd", "out"), ("build",)])
def test_a_folder_without_kladoc_toml_is_not_a_dossier(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    plain_pdf(tmp_path / "berkas" / "SK 2025.pdf", "SK 2025")
    mini_dossier(tmp_path / "Dossier KLA 2025")
    monkeypatch.chdir(tmp_path)
    r = cli(*command)
    assert r.code == 2
    assert r.err.strip() == (
        f"Galat: bukan folder dossier: tidak ada kladoc.toml di {tmp_path.resolve()} atau folder "
        "di atasnya. Dossier terdekat di bawahnya: Dossier KLA 2025. Jalankan kladoc di sana, "
        'atau buat dossier baru dengan `kladoc init FOLDER --region "Kota Contoh" --year 2025`.'
    )
    assert not (tmp_path / "_kladoc").exists() and not (tmp_path / "out").exists()


def test_no_dossier_anywhere_names_kladoc_init(tmp_path: Path, cli) -> None:
    (tmp_path / "kosong").mkdir()
    r = cli("check", tmp_path / "kosong", "--lang", "en")
    assert r.code == 2
    assert "not a dossier folder: no kladoc.toml in" in r.err
    assert "kladoc init FOLDER" in r.err and "--opd NAME" in r.err


# -- item 5: the format from the file name ---------------------------------------------------------


def test_output_format_follows_the_suffix(tmp_path: Path, cli) -> None:
    root = mini_dossier(tmp_path / "d")
    r = cli("check", root, "--output", tmp_path / "laporan.xlsx")
    assert r.code == 1
    assert openpyxl.load_workbook(tmp_path / "laporan.xlsx").sheetnames[0] == "Ringkasan"
    cli("check", root, "-o", tmp_path / "hasil.json")
    assert json.loads((tmp_path / "hasil.json").read_text(encoding="utf-8"))["summary"]
    cli("check", root, "-o", tmp_path / "laporan.html")
    assert (tmp_path / "laporan.html").read_text(encoding="utf-8").lstrip().startswith("<!")
    cli("check", root, "-o", tmp_path / "ringkas.txt")
    assert "Ringkasan:" in (tmp_path / "ringkas.txt").read_text(encoding="utf-8")


def test_a_suffix_contradicting_format_is_exit_2(tmp_path: Path, cli) -> None:
    root = mini_dossier(tmp_path / "d")
    r = cli("check", root, "--format", "json", "--output", tmp_path / "laporan.xlsx")
    assert r.code == 2
    assert "--format json tidak cocok dengan akhiran berkas .xlsx" in r.err
    assert not (tmp_path / "laporan.xlsx").exists()
    r = cli("checklist", "--output", tmp_path / "daftar.html")
    assert r.code == 2
    assert "akhiran .html tidak didukung di sini; format yang ada: table, json, xlsx." in r.err


# -- item 6: kladoc opd; init without indicator folders


def test_kladoc_opd_lists_every_opd_with_its_aliases(tmp_path: Path, cli) -> None:
    r = cli("opd", tmp_path, "--format", "json")
    assert r.code == 0
    rows = {row["id"]: row for row in json.loads(r.out)}
    assert rows["dinkes"]["short"] == "Dinkes"
    assert rows["dinkes"]["name"] == "Dinas Kesehatan"
    assert len(rows) >= 30
    table = cli("opd", tmp_path)
    assert table.code == 0 and "Dinas Kesehatan" in table.out and "Nama lain" in table.out


def test_kladoc_opd_includes_the_dossiers_own_aliases(tmp_path: Path, cli) -> None:
    config(tmp_path, '[opd_aliases]\n"Dinas Kesehatan" = ["Dinkes Sehat"]\n')
    (tmp_path / "DP3A").mkdir()
    rows = {
        row["id"]: row for row in json.loads(cli("opd", tmp_path / "DP3A", "--format", "json").out)
    }
    assert "Dinkes Sehat" in rows["dinkes"]["aliases"]


def test_init_without_indicator_folders(tmp_path: Path, cli) -> None:
    r = cli("init", tmp_path / "a", "--region", "Kota Uji", "--year", "2025")
    assert r.code == 0
    assert any(p.is_dir() for p in (tmp_path / "a" / "Dinas Kesehatan").iterdir())
    r = cli(
        "init", tmp_path / "b", "--region", "Kota Uji", "--year", "2025", "--no-indicator-folders"
    )
    assert r.code == 0
    assert not any(p.is_dir() for p in (tmp_path / "b" / "Dinas Kesehatan").iterdir())


# -- item 9: Click's words in the user's language


@pytest.mark.parametrize(
    ("args", "code", "indonesian"),
    [
        (("--help",), 0, "Penggunaan: kladoc [OPSI] PERINTAH [ARGUMEN]..."),
        (("check", "--help"), 0, "-h, --help           Tampilkan bantuan ini lalu keluar."),
        (("check", "--bogus"), 2, "Galat: opsi tidak dikenal: --bogus"),
        (("init",), 2, "Galat: argumen FOLDER belum diisi."),
        (("init", "x", "--year", "2025"), 2, "Galat: opsi '--region' wajib diisi."),
        (
            ("check", "--year", "abc"),
            2,
            "Galat: nilai tidak sah untuk '--year': 'abc'; yang diharapkan: bilangan bulat.",
        ),
        (("check", "a", "b"), 2, "Galat: argumen berlebih: b."),
        (("check", "--opd"), 2, "Galat: opsi --opd memerlukan nilai."),
        (("bogus",), 2, "Galat: perintah tidak dikenal: bogus"),
    ],
)
def test_click_speaks_indonesian(args: tuple[str, ...], code: int, indonesian: str, cli) -> None:
    r = cli(*args)
    assert r.code == code
    text = r.out + r.err
    assert indonesian in text
    leaked = [p for p in CLICK_ENGLISH if p in text]
    assert leaked == []


def test_check_help_in_indonesian_has_indonesian_sections(cli) -> None:
    text = cli("check", "--help").out
    for word in (
        "Penggunaan: kladoc check [OPSI] [FOLDER]",
        "Argumen:",
        "Opsi:",
        "[bawaan: error]",
    ):
        assert word in text
    assert "--year TAHUN" in text and "--opd OPD" in text and "-o, --output BERKAS" in text


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (("--help", "--lang", "en"), "Usage: kladoc [OPTIONS] COMMAND [ARGS]..."),
        (("check", "--help", "--lang", "en"), "Show this message and exit."),
        (("check", "--bogus", "--lang", "en"), "Error: no such option: --bogus"),
        (("init", "--lang", "en"), "Error: missing argument FOLDER."),
        (("check", "--year", "abc", "--lang", "en"), "expected a whole number."),
        (("check", "a", "b", "--lang", "en"), "Error: unexpected extra arguments: b."),
    ],
)
def test_click_in_english_with_lang_en(args: tuple[str, ...], english: str, cli) -> None:
    r = cli(*args)
    assert english in r.out + r.err


# -- item 9: system texts and numbers -------------------------------------------------------------


def test_short_error_speaks_the_users_language() -> None:
    denied = PermissionError(errno.EPERM, "Operation not permitted", "/x/y.pdf")
    assert short_error(denied) == (
        "akses ditolak (tidak punya izin, atau berkas sedang dibuka program lain)"
    )
    assert short_error(OSError(errno.ENOSPC, "No space left on device")) == "disk penuh"
    assert short_error(zipfile.BadZipFile("File is not a zip file")) == (
        "bukan berkas ZIP/Office yang utuh (rusak atau terpotong)"
    )
    # an errno kladoc has no words for keeps the system's text, without the path
    assert short_error(OSError(errno.ENOEXEC, "Exec format error", "/secret/x")) == (
        "Exec format error"
    )
    set_language("en")
    assert short_error(denied).startswith("access denied")
    assert localize_detail("bad zip: File is not a zip file") == (
        "not an intact ZIP/Office file (damaged or truncated)"
    )


def test_broken_docx_finding_has_no_library_english(tmp_path: Path, cli) -> None:
    config(tmp_path)
    (tmp_path / "DP3A" / "1 Perda").mkdir(parents=True)
    (tmp_path / "DP3A" / "1 Perda" / "Perda 2024.docx").write_bytes(b"PK\x03\x04 not a zip")
    data = json.loads(cli("check", tmp_path, "--format", "json").out)
    corrupt = [f["message"] for f in data["findings"] if f["rule"] == "corrupt"]
    assert corrupt and all("bad zip" not in m for m in corrupt)


def test_too_large_uses_the_decimal_comma(tmp_path: Path, cli) -> None:
    config(tmp_path, "max_file_mb = 0.5\n")
    synth.photo_jpeg(
        tmp_path / "Dinas Kesehatan" / "2 Gizi" / "Foto 2025.jpg", size=(1600, 1200), seed=9
    )
    big = tmp_path / "Dinas Kesehatan" / "2 Gizi" / "Data rekap 2025.pdf"
    plain_pdf(big, "DATA REKAP 2025")
    with big.open("ab") as fh:  # padding after %%EOF: still a valid PDF, now 0.7 MB
        fh.write(b"\n%" + b"0" * (700 * 1024) + b"\n")
    data = json.loads(cli("check", tmp_path, "--format", "json").out)
    messages = [f["message"] for f in data["findings"] if f["rule"] == "too-large"]
    assert any("MB, melebihi batas 0,5 MB" in m for m in messages), messages
    assert any(": 0,7 MB" in m for m in messages), messages


# -- item 10: Ctrl+C ------------------------------------------------------------------------------


def test_ctrl_c_in_check_says_stopped(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import kladoc.check

    root = mini_dossier(tmp_path / "d")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kladoc.check, "run_check", interrupted)
    r = cli("check", root)
    assert r.code == 130
    assert r.err.strip().splitlines()[-1] == "Dihentikan."


def test_ctrl_c_in_build_says_the_dossier_is_unchanged(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kladoc.build.run

    root = mini_dossier(tmp_path / "d")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kladoc.build.run, "build", interrupted)
    r = cli("build", root)
    assert r.code == 130
    assert r.err.strip().splitlines()[-1] == "Dihentikan; dossier sebelumnya tidak diubah."
    r = cli("build", root, "--lang", "en")
    assert r.err.strip().splitlines()[-1] == "Interrupted; the previous dossier is unchanged."


# -- item 11: .doc / .xls without LibreOffice


def test_doc_without_libreoffice_gets_an_info_finding(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    config(tmp_path)
    (tmp_path / "DP3A" / "1 Perda").mkdir(parents=True)
    fx.legacy_doc(tmp_path / "DP3A" / "1 Perda" / "SK Gugus Tugas 2025.doc")
    monkeypatch.setenv("KLADOC_SOFFICE", str(tmp_path / "no-such-soffice"))
    data = json.loads(cli("check", tmp_path, "--format", "json").out)
    found = [(f["rule"], f["severity"], f["path"]) for f in data["findings"]]
    assert ("needs-libreoffice", "info", "DP3A/1 Perda/SK Gugus Tugas 2025.doc") in found
    fake = tmp_path / "soffice"
    fake.write_text("", encoding="utf-8")
    monkeypatch.setenv("KLADOC_SOFFICE", str(fake))
    data = json.loads(cli("check", tmp_path, "--format", "json").out)
    assert not [f for f in data["findings"] if f["rule"] == "needs-libreoffice"]
