"""Checklists: versioned data, never code."""

from kladoc.checklist.loader import DEFAULT_CHECKLIST, build_checklist, builtin_ids, load_checklist
from kladoc.checklist.model import (
    ANSWER_KINDS,
    REQUEST_KINDS,
    Category,
    Checklist,
    Cluster,
    EvidenceType,
    Indicator,
    Question,
)

__all__ = [
    "ANSWER_KINDS",
    "DEFAULT_CHECKLIST",
    "REQUEST_KINDS",
    "Category",
    "Checklist",
    "Cluster",
    "EvidenceType",
    "Indicator",
    "Question",
    "build_checklist",
    "builtin_ids",
    "load_checklist",
]
