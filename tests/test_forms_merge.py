"""Form widgets stay reachable from /AcroForm after the merge (issue 12), so qpdf's
form-structure warnings need no exception in verification."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from kladoc.build import build_pdf
from kladoc.build.assemble import reach_widgets
from kladoc.build.salvage import syntax_problems
from kladoc.check import run_check
from tests.dossier_factory import clean_dossier


def orphan_widgets_pdf(path: Path) -> Path:
    """A page with two text-field widgets (one a kid of a parent field) that the
    catalog's /AcroForm does not list, as some form generators write them."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    parent = pdf.make_indirect(Dictionary(FT=Name.Tx, T=String("pemohon")))
    kid = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Widget, Rect=[72, 700, 300, 720], Parent=parent)
    )
    parent.Kids = Array([kid])
    alone = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=String("alamat"),
            Rect=[72, 650, 300, 670],
        )
    )
    pdf.pages[0].obj.Annots = Array([kid, alone])
    pdf.Root.AcroForm = pdf.make_indirect(Dictionary(Fields=Array()))
    pdf.save(path)
    return path


def _widget_warnings(pdf: pikepdf.Pdf) -> list[str]:
    return [p for p in pdf.check_pdf_syntax() if "widget" in p.lower() or "acroform" in p.lower()]


def test_reach_widgets_adds_the_top_fields_to_acroform(tmp_path: Path) -> None:
    src = orphan_widgets_pdf(tmp_path / "form.pdf")
    with pikepdf.open(src) as pdf:
        assert len(_widget_warnings(pdf)) == 2  # the defect, as qpdf reports it
        assert reach_widgets(pdf) == 2  # two top fields added
        assert reach_widgets(pdf) == 0  # already reachable
        assert sorted(str(f.T) for f in pdf.Root.AcroForm.Fields) == ["alamat", "pemohon"]
        pdf.save(tmp_path / "fixed.pdf")
    with pikepdf.open(tmp_path / "fixed.pdf") as pdf:
        assert _widget_warnings(pdf) == []


def test_a_merged_form_passes_qpdf_check_without_exceptions(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    orphan_widgets_pdf(root / "DP3A" / "1 Perda KLA" / "Formulir Gugus Tugas 2024.pdf")
    result = run_check(root, jobs=1)
    report = build_pdf(result, root / "_kladoc", cluster="kelembagaan", converter="python")
    assert report.ok, [e.render() for e in report.errors]
    with pikepdf.open(root / "_kladoc" / "Kelembagaan.pdf") as pdf:
        assert _widget_warnings(pdf) == []
        assert syntax_problems(pdf) == []
