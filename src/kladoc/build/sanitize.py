"""Remove active content from a dossier before it is saved, and prove none is left.

Scripts and launch actions hide in many places: the document's open action and name
tree, page, annotation and form-field additional actions (/AA), widget annotations that
are reachable only through a field's /Parent → /Kids, the AcroForm's own /AA, outline
items and the /Next chain of an otherwise harmless action. Rather than visiting each
place the cleaner walks every object of the file, so a place nobody thought of is
covered too. Links (/URI, /GoTo) stay.

The walk visits each dictionary in Python; most files have nothing for it to find. Every
thing it acts on is a name (a key such as /AA or /JS, or an action type such as
/JavaScript), and qpdf writes each name in one form (`#xx` only for characters that need
it, so `/J#53` in a file is written `/JS`). A file none of whose objects, written out by
qpdf, holds one of those names as a whole name is left as it is without the walk; a file
that holds one anywhere is walked as before."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name

DANGEROUS_ACTIONS = {Name.JavaScript, Name.Launch, Name.ImportData, Name.Rendition, Name.SubmitForm}
# actions verification insists are gone: anything that runs code or a program
FORBIDDEN_ACTIONS = {Name.JavaScript, Name.Launch}
FORBIDDEN_KEYS = ("/JS", "/JavaScript")
_ACTION_KEYS = ("/A", "/PA", "/OpenAction")
_MAX_DEPTH = 64
# a name ends at white space, a delimiter or the end ("/AAAAAA+DejaVuSans" is a font)
_END = rb"(?![^\x00\t\n\x0c\r /<>\[\]()%{}])"
# every name the cleaner acts on, and those verification refuses
_SCRUBBED = re.compile(rb"/(?:AA|JS|JavaScript|Launch|ImportData|Rendition|SubmitForm)" + _END)
_FORBIDDEN = re.compile(rb"/(?:JS|JavaScript|Launch)" + _END)


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
    if mentions(pdf, _SCRUBBED):
        for obj in all_dictionaries(pdf):
            _scrub(obj)


def mentions(pdf: pikepdf.Pdf, names: re.Pattern[bytes]) -> bool:
    """Whether any object of the file, as qpdf writes it (a stream: its dictionary),
    matches `names`; nested direct objects are part of the object that holds them."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            text = obj.stream_dict.unparse(resolved=True)
        elif isinstance(obj, (Dictionary, Array)):
            text = obj.unparse(resolved=True)
        else:
            continue
        if names.search(text):
            return True
    return False


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
    if not mentions(pdf, _FORBIDDEN):
        return found
    for obj in all_dictionaries(pdf):
        where = f"{obj.objgen[0]} {obj.objgen[1]} R" if obj.is_indirect else "direct object"
        found += [f"{key} ({where})" for key in FORBIDDEN_KEYS if key in obj]
        kind = _kind(obj)
        if kind in FORBIDDEN_ACTIONS:
            found.append(f"/S {kind} ({where})")
    return found
