"""`kladoc build`: one navigable, verified PDF dossier per cluster, and its Word twin.

Modules: plan (what goes where, page numbers, volumes), frontmatter (cover, contents,
section pages), convert/office/compact (evidence → PDF pages), stamp (footers),
assemble (qpdf merge + outline, links, labels, attachments), verify, pdf (orchestration).
The Word dossier lives in `kladoc.build.docx` (`build_docx`), imported only when asked for,
so a PDF-only build never loads docxtpl."""

from __future__ import annotations

from kladoc.build.pdf import BuildReport, OutputFile, build_pdf, check_output_dir

__all__ = ["BuildReport", "OutputFile", "build_pdf", "check_output_dir"]
