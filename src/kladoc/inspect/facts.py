"""The per-file facts record produced by :func:`kladoc.inspect.inspect_file`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

KINDS: tuple[str, ...] = ("pdf", "image", "docx", "xlsx", "doc", "xls", "other")
STATUSES: tuple[str, ...] = (
    "ok",
    "empty",
    "corrupt",
    "encrypted",
    "unsupported",
    "outdated",  # a valid file in a format too old to use (Excel 4.0, Word 2.0)
    "bomb",
    "unreadable",
    "timeout",
)
ACTIVE_CONTENT: tuple[str, ...] = ("javascript", "openaction", "launch", "embedded-files", "macros")

# Bump whenever inspect_file would record something different for the same file, so
# cached inspections made by older code are redone.
INSPECTION_REVISION = 2
TEXT_CAP = 20_000
DETAIL_CAP = 300


@dataclass
class FileFacts:
    """What kladoc learned about one evidence file without modifying it."""

    kind: str
    status: str
    size: int
    sha256: str
    detail: str = ""
    pages: int | None = None
    has_text: bool | None = None
    text: str = ""
    repaired: bool = False
    restricted: bool = False
    # PDF opens without a password; only its embedded files (attachments) are encrypted.
    attachments_encrypted: bool = False
    # 1-based PDF pages whose content streams or images cannot be decoded (first pages only).
    damaged_pages: list[int] = field(default_factory=list)
    active_content: list[str] = field(default_factory=list)
    width: int | None = None
    height: int | None = None
    orientation: int | None = None
    created: str | None = None
    title: str | None = None

    def add_active(self, *items: str) -> None:
        """Record active-content flags, keeping the list sorted and unique."""
        self.active_content = sorted(set(self.active_content).union(items))

    def add_detail(self, note: str) -> None:
        """Append a short note; several checks may each have something to say."""
        note = note.strip()
        if not note:
            return
        joined = f"{self.detail}; {note}" if self.detail else note
        self.detail = joined if len(joined) <= DETAIL_CAP else joined[: DETAIL_CAP - 3] + "..."

    def set_text(self, text: str) -> None:
        self.text = text[:TEXT_CAP]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict (for process boundaries and the SQLite cache)."""
        d = dataclasses.asdict(self)
        d["active_content"] = list(self.active_content)
        d["damaged_pages"] = list(self.damaged_pages)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FileFacts:
        """Inverse of :meth:`to_dict`; unknown keys are ignored so old caches still load."""
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in d.items() if k in names}
        if "active_content" in kwargs:
            kwargs["active_content"] = sorted(set(kwargs["active_content"] or []))
        if "damaged_pages" in kwargs:
            kwargs["damaged_pages"] = sorted(set(kwargs["damaged_pages"] or []))
        return cls(**kwargs)
