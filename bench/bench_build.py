"""Benchmark `kladoc build` against a plain qpdf merge of the same PDFs.

For each dossier size: generate (or reuse) a synthetic dossier (bench/gen_dossier.py),
warm the inspection cache with one `check`, then time, in the same run and interleaved:

  qpdf        qpdf --empty --pages <every evidence PDF> -- out.pdf   (if qpdf is installed)
  qpdf-open   the same with --keep-files-open=y: qpdf's default closes and reopens inputs
              when there are more than 200, which is slow; this is its best case
  job-merge   the same merge through pikepdf.Job (the libqpdf kladoc uses), nothing else
  build-core  kladoc.build.build_pdf on a finished check (what `build` adds to `check`)
  kladoc-cli  `kladoc build DIR -o OUT`, end to end (check with warm cache + build)
  upload      kladoc.build.upload.build_upload on a finished check, into a fresh folder
  upload-inc  the same again on the unchanged dossier (incremental: every file kept)

Wall time is the median of --repeat runs; peak memory is the largest child RSS
(getrusage RUSAGE_CHILDREN in a wrapper process per run, so runs do not mix).

    python bench/bench_build.py --sizes 2500,6000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path[:0] = [str(HERE), str(SRC)]

from gen_dossier import DossierStats, generate  # noqa: E402

# Runs a command and reports its wall time and the peak RSS of it and its descendants.
WRAPPER = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":
    rss //= 1024
out = r.stdout.decode("utf-8", "replace").strip().splitlines()
print(json.dumps({"wall": wall, "rss_kb": rss, "rc": r.returncode,
                  "last": out[-1] if out else "", "err": r.stderr.decode()[-400:]}))
"""

BUILD_CORE = r"""
import json, sys, time
from pathlib import Path
from kladoc.check import run_check
from kladoc.build import build_pdf
if __name__ == "__main__":
    root, out = Path(sys.argv[1]), Path(sys.argv[2])
    t0 = time.perf_counter()
    result = run_check(root)
    t1 = time.perf_counter()
    report = build_pdf(result, out)
    t2 = time.perf_counter()
    assert report.ok, [e.render() for e in report.errors]
    print(json.dumps({"check": t1 - t0, "build": t2 - t1,
                      "pages": sum(f.pages for f in report.files),
                      "bytes": sum(f.size for f in report.files)}))
"""

UPLOAD_CORE = r"""
import json, sys, time
from pathlib import Path
from kladoc.check import run_check
from kladoc.build.upload import build_upload
if __name__ == "__main__":
    root, out = Path(sys.argv[1]), Path(sys.argv[2])
    t0 = time.perf_counter()
    result = run_check(root)
    t1 = time.perf_counter()
    report = build_upload(result, out)
    t2 = time.perf_counter()
    assert report.written and not report.failed, [e.render() for e in report.failed]
    print(json.dumps({"check": t1 - t0, "upload": t2 - t1, "files": len(report.files),
                      "rewritten": len(report.rewritten),
                      "bytes": sum(f.size for f in report.files)}))
"""

JOB_MERGE = r"""
import json, sys, time
import pikepdf
files = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l]
t = time.perf_counter()
job = pikepdf.Job({"empty": "", "outputFile": sys.argv[2], "noWarn": "", "warningExit0": "",
                   "pages": [{"file": f} for f in files]})
job.run()
print(json.dumps({"merge": time.perf_counter() - t}))
"""

CLI = "from kladoc.cli import run; run()"


@dataclass
class Sample:
    walls: list[float] = field(default_factory=list)
    rss_kb: int = 0
    extra: list[dict[str, float]] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    def median(self, key: str) -> float:
        values = [e[key] for e in self.extra if key in e]
        return statistics.median(values) if values else float("nan")


def measure(cmd: list[str], env: dict[str, str], sample: Sample) -> None:
    r = subprocess.run(
        [sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True, env=env, check=True
    )
    data = json.loads(r.stdout.strip().splitlines()[-1])
    if data["rc"] != 0:
        raise SystemExit(f"failed ({data['rc']}): {' '.join(cmd[:4])} …\n{data['err']}")
    sample.walls.append(data["wall"])
    sample.rss_kb = max(sample.rss_kb, data["rss_kb"])
    if data["last"].startswith("{"):
        sample.extra.append(json.loads(data["last"]))


def evidence_pdfs(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.pdf") if "_kladoc" not in p.parts)


def run_size(pages: int, work: Path, repeat: int, env: dict[str, str]) -> dict[str, object]:
    root = work / f"dossier-{pages}"
    stats: DossierStats = generate(root, pages)
    pdfs = evidence_pdfs(root)
    listing = work / f"pdfs-{pages}.txt"
    listing.write_text("\n".join(str(p) for p in pdfs), encoding="utf-8")
    out = work / f"out-{pages}"
    # warm the inspection cache and the OS file cache once, unmeasured
    subprocess.run(
        [sys.executable, "-c", CLI, "check", str(root), "--format", "json"],
        env=env,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    qpdf = shutil.which("qpdf")
    samples = {
        k: Sample() for k in ("qpdf", "qpdf_open", "job", "core", "cli", "upload", "upload_inc")
    }
    for _ in range(repeat):
        if qpdf:
            measure(
                [qpdf, "--empty", "--pages", *map(str, pdfs), "--", str(work / "q.pdf")],
                env,
                samples["qpdf"],
            )
            measure(
                [
                    qpdf,
                    "--empty",
                    "--keep-files-open=y",
                    "--pages",
                    *map(str, pdfs),
                    "--",
                    str(work / "q.pdf"),
                ],
                env,
                samples["qpdf_open"],
            )
        measure(
            [sys.executable, "-c", JOB_MERGE, str(listing), str(work / "j.pdf")],
            env,
            samples["job"],
        )
        measure([sys.executable, "-c", BUILD_CORE, str(root), str(out)], env, samples["core"])
        measure(
            [sys.executable, "-c", CLI, "build", str(root), "-o", str(out)], env, samples["cli"]
        )
        shutil.rmtree(out / "unggah", ignore_errors=True)
        up = [sys.executable, "-c", UPLOAD_CORE, str(root), str(out)]
        measure(up, env, samples["upload"])
        measure(up, env, samples["upload_inc"])
    for name in ("q.pdf", "j.pdf"):
        (work / name).unlink(missing_ok=True)
    return {
        "pages": stats.pages,
        "files": stats.files,
        "pdfs": len(pdfs),
        "photos": stats.photos,
        "input_mb": stats.bytes / 1e6,
        "out_pages": samples["core"].median("pages"),
        "out_mb": samples["core"].median("bytes") / 1e6,
        "samples": samples,
        "qpdf_version": _qpdf_version(qpdf),
    }


def _qpdf_version(qpdf: str | None) -> str:
    if not qpdf:
        return "-"
    r = subprocess.run([qpdf, "--version"], capture_output=True, text=True, check=False)
    return r.stdout.split("\n", 1)[0].replace("qpdf version ", "")


def _fmt(v: float, unit: str = "") -> str:
    return "-" if v != v else f"{v:.2f}{unit}"


def print_table(rows: list[dict[str, object]]) -> None:
    import pikepdf

    head = (
        "pages",
        "files",
        "input MB",
        "qpdf s",
        "qpdf MB",
        "qpdf-open s",
        "job-merge s",
        "build-core s",
        "core MB",
        "core/qpdf",
        "core/qpdf-open",
        "cli s",
        "cli MB",
        "cli/qpdf",
        "out MB",
        "upload s",
        "upload MB",
        "upload files",
        "upload-inc s",
    )
    print(
        f"qpdf CLI {rows[0]['qpdf_version'] if rows else '-'}; pikepdf {pikepdf.__version__} "
        f"(libqpdf {pikepdf.__libqpdf_version__}); {os.cpu_count()} CPUs"
    )
    print(" | ".join(head))
    print(" | ".join("-" * len(h) for h in head))
    for r in rows:
        s = r["samples"]
        assert isinstance(s, dict)
        q, qo, j, core, cli = s["qpdf"], s["qpdf_open"], s["job"], s["core"], s["cli"]
        up, inc = s["upload"], s["upload_inc"]
        build_s = core.median("build")
        nan = float("nan")
        print(
            " | ".join(
                [
                    str(r["pages"]),
                    str(r["files"]),
                    f"{r['input_mb']:.0f}",
                    _fmt(q.wall),
                    f"{q.rss_kb / 1024:.0f}" if q.walls else "-",
                    _fmt(qo.wall),
                    _fmt(j.median("merge")),
                    _fmt(build_s),
                    f"{core.rss_kb / 1024:.0f}",
                    _fmt(build_s / q.wall if q.walls else nan, "×"),
                    _fmt(build_s / qo.wall if qo.walls else nan, "×"),
                    _fmt(cli.wall),
                    f"{cli.rss_kb / 1024:.0f}",
                    _fmt(cli.wall / q.wall if q.walls else nan, "×"),
                    f"{r['out_mb']:.0f}",
                    _fmt(up.median("upload")),
                    f"{up.rss_kb / 1024:.0f}",
                    f"{up.median('files'):.0f}",
                    _fmt(inc.median("upload")),
                ]
            )
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", default="2500,6000", help="target page counts, comma-separated")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kladoc-bench-build")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    rows = [run_size(int(n), args.work, args.repeat, env) for n in args.sizes.split(",")]
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
