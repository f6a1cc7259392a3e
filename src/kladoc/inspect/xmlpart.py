"""End events of chosen elements of one XML part of a zip, as lxml's iterparse gives them.

A small part is parsed whole: lxml's incremental parser costs about three times a whole
parse of a few kilobytes, and most parts of real documents are that small. The events are
the same ones, in the same order (an element's end comes after its whole subtree in both),
and the caller frees elements as it goes exactly as with the stream, so what it reads at each
event is the same. A part that does not read cleanly at once (bad XML, bad zip data) is
streamed instead: the damage then surfaces exactly where the streamed read meets it, and a
caller that stops reading early never meets damage further on. Large parts are always
streamed, so memory stays flat."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

# decoded bytes a part may have to be parsed whole; its tree takes roughly 10-20 times that
WHOLE_PART = 256 * 1024


def end_events(zf: zipfile.ZipFile, name: str, tags: tuple[str, ...]) -> Iterator[Any]:
    """The elements among `tags` of part `name`, each at its end. Raises as iterparse
    (KeyError for a missing part, XMLSyntaxError, zip errors) at the same point."""
    elements = _whole(zf, name, tags)
    if elements is not None:
        yield from elements
        return
    with zf.open(name) as fh:
        parser = etree.iterparse(
            fh, events=("end",), tag=tags, resolve_entities=False, no_network=True
        )
        for _event, el in parser:
            yield el


def _whole(zf: zipfile.ZipFile, name: str, tags: tuple[str, ...]) -> list[Any] | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None  # the stream raises it, as before
    if info.file_size > WHOLE_PART:
        return None
    try:
        root = etree.fromstring(
            zf.read(info), etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except Exception:  # any damage: the stream meets it where it is
        return None
    # listed before the caller frees anything: its frees must not steer the walk
    return [el for _event, el in etree.iterwalk(root, events=("end",), tag=tags)]
