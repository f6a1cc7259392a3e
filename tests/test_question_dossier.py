"""Dossiers by question (issue #15 item 1): each indicator section lists its questions
with the answer and the files assigned, the evidence follows in question order, the PDF
outline is cluster › indicator › question › document, the stamp names the question, and
the files at indicator level only are in the draft (under their own heading) and left out
of the submission version, which the build report names."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from kladoc.build import build_pdf
from kladoc.build.docx import build_docx
from kladoc.check import CheckResult, run_check
from tests.dossier_factory import plain_pdf
from tests.test_build import outline_pages, page_texts, stamp_of

PDF_NAME = "Kelembagaan.pdf"
Q11 = "DP3A/1.1 Perda KLA 2024.pdf"
Q12A = "DP3A/1.2a Perwal Akta 2025.pdf"
Q12A_B = "DP3A/1.2a Akta 2025 lampiran.pdf"
LOOSE = "DP3A/01 Kebijakan/Dokumen umum 2025.pdf"


def _dossier(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "kladoc.toml").write_text(
        'region = "Kota Contoh"\nkind = "kota"\nyear = 2025\nchecklist = "kla-2024"\n',
        encoding="utf-8",
    )
    # written out of question order: the dossier puts 1.1 before 1.2a, the loose file last
    for rel in (Q12A, Q12A_B, LOOSE, Q11):
        plain_pdf(root / rel, f"{Path(rel).stem} tahun 2025")
    wb = Workbook()
    ws = wb.active
    ws.append(["kode", "jawaban"])
    ws.append(["1.1", "Ya"])
    ws.append(["1.2a", "Tidak"])
    wb.save(root / "jawaban.xlsx")
    return root


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    root = _dossier(tmp_path_factory.mktemp("qdossier") / "Dossier")
    res = run_check(root, use_cache=False)
    got = {e.path: (e.indicator, e.question) for e in res.evidence}
    assert got == {
        Q11: ("1", "1.1"),
        Q12A: ("1", "1.2a"),
        Q12A_B: ("1", "1.2a"),
        LOOSE: ("1", None),
    }
    return res


def _pdf(result: CheckResult, out: Path, draft: bool) -> Path:
    report = build_pdf(result, out, cluster="kelembagaan", converter="python", draft=draft)
    assert report.ok
    (path,) = [f.path for f in report.files]
    return path


def test_draft_outline_is_cluster_indicator_question_document(
    result: CheckResult, tmp_path: Path
) -> None:
    path = _pdf(result, tmp_path / "draft", draft=True)
    items = outline_pages(path)
    ind1 = [
        i for i, (d, title, _) in enumerate(items) if d == 2 and title.startswith("Indikator 1 ")
    ]
    (start,) = ind1
    under = []
    for depth, title, _page in items[start + 1 :]:
        if depth <= 2:
            break
        under.append((depth, title))
    assert under == [
        (
            3,
            "Pertanyaan 1.1 — Apakah tersedia peraturan daerah terkait penyelenggaraan "
            "Kabupaten/Kota Layak Anak?",
        ),
        (4, "1.1 1.1 Perda KLA 2024.pdf"),
        (
            3,
            "Pertanyaan 1.2a — Apakah tersedia Peraturan/ kebijakan terkait anak yang "
            "diregistrasi dan mendapatkan…",
        ),
        (4, "1.2 1.2a Akta 2025 lampiran.pdf"),
        (4, "1.3 1.2a Perwal Akta 2025.pdf"),
        (3, "Belum dikaitkan ke pertanyaan"),
        (4, "1.4 Dokumen umum 2025.pdf"),
    ]
    # each question's bookmark lands on its first document's first page
    pages = [p for d, _t, p in items[start + 1 : start + 1 + len(under)]]
    assert pages[0] == pages[1] and pages[2] == pages[3] and pages[5] == pages[6]
    texts = page_texts(path)
    total = len(texts)
    page = pages[3]  # evidence 1.2, the first document of question 1.2a
    assert stamp_of(texts[page]) == (
        f"DRAF · Kota Contoh · KLA 2025 · Kelembagaan · Indikator 1 · Pertanyaan 1.2a · "
        f"Bukti 1.2 · Hal. {page + 1} dari {total}"
    )
    # the indicator-level file names no question
    assert stamp_of(texts[pages[6]]) == (
        f"DRAF · Kota Contoh · KLA 2025 · Kelembagaan · Indikator 1 · "
        f"Bukti 1.4 · Hal. {pages[6] + 1} dari {total}"
    )
    # the contents page names the question and the heading of the loose files
    contents = texts[1]
    assert "1.2a Apakah tersedia Peraturan/ kebijakan terkait anak" in contents
    assert "Belum dikaitkan ke pertanyaan" in contents


def test_submission_leaves_out_indicator_level_files_and_says_so(
    result: CheckResult, tmp_path: Path
) -> None:
    report = build_pdf(result, tmp_path / "sub", cluster="kelembagaan", converter="python")
    assert report.ok
    assert [(x.path, x.reason, x.reason_text) for x in report.excluded] == [
        (LOOSE, "unassigned", "belum dikaitkan ke pertanyaan (hanya di draf)")
    ]
    items = outline_pages(report.files[0].path)
    titles = [title for d, title, _ in items if d >= 3]
    assert "Belum dikaitkan ke pertanyaan" not in titles
    assert [t for t in titles if t[:4] in ("1.1 ", "1.2 ", "1.3 ", "1.4 ")] == [
        "1.1 1.1 Perda KLA 2024.pdf",
        "1.2 1.2a Akta 2025 lampiran.pdf",
        "1.3 1.2a Perwal Akta 2025.pdf",
    ]
    text = "".join(page_texts(report.files[0].path))
    assert "Dokumen umum 2025" not in text


def test_word_dossier_lists_the_questions(result: CheckResult, tmp_path: Path) -> None:
    for draft, loose in ((True, "Belum dikaitkan ke pertanyaan: 1.4"), (False, None)):
        report = build_docx(result, tmp_path / str(draft), cluster="kelembagaan", draft=draft)
        assert report.ok
        document = docx.Document(str(report.files[0].path))
        tables = [tb for tb in document.tables if tb.rows[0].cells[0].text == "Kode"]
        rows = [[c.text for c in r.cells] for r in tables[0].rows]
        assert rows[0] == ["Kode", "Pertanyaan", "Skor maks.", "Jawaban", "Bukti"]
        assert rows[1] == [
            "1.1",
            "Apakah tersedia peraturan daerah terkait penyelenggaraan Kabupaten/Kota Layak Anak?",
            "12",
            "Ya",
            "1.1",
        ]
        assert rows[2][0] == "1.2a" and rows[2][2:] == ["1", "Tidak", "1.2, 1.3"]
        assert rows[3][0] == "1.2b" and rows[3][2:] == ["1", "-", "-"]
        assert len(rows) == 1 + 63  # every question of indicator 1
        paragraphs = [p.text for p in document.paragraphs]
        if loose:
            assert loose in paragraphs
        else:
            assert not any(p.startswith("Belum dikaitkan") for p in paragraphs)
            assert [x.path for x in report.excluded] == [LOOSE]
