"""Issue #13 items 3, 4, 10: the submission dossier vs the draft, edits kept under a dated
name, the output set replaced all at once (or not at all)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from kladoc.build import build_pdf
from kladoc.build.docx import build_docx
from kladoc.build.output import BuildReport, OutputSet, read_manifest
from kladoc.check import CheckResult, run_check
from kladoc.config import OUTPUT_MANIFEST
from kladoc.i18n import set_language
from tests import synth
from tests.dossier_factory import clean_dossier

STALE = "DP3A/1 Perda KLA/SK Gugus Tugas 2019.pdf"
BROKEN = "DP3A/1 Perda KLA/SK Rusak 2025.pdf"
UNMAPPED = "DP3A/Catatan Rapat 2025.pdf"


def _dossier(root: Path) -> Path:
    """The clean dossier plus one file of each kind a submission leaves out."""
    clean_dossier(root)
    synth.text_pdf(root / STALE, title="Gugus Tugas KLA", year=2019)
    (root / BROKEN).write_bytes(b"%PDF-1.7\nthis is not a pdf")
    synth.text_pdf(root / UNMAPPED, title="Catatan rapat", year=2025)
    return root


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    set_language("id")
    return run_check(_dossier(tmp_path_factory.mktemp("trust") / "D"), jobs=1)


def _pages(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(path)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def _docx_text(path: Path) -> tuple[str, str]:
    """(body incl. tables, every header) of a Word file."""
    document = docx.Document(str(path))
    body = [p.text for p in document.paragraphs]
    body += [c.text for t in document.tables for r in t.rows for c in r.cells]
    heads = []
    for sec in document.sections:
        for part in (sec.header, sec.first_page_header):
            heads += [p.text for p in part.paragraphs]
    return "\n".join(body), "\n".join(heads)


# -- item 4: the submission version and the draft -----------------------------------------


def test_submission_pdf_has_no_findings_readiness_or_draft_mark(
    checked: CheckResult, tmp_path: Path
) -> None:
    report = build_pdf(checked, tmp_path, cluster="kelembagaan", converter="python")
    assert report.ok, [e.render() for e in report.errors]
    pages = _pages(tmp_path / "Kelembagaan.pdf")
    text = "\n".join(pages)
    for internal in ("Kekurangan", "GALAT", "PERINGATAN", "KESIAPAN", "poin", "%", "DRAF"):
        assert internal not in text, internal
    assert "Daftar Bukti Dukung" in text
    assert "Bukti dukung" in pages[0]  # the cover still counts the evidence
    # left out: the out-of-window SK and the broken file (no notice page), and the unmapped
    assert "SK Gugus Tugas 2019.pdf" not in text and "SK Rusak 2025.pdf" not in text
    assert [(x.path, x.reason) for x in report.excluded] == [
        (STALE, "stale-year"),
        (BROKEN, "unusable"),
        (UNMAPPED, "unmapped"),
    ]


def test_draft_pdf_says_draf_on_every_page_and_keeps_gaps_and_figures(
    checked: CheckResult, tmp_path: Path
) -> None:
    report = build_pdf(checked, tmp_path, cluster="kelembagaan", converter="python", draft=True)
    assert report.ok, [e.render() for e in report.errors]
    pages = _pages(tmp_path / "Kelembagaan.pdf")
    assert len(pages) > 4
    assert [n for n, page in enumerate(pages, 1) if "DRAF ·" not in page] == []
    text = "\n".join(pages)
    assert "Kekurangan yang Masih Terbuka" in text and "GALAT" in text
    assert "PERKIRAAN KESIAPAN DOKUMEN KLASTER INI" in pages[0]
    assert "SK Gugus Tugas 2019.pdf" in text and "SK Rusak 2025.pdf" in text
    assert [(x.path, x.reason) for x in report.excluded] == [(UNMAPPED, "unmapped")]


def test_word_submission_and_draft(checked: CheckResult, tmp_path: Path) -> None:
    sub = build_docx(checked, tmp_path / "sub", cluster="kelembagaan")
    draft = build_docx(checked, tmp_path / "draft", cluster="kelembagaan", draft=True)
    assert sub.ok and draft.ok
    body, heads = _docx_text(sub.files[0].path)
    for internal in ("Kekurangan", "GALAT", "KESIAPAN", "poin", "%", "DRAF"):
        assert internal not in body + heads, internal
    assert "SK Rusak 2025.pdf" not in body and "SK Gugus Tugas 2019.pdf" not in body
    body, heads = _docx_text(draft.files[0].path)
    assert "Kekurangan yang Masih Terbuka" in body and "GALAT" in body
    assert "PERKIRAAN KESIAPAN DOKUMEN KLASTER INI" in body
    document = docx.Document(str(draft.files[0].path))
    sec = document.sections[0]
    # every page: the cover's own header and the header of every later page
    assert sec.first_page_header.paragraphs[0].text == "DRAF"
    assert sec.header.paragraphs[0].text.startswith("DRAF · Kota Uji · ")


def test_pdf_and_word_submission_agree(checked: CheckResult, tmp_path: Path) -> None:
    pdf = build_pdf(checked, tmp_path, cluster="kelembagaan", converter="python")
    words = build_docx(checked, tmp_path, cluster="kelembagaan")
    assert pdf.excluded == words.excluded
    assert pdf.files[0].documents == words.files[0].documents == 2
    pdf_text = "\n".join(_pages(tmp_path / "Kelembagaan.pdf"))
    body, _ = _docx_text(tmp_path / "Kelembagaan.docx")
    for ev in checked.evidence:
        if ev.indicator == "1":
            shown = ev.path not in {x.path for x in pdf.excluded}
            assert (ev.name in pdf_text) == shown == (ev.name in body), ev.path


def test_cli_summary_names_left_out_files_and_the_draft(cli, tmp_path: Path) -> None:
    root = _dossier(tmp_path / "D")
    r = cli("build", root, "--converter", "python")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    start = lines.index("3 berkas tidak dimasukkan ke dossier:")
    assert lines[start + 1] == (
        f"  {STALE}: di luar rentang tahun — tahun 2019, di luar periode 2024–2025"
    )
    assert lines[start + 2].startswith(f"  {BROKEN}: tidak dapat dipakai — berkas rusak")
    assert lines[start + 3] == (
        f"  {UNMAPPED}: tidak terpetakan ke indikator — "
        "nama berkas dan foldernya tidak diawali kode indikator"
    )
    assert "DRAF" not in r.out
    r = cli("build", root, "--converter", "python", "--draft")
    assert r.code == 0, r.err
    assert "1 berkas tidak dimasukkan ke dossier:" in r.out
    assert (
        "DRAF: kekurangan dan angka kesiapan tercantum; jangan diserahkan kepada tim evaluasi."
        in r.out
    )


def test_json_and_xlsx_reports_list_the_left_out_files(cli, tmp_path: Path) -> None:
    root = _dossier(tmp_path / "D")
    out = tmp_path / "hasil.json"
    assert cli("check", root, "--format", "json", "--output", out).code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(x["path"], x["reason"], x["reason_text"]) for x in data["excluded"]] == [
        (STALE, "stale-year", "di luar rentang tahun"),
        (BROKEN, "unusable", "tidak dapat dipakai"),
        (UNMAPPED, "unmapped", "tidak terpetakan ke indikator"),
    ]
    assert all(x["message"] for x in data["excluded"])
    book = tmp_path / "laporan.xlsx"
    assert cli("check", root, "--format", "xlsx", "--output", book).code == 1
    ws = load_workbook(book)["Tidak di Dossier"]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert rows[0] == ("Berkas", "Alasan tidak dimasukkan", "Temuan")
    assert [r[:2] for r in rows[1:]] == [
        (STALE, "di luar rentang tahun"),
        (BROKEN, "tidak dapat dipakai"),
        (UNMAPPED, "tidak terpetakan ke indikator"),
    ]


# -- item 3: edits are never thrown away ----------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_edited_word_dossier_is_kept_under_a_dated_name(cli, tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "D")
    out = root / "_kladoc"
    args = ("build", root, "--cluster", "kelembagaan", "--converter", "python")
    assert cli(*args).code == 0
    manifest = read_manifest(out)
    assert sorted(manifest) == ["Kelembagaan.docx", "Kelembagaan.pdf"]
    assert manifest["Kelembagaan.pdf"]["sha256"] == _sha(out / "Kelembagaan.pdf")
    assert manifest["Kelembagaan.pdf"]["size"] == (out / "Kelembagaan.pdf").stat().st_size
    # a focal point finishes the narrative in Word
    word = docx.Document(str(out / "Kelembagaan.docx"))
    word.add_paragraph("Narasi yang dilengkapi staf.")
    word.save(str(out / "Kelembagaan.docx"))
    edited = _sha(out / "Kelembagaan.docx")
    when = dt.datetime(2025, 6, 12, 14, 3, 30)
    os.utime(out / "Kelembagaan.docx", (when.timestamp(), when.timestamp()))
    pdf_before = _sha(out / "Kelembagaan.pdf")
    r = cli(*args)
    assert r.code == 0, r.err
    kept = out / "Kelembagaan (disunting 2025-06-12 1403).docx"
    assert _sha(kept) == edited
    assert (
        "Kelembagaan.docx diubah sejak kladoc menulisnya: disimpan sebagai "
        "Kelembagaan (disunting 2025-06-12 1403).docx"
    ) in r.out
    assert "Kelembagaan.pdf diubah" not in r.out  # unchanged since written: replaced
    assert sorted(p.name for p in out.iterdir()) == [
        OUTPUT_MANIFEST,
        "Kelembagaan (disunting 2025-06-12 1403).docx",
        "Kelembagaan.docx",
        "Kelembagaan.pdf",
    ]
    assert "Narasi yang dilengkapi staf." not in _docx_text(out / "Kelembagaan.docx")[0]
    # rebuilt and replaced: the same input on the same day gives the same bytes (issue 16)
    assert _sha(out / "Kelembagaan.pdf") == pdf_before
    assert read_manifest(out)["Kelembagaan.docx"]["sha256"] == _sha(out / "Kelembagaan.docx")
    # the same edit again: a second dated name, the first kept copy untouched
    (out / "Kelembagaan.pdf").write_bytes(b"%PDF-1.7 annotated by hand")
    os.utime(out / "Kelembagaan.pdf", (when.timestamp(), when.timestamp()))
    (out / "Kelembagaan (disunting 2025-06-12 1403).pdf").write_bytes(b"taken")
    r = cli(*args)
    assert r.code == 0, r.err
    assert (out / "Kelembagaan (disunting 2025-06-12 1403-2).pdf").read_bytes() == (
        b"%PDF-1.7 annotated by hand"
    )
    assert (out / "Kelembagaan (disunting 2025-06-12 1403).pdf").read_bytes() == b"taken"
    assert _sha(kept) == edited


def test_a_file_kladoc_never_wrote_is_kept_unless_identical(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "Kelembagaan.pdf").write_bytes(b"someone's own file")
    (out / "Klaster-I.pdf").write_bytes(b"the very same bytes")
    staging = OutputSet(out)
    staging.staged("Kelembagaan.pdf").write_bytes(b"new dossier")
    staging.staged("Klaster-I.pdf").write_bytes(b"the very same bytes")
    report = BuildReport(out)
    staging.commit(report)
    staging.discard()
    assert [name for _kept, name in report.kept] == ["Kelembagaan.pdf"]
    (kept,) = [k for k, _ in report.kept]
    assert kept.name.startswith("Kelembagaan (disunting ") and kept.suffix == ".pdf"
    assert kept.read_bytes() == b"someone's own file"
    assert (out / "Kelembagaan.pdf").read_bytes() == b"new dossier"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [OUTPUT_MANIFEST, kept.name, "Kelembagaan.pdf", "Klaster-I.pdf"]
    )
    assert sorted(read_manifest(out)) == ["Kelembagaan.pdf", "Klaster-I.pdf"]


def test_commit_takes_the_writers_digests_and_checks_their_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A digest taken by the file's writer spares commit reading the file again; one whose
    size no longer matches the file is taken anew."""
    from kladoc.build import output

    out = tmp_path / "out"
    staging = OutputSet(out)
    staging.staged("A.pdf").write_bytes(b"first")
    staging.staged("B.pdf").write_bytes(b"second, rewritten")
    staging.digested("A.pdf", output.file_digest(staging.new / "A.pdf"))
    staging.digested("B.pdf", ("0" * 64, len(b"second")))  # before B was rewritten
    read: list[str] = []
    real = output.file_digest

    def spy(path: Path) -> tuple[str, int]:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(output, "file_digest", spy)
    staging.commit(BuildReport(out))
    staging.discard()
    assert read == ["B.pdf"]
    manifest = read_manifest(out)
    assert manifest["A.pdf"]["sha256"] == hashlib.sha256(b"first").hexdigest()
    assert manifest["B.pdf"]["sha256"] == hashlib.sha256(b"second, rewritten").hexdigest()


def test_a_pdf_build_commits_without_reading_its_dossiers_again(
    checked: CheckResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each volume's digest is taken where it was written and verified (in the cluster
    worker for its clusters); commit reads none of them, and the manifest is right."""
    from kladoc.build import output

    out = tmp_path / "out"
    real = output.file_digest
    at_commit: list[str] = []

    def spy(path: Path) -> tuple[str, int]:
        at_commit.append(path.name)
        return real(path)

    monkeypatch.setattr(output, "file_digest", spy)  # commit's name; pdf.py has its own
    report = build_pdf(checked, out)
    assert report.ok
    assert at_commit == []
    manifest = read_manifest(out)
    assert sorted(manifest) == sorted(f.path.name for f in report.files)
    for f in report.files:
        data = f.path.read_bytes()
        assert manifest[f.path.name] == {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }


# -- item 10: all at once or not at all -----------------------------------------------------


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("fail_at", [1, 2, 3, 4])
def test_ctrl_c_during_the_swap_leaves_the_whole_previous_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    out = tmp_path / "out"
    first = OutputSet(out)
    for name in ("A.pdf", "A.docx"):
        first.staged(name).write_bytes(b"old " + name.encode())
    first.commit(BuildReport(out))
    first.discard()
    before = _state(out)
    second = OutputSet(out)
    for name in ("A.pdf", "A.docx"):
        second.staged(name).write_bytes(b"new " + name.encode())
    calls = {"n": 0}
    real = os.replace

    def interrupted(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == fail_at:
            raise KeyboardInterrupt
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        second.commit(BuildReport(out))
    monkeypatch.setattr(os, "replace", real)
    second.discard()
    assert _state(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(before)


def test_ctrl_c_in_the_cli_says_the_previous_dossier_is_unchanged(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = clean_dossier(tmp_path / "D")
    out = root / "_kladoc"
    assert cli("build", root, "--cluster", "kelembagaan", "--converter", "python").code == 0
    before = _state(out)
    from kladoc.build import docx as docx_mod

    def ctrl_c(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    # after the new PDF is finished, before the Word file: nothing may be swapped in
    monkeypatch.setattr(docx_mod, "_write_cluster", ctrl_c)
    r = cli("build", root, "--cluster", "kelembagaan", "--converter", "python")
    assert r.code == 130
    assert "Dihentikan; dossier sebelumnya tidak diubah." in r.err
    assert _state(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(before)
