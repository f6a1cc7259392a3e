"""Checklists: versioned data, never code."""

from kladoc.checklist.loader import DEFAULT_CHECKLIST, build_checklist, builtin_ids, load_checklist
from kladoc.checklist.model import Category, Checklist, Cluster, EvidenceType, Indicator

__all__ = [
    "DEFAULT_CHECKLIST",
    "Category",
    "Checklist",
    "Cluster",
    "EvidenceType",
    "Indicator",
    "build_checklist",
    "builtin_ids",
    "load_checklist",
]
