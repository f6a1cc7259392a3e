"""The XLSX checklist layout, read and written the same way so staff can export, edit and reload.

Sheets (header row first; column names are case-insensitive):
  indikator   id | klaster | judul | title_en | skor_maks | opd | bukti | jendela_tahun | alias
  klaster     id | judul | title_en | singkat | short_en
  jenis_bukti id | judul | title_en | kata_kunci | semua_tahun
  kategori    nama | min | maks
  info        kunci | nilai   (keys: id, judul, title_en, sumber, jendela_tahun)
  pertanyaan  kode | teks | text_en | skor_maks | opd | lampiran | jawaban | bukti | kecamatan
              | desa | id_sumber
Only `indikator` is required; missing sheets are taken from the built-in kla-2024 checklist,
except `pertanyaan`: without it the checklist has no questions (scored per indicator).
List cells (opd, bukti, kata_kunci, alias, lampiran, jawaban) are separated by commas;
`lampiran` from document, photo, matrix, budget; `jawaban` from yes_no, number, narrative."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kladoc.checklist.model import Checklist
from kladoc.checklist.schema import DEFAULT_CHECKLIST, build_checklist, load_builtin
from kladoc.errors import ChecklistError
from kladoc.i18n import t

INDICATOR_COLS = [
    "id",
    "klaster",
    "judul",
    "title_en",
    "skor_maks",
    "opd",
    "bukti",
    "jendela_tahun",
    "alias",
]
CLUSTER_COLS = ["id", "judul", "title_en", "singkat", "short_en"]
EVIDENCE_COLS = ["id", "judul", "title_en", "kata_kunci", "semua_tahun"]
CATEGORY_COLS = ["nama", "min", "maks"]
QUESTION_COLS = [
    "kode",
    "teks",
    "text_en",
    "skor_maks",
    "opd",
    "lampiran",
    "jawaban",
    "bukti",
    "kecamatan",
    "desa",
    "id_sumber",
]
TRUE_WORDS = {"ya", "yes", "true", "1", "y"}


def _text(row: dict[str, Any], id_col: str, en_col: str) -> dict[str, str] | None:
    if row.get(id_col) in (None, ""):
        return None
    out = {"id": str(row[id_col])}
    if row.get(en_col):
        out["en"] = str(row[en_col])
    return out


def _rows(ws: Any, sheet: str, path: Path) -> list[dict[str, Any]]:
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        return []
    names = [str(h).strip().lower() if h is not None else "" for h in header]
    out = []
    for n, values in enumerate(rows, 2):
        if values is None or all(c in (None, "") for c in values):
            continue
        row = {names[i]: c for i, c in enumerate(values) if i < len(names) and names[i]}
        row = {k: (c.strip() if isinstance(c, str) else c) for k, c in row.items()}
        row["__where__"] = t("loc.sheet_row", sheet=sheet, row=n)
        out.append(row)
    return out


def _number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return float(value.replace(",", "."))
        except ValueError:
            return value
    return value


def read_checklist_xlsx(path: Path) -> Checklist:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on bad input
        raise ChecklistError("checklist.unreadable", file=str(path), detail=str(exc)) from exc
    try:
        sheets = {ws.title.strip().lower(): _rows(ws, ws.title, path) for ws in wb.worksheets}
    finally:
        wb.close()
    if "indikator" not in sheets:
        raise ChecklistError(
            "checklist.invalid",
            file=str(path),
            where="-",
            field="indikator",
            problem=t("checklist.missing_sheet", sheet="indikator"),
        )
    base = load_builtin(DEFAULT_CHECKLIST)
    info = {str(r.get("kunci", "")).lower(): r.get("nilai") for r in sheets.get("info", [])}
    data: dict[str, Any] = {
        "schema": 1,
        "id": info.get("id") or path.stem,
        "title": {
            "id": info.get("judul") or path.stem,
            **({"en": info["title_en"]} if info.get("title_en") else {}),
        },
        "source": info.get("sumber") or str(path.name),
        "year_window": int(_number(info["jendela_tahun"]))
        if info.get("jendela_tahun")
        else base.year_window,
    }
    if "kategori" in sheets:
        data["categories"] = [
            {
                "name": r.get("nama"),
                "min": _number(r.get("min")),
                "max": _number(r.get("maks")),
                "__where__": r["__where__"],
            }
            for r in sheets["kategori"]
        ]
    else:
        data["categories"] = [{"name": c.name, "min": c.min, "max": c.max} for c in base.categories]
    if "klaster" in sheets:
        data["clusters"] = [
            {
                "id": r.get("id"),
                "title": _text(r, "judul", "title_en"),
                "short": _text(r, "singkat", "short_en"),
                "__where__": r["__where__"],
            }
            for r in sheets["klaster"]
        ]
    else:
        data["clusters"] = [{"id": c.id, "title": c.title, "short": c.short} for c in base.clusters]
    if "jenis_bukti" in sheets:
        data["evidence_types"] = {
            str(r.get("id")): {
                "title": _text(r, "judul", "title_en"),
                "keywords": r.get("kata_kunci") or [],
                "any_year": str(r.get("semua_tahun") or "").strip().lower() in TRUE_WORDS,
                "__where__": r["__where__"],
            }
            for r in sheets["jenis_bukti"]
        }
    else:
        data["evidence_types"] = {
            e.id: {"title": e.title, "keywords": list(e.keywords), "any_year": e.any_year}
            for e in base.evidence_types.values()
        }
    indicators = []
    for r in sheets["indikator"]:
        node: dict[str, Any] = {
            "id": r.get("id"),
            "cluster": r.get("klaster"),
            "title": _text(r, "judul", "title_en"),
            "evidence": r.get("bukti"),
            "opds": r.get("opd") or [],
            "aliases": r.get("alias") or [],
            "__where__": r["__where__"],
        }
        if r.get("skor_maks") not in (None, ""):
            node["max_score"] = _number(r["skor_maks"])
        if r.get("jendela_tahun") not in (None, ""):
            node["year_window"] = _number(r["jendela_tahun"])
            if isinstance(node["year_window"], float) and node["year_window"].is_integer():
                node["year_window"] = int(node["year_window"])
        indicators.append(node)
    data["indicators"] = indicators
    if "pertanyaan" in sheets:
        data["questions"] = [_question_node(r) for r in sheets["pertanyaan"]]
    return build_checklist(data, str(path))


def _question_node(r: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {
        "id": r.get("kode"),
        "text": _text(r, "teks", "text_en"),
        "opds": r.get("opd") or [],
        "requests": r.get("lampiran") or [],
        "answer": r.get("jawaban") or [],
        "evidence": r.get("bukti") or [],
        "kecamatan": str(r.get("kecamatan") or "").strip().lower() in TRUE_WORDS,
        "desa": str(r.get("desa") or "").strip().lower() in TRUE_WORDS,
        "__where__": r["__where__"],
    }
    if r.get("skor_maks") not in (None, ""):
        node["max_score"] = _number(r["skor_maks"])
    if r.get("id_sumber"):
        node["source_id"] = str(r["id_sumber"])
    return node


def write_checklist_xlsx(checklist: Checklist, path: Path) -> None:
    """Write the editable layout; caller handles atomic replacement."""
    from openpyxl import Workbook

    def join(items: Any) -> str:
        return ", ".join(items)

    wb = Workbook()
    ws = wb.active
    ws.title = "indikator"
    ws.append(INDICATOR_COLS)
    for i in checklist.indicators:
        ws.append(
            [
                i.id,
                i.cluster,
                i.title.get("id", ""),
                i.title.get("en", ""),
                i.max_score,
                join(i.opds),
                join(i.evidence),
                i.year_window if i.year_window != checklist.year_window else None,
                join(i.aliases),
            ]
        )
    ws = wb.create_sheet("klaster")
    ws.append(CLUSTER_COLS)
    for c in checklist.clusters:
        ws.append(
            [
                c.id,
                c.title.get("id", ""),
                c.title.get("en", ""),
                c.short.get("id", ""),
                c.short.get("en", ""),
            ]
        )
    ws = wb.create_sheet("jenis_bukti")
    ws.append(EVIDENCE_COLS)
    for e in checklist.evidence_types.values():
        ws.append(
            [
                e.id,
                e.title.get("id", ""),
                e.title.get("en", ""),
                join(e.keywords),
                "ya" if e.any_year else "tidak",
            ]
        )
    ws = wb.create_sheet("kategori")
    ws.append(CATEGORY_COLS)
    for cat in checklist.categories:
        ws.append([cat.name, cat.min, cat.max])
    if checklist.questions:
        ws = wb.create_sheet("pertanyaan")
        ws.append(QUESTION_COLS)
        for q in checklist.questions:
            ws.append(
                [
                    q.id,
                    q.text.get("id", ""),
                    q.text.get("en", ""),
                    q.max_score,
                    join(q.opds),
                    join(q.requests),
                    join(q.answer),
                    join(q.evidence),
                    "ya" if q.kecamatan else "",
                    "ya" if q.desa else "",
                    q.source_id,
                ]
            )
    ws = wb.create_sheet("info")
    ws.append(["kunci", "nilai"])
    for key, value in (
        ("id", checklist.id),
        ("judul", checklist.title.get("id", "")),
        ("title_en", checklist.title.get("en", "")),
        ("sumber", checklist.source),
        ("jendela_tahun", checklist.year_window),
    ):
        ws.append([key, value])
    for sheet in wb.worksheets:
        sheet.freeze_panes = "A2"
        for col in sheet.columns:
            width = max(len(str(c.value or "")) for c in col)
            sheet.column_dimensions[col[0].column_letter].width = min(max(10, width + 2), 60)
    wb.save(path)
