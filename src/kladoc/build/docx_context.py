"""The variables a Word dossier template sees: plain dicts, lists and strings (plus the
pictures and coloured runs docxtpl inserts), built from the same sections as the PDF.

The variable names are a public contract with staff who edit the template: they are
listed in the README; add, never rename."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kladoc import __version__
from kladoc.build.convert import problem_of
from kladoc.build.docx_media import Picture, prepare_photo, render_thumbnail
from kladoc.build.frontmatter import short_type
from kladoc.build.narrative import parse_narrative
from kladoc.build.plan import Doc, Section
from kladoc.build.style import SEVERITY_COLOURS, STATUS_COLOURS, long_date, number
from kladoc.checklist.model import Cluster
from kladoc.i18n import pick, t
from kladoc.models import Finding

if TYPE_CHECKING:
    from kladoc.check import CheckResult

PHOTO_BOX_CM = (15.0, 10.5)  # two landscape photos with captions fit on an A4 page
THUMB_BOX_CM = (4.9, 7.0)  # three first pages side by side
THUMBS_PER_ROW = 3
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

# picture → inline image of at most (width, height) cm
ImageMaker = Callable[[Picture, tuple[float, float]], Any]
Warnings = list[tuple[str, dict[str, Any]]]


def _hex(colour: Any) -> str:
    return str(colour.hexval())[2:]


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


def narrative_blocks(text: str) -> list[dict[str, Any]]:
    """The shared narrative blocks as template data: kind, plain text, and rich text."""
    return [
        {
            "kind": b.kind,
            "text": b.text,
            "rich": _rich([(p, {"bold": bold}) for p, bold in b.pieces]),
        }
        for b in parse_narrative(text)
    ]


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
    """Builds one cluster's template variables. Pictures are prepared on the way, into
    `work`; a picture that cannot be made costs only that picture (a warning)."""

    result: CheckResult
    work: Path
    warnings: Warnings = field(default_factory=list)
    tick: Callable[[], None] = lambda: None
    _seq: int = 0

    # -- names --------------------------------------------------------------------------
    def opd_short(self, opd_id: str | None) -> str:
        if not opd_id:
            return "-"
        opd = self.result.registry.opds.get(opd_id)
        return opd.short if opd else opd_id

    def type_title(self, type_id: str | None) -> str:
        et = self.result.checklist.evidence_types.get(type_id or "")
        return pick(et.title) if et else (type_id or "-")

    @property
    def region(self) -> str:
        return self.result.config.region or t("report.no_region")

    # -- the whole document -------------------------------------------------------------
    def context(
        self, cluster: Cluster, sections: list[Section], image: ImageMaker, logo: Any = ""
    ) -> dict[str, Any]:
        summary = self.summary(sections)
        return {
            "region": self.region,
            "year": self.result.year,
            "date": long_date(self.result.today),
            "checklist": pick(self.result.checklist.title),
            "version": __version__,
            "cluster": {
                "id": cluster.id,
                "title": pick(cluster.title),
                "short": pick(cluster.short),
            },
            "summary": summary,
            "logo": logo,
            "labels": self.labels(),
            "sections": [self.section(cluster, sec, image) for sec in sections],
        }

    def labels(self) -> dict[str, str]:
        before, middle, after = footer_parts()
        res = self.result
        return {
            "government": t("build.cover.government", region=self.region.upper()),
            "kicker": t("build.cover.kicker"),
            "evaluation": t("build.cover.evaluation", year=res.year),
            "readiness": t("build.cover.readiness"),
            "readiness_note": t("report.readiness_note"),
            "indicators": t("build.cover.indicators"),
            "evidence": t("build.cover.evidence"),
            "gaps": t("build.cover.gaps"),
            "built": t(
                "build.cover.built",
                date=long_date(res.today),
                version=__version__,
                checklist=pick(res.checklist.title),
            ),
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
                for k in ("no", "file", "opd", "type", "year", "pages", "sha")
            },
            "page_before": before,
            "page_middle": middle,
            "page_after": after,
        }

    def summary(self, sections: list[Section]) -> dict[str, Any]:
        statuses = [s.status for s in sections if s.status is not None]
        findings = [f for s in sections for f in s.findings]
        docs = [d for s in sections for d in s.docs]
        points = round(sum(s.points for s in statuses), 2)
        maximum = round(sum(s.max_score for s in statuses), 2)
        counts = {
            k: sum(1 for s in statuses if s.status == k) for k in ("complete", "partial", "missing")
        }
        pages = sum(
            d.evidence.facts.pages or (1 if d.evidence.facts.kind == "image" else 0) for d in docs
        )
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning")
        share = points / maximum if maximum else 0.0
        return {
            "percent": f"{number(share * 100, 0)}%",
            "points": number(points),
            "maximum": number(maximum),
            **counts,
            "files": len(docs),
            "pages": pages,
            "errors": errors,
            "warnings": warnings,
            "points_text": t("build.cover.points", score=number(points), maximum=number(maximum)),
            "indicators_text": t("build.cover.indicator_counts", **counts),
            "evidence_text": t("build.cover.evidence_counts", files=len(docs), pages=pages),
            "gaps_text": t("build.cover.gap_counts", errors=errors, warnings=warnings),
        }

    # -- one indicator ------------------------------------------------------------------
    def section(self, cluster: Cluster, sec: Section, image: ImageMaker) -> dict[str, Any]:
        ind = sec.indicator
        status = sec.status
        photos: list[dict[str, Any]] = []
        thumbs: list[dict[str, Any]] = []
        docs = []
        for doc in sec.docs:
            problem = self._picture(doc, image, photos, thumbs)
            docs.append(self.doc_row(doc, problem))
        rows = [thumbs[i : i + THUMBS_PER_ROW] for i in range(0, len(thumbs), THUMBS_PER_ROW)]
        if rows:
            rows[-1] = rows[-1] + [empty_picture()] * (THUMBS_PER_ROW - len(rows[-1]))
        narrative: list[dict[str, Any]] = []
        for rel, text in sec.narrative:
            narrative.extend(narrative_blocks(text))
            narrative.append({"kind": "source", "text": rel, "rich": _rich([(rel, {})])})
        return {
            "id": ind.id,
            "title": pick(ind.title),
            "heading": t("build.outline.indicator", id=ind.id, title=pick(ind.title)),
            "cluster": pick(cluster.short),
            "status": status.status if status else "",
            "status_text": t(f"status.{status.status}") if status else "",
            "points": number(status.points) if status else "",
            "max_score": number(ind.max_score) if ind.max_score is not None else "",
            "facts": self.facts(sec),
            "narrative": narrative,
            "docs": docs,
            "photos": photos,
            "thumbnails": thumbs,
            "thumbnail_rows": rows,
            "gaps": [
                self.gap(f)
                for f in sorted(
                    sec.findings,
                    key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.rule, f.path or ""),
                )
            ],
        }

    def facts(self, sec: Section) -> list[dict[str, Any]]:
        ind, s = sec.indicator, sec.status
        registry = self.result.registry
        rows: list[dict[str, Any]] = []

        def row(label: str, parts: list[tuple[str, dict[str, Any]]]) -> None:
            rows.append(
                {"label": label, "value": "".join(p for p, _ in parts), "rich": _rich(parts)}
            )

        if ind.max_score is not None:
            row(t("build.section.max_score"), [(number(ind.max_score), {})])
        names = ", ".join(registry.opds[i].short if i in registry.opds else i for i in ind.opds)
        row(t("build.section.opds"), [(names or "-", {})])
        if s is not None:
            row(
                t("build.section.status"),
                [
                    (
                        t(f"status.{s.status}"),
                        {"bold": True, "color": _hex(STATUS_COLOURS.get(s.status))},
                    ),
                    (
                        " · "
                        + t(
                            "build.section.points",
                            points=number(s.points),
                            maximum=number(s.max_score),
                        ),
                        {},
                    ),
                ],
            )
        if ind.evidence:
            have = set(s.satisfied) if s else set()
            parts: list[tuple[str, dict[str, Any]]] = []
            for n, et in enumerate(ind.evidence):
                ok = et in have
                colour = _hex(STATUS_COLOURS["complete" if ok else "missing"])
                if n:
                    parts.append(("\n", {}))
                parts.append(("✓ " if ok else "✗ ", {"bold": True, "color": colour}))
                parts.append((short_type(self.type_title(et)), {}))
            row(t("build.section.required"), parts)
        return rows

    def gap(self, f: Finding) -> dict[str, Any]:
        label = t(f"severity.{f.severity}").upper()
        colour = _hex(SEVERITY_COLOURS.get(f.severity, STATUS_COLOURS["missing"]))
        return {
            "severity": f.severity,
            "severity_text": label,
            "badge": _rich([(label, {"bold": True, "color": colour})]),
            "message": f.message,
            "remedy": f.remedy,
            "remedy_text": t("build.section.remedy", remedy=f.remedy) if f.remedy else "",
            "path": f.path or "",
        }

    def doc_row(self, doc: Doc, problem: str) -> dict[str, Any]:
        ev = doc.evidence
        facts = ev.facts
        pages = facts.pages if facts.pages is not None else (1 if facts.kind == "image" else None)
        return {
            "number": doc.number,
            "name": doc.name,
            "path": ev.path,
            "opd": self.opd_short(ev.opd) if ev.opd else ev.opd_folder,
            "type": short_type(self.type_title(ev.type)) if ev.type else "-",
            "year": str(ev.year) if ev.year else "-",
            "pages": str(pages) if pages is not None else "-",
            "sha": facts.sha256[:12] or "-",
            "sha256": facts.sha256,
            "kind": facts.kind,
            "status": facts.status,
            "problem": problem,
            "note": ev.note,
        }

    # -- pictures -----------------------------------------------------------------------
    def _path(self, stem: str) -> Path:
        self._seq += 1
        return self.work / f"{stem}-{self._seq:05d}.jpg"

    def _picture(
        self,
        doc: Doc,
        image: ImageMaker,
        photos: list[dict[str, Any]],
        thumbs: list[dict[str, Any]],
    ) -> str:
        """Add the document's picture, if it has one; returns the index's problem text."""
        ev = doc.evidence
        kind = ev.facts.kind
        if not ev.usable:
            reason, _remedy = problem_of(doc, self.result.findings)
            # the index row already names the file
            reason = reason.removeprefix(f"{ev.path}: ")
            return t("docx.unusable", reason=reason)
        if kind not in ("image", "pdf"):
            return ""
        source = doc.source
        try:
            if kind == "image":
                pic = prepare_photo(source, self._path("photo"))
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
                pic = render_thumbnail(source, self._path("page"))
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
            detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
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
