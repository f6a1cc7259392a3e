from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kladoc.check import run_check
from tests.dossier_factory import clean_dossier, one_of_each, plain_pdf

DP3A = "DP3A/1 Perda KLA"
EXPECTED = sorted(
    [
        ("missing-indicator", None, "3a"),
        ("missing-evidence-type", None, "2"),
        ("unmapped-file", "Dinas Kesehatan/tanpa kode.pdf", None),
        ("unknown-indicator", "Dinas Kesehatan/9 Lain/Data 2025.pdf", None),
        ("ambiguous-indicator", "Dinas Kesehatan/3 Gizi/Data 2025.pdf", None),
        ("unknown-opd", "Lain-lain", None),
        ("wrong-opd", "Dinas Kesehatan/1 Regulasi/SK Tim Dinkes 2025.pdf", "1"),
        ("manifest-error", "DP3A/bukti.xlsx", None),
        ("corrupt", f"{DP3A}/Perwal rusak 2024.pdf", "1"),
        ("encrypted", f"{DP3A}/Perwal terkunci 2024.pdf", "1"),
        ("empty", f"{DP3A}/Perwal kosong 2024.pdf", "1"),
        ("unsupported-type", f"{DP3A}/catatan 2025.txt", "1"),
        ("too-large", f"{DP3A}/Foto besar 2025.jpg", "1"),
        ("no-text-layer", f"{DP3A}/Scan Perda 2024.pdf", "1"),
        ("stale-year", f"{DP3A}/SK Tim Lama 2019.pdf", "1"),
        ("missing-year", f"{DP3A}/SK Tim Tanpa Tahun.pdf", "1"),
        ("unknown-type", "DP3A/1 Lain/Lampiran 2025.pdf", "1"),
        ("duplicate", f"{DP3A}/salinan/Perda KLA 2019.pdf", "1"),
        ("active-content", f"{DP3A}/Perwal interaktif 2024.pdf", "1"),
        ("repaired", f"{DP3A}/Perwal diperbaiki 2024.pdf", "1"),
        ("restricted", f"{DP3A}/Perbup terbatas 2024.pdf", "1"),
        ("decompression-bomb", f"{DP3A}/Foto bom 2025.png", "1"),
        ("link-outside", f"{DP3A}/tautan keluar.pdf", None),
        ("broken-link", f"{DP3A}/tautan rusak.pdf", None),
    ],
    key=str,
)


def _triples(result) -> list[tuple]:
    return sorted(((f.rule, f.path, f.indicator) for f in result.findings), key=str)


def test_clean_dossier_has_no_findings_and_exits_0(tmp_path: Path, cli) -> None:
    root = clean_dossier(tmp_path / "bersih")
    result = run_check(root, jobs=2)
    assert _triples(result) == []
    assert [s.status for s in result.indicators] == ["complete"] * 4
    assert result.readiness.score == 1000
    assert result.readiness.category == "Madya"
    r = cli("check", root)
    assert r.code == 0


def test_one_example_of_each_rule(tmp_path: Path, cli) -> None:
    root = one_of_each(tmp_path / "dossier")
    result = run_check(root, jobs=2)
    assert _triples(result) == EXPECTED
    by_path = {e.path: e for e in result.evidence}
    # skipped clutter and kladoc's own output never appear
    assert not [
        p for p in by_path if "~$" in p or "Thumbs" in p or "hidden" in p or p.startswith("_kladoc")
    ]
    # the unknown OPD's file is still inspected and mapped
    assert by_path["Lain-lain/1 SK Tambahan 2025.pdf"].facts.status == "ok"
    assert by_path["Lain-lain/1 SK Tambahan 2025.pdf"].indicator == "1"
    statuses = {s.id: s.status for s in result.indicators}
    assert statuses == {"1": "complete", "2": "partial", "3a": "missing", "3b": "complete"}
    r = cli("check", root)
    assert r.code == 1
    r = cli("check", root, "--format", "json")
    data = json.loads(r.out)
    assert (
        sorted(((f["rule"], f["path"], f["indicator"]) for f in data["findings"]), key=str)
        == EXPECTED
    )


def test_classification_sources(tmp_path: Path) -> None:
    root = one_of_each(tmp_path / "dossier")
    result = run_check(root, jobs=1)
    ev = {e.path: e for e in result.evidence}
    sk = ev[f"{DP3A}/SK Gugus Tugas 2025.pdf"]
    assert (sk.type, sk.type_source, sk.year, sk.year_source) == (
        "sk_kelembagaan",
        "name",
        2025,
        "name",
    )
    assert (sk.indicator, sk.indicator_source) == ("1", "folder")
    no_year = ev[f"{DP3A}/SK Tim Tanpa Tahun.pdf"]
    assert (no_year.year, no_year.year_source) == (None, "")
    photo = ev["Dinas Kesehatan/2 Gizi/Foto Posyandu 2025.jpg"]
    assert (photo.type, photo.type_source) == ("foto", "name")
    named = ev["Dinas Kesehatan/Ind 3B Data 2024.xlsx"]
    assert (named.indicator, named.indicator_source) == ("3b", "name")


def test_year_and_type_from_document_text(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    plain_pdf(
        root / "DP3A" / "1 Perda KLA" / "Lampiran 3.pdf",
        "KEPUTUSAN WALI KOTA CONTOH NOMOR 188/12 TAHUN 2025 TENTANG TIM",
    )
    result = run_check(root, jobs=1)
    ev = {e.path: e for e in result.evidence}["DP3A/1 Perda KLA/Lampiran 3.pdf"]
    assert (ev.type, ev.type_source, ev.year, ev.year_source) == (
        "sk_kelembagaan",
        "text",
        2025,
        "text",
    )


def test_manifest_overrides_names(tmp_path: Path) -> None:
    from tests import synth

    root = clean_dossier(tmp_path / "d")
    plain_pdf(root / "Dinas Kesehatan" / "dokumen_001.pdf", "isi")
    synth.manifest_xlsx(
        root / "Dinas Kesehatan" / "bukti.xlsx",
        [
            {
                "berkas": "dokumen_001.pdf",
                "indikator": "3A",
                "jenis": "data_tabel",
                "tahun": 2024,
                "catatan": "Rekap kasus",
            },
            {
                "berkas": "hilang.pdf",
                "indikator": "2",
                "jenis": "foto",
                "tahun": 2025,
                "catatan": "",
            },
            {
                "berkas": "/etc/passwd",
                "indikator": "2",
                "jenis": "foto",
                "tahun": 2025,
                "catatan": "",
            },
            {
                "berkas": "dokumen_001.pdf",
                "indikator": "2",
                "jenis": "jenis aneh",
                "tahun": 2025,
                "catatan": "",
            },
        ],
    )
    result = run_check(root, jobs=1)
    ev = {e.path: e for e in result.evidence}["Dinas Kesehatan/dokumen_001.pdf"]
    assert (
        ev.indicator,
        ev.indicator_source,
        ev.type,
        ev.type_source,
        ev.year,
        ev.year_source,
        ev.note,
    ) == ("3a", "manifest", "data_tabel", "manifest", 2024, "manifest", "Rekap kasus")
    problems = sorted(f.params["row"] for f in result.findings if f.rule == "manifest-error")
    assert problems == [3, 4, 5]
    assert "bukti.xlsx" not in {e.name for e in result.evidence}


def test_opd_scope_and_focal_point_folder(tmp_path: Path, cli) -> None:
    root = one_of_each(tmp_path / "dossier")
    scoped = run_check(root, opd="Dinkes", jobs=1)
    assert {e.opd for e in scoped.evidence} == {"dinkes"}
    # missing-* only for indicators Dinkes is responsible for: 2, 3a, 3b (not 1)
    assert {s.id for s in scoped.indicators} == {"2", "3a", "3b"}
    # a focal point's own copy of the folder, with no kladoc.toml and no siblings
    alone = tmp_path / "salinan" / "Dinas Kesehatan"
    alone.parent.mkdir()
    import shutil

    shutil.copytree(root / "Dinas Kesehatan", alone)
    (alone.parent / "mini.yaml").write_text((root / "mini.yaml").read_text(), encoding="utf-8")
    r = cli(
        "check",
        alone,
        "--opd",
        "Dinkes",
        "--year",
        "2025",
        "--checklist",
        alone.parent / "mini.yaml",
        "--format",
        "json",
    )
    assert r.code == 1
    data = json.loads(r.out)
    paths = {e["path"] for e in data["evidence"]}
    assert "Dinas Kesehatan/2 Gizi/Foto Posyandu 2025.jpg" in paths
    assert {e["opd"] for e in data["evidence"]} == {"dinkes"}
    assert {i["id"] for i in data["indicators"]} == {"2", "3a", "3b"}


def test_cluster_and_indicator_scope(tmp_path: Path) -> None:
    root = one_of_each(tmp_path / "dossier")
    res = run_check(root, cluster="Klaster I", jobs=1)
    assert {s.id for s in res.indicators} == {"2", "3a", "3b"}
    assert {e.indicator for e in res.evidence} <= {"2", "3a", "3b"}
    res = run_check(root, indicator="3B", jobs=1)
    assert [s.id for s in res.indicators] == ["3b"]


def test_silence_fail_on_and_exit_codes(tmp_path: Path, cli) -> None:
    root = clean_dossier(tmp_path / "d")
    plain_pdf(root / "Dinas Kesehatan" / "tanpa kode.pdf", "x")  # a warning only
    assert cli("check", root).code == 0
    assert cli("check", root, "--fail-on", "warning").code == 1
    with open(root / "kladoc.toml", "a", encoding="utf-8") as fh:
        fh.write('silence = ["unmapped-file"]\n')
    assert cli("check", root, "--fail-on", "warning").code == 0
    assert cli("check", root, "--format", "yaml").code == 2
    assert cli("check", tmp_path / "tidak-ada").code == 2
    assert cli("check", root, "--opd", "Dinas Perikanan Laut").code == 2


def test_json_is_pure_and_schema_complete(tmp_path: Path, cli) -> None:
    root = one_of_each(tmp_path / "dossier")
    r = cli("check", root, "--format", "json")
    data = json.loads(r.out)  # nothing but JSON on stdout
    assert set(data["summary"]) >= {"readiness_score", "category", "errors", "warnings", "files"}
    assert set(data["indicators"][0]) >= {"id", "cluster", "status", "files"}
    assert set(data["evidence"][0]) >= {
        "path",
        "opd",
        "indicator",
        "type",
        "year",
        "pages",
        "sha256",
    }
    assert set(data["findings"][0]) >= {"rule", "severity", "path", "opd", "indicator", "message"}
    assert all("\\" not in e["path"] for e in data["evidence"])
    out = tmp_path / "hasil.json"
    r = cli("check", root, "--format", "json", "--output", out)
    assert r.out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"] == data["summary"]


def test_terminal_report_in_both_languages(tmp_path: Path, cli) -> None:
    root = one_of_each(tmp_path / "dossier")
    r = cli("check", root)
    assert "Ringkasan:" in r.out.splitlines()[-1]
    assert "dilindungi kata sandi" in r.out
    assert "Kota Uji" in r.out
    r = cli("check", root, "--lang", "en")
    assert "Summary:" in r.out.splitlines()[-1]
    assert "password-protected" in r.out
    assert r.err == ""  # no progress bar when stderr is not a terminal


def test_timeout_is_a_finding_and_the_run_completes(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    with open(root / "kladoc.toml", "a", encoding="utf-8") as fh:
        fh.write("inspect_timeout = 0.001\n")  # nothing can be inspected that fast
    result = run_check(root, jobs=1)
    assert {f.rule for f in result.findings} >= {"timeout"}
    assert len(result.evidence) == 6
    assert {e.facts.status for e in result.evidence} == {"timeout"}


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    secret = root / "DP3A" / "1 Perda KLA" / "SK rahasia 2025.pdf"
    plain_pdf(secret, "SK")
    secret.chmod(0)
    try:
        result = run_check(root, jobs=1)
    finally:
        secret.chmod(0o644)
    assert ("unreadable", "DP3A/1 Perda KLA/SK rahasia 2025.pdf") in {
        (f.rule, f.path) for f in result.findings
    }


def test_findings_for_legacy_office_and_pdf_damage(tmp_path: Path) -> None:
    """Issue 12 items 6, 8, 9, 10: what check reports for these files, by slug."""
    from kladoc.rules import RULES
    from tests import inspect_fixtures as fx

    root = clean_dossier(tmp_path / "dossier")
    folder = root / "DP3A" / "1 Perda KLA"
    fx.legacy_doc(folder / "SK lama 2024.doc", encryption="rc4")
    fx.legacy_xls(folder / "Data sandi 2024.xls", filepass="xor")
    fx.truncated(fx.legacy_xls(tmp_path / "ok.xls"), folder / "Data rusak 2024.xls", 0.8)
    fx.biff4_xls(folder / "Data excel4 2024.xls")
    fx.damaged_content_pdf(folder / "SK isi rusak 2024.pdf")
    fx.attachments_only_encrypted_pdf(folder / "SK lampiran 2024.pdf")
    result = run_check(root, jobs=1, use_cache=False)
    got = sorted(
        (f.rule, f.severity, f.path.rsplit("/", 1)[-1])
        for f in result.findings
        if f.rule not in ("unknown-type", "active-content")
    )
    assert got == [
        ("attachments-encrypted", "info", "SK lampiran 2024.pdf"),
        ("corrupt", "error", "Data rusak 2024.xls"),
        ("damaged-content", "warning", "SK isi rusak 2024.pdf"),
        ("encrypted", "error", "Data sandi 2024.xls"),
        ("encrypted", "error", "SK lama 2024.doc"),
        ("format-too-old", "warning", "Data excel4 2024.xls"),
    ]
    damaged = next(f for f in result.findings if f.rule == "damaged-content")
    assert damaged.params["pages"] == "2"
    # the damaged PDF is not also called a scan without a text layer, and stays usable
    by_path = {e.path.rsplit("/", 1)[-1]: e for e in result.evidence}
    assert by_path["SK isi rusak 2024.pdf"].usable
    assert by_path["SK isi rusak 2024.pdf"].facts.damaged_pages == [2]
    assert by_path["SK lampiran 2024.pdf"].usable
    assert {"format-too-old", "damaged-content", "attachments-encrypted"} <= set(RULES)
