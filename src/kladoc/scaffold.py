"""`kladoc init`: a new dossier folder with kladoc.toml, one folder per responsible OPD, and
the answer workbooks (jawaban.xlsx: every question at the root, an OPD's own in its folder).

It only ever creates: an existing file is kept as it is, so running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from kladoc.answers import ANSWERS_NAME, find_workbook, questions_for, supplies, workbook_bytes
from kladoc.checklist import Checklist, Indicator, Question, load_checklist
from kladoc.config import CONFIG_NAME, render_config
from kladoc.errors import UsageError, short_error
from kladoc.i18n import pick, t
from kladoc.opd import Opd, OpdRegistry
from kladoc.scope import canonical_checklist, code_parser

GUIDE_NAME = "PANDUAN.txt"
FOLDER_TITLE_MAX = 40  # keeps "Dossier/OPD/12 Title" well inside Windows' 260-character paths
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass
class InitReport:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def responsible_opds(checklist: Checklist, registry: OpdRegistry) -> list[Opd]:
    """Every OPD an indicator or a question names as its source (kecamatan and
    desa/kelurahan for the questions answered by their accounts)."""
    seen: dict[str, Opd] = {}
    for ind in checklist.indicators:
        refs = list(ind.opds)
        for q in ind.questions:
            refs += [*q.opds, *(["kecamatan"] if q.kecamatan else [])]
            refs += ["desa-kelurahan"] if q.desa else []
        for ref in refs:
            opd = registry.resolve(ref)
            seen.setdefault(opd.id, opd)
    return sorted(seen.values(), key=lambda o: o.name.lower())


def _supplies(opd: Opd, ind: Indicator, registry: OpdRegistry) -> bool:
    """The OPD is responsible for the indicator or a source of one of its questions."""
    if opd.id in {registry.resolve(o).id for o in ind.opds}:
        return True
    return any(supplies(q, opd.id) for q in ind.questions)


def guide_text(
    opd: Opd,
    checklist: Checklist,
    registry: OpdRegistry,
    region: str,
    year: int,
    folder: str,
    first_year: int | None = None,
) -> str:
    """PANDUAN.txt, always in Indonesian: it is read by the OPD's own staff."""
    lang = "id"
    lines = [
        t("guide.title", lang, opd=opd.name),
        t("guide.subtitle", lang, region=region, year=year, checklist=checklist.id),
        "",
        t("guide.indicators", lang),
    ]
    for ind in checklist.indicators:
        if not _supplies(opd, ind, registry):
            continue
        cluster = checklist.cluster(ind.cluster)
        types = ", ".join(pick(checklist.evidence_types[e].title, lang) for e in ind.evidence)
        lines.append(
            t(
                "guide.indicator_line",
                lang,
                id=ind.id,
                title=pick(ind.title, lang),
                cluster=pick(cluster.short, lang) if cluster else ind.cluster,
            )
        )
        lines.append(t("guide.evidence_line", lang, types=types))
    mine = [i for i in checklist.indicators if _supplies(opd, i, registry)]
    # the example code should be one this OPD leads, so the advice reads as its own
    example = next(
        (i for i in mine if registry.resolve(i.opds[0]).id == opd.id),
        mine[0] if mine else checklist.indicators[0],
    )
    lines += [
        "",
        t(
            "guide.naming",
            lang,
            code=example.id,
            first=first_year if first_year is not None else year - checklist.year_window + 1,
            year=year,
        ),
        "",
        t("guide.narrative", lang, code=example.id),
        "",
        t("guide.check", lang, folder=folder, opd=opd.short, year=year),
        "",
    ]
    return "\r\n".join(lines)


def indicator_folder_name(code: str, title: str) -> str:
    """ "12 Persalinan di Fasilitas Kesehatan": the code first, so kladoc maps what is inside;
    whole words only, and legal on Windows (no reserved characters, no trailing dot/space)."""
    words = _UNSAFE.sub(" ", title).split()
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > FOLDER_TITLE_MAX:
            break
        kept.append(word)
    return " ".join([code, *kept]).rstrip(" .")


def _indicator_folders(
    opd_dir: Path, rel: str, opd: Opd, cl: Checklist, registry: OpdRegistry, report: InitReport
) -> None:
    parser = code_parser(cl)
    present: set[str] = set()
    with os.scandir(opd_dir) as it:
        for entry in it:
            match = parser.parse(entry.name) if entry.is_dir() else None
            if match is not None and match.indicator:
                present.add(match.indicator)
    for ind in cl.indicators:
        if ind.id in present or opd.id not in {registry.resolve(o).id for o in ind.opds}:
            continue
        name = indicator_folder_name(ind.id, pick(ind.title, "id"))
        (opd_dir / name).mkdir()
        report.created.append(f"{rel}/{name}/")


def _create_bytes(path: Path, data: bytes, report: InitReport, rel: str) -> None:
    """Create `path` only if it does not exist: a workbook the user filled in is kept."""
    try:
        with open(path, "xb") as fh:
            fh.write(data)
        report.created.append(rel)
    except FileExistsError:
        report.kept.append(rel)


def _answer_workbook(
    folder: Path,
    questions: list[Question],
    cl: Checklist,
    registry: OpdRegistry,
    rel: str,
    report: InitReport,
) -> None:
    existing = find_workbook(folder)
    if existing is not None:  # "Jawaban.xlsx" counts too
        report.kept.append(f"{rel}{existing.name}")
    elif questions:
        _create_bytes(
            folder / ANSWERS_NAME,
            workbook_bytes(questions, cl, registry),
            report,
            f"{rel}{ANSWERS_NAME}",
        )


def _create(path: Path, text: str, report: InitReport, rel: str) -> None:
    try:
        with open(path, "x", encoding="utf-8", newline="") as fh:
            fh.write(text)
        report.created.append(rel)
    except FileExistsError:
        report.kept.append(rel)


def init_dossier(
    folder: Path,
    *,
    region: str,
    year: int,
    checklist: str = "kla-2024",
    kind: str | None = None,
    deadline: dt.date | None = None,
    indicator_folders: bool = True,
) -> InitReport:
    if not region.strip():
        raise UsageError("init.no_region")
    if not 2000 <= year <= 2100:
        raise UsageError("init.bad_year", year=year)
    kind = kind or ("kota" if region.strip().lower().startswith("kota") else "kabupaten")
    registry = OpdRegistry.builtin(region=region)
    cl = canonical_checklist(
        load_checklist(checklist, folder if folder.is_dir() else None), registry
    )
    report = InitReport()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError("init.cannot_create", path=str(folder), detail=short_error(exc)) from exc
    # the window this dossier uses, written out so the user sees it and can change it
    window = tuple(range(year - cl.year_window + 1, year + 1))
    _create(
        folder / CONFIG_NAME,
        render_config(region, year, checklist, kind, deadline, window),
        report,
        CONFIG_NAME,
    )
    existing: dict[str, str] = {}
    with os.scandir(folder) as it:
        for entry in it:
            if entry.is_dir():
                match = registry.match(entry.name)
                if match is not None:
                    existing.setdefault(match.id, entry.name)
    for opd in responsible_opds(cl, registry):
        name = existing.get(opd.id, opd.name)
        opd_dir = folder / name
        new_opd = not opd_dir.is_dir()
        if new_opd:
            opd_dir.mkdir()
            report.created.append(name + "/")
        # a folder the office already organised its own way is left as it is
        if indicator_folders and new_opd:
            _indicator_folders(opd_dir, name, opd, cl, registry, report)
        _create(
            opd_dir / GUIDE_NAME,
            guide_text(opd, cl, registry, region, year, name),
            report,
            f"{name}/{GUIDE_NAME}",
        )
        _answer_workbook(opd_dir, questions_for(cl, opd.id), cl, registry, f"{name}/", report)
    _answer_workbook(folder, questions_for(cl, None), cl, registry, "", report)
    return report
