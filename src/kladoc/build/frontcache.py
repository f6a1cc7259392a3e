"""A volume's front matter kept across builds, by content.

Cover, contents and section pages are drawn (reportlab, frontmatter.py) only from the
volume's plan and the cluster's content, the logo, the language and kladoc's own code, and
give the same bytes for the same input (`invariant=1`). So the rendered PDF and what the
rendering reported (page counts, link boxes, printed numbers) are kept in the conversion
cache (convcache.py) under a key made of all of that: the full text of the plan and content
objects (the documents' size estimates aside), the logo's bytes, the language, the source
of the modules that draw, the fonts, and the library versions of the cache's salt. Paths
inside the build's temporary folder are written as one placeholder (they change every
build and are never drawn). A hit replays the layout
(`resolve`) with the recorded counts and checks it gives the same page numbers; anything
unexpected renders anew."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from kladoc.build import content, frontmatter, narrative, plan, style
from kladoc.build.convcache import ConversionCache
from kladoc.build.frontmatter import FrontContext, FrontResult, Link, Resolver
from kladoc.build.plan import Volume
from kladoc.i18n import formats, get_language, messages
from kladoc.resources import font_path

REVISION = 1  # bump when what a cache entry holds changes
# the code that decides the front matter's pages
_SOURCES = (frontmatter, style, narrative, content, plan, messages, formats)


@lru_cache(maxsize=1)
def _code() -> str:
    digest = hashlib.sha256()
    for module in _SOURCES:
        digest.update(Path(module.__file__ or "").read_bytes())
    for bold in (False, True):
        digest.update(font_path(bold).read_bytes())
    return digest.hexdigest()


def front_key(cache: ConversionCache, vol: Volume, ctx: FrontContext, work: Path) -> str | None:
    """The key of this volume's front matter (None: not cached)."""
    if cache.folder is None:
        return None
    # a document's size only decided the split into volumes (done): Office renderings
    # made in one batch share out its size, so it moves when another file changes
    docs = {id(d): d for s in vol.sections for d in s.docs}
    docs.update((id(d), d) for d in vol.all_docs())
    docs.update((id(r.doc), r.doc) for c in ctx.dossier.sections for r in c.rows)
    sizes = [(d, d.size) for d in docs.values()]
    try:
        for d, _ in sizes:
            d.size = 0
        text = repr((vol, ctx.dossier, ctx.volume_ranges))
    finally:
        for d, size in sizes:
            d.size = size
    text = text.replace(str(work), "<work>")
    if " at 0x" in text:  # some object without a stable text: never cached
        return None
    logo = hashlib.sha256(ctx.logo.read_bytes()).hexdigest() if ctx.logo else ""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return cache.key("front", digest, REVISION, get_language(), logo, _code())


def _to_json(front: FrontResult, pages: dict[tuple[str, str], int]) -> dict[str, Any]:
    return {
        "pages": front.pages,
        "toc_pages": front.toc_pages,
        "section_pages": front.section_pages,
        "links": [[x.front_page, list(x.rect), list(x.target)] for x in front.links],
        "toc_numbers": [[k, v] for k, v in front.toc_numbers.items()],
        "index_boxes": [
            [sid, [[p, list(box)] for p, box in parts]] for sid, parts in front.index_boxes.items()
        ],
        "resolved": [[list(k), v] for k, v in pages.items()],
    }


def _from_json(data: dict[str, Any]) -> tuple[FrontResult, dict[tuple[str, str], int]]:
    def box(v: list[float]) -> tuple[float, float, float, float]:
        a, b, c, d = (float(x) for x in v)
        return a, b, c, d

    front = FrontResult(
        pages=int(data["pages"]),
        toc_pages=int(data["toc_pages"]),
        section_pages={str(k): int(v) for k, v in data["section_pages"].items()},
        links=[Link(int(p), box(r), (str(t[0]), str(t[1]))) for p, r, t in data["links"]],
        toc_numbers={int(k): [int(n) for n in v] for k, v in data["toc_numbers"]},
        index_boxes={
            str(sid): [(int(p), box(b)) for p, b in parts] for sid, parts in data["index_boxes"]
        },
    )
    pages = {(str(k[0]), str(k[1])): int(v) for k, v in data["resolved"]}
    return front, pages


def cached_front(
    cache: ConversionCache,
    key: str | None,
    path: Path,
    resolve: Resolver,
    render: Callable[[Resolver], FrontResult],
) -> FrontResult:
    """The front matter at `path`: from the cache when `key` has an entry whose layout
    replays to the same page numbers, else rendered by `render` (and kept)."""
    meta = path.with_suffix(".json")
    if key is not None and cache.fetch(key, meta, ".json") and cache.fetch(key, path, ".pdf"):
        try:
            front, pages = _from_json(json.loads(meta.read_text("utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        else:
            if resolve(front.toc_pages, front.section_pages) == pages:
                return front
    resolved: dict[tuple[str, str], int] = {}

    def recording(toc_pages: int, section_pages: dict[str, int]) -> dict[tuple[str, str], int]:
        resolved.clear()
        resolved.update(resolve(toc_pages, section_pages))
        return resolved

    front = render(recording)
    if key is not None:
        meta.write_text(json.dumps(_to_json(front, resolved)), "utf-8")
        cache.store(key, meta, ".json")
        cache.store(key, path, ".pdf")
    return front
