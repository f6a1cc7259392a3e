"""What every dossier build shares around its content: the output folder (allowed?
writable? a private work folder inside it), the report of what was written, and the
short error text a warning quotes. Plain Python: no PDF or Word library is loaded."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kladoc.errors import BuildError, UsageError
from kladoc.errors import short_error as short_error  # the builders' import path
from kladoc.scope import match_cluster

if TYPE_CHECKING:
    from kladoc.config import Config
    from kladoc.models import CheckResult
    from kladoc.opd import OpdRegistry


@dataclass
class OutputFile:
    path: Path
    cluster: str
    title: str
    volume: int
    volumes: int
    pages: int
    size: int
    documents: int


@dataclass
class BuildReport:
    out_dir: Path
    files: list[OutputFile] = field(default_factory=list)
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    errors: list[BuildError] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    # evidence path → pages it fills in the PDF dossier (known once the PDFs are built)
    evidence_pages: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_output_dir(out_dir: Path, config: Config, registry: OpdRegistry) -> None:
    """Outputs inside the dossier would be read back as evidence by the next check,
    except in the configured output folder, which the scan skips."""
    root = config.root.resolve()
    out = Path(out_dir).resolve()
    if not out.is_relative_to(root):
        return
    rel = out.relative_to(root)
    top = rel.parts[0] if rel.parts else ""
    default = config.output_dir
    if top and registry.match(top) is not None:
        raise UsageError("build.output_in_opd", path=str(out_dir), folder=top, default=str(default))
    if not out.is_relative_to(default.resolve()):
        raise UsageError("build.output_in_dossier", path=str(out_dir), default=str(default))


def start_build(
    result: CheckResult, out_dir: Path, cluster: str | None, prefix: str
) -> tuple[list[str], Path]:
    """What a PDF and a Word build share before any work: the output folder is allowed,
    which clusters to build, and a private work folder inside the output folder (same
    filesystem, so finished files are renamed into place, never copied)."""
    check_output_dir(out_dir, result.config, result.registry)
    wanted = cluster or result.scope.cluster
    cluster_ids = (
        [match_cluster(result.checklist, wanted)]
        if wanted
        else [c.id for c in result.checklist.clusters]
    )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=prefix, dir=out_dir))
    except OSError as exc:
        raise BuildError(
            "output.unwritable", path=str(out_dir), detail=exc.strerror or str(exc)
        ) from exc
    return cluster_ids, work
