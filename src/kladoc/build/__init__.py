"""`kladoc build`: one navigable, verified PDF dossier per cluster, and its Word twin.

Modules: content (what a dossier says, computed once for both formats), output (output
folder and build report), plan (what goes where, page numbers, volumes), frontmatter
(cover, contents, section pages), convert/office/compact (evidence → PDF pages), stamp
(footers), assemble (qpdf merge + outline, links, labels, attachments), verify, pdf
(orchestration). The Word dossier lives in `kladoc.build.docx` (`build_docx`).

Names are loaded on first use, so a Word-only build never loads reportlab or pikepdf,
and a PDF-only build never loads docxtpl.

The package itself is callable: ``kladoc.build(dossier, formats=("pdf", "docx"), ...)`` is
:func:`kladoc.build.run.build` (check, then build), also ``from kladoc import build``."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kladoc.build.output import BuildReport, OutputFile, check_output_dir
    from kladoc.build.pdf import build_pdf
    from kladoc.build.run import BuildOutcome

__all__ = ["BuildReport", "OutputFile", "build_pdf", "check_output_dir"]

# loaded on first use too: a picture worker of the Word build imports kladoc.build.docx_media
# and nothing of the checklist, answers or output machinery
_LAZY = {
    "BuildReport": "kladoc.build.output",
    "OutputFile": "kladoc.build.output",
    "check_output_dir": "kladoc.build.output",
    "build_pdf": "kladoc.build.pdf",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _CallablePackage(types.ModuleType):
    """`kladoc.build` is both this package and the library call `kladoc.build(dossier, ...)`:
    a plain function of that name in `kladoc` would be replaced by the package the moment
    any `kladoc.build.*` module is imported."""

    def __call__(self, dossier: Path | str, **options: Any) -> BuildOutcome:
        from kladoc.build.run import build

        return build(dossier, **options)


sys.modules[__name__].__class__ = _CallablePackage
