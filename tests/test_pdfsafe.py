"""Active content and damaged PDFs in a build (issue 12, items 5 and 6)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from kladoc.build import build_pdf
from kladoc.build.salvage import check_file, syntax_problems
from kladoc.build.sanitize import active_content, sanitize
from kladoc.check import run_check
from tests.dossier_factory import clean_dossier


def _js(code: str) -> Dictionary:
    return Dictionary(S=Name.JavaScript, JS=String(code))


def _launch(target: str) -> Dictionary:
    return Dictionary(S=Name.Launch, F=String(target), Win=Dictionary(F=String(target)))


def form_pdf(path: Path) -> Path:
    """An SF-424 style form: AutoTab keystroke scripts on widgets reached only through a
    field's /Kids, launch actions on widgets and in a /Next chain, AcroForm /AA, a
    document-level script, and one harmless web link that must stay."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 760 Td (Formulir Permohonan) Tj ET")
    page.obj.Resources = Dictionary(
        Font=Dictionary(F1=Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    )
    parent = pdf.make_indirect(
        Dictionary(
            FT=Name.Tx,
            T=String("applicant"),
            AA=Dictionary(K=_js("AFMergeChange(event); autoTab();")),
        )
    )
    widgets = []
    for i in range(3):
        widget = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Widget,
                Rect=Array([72, 700 - 40 * i, 300, 720 - 40 * i]),
                Parent=parent,
                AA=Dictionary(K=_js(f"autoTab({i})"), Fo=_launch("cmd.exe")),
                A=_launch(f"calc{i}.exe"),
            )
        )
        widgets.append(widget)
    parent.Kids = Array(widgets)
    link = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array([72, 500, 300, 520]),
            A=Dictionary(S=Name.URI, URI=String("https://kla.id"), Next=_launch("evil.exe")),
        )
    )
    web = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array([72, 460, 300, 480]),
            A=Dictionary(S=Name.URI, URI=String("https://kemenpppa.go.id")),
        )
    )
    page.obj.Annots = Array([*widgets, link, web])
    pdf.Root.AcroForm = Dictionary(
        Fields=Array([parent]), AA=Dictionary(C=_js("calculate()"), K=_launch("x.exe"))
    )
    pdf.Root.Names = Dictionary(
        JavaScript=Dictionary(Names=Array([String("init"), pdf.make_indirect(_js("app.alert(1)"))]))
    )
    pdf.Root.OpenAction = pdf.make_indirect(_js("this.print()"))
    pdf.save(path)
    return path


def damaged_pdf(path: Path, pages: int = 2) -> Path:
    """Page 1's content stream has bad Flate data after a readable start; page 2 draws a
    Flate image whose data is broken. qpdf opens the file but `qpdf --check` fails."""
    pdf = pikepdf.new()
    text = b"".join(
        b"BT /F1 10 Tf 72 %d Td (Baris %d) Tj ET\n" % (800 - 12 * i, i) for i in range(60)
    )
    packed = zlib.compress(text)
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    font = Dictionary(F1=Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    first = pdf.pages[0].obj
    first.Resources = Dictionary(Font=font)
    first.Contents = pdf.make_stream(b"")
    half = 150  # after the first lines, before the end
    first.Contents.write(packed[:half] + b"\x00garbage" + packed[half:], filter=Name.FlateDecode)
    image = pdf.make_stream(b"")
    image.write(zlib.compress(b"\x80" * 4000)[:20] + b"\xff" * 50, filter=Name.FlateDecode)
    image.Type, image.Subtype = Name.XObject, Name.Image
    image.Width, image.Height, image.BitsPerComponent = 40, 100, 8
    image.ColorSpace = Name.DeviceGray
    second = pdf.pages[1].obj
    second.Resources = Dictionary(XObject=Dictionary(Im0=image))
    second.Contents = pdf.make_stream(b"q 200 0 0 400 72 72 cm /Im0 Do Q")
    pdf.save(path)
    return path


def test_form_fixture_has_the_active_content_of_the_issue(tmp_path: Path) -> None:
    with pikepdf.open(form_pdf(tmp_path / "f.pdf")) as pdf:
        found = active_content(pdf)
    assert sum("/S /JavaScript" in f for f in found) == 7
    assert sum("/S /Launch" in f for f in found) == 8
    assert sum(f.startswith("/JavaScript") for f in found) == 1


def test_sanitize_reaches_widgets_through_kids_acroform_aa_and_next_chains(tmp_path: Path) -> None:
    with pikepdf.open(form_pdf(tmp_path / "f.pdf")) as pdf:
        sanitize(pdf)
        assert active_content(pdf) == []
        annots = list(pdf.pages[0].obj.Annots)
        assert len(annots) == 5  # widgets and links stay, only their actions go
        assert "/A" not in annots[3]  # a link whose chain goes on to a Launch
        assert str(annots[4].A.URI) == "https://kemenpppa.go.id"
        assert "/AA" not in pdf.Root.AcroForm
        assert all("/AA" not in w and "/A" not in w for w in annots[:3])


def test_active_content_finds_an_action_in_an_unvisited_object(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    # referenced only from a private key: the cleaner's walk still sees it
    pdf.pages[0].obj["/PieceInfo"] = Dictionary(X=Dictionary(Private=_launch("a.exe")))
    assert active_content(pdf) == ["/S /Launch (direct object)"]
    sanitize(pdf)
    assert active_content(pdf) == []


def test_build_of_a_form_with_scripts_has_no_javascript_or_launch(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    form_pdf(root / "DP3A" / "1 Perda KLA" / "Formulir Perda KLA 2024.pdf")
    result = run_check(root, jobs=1)
    report = build_pdf(result, root / "_kladoc", cluster="kelembagaan", converter="python")
    assert report.ok, [e.render() for e in report.errors]
    out = root / "_kladoc" / "Kelembagaan.pdf"
    with pikepdf.open(out) as pdf:
        assert active_content(pdf) == []
        assert syntax_problems(pdf) == []
        uris = [
            str(a.A.URI)
            for p in pdf.pages
            for a in p.obj.get("/Annots", [])
            if "/A" in a and a.A.get("/S") == Name.URI
        ]
    assert uris == ["https://kemenpppa.go.id"]


def test_damaged_fixture_fails_qpdf_check(tmp_path: Path) -> None:
    problems = check_file(damaged_pdf(tmp_path / "x.pdf"))
    assert any(p.startswith("ERROR: page 1:") for p in problems)
    assert any("error decoding stream data" in p for p in problems)


def test_damaged_pdf_is_salvaged_and_the_dossier_passes_qpdf_check(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    evidence = damaged_pdf(root / "DP3A" / "1 Perda KLA" / "SK Rusak 2024.pdf")
    before = evidence.read_bytes()
    result = run_check(root, jobs=1)
    report = build_pdf(result, root / "_kladoc", cluster="kelembagaan", converter="python")
    assert report.ok, [e.render() for e in report.errors]
    salvaged = [p for k, p in report.warnings if k == "build.warn.salvaged"]
    assert [p["path"] for p in salvaged] == ["DP3A/1 Perda KLA/SK Rusak 2024.pdf"]
    assert str(root) not in salvaged[0]["detail"]
    with pikepdf.open(root / "_kladoc" / "Kelembagaan.pdf") as pdf:
        assert syntax_problems(pdf) == []
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(root / "_kladoc" / "Kelembagaan.pdf")
    try:
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    assert "Baris 0" in text  # the readable start of the damaged page is kept
    assert evidence.read_bytes() == before
