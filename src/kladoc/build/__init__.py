"""`kladoc build`: one navigable, verified PDF dossier per cluster.

Modules: plan (what goes where, page numbers, volumes), frontmatter (cover, contents,
section pages), convert/office/compact (evidence → PDF pages), stamp (footers),
assemble (qpdf merge + outline, links, labels, attachments), verify, pdf (orchestration)."""

from __future__ import annotations

from kladoc.build.pdf import BuildReport, OutputFile, build_pdf, check_output_dir

__all__ = ["BuildReport", "OutputFile", "build_pdf", "check_output_dir"]
