"""`jawaban.xlsx`: the answers to the checklist's questions, at the dossier root and per OPD.

Reading: the first sheet; a header row (among the first rows) with `kode` and `jawaban`, and
optionally `catatan`, in any order and case. "Tidak", "Tidak ada", "Belum", "-" are negative,
an empty cell is unanswered, anything else positive; a question that asks for a number wants a
number. The dossier root's workbook wins over an OPD's when two disagree (`answer-conflict`).
Writing: `kladoc init` creates the workbooks, one row per question with what it asks for.

Plain data in and out: the reader returns `Answer` records and findings; it never raises on a
bad workbook (that becomes a finding)."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kladoc.checklist import Checklist, Question
from kladoc.codes import CodeParser
from kladoc.i18n import t
from kladoc.models import Finding
from kladoc.opd import OpdRegistry
from kladoc.rules import make_finding

ANSWERS_NAME = "jawaban.xlsx"
NEGATIVE = {"tidak", "tidak ada", "belum", "belum ada", "-", "no"}
HEADER_SCAN_ROWS = 10  # the header row is looked for among the first rows
MAX_ROWS = 5_000  # one row per question: far more means a wrong file
COLUMNS = [
    "kode",
    "indikator",
    "pertanyaan",
    "skor_maks",
    "sumber_data",
    "lampiran",
    "jenis_jawaban",
    "jawaban",
    "catatan",
]
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # "1.234" or "1.234,5"
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_PERCENT = re.compile(r"\s*(?:%|persen|percent)$")


@dataclass(frozen=True)
class Answer:
    question: str  # "1.2a"
    value: str  # as written, trimmed
    state: str  # "positive" | "negative" | "unanswered"
    number: float | None = None
    note: str = ""
    source: str = ""  # the workbook, relative to the dossier root
    row: int = 0

    @property
    def positive(self) -> bool:
        return self.state == "positive"


@dataclass
class Answers:
    by_question: dict[str, Answer] = field(default_factory=dict)  # the answer that counts
    findings: list[Finding] = field(default_factory=list)
    workbooks: list[str] = field(default_factory=list)  # rel paths read

    @property
    def any(self) -> bool:
        """True when at least one question was answered (positive or negative)."""
        return any(a.state != "unanswered" for a in self.by_question.values())


def parse_number(value: Any) -> float | None:
    """87.5, "87,5", "87,5 %", "1.234" (Indonesian thousands) → a float; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = _PERCENT.sub("", str(value).strip().lower()).replace(" ", "")
    if _THOUSANDS.match(text):
        text = text.replace(".", "").replace(",", ".")
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


def parse_answer(value: Any, question: Question) -> tuple[str, float | None, bool]:
    """(state, number, valid) for one answer cell. `valid` is False for text where the
    question asks only for a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "unanswered", None, True
    text = _text(value)
    if text.lower().rstrip(".") in NEGATIVE:
        return "negative", None, True
    number = parse_number(value)
    if question.asks_number and number is None and "yes_no" not in question.answer:
        return "positive", None, False
    return "positive", number, True


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def find_workbook(folder: Path) -> Path | None:
    """`jawaban.xlsx` in `folder`, whatever its case ("Jawaban.xlsx")."""
    try:
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it if e.is_file())
    except OSError:
        return None
    return next((folder / n for n in names if n.lower() == ANSWERS_NAME), None)


def read_workbook(
    path: Path, rel: str, checklist: Checklist, parser: CodeParser, opd: str | None = None
) -> tuple[list[Answer], list[Finding]]:
    """Every row of one answer workbook, in order, and the problems found in it."""
    from openpyxl import load_workbook

    from kladoc.zipguard import zip_bomb_reason  # the guard evidence workbooks get

    answers: list[Answer] = []
    findings: list[Finding] = []
    bomb = zip_bomb_reason(path)
    if bomb:
        return answers, [make_finding("unreadable", path=rel, opd=opd, detail=bomb)]
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types on bad input
        detail = f"{type(exc).__name__}: {exc}"
        return answers, [make_finding("unreadable", path=rel, opd=opd, detail=detail)]
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True) if wb.worksheets else iter(())
        cols: dict[str, int] = {}
        for n, values in enumerate(rows, 1):
            if not cols:
                if n > HEADER_SCAN_ROWS:
                    break
                cols = _header(values or ())
                continue
            if n > MAX_ROWS:
                break
            answer = _row(values or (), cols, n, rel, checklist, parser, opd, findings)
            if answer is not None:
                answers.append(answer)
        if not cols:
            findings.append(
                make_finding(
                    "unreadable", path=rel, opd=opd, detail=t("answers.no_header", file=rel)
                )
            )
    except Exception as exc:  # a damaged sheet can fail mid-iteration
        findings.append(
            make_finding("unreadable", path=rel, opd=opd, detail=f"{type(exc).__name__}: {exc}")
        )
    finally:
        wb.close()
    return answers, findings


def _header(values: Sequence[Any]) -> dict[str, int]:
    names = [re.sub(r"\s+", " ", str(v or "").strip().lower()) for v in values]
    if "kode" not in names or "jawaban" not in names:
        return {}
    return {key: names.index(key) for key in ("kode", "jawaban", "catatan") if key in names}


def _row(
    values: Sequence[Any],
    cols: dict[str, int],
    n: int,
    rel: str,
    checklist: Checklist,
    parser: CodeParser,
    opd: str | None,
    findings: list[Finding],
) -> Answer | None:
    def cell(key: str) -> Any:
        i = cols.get(key)
        return values[i] if i is not None and i < len(values) else None

    code = cell("kode")
    if code is None or not _text(code):
        return None
    match = parser.parse_question(_text(code))
    question = checklist.question(match.question) if match and match.question else None
    if question is None:
        findings.append(
            make_finding(
                "unknown-question",
                path=rel,
                opd=opd,
                indicator=match.indicator if match else None,
                code=_text(code),
                at=t("loc.at_row", row=n),
            )
        )
        return None
    raw = cell("jawaban")
    state, number, valid = parse_answer(raw, question)
    value = "" if raw is None else _text(raw)
    if not valid:
        findings.append(
            make_finding(
                "answer-invalid",
                path=rel,
                opd=opd,
                indicator=question.indicator,
                question=question.id,
                row=n,
                value=value,
                detail=t("answers.number_expected"),
            )
        )
    note = cell("catatan")
    return Answer(question.id, value, state, number, "" if note is None else _text(note), rel, n)


def _same(a: Answer, b: Answer) -> bool:
    if a.state != b.state:
        return False
    if a.number is not None or b.number is not None:
        return a.number == b.number
    return a.state == "negative" or a.value.casefold() == b.value.casefold()


def read_answers(
    root: Path,
    folders: Iterable[tuple[str, str | None]],
    checklist: Checklist,
    parser: CodeParser,
    root_rel: str = "",
    cache: dict[str, Any] | None = None,
) -> Answers:
    """The root workbook, then each OPD folder's (`folders`: (folder name, OPD id)), merged:
    the first answer given to a question counts, the root's first of all; a different answer
    elsewhere is an `answer-conflict`. `cache` (workbook → what it held) lets several
    scopes of one check read each workbook once."""
    out = Answers()
    if not checklist.questions:
        return out
    sources: list[tuple[Path, str, str | None]] = []
    top = find_workbook(root)
    if top is not None:
        sources.append((top, f"{root_rel}/{top.name}" if root_rel else top.name, None))
    for name, opd in sorted(folders):
        found = find_workbook(root / name)
        if found is not None:
            sources.append((found, f"{name}/{found.name}", opd))
    for path, rel, opd in sources:
        if cache is not None and rel in cache:
            rows, problems = cache[rel]
        else:
            rows, problems = read_workbook(path, rel, checklist, parser, opd)
            if cache is not None:
                cache[rel] = (rows, problems)
        out.workbooks.append(rel)
        out.findings.extend(problems)
        for answer in rows:
            if answer.state == "unanswered":
                out.by_question.setdefault(answer.question, answer)
                continue
            kept = out.by_question.get(answer.question)
            if kept is None or kept.state == "unanswered":
                out.by_question[answer.question] = answer
            elif not _same(kept, answer):
                question = checklist.question(answer.question)
                out.findings.append(
                    make_finding(
                        "answer-conflict",
                        path=rel,
                        opd=opd,
                        indicator=question.indicator if question else None,
                        question=answer.question,
                        value=answer.value,
                        kept=kept.value,
                        kept_path=kept.source,
                    )
                )
    return out


def supplies(question: Question, opd_id: str) -> bool:
    """True when the OPD (a canonical id) is a Sumber Data of the question. Kecamatan and
    desa/kelurahan answer the questions flagged for their accounts."""
    return (
        opd_id in question.opds
        or (question.kecamatan and opd_id == "kecamatan")
        or (question.desa and opd_id == "desa-kelurahan")
    )


def questions_for(checklist: Checklist, opd_id: str | None) -> list[Question]:
    """The questions an OPD supplies (all of them for None, the dossier root)."""
    if opd_id is None:
        return checklist.questions
    return [q for q in checklist.questions if supplies(q, opd_id)]


def workbook_bytes(
    questions: Iterable[Question], checklist: Checklist, registry: OpdRegistry
) -> bytes:
    """A new, empty answer workbook (always in Indonesian: OPD staff fill it in)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    lang = "id"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "jawaban"
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for q in questions:
        ws.append(
            [
                q.id,
                q.indicator,
                q.text.get(lang) or q.text.get("id", ""),
                q.max_score,
                ", ".join(registry.opds[o].short if o in registry.opds else o for o in q.opds),
                ", ".join(t(f"answers.request.{r}", lang) for r in q.requests)
                or t("answers.request.none", lang),
                ", ".join(t(f"answers.kind.{a}", lang) for a in q.answer),
                None,
                None,
            ]
        )
    for col, width in zip("ABCDEFGHI", (8, 9, 80, 9, 28, 30, 18, 20, 40), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
