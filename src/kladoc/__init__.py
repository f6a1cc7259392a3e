"""kladoc: evidence-dossier assembler for the KLA (Kabupaten/Kota Layak Anak) evaluation.

The library API: ``from kladoc import run_check, build``. Both are loaded on first use, so
``import kladoc`` (and ``kladoc --help``) stays free of the heavy document libraries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kladoc.version import __version__

if TYPE_CHECKING:
    from kladoc.build.run import build
    from kladoc.check import run_check

__all__ = ["__version__", "build", "run_check"]


def __getattr__(name: str) -> Any:
    if name == "run_check":
        from kladoc.check import run_check

        return run_check
    if name == "build":
        # the `kladoc.build` package is callable: `kladoc.build(dossier, formats=...)`
        import kladoc.build

        return kladoc.build
    raise AttributeError(f"module 'kladoc' has no attribute {name!r}")
