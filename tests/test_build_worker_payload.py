"""Issue 16: the cluster worker is sent only what its clusters need (pdf.slim_job): no other
file, no file's text, only the findings about its files; the volumes it builds are the
bytes this process builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from kladoc.build import build_pdf, pdf
from kladoc.build.content import dossier_sections
from kladoc.check import run_check
from tests.dossier_factory import clean_dossier


def _dossier(root: Path) -> Path:
    clean_dossier(root)
    # a file that cannot be shown: its index row and notice page quote its finding
    (root / "Dinas Kesehatan" / "2 Gizi" / "Laporan Gizi 2025.pdf").write_bytes(b"not a pdf")
    return root


def test_the_payload_holds_only_the_clusters_files_without_their_text(tmp_path: Path) -> None:
    result = run_check(_dossier(tmp_path / "d"))
    ids = [c.id for c in result.checklist.clusters]
    sections, _ = dossier_sections(result, ids, True, [])
    bad = "Dinas Kesehatan/2 Gizi/Laporan Gizi 2025.pdf"
    cid = next(c for c in ids if any(d.evidence.path == bad for s in sections[c] for d in s.docs))
    for e in result.evidence:  # the check may have kept a file's text
        e.facts.text = f"isi {e.path}"
    texts = {e.path: e.facts.text for e in result.evidence}
    findings = list(result.findings)
    slim, secs = pdf.slim_job(result, {cid: sections[cid]})
    paths = {d.evidence.path for s in sections[cid] for d in s.docs}
    assert slim.evidence == [] and slim.file_findings == [] and slim.scan_findings == []
    assert slim.findings == [f for f in findings if f.path in paths]
    assert [(f.path, f.rule) for f in slim.findings] == [(bad, "corrupt")]
    assert len(paths) == 5 and len(result.evidence) == 7
    assert {d.evidence.path for s in secs[cid] for d in s.docs} == paths
    assert {d.evidence.facts.text for s in secs[cid] for d in s.docs} == {""}
    # this process's objects are as they were
    assert {e.path: e.facts.text for e in result.evidence} == texts
    assert result.findings == findings
    assert sections[cid][0].docs[0] is not secs[cid][0].docs[0]


def test_a_worker_builds_the_same_bytes_placeholders_included(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _dossier(tmp_path / "d")

    def build(out: Path) -> dict[str, bytes]:
        report = build_pdf(run_check(root), out, converter="python", draft=True)
        assert report.ok, [e.render() for e in report.errors]
        return {f.path.name: f.path.read_bytes() for f in report.files}

    here = build(tmp_path / "here")
    monkeypatch.setattr(pdf, "PARALLEL_MIN_PAGES", 0)  # half the clusters in a worker
    assert build(tmp_path / "worker") == here
    assert len(here) == 2


def test_clusters_are_split_so_the_later_side_finishes_first() -> None:
    # the estimated costs of the 5,000-file bench dossier's clusters
    costs = {"k": 2567, "1": 2568, "2": 4223, "3": 5113, "4": 2571, "5": 7630, "d": 1674}
    mine, theirs = pdf.split_costs(list(costs), costs, 400)
    assert (mine, theirs) == (["2", "5", "d"], ["k", "1", "3", "4"])
    assert (sum(costs[c] for c in mine), sum(costs[c] for c in theirs)) == (13527, 12819)
    # the worker's start-up outweighs what it would take over
    assert pdf.split_costs(["a", "b"], {"a": 150, "b": 150}, 400) == (["a", "b"], [])
    assert pdf.split_costs(["a", "b"], {"a": 900, "b": 1000}, 400) == (["b"], ["a"])
    many = {f"c{i}": 100 + i for i in range(20)}  # more than 16: largest to the lighter side
    mine, theirs = pdf.split_costs(list(many), many, 400)
    loads = (sum(many[c] for c in mine), sum(many[c] for c in theirs))
    assert loads == (1326, 864)  # 864 + 400 start-up
