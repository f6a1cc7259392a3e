"""The per-file facts record produced by :func:`kladoc.inspect.inspect_file`.

It lives in the model layer (:mod:`kladoc.models`) so evidence records can hold it without the
model importing the inspectors; this module keeps the inspectors' import path."""

from __future__ import annotations

from kladoc.models import ACTIVE_CONTENT, DETAIL_CAP, KINDS, STATUSES, TEXT_CAP, FileFacts

__all__ = [
    "ACTIVE_CONTENT",
    "DETAIL_CAP",
    "INSPECTION_REVISION",
    "KINDS",
    "STATUSES",
    "TEXT_CAP",
    "FileFacts",
]

# Bump whenever inspect_file would record something different for the same file, so
# cached inspections made by older code are redone.
INSPECTION_REVISION = 2
