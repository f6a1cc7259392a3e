"""Issue 16: the cleaner and verification walk a file's dictionaries only when some object,
as qpdf writes it, names what they look for; a name spelled with `#xx` escapes is found,
a font subset prefix such as /AAAAAA+ is not."""

from __future__ import annotations

import pikepdf
import pytest
from pikepdf import Dictionary, Name, String

from kladoc.build import sanitize as sanitize_mod
from kladoc.build.sanitize import _FORBIDDEN, _SCRUBBED, active_content, mentions, sanitize


def _pdf(*objects: bytes) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    for text in objects:
        pdf.make_indirect(pikepdf.Object.parse(text))
    return pdf


@pytest.mark.parametrize(
    ("text", "scrubbed", "forbidden"),
    [
        (b"<< /Type /Font /BaseFont /AAAAAA+DejaVuSans >>", False, False),
        (b"<< /BaseFont /JSans >>", False, False),
        (b"<< /Title (/JS is text here) >>", True, True),  # in a string: walked, finds nothing
        (b"<< /J#53 (app.alert(1)) >>", True, True),  # /JS written with an escape
        (b"<< /AA << /O << /S /GoTo /D [ 0 /Fit ] >> >> >>", True, False),
        (b"[ << /S/Launch/F (calc.exe) >> ]", True, True),  # nested, no spaces
        (b"<< /A << /S /SubmitForm /F (http://x) >> >>", True, False),
        (b"<< /S /GoTo /D [ 0 /Fit ] >>", False, False),
    ],
)
def test_mentions_finds_whole_names_only(text: bytes, scrubbed: bool, forbidden: bool) -> None:
    with _pdf(text) as pdf:
        assert (mentions(pdf, _SCRUBBED), mentions(pdf, _FORBIDDEN)) == (scrubbed, forbidden)


def test_a_stream_dictionary_is_searched() -> None:
    with _pdf() as pdf:
        pdf.make_stream(b"/JS is content, not a key", Dictionary(AA=Dictionary()))
        assert mentions(pdf, _SCRUBBED)
        assert not mentions(pdf, _FORBIDDEN)  # the stream's data is never searched


def test_a_clean_file_is_not_walked_and_a_hostile_one_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    walks: list[int] = []
    real = sanitize_mod.all_dictionaries

    def spy(pdf: pikepdf.Pdf):  # type: ignore[no-untyped-def]
        walks.append(1)
        return real(pdf)

    monkeypatch.setattr(sanitize_mod, "all_dictionaries", spy)
    with _pdf(b"<< /Type /Font /BaseFont /AAAAAA+DejaVuSans >>") as pdf:
        before = [o.unparse(resolved=True) for o in pdf.objects]
        sanitize(pdf)
        assert active_content(pdf) == []
        assert walks == []
        assert [o.unparse(resolved=True) for o in pdf.objects] == before
    with _pdf() as pdf:
        # an outline item's action, reached from no page
        item = pdf.make_indirect(
            Dictionary(Title=String("x"), A=Dictionary(S=Name.JavaScript, JS=String("1")))
        )
        found = active_content(pdf)
        assert found == ["/JS (direct object)", "/S /JavaScript (direct object)"]
        sanitize(pdf)
        assert "/A" not in item
        assert walks == [1, 1]
        assert active_content(pdf) == []
        assert walks == [1, 1]  # nothing named any more: not walked
