"""Daily-use trust (issue #13): what a DP3A officer or focal point sees, from the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from kladoc.opd import OpdRegistry
from tests.dossier_factory import config, plain_pdf


def scanned_sk(path: Path, created: str) -> Path:
    """An image-only PDF (no text layer) whose metadata carries the scan date."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    Image.new("L", (200, 280), 235).save(buf, "JPEG")
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    image = pikepdf.Stream(pdf, buf.getvalue())
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = 200, 280, 8
    image.ColorSpace, image.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.DCTDecode
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    pdf.docinfo["/CreationDate"] = created
    pdf.save(path)
    return path


def findings(out: str) -> list[tuple[str, str | None]]:
    return sorted((f["rule"], f["path"]) for f in json.loads(out)["findings"])


@pytest.mark.parametrize(
    "folder",
    [
        "Dinkes Kab. Contoh",
        "Dinas Kesehatan Kabupaten Contoh",
        "Dinas Kesehatan - Salinan",
        "Dinas Kesehatan (2)",
        "Dinkes Kab. Contoh (2)",
        "Copy of Dinkes",
        "Dinkes Pemkab Contoh",
    ],
)
def test_opd_folder_names_as_people_write_them(folder: str) -> None:
    registry = OpdRegistry.builtin(region="Kabupaten Contoh")
    found = registry.lookup(folder)
    assert found is not None and (found.opd.id, found.guessed) == ("dinkes", False)


def test_region_suffix_and_copy_marks_on_other_opds() -> None:
    registry = OpdRegistry.builtin(region="Kabupaten Contoh")
    for name, opd in [
        ("Disdukcapil Kab. Contoh", "disdukcapil"),
        ("Copy of Dinsos", "dinsos"),
        ("Salinan dari Bappeda", "bappeda"),
    ]:
        found = registry.lookup(name)
        assert found is not None and found.opd.id == opd and not found.guessed


@pytest.mark.parametrize("name", ["Lain-lain", "Dokumen", "Pemkab Contoh", "Foto (2)"])
def test_non_opd_folders_stay_unknown(name: str) -> None:
    assert OpdRegistry.builtin(region="Kabupaten Contoh").lookup(name) is None


def test_typo_folder_is_matched_with_an_info_finding(tmp_path: Path, cli) -> None:
    config(tmp_path)
    plain_pdf(tmp_path / "Dinas Sosiall" / "3a Data 2025.pdf", "DATA REKAP 2025")
    r = cli("check", tmp_path, "--format", "json")
    data = json.loads(r.out)
    guessed = [f for f in data["findings"] if f["rule"] == "opd-guessed"]
    assert [(f["severity"], f["path"], f["message"]) for f in guessed] == [
        ("info", "Dinas Sosiall", "Folder 'Dinas Sosiall' dianggap Dinas Sosial")
    ]
    assert "unknown-opd" not in {f["rule"] for f in data["findings"]}
    assert [e["opd"] for e in data["evidence"]] == ["dinsos"]


def test_opd_option_typo_gets_a_suggestion_not_a_guess(tmp_path: Path, cli) -> None:
    config(tmp_path)
    r = cli("check", tmp_path, "--opd", "Dinkess")
    assert r.code == 2
    assert "OPD 'Dinkess' tidak dikenal; maksud Anda: Dinkes? Daftar lengkap: kladoc opd" in r.err
    r = cli("check", tmp_path, "--opd", "DKK")
    assert r.code == 2
    assert "OPD 'DKK' tidak dikenal; maksud Anda: Dinkes" in r.err


def test_ambiguous_indicator_option_names_the_candidates(tmp_path: Path, cli) -> None:
    config(tmp_path)
    r = cli("check", tmp_path, "--indicator", "3")
    assert r.code == 2
    assert "Indikator '3' tidak ada; maksud Anda 3a atau 3b?" in r.err
    r = cli("--lang", "en", "check", tmp_path, "--indicator", "3")
    assert "There is no indicator '3'; did you mean 3a or 3b?" in r.err


def test_scan_date_is_not_the_document_year(tmp_path: Path, cli) -> None:
    config(tmp_path)
    scanned_sk(tmp_path / "DP3A" / "1 Perda" / "SK Tim Scan.pdf", "D:20250312090000")
    r = cli("check", tmp_path, "--format", "json")
    data = json.loads(r.out)
    (ev,) = data["evidence"]
    assert (ev["year"], ev["year_source"]) == (None, "")
    missing = [f for f in data["findings"] if f["rule"] == "missing-year"]
    assert [f["path"] for f in missing] == ["DP3A/1 Perda/SK Tim Scan.pdf"]
    assert missing[0]["remedy"].startswith("Tulis tahun di nama berkas")


def test_text_pdf_metadata_year_still_counts(tmp_path: Path, cli) -> None:
    config(tmp_path)
    path = plain_pdf(tmp_path / "DP3A" / "1 Perda" / "SK Tim.pdf", "SURAT KEPUTUSAN TIM")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.docinfo["/CreationDate"] = "D:20250101000000"
        pdf.save(path)
    data = json.loads(cli("check", tmp_path, "--format", "json").out)
    (ev,) = data["evidence"]
    assert (ev["year"], ev["year_source"]) == (2025, "metadata")


def test_old_year_remedy_differs_from_future_year(tmp_path: Path, cli) -> None:
    config(tmp_path)
    plain_pdf(tmp_path / "DP3A" / "1 Perda" / "SK Tim 2019.pdf", "SURAT KEPUTUSAN")
    plain_pdf(tmp_path / "DP3A" / "1 Perda" / "SK Tim 2027.pdf", "SURAT KEPUTUSAN")
    data = json.loads(cli("check", tmp_path, "--format", "json").out)
    remedies = {f["path"]: f["remedy"] for f in data["findings"] if f["rule"] == "stale-year"}
    assert remedies == {
        "DP3A/1 Perda/SK Tim 2019.pdf": (
            "Ganti dengan dokumen terbaru (mis. SK yang diperbarui) dari periode evaluasi."
        ),
        "DP3A/1 Perda/SK Tim 2027.pdf": (
            "Tahun ini sesudah tahun evaluasi: periksa tahun di nama berkas atau bukti.xlsx, "
            "atau tahun evaluasi di kladoc.toml."
        ),
    }


def test_quoted_year_says_drop_the_quotes(tmp_path: Path, cli) -> None:
    (tmp_path / "kladoc.toml").write_text('region = "Kota Uji"\nyear = "2025"\n', "utf-8")
    r = cli("check", tmp_path)
    assert r.code == 2
    assert 'kladoc.toml: year = "2025" ditulis sebagai teks; hapus tanda kutipnya: year = 2025' in (
        r.err
    )
    (tmp_path / "kladoc.toml").write_text('region = "Kota Uji"\nmax_file_mb = "7,5"\n', "utf-8")
    r = cli("--lang", "en", "check", tmp_path)
    assert 'max_file_mb = "7,5" is written as text; drop the quotes: max_file_mb = 7.5' in r.err


def test_a_long_output_path_is_printed_on_one_line(tmp_path: Path, cli) -> None:
    config(tmp_path)
    out = tmp_path / ("laporan-" + "x" * 120) / "laporan kesiapan dokumen.json"
    out.parent.mkdir()
    r = cli("check", tmp_path, "--output", out)
    assert f"Ditulis: {out}" in r.err.splitlines()


def test_inspection_notes_reach_the_user_in_their_language(tmp_path: Path, cli) -> None:
    config(tmp_path)
    folder = tmp_path / "DP3A" / "1 Perda"
    folder.mkdir(parents=True)
    (folder / "Foto Rapat 2025.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (folder / "SK Tim 2025.pdf").write_bytes(b"%PDF-1.7\n garbage without objects")
    data = json.loads(cli("check", tmp_path, "--format", "json").out)
    messages = {f["path"]: f["message"] for f in data["findings"] if f["rule"] == "corrupt"}
    assert "gambar rusak atau tidak dikenal" in messages["DP3A/1 Perda/Foto Rapat 2025.jpg"]
    assert "berkas terpotong (tidak lengkap)" in messages["DP3A/1 Perda/SK Tim 2025.pdf"]
    for text in messages.values():
        assert not any(w in text for w in ("cannot", "identify", "damaged", "unreadable"))
    data = json.loads(cli("--lang", "en", "check", tmp_path, "--format", "json").out)
    messages = {f["path"]: f["message"] for f in data["findings"] if f["rule"] == "corrupt"}
    assert "damaged or unknown image" in messages["DP3A/1 Perda/Foto Rapat 2025.jpg"]
