"""Remove active content from a dossier before it is saved, and prove none is left.

Scripts and launch actions hide in many places: the document's open action and name
tree, page, annotation and form-field additional actions (/AA), widget annotations that
are reachable only through a field's /Parent → /Kids, the AcroForm's own /AA, outline
items and the /Next chain of an otherwise harmless action. Rather than visiting each
place the cleaner walks every object of the file, so a place nobody thought of is
covered too. Links (/URI, /GoTo) stay."""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name

DANGEROUS_ACTIONS = {Name.JavaScript, Name.Launch, Name.ImportData, Name.Rendition, Name.SubmitForm}
# actions verification insists are gone: anything that runs code or a program
FORBIDDEN_ACTIONS = {Name.JavaScript, Name.Launch}
FORBIDDEN_KEYS = ("/JS", "/JavaScript")
_ACTION_KEYS = ("/A", "/PA", "/OpenAction")
_MAX_DEPTH = 64


def sanitize(pdf: pikepdf.Pdf) -> None:
    """Drop what could run on opening: document, page, annotation and field actions,
    JavaScript, launch actions, and files smuggled in through attachment annotations."""
    root = pdf.Root
    for key in ("/OpenAction", "/AA"):
        if key in root:
            del root[key]
    names = root.get("/Names")
    if isinstance(names, Dictionary):
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[key]
    form = root.get("/AcroForm")
    if isinstance(form, Dictionary) and "/XFA" in form:
        del form["/XFA"]
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if not isinstance(annots, Array):
            continue
        keep = [
            a
            for a in annots
            if isinstance(a, Dictionary) and a.get("/Subtype") != Name.FileAttachment
        ]
        if len(keep) != len(annots):
            page.obj.Annots = Array(keep)
    for obj in all_dictionaries(pdf):
        _scrub(obj)


def _scrub(obj: pikepdf.Object) -> None:
    for key in ("/AA", *FORBIDDEN_KEYS):
        if key in obj:
            del obj[key]
    for key in _ACTION_KEYS:
        action = obj.get(key)
        if isinstance(action, Dictionary) and is_dangerous(action):
            del obj[key]
    nxt = obj.get("/Next")
    if nxt is not None and "/S" in obj:
        chain = list(nxt) if isinstance(nxt, Array) else [nxt]
        if any(isinstance(a, Dictionary) and is_dangerous(a) for a in chain):
            del obj["/Next"]
    if _kind(obj) in DANGEROUS_ACTIONS:
        # an action still referenced from some key we do not know: make it inert
        for key in list(obj.keys()):
            del obj[key]


def is_dangerous(action: Dictionary, depth: int = 0) -> bool:
    """True if the action, or any action of its /Next chain, is one we remove."""
    if _kind(action) in DANGEROUS_ACTIONS:
        return True
    nxt = action.get("/Next")
    if depth > 8 or nxt is None:
        return False
    chain = list(nxt) if isinstance(nxt, Array) else [nxt]
    return any(isinstance(a, Dictionary) and is_dangerous(a, depth + 1) for a in chain)


def _kind(obj: pikepdf.Object) -> Name | None:
    kind = obj.get("/S")
    return kind if isinstance(kind, Name) else None


def all_dictionaries(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Every dictionary of the file (stream dictionaries included): each indirect object,
    and the direct dictionaries nested inside them. Stream data is not read."""
    for obj in pdf.objects:
        yield from _nested(obj, 0)


def _nested(obj: pikepdf.Object, depth: int) -> Iterator[pikepdf.Object]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(obj, (Dictionary, pikepdf.Stream)):
        yield obj
        children = list(obj.values())
    elif isinstance(obj, Array):
        children = list(obj)
    else:
        return
    for child in children:
        if isinstance(child, (Dictionary, Array, pikepdf.Stream)) and not child.is_indirect:
            yield from _nested(child, depth + 1)


def active_content(pdf: pikepdf.Pdf) -> list[str]:
    """What verification refuses, one line per occurrence: a /JS or /JavaScript key, or a
    JavaScript or Launch action, anywhere in the file."""
    found: list[str] = []
    for obj in all_dictionaries(pdf):
        where = f"{obj.objgen[0]} {obj.objgen[1]} R" if obj.is_indirect else "direct object"
        found += [f"{key} ({where})" for key in FORBIDDEN_KEYS if key in obj]
        kind = _kind(obj)
        if kind in FORBIDDEN_ACTIONS:
            found.append(f"/S {kind} ({where})")
    return found
