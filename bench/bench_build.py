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

With --files N it uses bench/bench_check.py's N-file mix instead (text PDFs, scans, phone
photos, DOCX, XLSX; generated once into --work, or an existing one given with --dossier,
which is hard-linked into --work first: the bench only ever replaces files in its own copy)
and measures `kladoc build --format pdf --converter python` end to end, in one run:

  floor      qpdf --empty --pages <every evidence PDF> -- out.pdf (and --keep-files-open=y)
  cold       the build with an empty conversion cache (inspection cache warm)
  again      the same build, nothing changed (every conversion from the cache)
  one change the build after one included photo was replaced by another picture
  upload     `kladoc build --format upload` (the upload pack), conversion cache warm

Wall and CPU seconds (wait4 rusage, workers included), peak RSS of the main process, the
largest worker and the whole tree (/proc, Linux), and ratio lines against the floor.

    python bench/bench_build.py --files 5000 --dossier /tmp/checkperf/check-5000
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


# -- the N-file mix of bench_check.py --------------------------------------------------


def linked_copy(source: Path, target: Path) -> Path:
    """`target` as a hard-link copy of `source` (made once): cheap, and replacing a file
    in it (never writing into one) leaves `source` as it was."""
    if not (target / "kladoc.toml").is_file():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(
            source, target, copy_function=os.link, ignore=shutil.ignore_patterns("_kladoc")
        )
    return target


def changed_photo(root: Path) -> tuple[Path, Path]:
    """The first photo named by a question (so the submission includes it) and a saved
    link to its original, which `restore` puts back."""
    photo = next(
        p
        for p in sorted(root.rglob("*.jpg"))
        if "_kladoc" not in p.parts and p.name[0].isdigit() and "." in p.name.split(" ", 1)[0]
    )
    saved = photo.with_name(".bench-original-" + photo.name)
    if saved.exists():  # an interrupted run: the original goes back first
        os.replace(saved, photo)
    os.link(photo, saved)
    return photo, saved


def replace_photo(photo: Path, seed: int) -> None:
    from bench_check import synth

    fresh = photo.with_name(".bench-new-" + photo.name)
    synth.photo_jpeg(fresh, seed=seed, size=(1600, 1200), taken="2025:05:02 08:00:00")
    os.replace(fresh, photo)  # a new file: the hard-linked original is not written


def restore(photo: Path, saved: Path) -> None:
    os.replace(saved, photo)


def run_files(args: argparse.Namespace, env: dict[str, str]) -> int:
    import bench_check

    work: Path = args.work
    source = args.dossier or work / f"check-{args.files}"
    if args.dossier is None:
        bench_check.generate(source, args.files)
    root = linked_copy(source, work / f"build-{args.files}")
    stats = json.loads((root / bench_check.STAMP).read_text())["stats"]
    cache = work / f"cache-{args.files}"
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(env, KLADOC_CACHE_DIR=str(cache))
    out = work / f"out-{args.files}"
    shutil.rmtree(out, ignore_errors=True)
    kladoc = [sys.executable, "-m", "kladoc"]
    subprocess.run(
        [*kladoc, "check", str(root), "--format", "json"],
        env=env,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    pdfs = [str(p) for p in evidence_pdfs(root)]
    qpdf = shutil.which("qpdf")
    build = [*kladoc, "build", str(root), "--format", "pdf", "--converter", "python"]
    build += ["-o", str(out)]
    rows: dict[str, dict[str, float]] = {}
    if qpdf:
        merged = str(work / "q.pdf")
        rows["floor: qpdf merge"] = bench_check.measure(
            [qpdf, "--empty", "--pages", *pdfs, "--", merged], env
        )
        rows["floor: qpdf merge, files kept open"] = bench_check.measure(
            [qpdf, "--empty", "--keep-files-open=y", "--pages", *pdfs, "--", merged], env
        )
        Path(merged).unlink(missing_ok=True)
    try:
        from kladoc.build.convcache import CACHE_FOLDER

        shutil.rmtree(cache / CACHE_FOLDER, ignore_errors=True)
    except ImportError:  # before the conversion cache: nothing to clear
        pass
    rows["build --format pdf (cold conversion cache)"] = bench_check.measure(build, env)
    rows["build --format pdf again, nothing changed"] = bench_check.measure(build, env)
    photo, saved = changed_photo(root)
    try:
        replace_photo(photo, seed=987_654)
        rows["build --format pdf after one photo changed"] = bench_check.measure(build, env)
    finally:
        restore(photo, saved)
    upload = [*kladoc, "build", str(root), "--format", "upload", "--converter", "python"]
    shutil.rmtree(out / "unggah", ignore_errors=True)
    rows["build --format upload"] = bench_check.measure([*upload, "-o", str(out)], env)
    print(
        f"\n{args.files} files ({stats['text'] + stats['scan']} PDFs, {stats['photo']} photos, "
        f"{stats['docx']} DOCX, {stats['xlsx']} XLSX, {stats['bytes'] / 2**20:.0f} MB), "
        f"{os.cpu_count()} cores\n"
    )
    print("| run | wall (s) | CPU (s) | peak RSS main (MB) | largest worker (MB) | tree (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in rows.items():
        print(
            f"| {name} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss_main'] / 2**20:.0f} | "
            f"{r['rss_child'] / 2**20:.0f} | {r['rss_tree'] / 2**20:.0f} |"
        )
    print()
    cold = rows["build --format pdf (cold conversion cache)"]
    for key in ("floor: qpdf merge", "floor: qpdf merge, files kept open"):
        if key in rows:
            f = rows[key]
            print(
                f"build cold / {key[7:]} = {cold['wall'] / f['wall']:.2f}× wall, "
                f"{cold['cpu'] / f['cpu']:.2f}× CPU"
            )
    for key in (
        "build --format pdf again, nothing changed",
        "build --format pdf after one photo changed",
    ):
        r = rows[key]
        print(
            f"{key[19:]} / build cold = {r['wall'] / cold['wall']:.2f}× wall, "
            f"{r['cpu'] / cold['cpu']:.2f}× CPU"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", default="2500,6000", help="target page counts, comma-separated")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kladoc-bench-build")
    ap.add_argument("--files", type=int, help="use bench_check.py's N-file mix instead")
    ap.add_argument("--dossier", type=Path, help="an existing --files dossier (hard-linked)")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    # a user's pip install has compiled bytecode; with this set (some containers do) every
    # measured run would compile kladoc's modules again (~0.1 s, most of a warm check's floor)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    if args.files:
        return run_files(args, env)
    rows = [run_size(int(n), args.work, args.repeat, env) for n in args.sizes.split(",")]
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
