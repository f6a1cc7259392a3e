"""`kladoc build --format upload`: the upload pack, checked on the files themselves (names,
page counts, stamps read back with PDFium, split points, sizes, the list workbook, the zip),
incremental rebuilds and scoping."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from kladoc.build.plan import MIB
from kladoc.build.upload import INDEX_NAME, UploadReport, build_upload, check_safe
from kladoc.build.upload_list import (
    MAX_PATH,
    attachment_title,
    part_name,
    question_stem,
    unique_stem,
)
from kladoc.check import CheckResult, run_check
from kladoc.checklist.model import Question
from kladoc.fsutil import safe_file_stem
from kladoc.i18n import set_language
from kladoc.inspect.facts import FileFacts
from kladoc.models import Evidence
from tests import synth
from tests.dossier_factory import noise_jpeg
from tests.upload_factory import (
    CLUSTER_1,
    FILE_11,
    FILE_12A,
    FILE_21,
    FILE_22,
    upload_dossier,
)

PACK = {FILE_11: 2, FILE_12A: 4, FILE_21: 1, FILE_22: 1}


@pytest.fixture(autouse=True)
def _indonesian() -> None:
    set_language("id")


def _check(root: Path, **scope: str) -> CheckResult:
    return run_check(root, jobs=1, use_cache=False, **scope)  # type: ignore[arg-type]


def _build(root: Path, **kw: object) -> UploadReport:
    scope = {k: kw.pop(k) for k in ("indicator", "opd", "cluster") if k in kw}
    result = _check(root, **scope)  # type: ignore[arg-type]
    return build_upload(result, root / "_kladoc", converter="python", **kw)  # type: ignore[arg-type]


def _pdfs(folder: Path) -> dict[str, int]:
    out = {}
    for p in sorted(folder.rglob("*.pdf")):
        with pikepdf.open(p) as pdf:
            out[p.relative_to(folder).as_posix()] = len(pdf.pages)
    return out


def _stamps(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        out = []
        for page in doc:
            w, _h = page.get_size()
            text = page.get_textpage().get_text_bounded(0, 0, w, 40)
            out.append(" ".join(text.split()))
        return out
    finally:
        doc.close()


def _times(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file() and p.name != INDEX_NAME
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, UploadReport]:
    set_language("id")
    root = upload_dossier(tmp_path_factory.mktemp("pack") / "dossier")
    return root, _build(root)


def test_one_pdf_per_question_with_exact_names_and_pages(
    built: tuple[Path, UploadReport],
) -> None:
    root, report = built
    folder = root / "_kladoc" / "unggah"
    assert report.written and not report.failed and not report.warnings
    assert _pdfs(folder) == PACK
    assert sorted(report.rewritten) == ["1.1", "1.2a", "2.1", "2.2"]
    assert report.kept == [] and report.questions == 5 and report.empty == 1
    for f in report.files:
        assert f.size == (folder / f.rel).stat().st_size <= 10 * MIB
        check_safe(folder / f.rel, f.pages)  # no JavaScript, PDFium opens it


def test_every_page_is_stamped_with_region_year_question_and_page(
    built: tuple[Path, UploadReport],
) -> None:
    root, _ = built
    stamps = _stamps(root / "_kladoc" / "unggah" / FILE_12A)
    assert len(stamps) == 4
    for n, text in enumerate(stamps, start=1):  # after the source's own footer, if any
        assert text.endswith(f"Kota Uji · KLA 2025 · Pertanyaan 1.2a · Hal. {n} dari 4")


def test_evidence_in_path_order_with_outline_per_document(
    built: tuple[Path, UploadReport],
) -> None:
    root, _ = built
    with pikepdf.open(root / "_kladoc" / "unggah" / FILE_12A) as pdf, pdf.open_outline() as ol:
        titles = [item.title for item in ol.root]
        starts = [pdf.pages.index(item.destination[0]) for item in ol.root]
    assert titles == ["1.2a.1 SK Gugus Tugas 2025", "1.2a.2 SK Lampiran Gugus Tugas 2025"]
    assert starts == [0, 1]


def test_list_has_one_row_per_question_with_answer_title_and_reason(
    built: tuple[Path, UploadReport],
) -> None:
    root, _ = built
    ws = load_workbook(root / "_kladoc" / "unggah" / "daftar-unggah.xlsx").active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "Kode",
        "Indikator",
        "Pertanyaan",
        "Jawaban (ketik)",
        "Berkas yang diunggah",
        "Ukuran",
        "Halaman",
        "Judul lampiran (ketik)",
        "Berkas bukti asal",
        "Keterangan",
    )
    by_code = {r[0]: r for r in rows[1:]}
    assert list(by_code) == ["1.1", "1.2a", "1.3", "2.1", "2.2"]
    r = by_code["1.2a"]
    assert r[3] == "Ya" and r[4] == FILE_12A and r[6] == "4"
    assert r[7] == "SK Gugus Tugas 2025 dan 1 dokumen lain"
    assert r[8] == "DP3A/1.2a SK Gugus Tugas 2025.pdf\nDP3A/1.2a SK Lampiran Gugus Tugas 2025.pdf"
    assert by_code["1.1"][7] == "Regulasi Perda KLA 2019"
    assert by_code["2.1"][7] == "Foto Posyandu 2025"
    nothing = by_code["1.3"]
    assert nothing[3] == "12" and nothing[4] is None
    assert nothing[9] == "Belum ada berkas bukti yang dikaitkan ke pertanyaan ini."
    # every cell is text: nothing for a spreadsheet to evaluate
    assert all(c.data_type == "s" for row in ws.iter_rows(min_row=2) for c in row if c.value)


def test_zip_holds_the_pdfs_and_the_list(built: tuple[Path, UploadReport]) -> None:
    root, _ = built
    folder = root / "_kladoc" / "unggah"
    with zipfile.ZipFile(folder / "unggah.zip") as zf:
        assert zf.testzip() is None
        assert sorted(zf.namelist()) == sorted([*PACK, "daftar-unggah.xlsx"])
        assert zf.read(FILE_11) == (folder / FILE_11).read_bytes()


def test_too_large_is_downsampled_then_split_at_document_boundaries(tmp_path: Path) -> None:
    root = upload_dossier(tmp_path / "d")
    for i in range(1, 5):  # 4 × 568 KB of incompressible pixels, beside the 83 KB photo
        noise_jpeg(root / "Dinas Kesehatan" / f"2.1 Foto Kegiatan {i} 2025.jpg", side=700)
    report = _build(root, max_mb=0.5)
    assert report.written and not report.failed and not report.warnings
    folder = root / "_kladoc" / "unggah"
    stem = f"{CLUSTER_1}/2.1 Foto kegiatan posyandu"
    parts = {f"{stem} (bagian {n} dari 4).pdf": p for n, p in enumerate([1, 1, 1, 2], 1)}
    assert _pdfs(folder) == {FILE_11: 2, FILE_12A: 4, FILE_22: 1, **parts}
    mine = [f for f in report.files if f.question == "2.1"]
    assert [f.sources for f in mine] == [
        [f"Dinas Kesehatan/2.1 Foto Kegiatan {i} 2025.jpg"] for i in (1, 2, 3)
    ] + [
        [
            "Dinas Kesehatan/2.1 Foto Kegiatan 4 2025.jpg",
            "Dinas Kesehatan/2.1 Foto Posyandu 2025.jpg",
        ]
    ]
    for f in mine:
        assert (folder / f.rel).stat().st_size <= 0.5 * MIB
    # the downsampled photo is smaller than its source: compaction ran before the split
    assert mine[0].size < 568 * 1024
    assert _stamps(folder / mine[3].rel)[1].endswith(
        "Kota Uji · KLA 2025 · Pertanyaan 2.1 · bagian 4 dari 4 · Hal. 2 dari 2"
    )
    assert mine[3].title == "Foto Kegiatan 4 2025 dan 1 dokumen lain (bagian 4 dari 4)"


def test_a_page_that_cannot_fit_is_reported(tmp_path: Path) -> None:
    root = upload_dossier(tmp_path / "d")
    (root / "Dinas Kesehatan" / "2.1 Foto Posyandu 2025.jpg").unlink()
    noise_jpeg(root / "Dinas Kesehatan" / "2.1 Foto Besar 2025.jpg", side=1600)
    report = _build(root, max_mb=0.3)
    assert report.written and not report.failed
    [(key, params)] = report.warnings
    assert key == "upload.warn.page_too_large"
    assert params["file"] == FILE_21 and params["limit_mb"] == "0.3"
    assert float(params["size_mb"]) > 0.3
    assert _pdfs(root / "_kladoc" / "unggah")[FILE_21] == 1


def test_limit_from_config(tmp_path: Path) -> None:
    root = upload_dossier(tmp_path / "d", extra_toml="upload_max_mb = 0.5\n")
    for i in range(1, 3):
        noise_jpeg(root / "Dinas Kesehatan" / f"2.1 Foto Kegiatan {i} 2025.jpg", side=700)
    report = _build(root)
    assert [f.parts for f in report.files if f.question == "2.1"] == [2, 2]


def test_rebuild_rewrites_only_the_changed_question(tmp_path: Path) -> None:
    root = upload_dossier(tmp_path / "d")
    first = _build(root)
    folder = root / "_kladoc" / "unggah"
    before = _times(folder)
    again = _build(root)
    assert again.rewritten == [] and sorted(again.kept) == ["1.1", "1.2a", "2.1", "2.2"]
    assert _times(folder) == before  # list and zip too: same bytes, same times
    synth.text_pdf(
        root / "DP3A" / "1.2a SK Gugus Tugas 2025.pdf",
        title="Gugus Tugas (revisi)",
        year=2025,
        pages=2,
    )
    third = _build(root)
    assert third.rewritten == ["1.2a"]
    assert sorted(third.kept) == ["1.1", "2.1", "2.2"]
    after = _times(folder)
    changed = {rel for rel in before if after.get(rel) != before[rel]}
    assert changed == {FILE_12A, "daftar-unggah.xlsx", "unggah.zip"}
    assert len(first.files) == len(third.files) == 4
    assert [f.pages for f in third.files if f.question == "1.2a"] == [5]


def test_a_file_edited_in_the_pack_is_kept_and_rebuilt(tmp_path: Path) -> None:
    root = upload_dossier(tmp_path / "d")
    _build(root)
    folder = root / "_kladoc" / "unggah"
    edited = folder / FILE_11
    edited.write_bytes(edited.read_bytes() + b"\n% disunting\n")
    (folder / "catatan saya.txt").write_text("jangan dihapus", encoding="utf-8")
    report = _build(root)
    assert report.rewritten == ["1.1"]
    kept = dict((was, now) for now, was in report.user_files)
    assert kept["catatan saya.txt"] == "catatan saya.txt"
    assert kept[FILE_11].startswith(FILE_11[:-4] + " (disunting ")
    assert (folder / kept[FILE_11]).read_bytes().endswith(b"% disunting\n")
    assert (folder / "catatan saya.txt").read_text(encoding="utf-8") == "jangan dihapus"
    assert not (folder / FILE_11).read_bytes().endswith(b"% disunting\n")


@pytest.mark.parametrize(
    ("scope", "folder", "expected"),
    [
        ({"indicator": "2"}, "unggah - Indikator 2", {FILE_21: 1, FILE_22: 1}),
        ({"cluster": "kelembagaan"}, "unggah - Kelembagaan", {FILE_11: 2, FILE_12A: 4}),
        ({"opd": "dinkes"}, "unggah - Dinkes", {FILE_21: 1, FILE_22: 1}),
    ],
)
def test_scope_limits_the_pack(
    tmp_path: Path, scope: dict[str, str], folder: str, expected: dict
) -> None:
    root = upload_dossier(tmp_path / "d")
    report = _build(root, **scope)
    assert report.folder == root / "_kladoc" / folder
    assert _pdfs(report.folder) == expected
    ws = load_workbook(report.list_path).active
    assert ws is not None
    codes = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert codes == (["1.1", "1.2a", "1.3"] if "cluster" in scope else ["2.1", "2.2"])


def test_names_are_safe_on_windows() -> None:
    q = Question("1.3", "1", "3", 'Berapa: anggota <gugus> tugas / forum? "aktif" |*', 2.0)
    stem = question_stem(q)
    assert stem == "1.3 Berapa anggota gugus tugas forum aktif"
    assert safe_file_stem("CON") == "_CON" and safe_file_stem("aux .txt") == "_aux .txt"
    assert safe_file_stem("Laporan akhir. . ") == "Laporan akhir"
    taken: set[str] = set()
    folder = "Klaster I Hak Sipil dan Kebebasan/Indikator 2"
    assert unique_stem(folder, "2.1 Foto", taken) == "2.1 Foto"
    assert unique_stem(folder, "2.1 FOTO", taken) == "2.1 FOTO (2)"
    long_q = Question("2.10", "2", "10", " ".join(["Kata"] * 80), 1.0)
    long_stem = unique_stem(folder * 3, question_stem(long_q), taken)
    assert len(f"{folder * 3}/{part_name(long_stem, 10, 10)}") < MAX_PATH + 1


def test_attachment_title_drops_the_code_and_adds_type_and_year() -> None:
    def ev(path: str, year: int | None) -> Evidence:
        return Evidence(path, "DP3A", "dp3a", "1", year=year, facts=FileFacts("pdf", "ok", 1, ""))

    sk = "SK Kelembagaan (SK Gugus Tugas, Forum Anak)"
    assert attachment_title(ev("DP3A/1.2a SK Gugus Tugas KLA.pdf", 2025), sk) == (
        "SK Gugus Tugas KLA 2025"
    )
    assert attachment_title(ev("DP3A/I1-P2a Gugus_Tugas 2025.pdf", 2025), sk) == (
        "SK Kelembagaan Gugus Tugas 2025"
    )
    assert attachment_title(ev("DP3A/Ind 1 P 2a Perda.pdf", None), None) == "Perda"


def test_javascript_and_launch_of_the_evidence_are_not_in_the_pack(tmp_path: Path) -> None:
    from kladoc.build.sanitize import active_content

    root = upload_dossier(tmp_path / "d")
    src = root / "DP3A" / "1.1 Perda KLA 2019.pdf"
    with pikepdf.open(src, allow_overwriting_input=True) as pdf:
        js = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        )
        pdf.Root.OpenAction = js
        launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))
        pdf.pages[0].obj.AA = pikepdf.Dictionary(O=launch)
        pdf.save(src)
    before = src.read_bytes()
    report = _build(root)
    assert report.written and not report.failed
    with pikepdf.open(root / "_kladoc" / "unggah" / FILE_11) as pdf:
        assert len(pdf.pages) == 2
        assert active_content(pdf) == []
    assert src.read_bytes() == before  # the evidence itself is never modified


def test_cli_upload_and_scope_errors(cli, tmp_path: Path) -> None:
    root = upload_dossier(tmp_path / "d")
    r = cli("build", root, "--format", "upload", "--indicator", "1", "--converter", "python")
    assert r.code == 0, r.err
    assert "Berkas unggah: 2 PDF untuk 2 pertanyaan" in r.out
    assert "1 pertanyaan tanpa berkas tercantum di daftar-unggah.xlsx" in r.out
    again = cli("build", root, "--format", "upload", "--indicator", "1", "--converter", "python")
    assert "(0 pertanyaan ditulis ulang, 2 tidak berubah)" in again.out
    bad = cli("build", root, "--format", "pdf", "--opd", "dinkes")
    assert bad.code == 2


def test_a_scoped_pack_has_its_own_folder_and_leaves_the_full_pack_alone(
    cli, tmp_path: Path
) -> None:
    root = upload_dossier(tmp_path / "d")
    full = cli("build", root, "--format", "upload", "--converter", "python")
    assert full.code == 0, full.err
    folder = root / "_kladoc" / "unggah"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}
    assert _pdfs(folder) == PACK
    r = cli("build", root, "--format", "upload", "--opd", "Dinkes", "--converter", "python")
    assert r.code == 0, r.err
    assert "Berkas unggah: 2 PDF untuk 2 pertanyaan" in r.out
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}
    assert after == before  # not one file of the full pack removed or rewritten
    assert _pdfs(root / "_kladoc" / "unggah - Dinkes") == {FILE_21: 1, FILE_22: 1}
    both = cli(
        "build",
        root,
        "--format",
        "upload",
        "--cluster",
        "klaster-1",
        "--opd",
        "DP3A",
        "--converter",
        "python",
    )
    assert both.code == 0, both.err
    assert (root / "_kladoc" / "unggah - Klaster I - DP3A" / "daftar-unggah.xlsx").is_file()


def test_exit_3_when_nothing_can_be_written(cli, tmp_path: Path) -> None:
    root = upload_dossier(tmp_path / "d")
    (root / "_kladoc").write_text("bukan folder", encoding="utf-8")  # a file where the folder goes
    r = cli("build", root, "--format", "upload", "--converter", "python")
    assert r.code == 3
    assert (root / "_kladoc").read_text(encoding="utf-8") == "bukan folder"


def test_a_question_that_fails_is_reported_and_the_rest_is_written(tmp_path: Path) -> None:
    root = upload_dossier(tmp_path / "d")
    result = _check(root)
    (root / "DP3A" / "1.1 Perda KLA 2019.pdf").unlink()  # gone between check and build
    report = build_upload(result, root / "_kladoc", converter="python")
    assert report.written
    [failed] = report.failed
    assert failed.key == "upload.error.nothing" and failed.params["question"] == "1.1"
    assert [k for k, _ in report.warnings] == ["build.warn.convert", "upload.warn.left_out"]
    assert _pdfs(root / "_kladoc" / "unggah") == {FILE_12A: 4, FILE_21: 1, FILE_22: 1}
    ws = load_workbook(report.list_path).active
    assert ws is not None
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "1.1")
    assert row[4] is None
    assert row[9] == ("Pertanyaan 1.1: tidak ada berkas unggah (tidak dapat diubah menjadi PDF).")


def test_a_failed_swap_keeps_the_previous_folder_and_exits_3(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from kladoc.build import upload

    root = upload_dossier(tmp_path / "d")
    assert cli("build", root, "--format", "upload", "--converter", "python").code == 0
    folder = root / "_kladoc" / "unggah"
    before = _times(folder)
    synth.text_pdf(root / "DP3A" / "1.2a SK Gugus Tugas 2025.pdf", title="Revisi", year=2025)
    real = upload.os.replace
    calls: list[str] = []

    def full(src: object, dst: object) -> None:
        calls.append(str(dst))
        if len(calls) == 2:  # the new folder into place
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(upload.os, "replace", full)
    r = cli("build", root, "--format", "upload", "--converter", "python")
    assert r.code == 3
    assert "No space left on device" in r.err and "Traceback" not in r.err
    assert _times(folder) == before


def test_format_all_builds_dossiers_and_the_pack(cli, tmp_path: Path) -> None:
    root = upload_dossier(tmp_path / "d")
    r = cli("build", root, "--format", "all", "--converter", "python")
    assert r.code == 0, r.err
    out = root / "_kladoc"
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "Kelembagaan.pdf",
        "Klaster-I-Hak-Sipil-dan-Kebebasan.pdf",
    ]
    assert sorted(p.name for p in out.glob("*.docx")) == [
        "Kelembagaan.docx",
        "Klaster-I-Hak-Sipil-dan-Kebebasan.docx",
    ]
    assert _pdfs(out / "unggah") == PACK
    assert "Berkas unggah: 4 PDF untuk 4 pertanyaan" in r.out


def test_library_build_upload_only(tmp_path: Path) -> None:
    from kladoc import build
    from kladoc.errors import UsageError

    root = upload_dossier(tmp_path / "d")
    outcome = build(root, formats=["upload"], indicator="2", converter="python", use_cache=False)
    assert outcome.report.files == []  # no dossier asked for
    assert outcome.upload is not None and outcome.upload.written
    assert _pdfs(root / "_kladoc" / "unggah - Indikator 2") == {FILE_21: 1, FILE_22: 1}
    assert not (root / "_kladoc" / "unggah").exists()
    with pytest.raises(UsageError) as info:
        build(root, formats=["pdf", "upload"], opd="dinkes")
    assert info.value.key == "build.scope_upload_only"


def test_the_same_dossier_gives_the_same_upload_bytes(tmp_path: Path) -> None:
    root = upload_dossier(tmp_path / "d")
    result = _check(root)
    one = build_upload(result, tmp_path / "one", converter="python", use_cache=False)
    two = build_upload(result, tmp_path / "two", converter="python")  # conversions cached
    got = [
        {p.relative_to(r.folder).as_posix(): p.read_bytes() for p in r.folder.rglob("*.pdf")}
        for r in (one, two)
    ]
    assert set(got[0]) == set(PACK)
    assert got[0] == got[1]


def _pack_state(report: UploadReport) -> tuple[object, ...]:
    folder = report.folder
    pdfs = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.pdf")}
    return (
        pdfs,
        [(f.question, f.rel, f.sha256, f.pages) for f in report.files],
        report.warnings,
        [(e.key, e.params) for e in report.failed],
        sorted(report.rewritten),
    )


@pytest.mark.parametrize("worker_dies", [False, True], ids=["worker", "worker-dies"])
def test_questions_packed_in_a_worker_give_the_same_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker_dies: bool
) -> None:
    """A large pack's questions are split between this process and a spawned worker:
    the files, their order, the warnings and the failures are those of one process, and
    a worker that dies leaves its questions to this process."""
    from kladoc.build import upload

    root = upload_dossier(tmp_path / "d")
    result = _check(root)
    (root / "DP3A" / "1.1 Perda KLA 2019.pdf").unlink()  # a failure and a warning too
    alone = build_upload(result, tmp_path / "alone", converter="python")
    monkeypatch.setattr(upload, "PARALLEL_MIN_PAGES", 0)
    started: list[int] = []
    real_init, real_collect = upload._UploadWorker.__init__, upload._UploadWorker.collect

    def init(self: upload._UploadWorker, packer: object, questions: list[object]) -> None:
        started.append(len(questions))
        real_init(self, packer, questions)  # type: ignore[arg-type]

    answered: list[int] = []

    def collect(self: upload._UploadWorker, packed: dict[str, object], tick: object) -> None:
        if worker_dies and self.worker.proc is not None:
            self.worker.proc.kill()
            self.worker.proc.join()
        before = len(packed)
        real_collect(self, packed, tick)  # type: ignore[arg-type]
        answered.append(len(packed) - before)

    monkeypatch.setattr(upload._UploadWorker, "__init__", init)
    monkeypatch.setattr(upload._UploadWorker, "collect", collect)
    split = build_upload(result, tmp_path / "split", converter="python")
    assert started and 0 < started[0] < len(alone.rewritten) + len(alone.failed)
    assert answered == [0 if worker_dies else started[0]]  # the worker packed its share
    assert split.written and alone.written
    assert _pack_state(split) == _pack_state(alone)
    assert [k for k, _ in split.warnings] == ["build.warn.convert", "upload.warn.left_out"]
