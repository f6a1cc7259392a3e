"""`kladoc build`: one navigable, verified PDF dossier per cluster, and its Word twin.

Modules: content (what a dossier says, computed once for both formats), output (output
folder and build report), plan (what goes where, page numbers, volumes), frontmatter
(cover, contents, section pages), convert/office/compact (evidence → PDF pages), stamp
(footers), assemble (qpdf merge + outline, links, labels, attachments), verify, pdf
(orchestration). The Word dossier lives in `kladoc.build.docx` (`build_docx`).

Names are loaded on first use, so a Word-only build never loads reportlab or pikepdf,
and a PDF-only build never loads docxtpl."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kladoc.build.output import BuildReport, OutputFile, check_output_dir

if TYPE_CHECKING:
    from kladoc.build.pdf import build_pdf

__all__ = ["BuildReport", "OutputFile", "build_pdf", "check_output_dir"]


def __getattr__(name: str) -> Any:
    if name == "build_pdf":
        from kladoc.build.pdf import build_pdf

        return build_pdf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
