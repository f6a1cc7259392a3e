"""Two passes over one volume, so memory does not grow with the page count.

1. qpdf's job interface (through pikepdf.Job) merges front matter and evidence pages into
   a temporary file; qpdf streams page data from the inputs instead of loading it.
2. The merged file is reopened to add what qpdf's merge cannot: stamps, contents links,
   bookmarks, page labels, attachments, metadata; active content is dropped on the way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from kladoc.build.sanitize import sanitize
from kladoc.build.stamp import StampFont, make_font, make_opener, stamp_page
from kladoc.errors import BuildError
from kladoc.i18n import t


class MergeError(BuildError):
    """qpdf could not merge the inputs (some file qpdf cannot copy)."""


def merge(runs: list[tuple[Path, int, int]], out: Path, label: str) -> None:
    """Pass 1: concatenate page ranges with qpdf, nothing held in Python."""
    pages = []
    for path, first, last in runs:
        rng = str(first) if first == last else f"{first}-{last}"
        pages.append({"file": str(path), "range": rng})
    # a deterministic /ID: the finished file keeps this one as its first /ID element
    job = pikepdf.Job(
        {
            "empty": "",
            "outputFile": str(out),
            "pages": pages,
            "noWarn": "",
            "warningExit0": "",
            "deterministicId": "",
        }
    )
    try:
        job.run()
    except (pikepdf.PdfError, pikepdf.JobUsageError, RuntimeError, OSError) as exc:
        raise MergeError(
            "build.error.failed", file=label, detail=t("build.error.merge", detail=_first_line(exc))
        ) from exc
    if job.exit_code not in (0, pikepdf.Job.EXIT_WARNING) or not out.is_file():
        raise MergeError(
            "build.error.failed",
            file=label,
            detail=t("build.error.merge", detail=f"qpdf exit {job.exit_code}"),
        )


@dataclass
class OutlineNode:
    title: str
    page: int  # 0-based page index in the volume
    children: list[OutlineNode] = field(default_factory=list)
    closed: bool = False


@dataclass
class LinkSpec:
    page: int  # 0-based page carrying the link
    rect: tuple[float, float, float, float]
    dest: int  # 0-based destination page


@dataclass
class Attachment:
    name: str
    path: Path
    description: str


@dataclass
class FinishSpec:
    stamps: list[str]  # one per page
    outline: list[OutlineNode]
    links: list[LinkSpec]
    front_pages: int  # labelled i, ii, …; the rest 1, 2, … matching the physical number
    attachments: list[Attachment]
    title: str
    author: str
    subject: str
    keywords: str
    language: str
    creator: str
    created: dt.datetime


def finish(merged: Path, out: Path, spec: FinishSpec) -> StampFont:
    """Pass 2. Returns the stamp font so verification can read stamps back."""
    with pikepdf.open(merged) as pdf:
        if len(pdf.pages) != len(spec.stamps):
            raise BuildError(
                "build.verify.page_count", actual=len(pdf.pages), expected=len(spec.stamps)
            )
        sanitize(pdf)
        reach_widgets(pdf)
        font = make_font(pdf, "".join(set("".join(spec.stamps))))
        opener = make_opener(pdf)
        for page, text in zip(pdf.pages, spec.stamps, strict=True):
            stamp_page(pdf, page, text, font, opener)
        _links(pdf, spec.links)
        _outline(pdf, spec.outline)
        _labels(pdf, spec.front_pages)
        for att in spec.attachments:
            pdf.attachments[att.name] = pikepdf.AttachedFileSpec.from_filepath(
                pdf, att.path, description=att.description
            )
        _metadata(pdf, spec)
        # /ID from the content, not the clock and file name: same input, same bytes
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
        return font


def reach_widgets(pdf: pikepdf.Pdf) -> int:
    """Make every widget annotation on a page reachable from the catalog's /AcroForm, as
    qpdf's checks require: the top field of each (up its /Parent chain) joins /Fields,
    and a widget missing from its parent's /Kids replaces the stale copy there. qpdf's
    merge keeps the fields of forms it copies, but an input whose widgets were never in
    an /AcroForm comes out with its page widgets and its fields' kids as two copies.
    Returns the number of changes made."""
    on_pages: list[pikepdf.Object] = []
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if isinstance(annots, Array):
            on_pages += [
                a
                for a in annots
                if isinstance(a, Dictionary) and a.get("/Subtype") == Name.Widget and a.is_indirect
            ]
    if not on_pages:
        return 0
    placed = {w.objgen for w in on_pages}
    changes = 0
    kids_of: dict[tuple[int, int], list[pikepdf.Object]] = {}
    for widget in on_pages:
        parent = widget.get("/Parent")
        if isinstance(parent, Dictionary) and parent.is_indirect:
            kids_of.setdefault(parent.objgen, []).append(widget)
    for objgen, widgets in kids_of.items():
        parent = pdf.get_object(objgen)
        old = parent.get("/Kids")
        kids: list[pikepdf.Object] = list(old) if isinstance(old, Array) else []
        have = {k.objgen for k in kids if k.is_indirect}
        missing = [w for w in widgets if w.objgen not in have]
        if not missing:
            continue
        # stale widget copies (on no page) give way to the ones the pages show
        kept = [
            k
            for k in kids
            if not (
                isinstance(k, Dictionary)
                and k.get("/Subtype") == Name.Widget
                and k.objgen not in placed
            )
        ]
        parent.Kids = Array(kept + missing)
        changes += 1
    form = pdf.Root.get("/AcroForm")
    fields = form.get("/Fields") if isinstance(form, Dictionary) else None
    known = {f.objgen for f in fields if f.is_indirect} if isinstance(fields, Array) else set()
    added: list[pikepdf.Object] = []
    for widget in on_pages:
        top, depth = widget, 0
        while isinstance(top.get("/Parent"), Dictionary) and depth < 32:
            top, depth = top.Parent, depth + 1
        if top.is_indirect and top.objgen not in known:
            known.add(top.objgen)
            added.append(top)
    if added:
        if not isinstance(form, Dictionary):
            form = pdf.Root.AcroForm = pdf.make_indirect(Dictionary(Fields=Array()))
        if not isinstance(form.get("/Fields"), Array):
            form.Fields = Array()
        for top in added:
            form.Fields.append(top)
    return changes + len(added)


def _dest(pdf: pikepdf.Pdf, index: int) -> Array:
    return Array([pdf.pages[index].obj, Name.Fit])


def _links(pdf: pikepdf.Pdf, links: list[LinkSpec]) -> None:
    by_page: dict[int, list[LinkSpec]] = {}
    for link in links:
        by_page.setdefault(link.page, []).append(link)
    for index, items in by_page.items():
        page = pdf.pages[index].obj
        annots = page.get("/Annots")
        arr = Array(list(annots)) if isinstance(annots, Array) else Array()
        for link in items:
            arr.append(
                pdf.make_indirect(
                    Dictionary(
                        Type=Name.Annot,
                        Subtype=Name.Link,
                        Rect=Array(list(link.rect)),
                        Border=Array([0, 0, 0]),
                        Dest=_dest(pdf, link.dest),
                        F=4,
                    )
                )
            )
        page.Annots = arr


def _outline(pdf: pikepdf.Pdf, nodes: list[OutlineNode]) -> None:
    def item(node: OutlineNode) -> pikepdf.OutlineItem:
        it = pikepdf.OutlineItem(node.title, node.page, pikepdf.PageLocation.Fit)
        it.children.extend(item(c) for c in node.children)
        it.is_closed = node.closed
        return it

    with pdf.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(item(n) for n in nodes)


def _labels(pdf: pikepdf.Pdf, front: int) -> None:
    nums: list[object] = [0, Dictionary(S=Name.r)] if front else []
    if front < len(pdf.pages):
        nums += [front, Dictionary(S=Name.D, St=front + 1)]
    pdf.Root.PageLabels = Dictionary(Nums=Array(nums))


def _metadata(pdf: pikepdf.Pdf, spec: FinishSpec) -> None:
    info = pdf.docinfo
    for key in list(info.keys()):
        del info[key]
    stamp = spec.created.strftime("D:%Y%m%d%H%M%S")
    info["/Title"] = spec.title
    info["/Author"] = spec.author
    info["/Subject"] = spec.subject
    info["/Keywords"] = spec.keywords
    info["/Creator"] = spec.creator
    info["/CreationDate"] = stamp
    info["/ModDate"] = stamp
    root = pdf.Root
    root.Lang = pikepdf.String(spec.language)
    root.PageMode = Name.UseOutlines
    root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(info)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]
