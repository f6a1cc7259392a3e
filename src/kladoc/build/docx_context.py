"""The variables a Word dossier template sees: plain dicts, lists and strings (plus the
pictures and coloured runs docxtpl inserts), built from the same sections as the PDF.

The variable names are a public contract with staff who edit the template: they are
listed in the README; add, never rename."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kladoc.build.content import (
    SEVERITY_HEX,
    STATUS_HEX,
    ClusterDossier,
    CoverFigures,
    FactRow,
    GapRow,
    IndexRow,
    PageCount,
    SectionContent,
    dossier,
    known_pages,
    long_date,
    number,
)
from kladoc.build.docx_media import Picture, prepare_photo, render_thumbnail
from kladoc.build.docx_pictures import PictureJob, Pictures
from kladoc.build.narrative import Block, parse_narrative
from kladoc.build.output import short_error
from kladoc.build.plan import Section
from kladoc.checklist.model import Cluster
from kladoc.i18n import t

if TYPE_CHECKING:
    from kladoc.models import CheckResult

PHOTO_BOX_CM = (15.0, 10.5)  # two landscape photos with captions fit on an A4 page
THUMB_BOX_CM = (4.9, 7.0)  # three first pages side by side
THUMBS_PER_ROW = 3

# picture → inline image of at most (width, height) cm
ImageMaker = Callable[[Picture, tuple[float, float]], Any]
Warnings = list[tuple[str, dict[str, Any]]]


def _rich(parts: list[tuple[str, dict[str, Any]]]) -> Any:
    """Runs for a `{{r … }}` tag. Written here rather than with RichText.add, which puts
    <w:color> before <w:b>: Word drops run properties that are out of schema order."""
    from xml.sax.saxutils import escape

    from docxtpl import RichText

    rt = RichText()
    for text, props in parts:
        rpr = ""
        if props.get("bold"):
            rpr += "<w:b/><w:bCs/>"
        if props.get("color"):
            rpr += f'<w:color w:val="{props["color"]}"/>'
        rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
        rt.xml += f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    return rt


def block_data(blocks: list[Block]) -> list[dict[str, Any]]:
    """Narrative blocks as template data: kind, plain text, and rich text."""
    return [
        {
            "kind": b.kind,
            "text": b.text,
            "rich": _rich([(p, {"bold": bold}) for p, bold in b.pieces]),
        }
        for b in blocks
    ]


def narrative_blocks(text: str) -> list[dict[str, Any]]:
    """A narrative file's text as template data."""
    return block_data(parse_narrative(text))


def footer_parts() -> tuple[str, str, str]:
    """'Halaman {page} dari {total}' → ('Halaman ', ' dari ', ''): the text around the
    PAGE and NUMPAGES fields, whatever order a language puts them in."""
    text = t("docx.footer.page", page="\x00", total="\x01")
    before, rest = text.split("\x00", 1)
    middle, after = rest.split("\x01", 1)
    return before, middle, after


def empty_picture() -> dict[str, Any]:
    return {"image": "", "caption": "", "number": "", "name": "", "kind": ""}


@dataclass
class ContextBuilder:
    """Builds one cluster's template variables from its `content.ClusterDossier`.
    Pictures come from `pictures` (made ahead in workers, or cached; by default made on
    the way, into `work`); a picture that cannot be made costs only that picture (a
    warning). `pages` counts each document's pages: by default what is known without
    converting (`content.known_pages`)."""

    result: CheckResult
    work: Path
    warnings: Warnings = field(default_factory=list)
    tick: Callable[[], None] = lambda: None
    pages: PageCount = field(default_factory=lambda: known_pages({}))
    draft: bool = False
    pictures: Pictures | None = None

    def __post_init__(self) -> None:
        if self.pictures is None:
            self.pictures = Pictures(self.work, None, workers=0)

    # -- the whole document -------------------------------------------------------------
    def content(self, cluster: Cluster, sections: list[Section]) -> ClusterDossier:
        return dossier(self.result, cluster, sections, self.pages, self.draft)

    def context(
        self,
        cluster: Cluster,
        sections: list[Section],
        image: ImageMaker,
        logo: Any = "",
        content: ClusterDossier | None = None,
    ) -> dict[str, Any]:
        content = content or self.content(cluster, sections)
        return {
            "region": content.region_text,
            "year": content.year,
            "date": long_date(content.built),
            "checklist": content.checklist,
            "version": content.version,
            "cluster": {"id": cluster.id, "title": content.title, "short": content.short},
            "summary": self.summary(content.figures, content.draft),
            "draft": content.draft,
            "logo": logo,
            "labels": self.labels(content),
            "sections": [self.section(content, sec, image) for sec in content.sections],
        }

    def labels(self, content: ClusterDossier) -> dict[str, str]:
        before, middle, after = footer_parts()
        labels = {
            "government": t("build.cover.government", region=content.region_text.upper()),
            "kicker": t("build.cover.kicker"),
            "evaluation": t("build.cover.evaluation", year=content.year),
            "readiness": t("build.cover.readiness"),
            "readiness_note": t("report.readiness_note"),
            "indicators": t("build.cover.indicators"),
            "evidence": t("build.cover.evidence"),
            "gaps": t("build.cover.gaps"),
            "built": content.built_text,
            "toc_title": t("build.toc.title"),
            "toc_hint": t("docx.toc.hint"),
            "narrative": t("build.section.narrative"),
            "evidence_index": t("build.section.evidence"),
            "open_gaps": t("build.section.gaps"),
            "photos": t("docx.section.photos"),
            "first_pages": t("docx.section.first_pages"),
            "no_evidence": t("build.section.no_evidence"),
            "no_gaps": t("build.section.no_gaps"),
            **{
                f"col_{k}": t(f"build.col.{k}")
                for k in (
                    *("no", "file", "opd", "type", "year", "pages", "sha"),
                    *("question", "question_text", "question_max", "answer", "files"),
                )
            },
            "questions": t("build.section.questions"),
            "unassigned": t("build.section.unassigned"),
            "page_before": before,
            "page_middle": middle,
            "page_after": after,
            "draft_mark": content.draft_mark,
        }
        if not content.draft:
            # the submission version: a template that does not test `draft` still shows
            # the evaluators no readiness figures and no gaps
            for key in ("readiness", "readiness_note", "gaps", "open_gaps", "no_gaps"):
                labels[key] = ""
        return labels

    @staticmethod
    def summary(figures: CoverFigures, draft: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "percent": figures.percent,
            "points": number(figures.points),
            "maximum": number(figures.maximum),
            "complete": figures.complete,
            "partial": figures.partial,
            "missing": figures.missing,
            "files": figures.files,
            "pages": figures.pages,
            "errors": figures.errors,
            "warnings": figures.warnings,
            "points_text": figures.points_text,
            "indicators_text": figures.indicators_text,
            "evidence_text": figures.evidence_text,
            "gaps_text": figures.gaps_text,
        }
        if not draft:
            for key in ("percent", "points", "points_text", "indicators_text", "gaps_text"):
                data[key] = ""
            for key in ("complete", "partial", "missing", "errors", "warnings"):
                data[key] = ""
        return data

    # -- one indicator ------------------------------------------------------------------
    def section(
        self, content: ClusterDossier, sec: SectionContent, image: ImageMaker
    ) -> dict[str, Any]:
        photos: list[dict[str, Any]] = []
        thumbs: list[dict[str, Any]] = []
        docs = []
        for row in sec.rows:
            problem = self._picture(row, image, photos, thumbs)
            docs.append(self.doc_row(row, problem))
        rows = [thumbs[i : i + THUMBS_PER_ROW] for i in range(0, len(thumbs), THUMBS_PER_ROW)]
        if rows:
            rows[-1] = rows[-1] + [empty_picture()] * (THUMBS_PER_ROW - len(rows[-1]))
        narrative: list[dict[str, Any]] = []
        for rel, blocks in sec.narrative:
            narrative.extend(block_data(blocks))
            narrative.append({"kind": "source", "text": rel, "rich": _rich([(rel, {})])})
        return {
            "id": sec.id,
            "title": sec.title,
            "heading": sec.heading,
            "cluster": content.short,
            "status": sec.status,
            "status_text": t(f"status.{sec.status}") if sec.status else "",
            "points": sec.points,
            "max_score": sec.max_score,
            "facts": [self.fact(row) for row in sec.facts],
            "narrative": narrative,
            "docs": docs,
            "photos": photos,
            "thumbnails": thumbs,
            "thumbnail_rows": rows,
            "gaps": [self.gap(g) for g in sec.gaps],
            "questions": [
                {
                    "code": q.code,
                    "text": q.text,
                    "max_score": q.max_score,
                    "answer": q.answer,
                    "files": q.files_text,
                }
                for q in sec.questions
            ],
            # the files at indicator level only (the draft): their numbers, "4.5, 4.6"
            "unassigned": ", ".join(r.number for r in sec.unassigned),
        }

    @staticmethod
    def fact(row: FactRow) -> dict[str, Any]:
        parts: list[tuple[str, dict[str, Any]]]
        if row.kind == "status":
            colour = STATUS_HEX.get(row.status)
            parts = [
                (t(f"status.{row.status}"), {"bold": True, "color": colour}),
                (" · " + row.text, {}),
            ]
        elif row.kind == "checklist":
            parts = []
            for n, (ok, name) in enumerate(row.checks):
                colour = STATUS_HEX["complete" if ok else "missing"]
                if n:
                    parts.append(("\n", {}))
                parts.append(("✓ " if ok else "✗ ", {"bold": True, "color": colour}))
                parts.append((name, {}))
        else:
            parts = [(row.text, {})]
        return {"label": row.label, "value": "".join(p for p, _ in parts), "rich": _rich(parts)}

    @staticmethod
    def gap(g: GapRow) -> dict[str, Any]:
        colour = SEVERITY_HEX.get(g.severity, STATUS_HEX["missing"])
        return {
            "severity": g.severity,
            "severity_text": g.severity_text,
            "badge": _rich([(g.severity_text, {"bold": True, "color": colour})]),
            "message": g.message,
            "remedy": g.remedy,
            "remedy_text": g.remedy_text,
            "path": g.path,
        }

    @staticmethod
    def doc_row(row: IndexRow, problem: str) -> dict[str, Any]:
        ev = row.doc.evidence
        facts = ev.facts
        return {
            "number": row.number,
            "name": row.name,
            "path": row.path,
            "opd": row.opd,
            "type": row.type,
            "year": row.year,
            "pages": str(row.pages) if row.pages is not None else "-",
            "sha": row.sha,
            "sha256": facts.sha256,
            "kind": facts.kind,
            "status": facts.status,
            "problem": problem,
            "note": ev.note,
        }

    # -- pictures -----------------------------------------------------------------------
    def _picture(
        self,
        row: IndexRow,
        image: ImageMaker,
        photos: list[dict[str, Any]],
        thumbs: list[dict[str, Any]],
    ) -> str:
        """Add the document's picture, if it has one; returns the index's problem text."""
        if not row.doc.evidence.usable:
            return t("docx.unusable", reason=row.problem)
        if not row.picture:
            return ""
        doc = row.doc
        ev = doc.evidence
        job = PictureJob(row.picture, doc.source, ev.facts.sha256)
        assert self.pictures is not None
        try:
            if row.picture == "photo":
                pic = self.pictures.get(job, prepare_photo)
                caption = t("docx.caption.photo", name=doc.name)
                if ev.note:
                    caption += t("docx.caption.note", note=ev.note)
                photos.append(
                    {
                        "image": image(pic, PHOTO_BOX_CM),
                        "caption": caption,
                        "number": doc.number,
                        "name": doc.name,
                        "kind": "photo",
                    }
                )
            else:
                pic = self.pictures.get(job, render_thumbnail)
                caption = t(
                    "docx.caption.first_page",
                    number=doc.number,
                    name=doc.name,
                    pages=ev.facts.pages or "?",
                )
                thumbs.append(
                    {
                        "image": image(pic, THUMB_BOX_CM),
                        "caption": caption,
                        "number": doc.number,
                        "name": doc.name,
                        "kind": "pdf",
                    }
                )
        except Exception as exc:  # one bad picture must not sink the dossier
            detail = short_error(exc)
            self.warnings.append(("docx.warn.picture", {"path": ev.path, "detail": detail}))
            return t("docx.no_picture", detail=detail)
        finally:
            self.tick()
        return ""


def picture_count(sections: list[Section]) -> int:
    """How many pictures a cluster asks for (progress total)."""
    return sum(
        1
        for s in sections
        for d in s.docs
        if d.evidence.usable and d.evidence.facts.kind in ("image", "pdf")
    )
