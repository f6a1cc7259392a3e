"""kladoc.inspect.xmlpart: a small part parsed whole gives what the stream gives, damage
included (where the stream meets it)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]

from kladoc.inspect import xmlpart

GOOD = b"<doc><p>a</p><x><p>b</p></x><p>c<p>d</p></p></doc>"
# three paragraphs, then a tag that is never closed
BROKEN = b"<doc><p>a</p><p>b</p><p>c</p><p>d</doc>"


def _zip(tmp_path: Path, data: bytes) -> zipfile.ZipFile:
    path = tmp_path / "t.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("part.xml", data)
    return zipfile.ZipFile(path)


def _read(zf: zipfile.ZipFile, limit: int | None = None) -> list[str]:
    """Each element's text at its end, freed as office.py frees paragraphs."""
    out: list[str] = []
    for el in xmlpart.end_events(zf, "part.xml", ("p", "x")):
        out.append(f"{el.tag}:{''.join(el.itertext())}")
        el.clear(keep_tail=False)
        if limit is not None and len(out) >= limit:
            break
    return out


@pytest.fixture(params=[True, False], ids=["whole", "streamed"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Each test twice: the part parsed whole, and (no part small enough) streamed."""
    if not request.param:
        monkeypatch.setattr(xmlpart, "WHOLE_PART", 0)
    return bool(request.param)


@pytest.mark.usefixtures("mode")
def test_events_and_frees_are_those_of_the_stream(tmp_path: Path) -> None:
    with _zip(tmp_path, GOOD) as zf:
        # ends in document order; the inner "d" is cleared before its outer paragraph ends
        assert _read(zf) == ["p:a", "p:b", "x:", "p:d", "p:c"]


@pytest.mark.usefixtures("mode")
def test_damage_surfaces_where_the_stream_meets_it(tmp_path: Path) -> None:
    with _zip(tmp_path, BROKEN) as zf:
        assert _read(zf, limit=2) == ["p:a", "p:b"]  # stopped before the damage: no error
        got: list[str] = []
        with pytest.raises(etree.XMLSyntaxError):
            for el in xmlpart.end_events(zf, "part.xml", ("p",)):
                got.append(el.text)
        assert got == ["a", "b", "c"]


def test_a_missing_part_raises_key_error(tmp_path: Path) -> None:
    with _zip(tmp_path, GOOD) as zf, pytest.raises(KeyError):
        list(xmlpart.end_events(zf, "nope.xml", ("p",)))
