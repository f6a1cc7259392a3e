"""Run `kladoc check` and `kladoc build` on real-world files from public test suites.

    python bench/realworld.py [--work DIR] [--jobs N]

Downloads source distributions from PyPI at bench time (nothing is committed): pikepdf and
pypdf (forms, outlines, attachments, every encryption revision, PDF/A, CCITT/JBIG2 images,
fuzzed and damaged PDFs), Pillow (`Tests/images`: every image format and mode, 16-bit,
CMYK, broken and truncated files), python-docx, python-pptx and docx2python (Word files,
legacy .doc), olefile (OLE files). Every file of a known evidence kind goes into a
one-OPD dossier, then both commands run. Reported: check's exit code, `build --format
both`'s exit code, tracebacks, whether every evidence file is byte-identical afterwards,
whether every output PDF passes qpdf's checks and holds no JavaScript or Launch action,
and peak memory (the largest single process, and the whole process tree sampled from
/proc on Linux). Exit 1 if any of these fails."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile
from collections import Counter
from pathlib import Path

SOURCES = (
    "pikepdf==10.0.0",
    "pypdf==7.1.0",
    "pillow==11.0.0",
    "python-docx==1.1.2",
    "python-pptx==1.0.2",
    "docx2python==2.10.1",
    "olefile==0.47",
)
SUFFIXES = {
    ".pdf",
    ".docx",
    ".docm",
    ".dotx",
    ".xlsx",
    ".xlsm",
    ".xltx",
    ".doc",
    ".xls",
    ".jpg",
    ".jpeg",
    ".png",
    ".tif",
    ".tiff",
    ".gif",
    ".bmp",
    ".webp",
    ".pgm",
    ".ppm",
    ".pbm",
}
_UNSAFE = re.compile(r'[<>:"\\|?*\x00-\x1f]')


def fetch(work: Path) -> list[Path]:
    dl = work / "sdists"
    dl.mkdir(parents=True, exist_ok=True)
    have = {p.name.split("-")[0].lower().replace("_", "-") for p in dl.iterdir()}
    missing = [s for s in SOURCES if s.split("==")[0].lower() not in have]
    if missing:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        subprocess.run([*cmd, "-d", str(dl), *missing], check=True)
    return sorted(p for p in dl.iterdir() if p.suffix in (".gz", ".zip"))


def _members(archive: Path) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if not info.is_dir() and Path(info.filename).suffix.lower() in SUFFIXES:
                    out.append((info.filename, zf.read(info)))
        return out
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if member.isfile() and Path(member.name).suffix.lower() in SUFFIXES:
                data = tar.extractfile(member)
                if data is not None:
                    out.append((member.name, data.read()))
    return out


def make_dossier(work: Path, archives: list[Path]) -> Path:
    root = work / "dossier"
    folder = root / "DP3A" / "1 Korpus publik"
    if folder.is_dir():
        return root
    folder.mkdir(parents=True)
    (root / "kladoc.toml").write_text(
        'region = "Korpus Uji"\nyear = 2025\nmax_file_mb = 50\n', encoding="utf-8"
    )
    for archive in archives:
        origin = archive.name.split("-")[0].lower()
        for name, data in _members(archive):
            flat = _UNSAFE.sub("_", name.split("/", 1)[-1].replace("/", "__"))
            stem, suffix = flat[: -len(Path(flat).suffix)], Path(flat).suffix
            target = folder / f"{origin}__{stem[:120]}{suffix}"
            n = 1
            while target.exists():
                n += 1
                target = folder / f"{origin}__{stem[:115]}-{n}{suffix}"
            target.write_bytes(data)
    return root


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * page
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def run(cmd: list[str]) -> tuple[subprocess.CompletedProcess[str], float, float, float]:
    """Run a command; returns it with the largest single process's peak RSS (MB, from
    getrusage of a fresh wrapper), the tree's sampled peak RSS (MB) and the wall time."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:])\n"
        "sys.stderr.write('\\nMAXRSS_KB=%d\\n' % "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(r.returncode)\n"
    )
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", wrapper, *cmd],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.2):
            if sys.platform.startswith("linux"):
                peak[0] = max(peak[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    stop.set()
    sampler.join()
    m = re.search(r"MAXRSS_KB=(\d+)", err)
    largest = int(m.group(1)) / 1024 if m else 0.0
    done = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    return done, largest, peak[0] / 2**20, time.monotonic() - start


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "_kladoc" not in p.parts and p.name != "kladoc.toml"
    }


def check_outputs(out: Path) -> list[str]:
    import pikepdf

    from kladoc.build.salvage import syntax_problems
    from kladoc.build.sanitize import active_content

    bad: list[str] = []
    for pdf_path in sorted(out.glob("*.pdf")):
        with pikepdf.open(pdf_path) as pdf:
            problems = syntax_problems(pdf) + active_content(pdf)
        bad += [f"{pdf_path.name}: {p}" for p in problems[:5]]
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kladoc-realworld")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--verbose", action="store_true", help="print every file's finding")
    args = ap.parse_args(argv)
    root = make_dossier(args.work, fetch(args.work))
    before = _hashes(root)
    kinds = Counter(Path(p).suffix.lower() for p in before)
    print(f"dossier: {len(before)} files: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    kladoc = [sys.executable, "-m", "kladoc"]
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    check, check_mb, check_tree, check_s = run(
        [*kladoc, "check", str(root), "--format", "json", "--no-cache", *jobs]
    )
    ok_check = check.returncode in (0, 1) and "Traceback" not in check.stderr
    data = json.loads(check.stdout) if ok_check else {"evidence": [], "findings": []}
    status = Counter(e["status"] for e in data["evidence"])
    print(
        f"check: exit {check.returncode}, {len(data['evidence'])} files, {check_s:.0f} s, "
        f"largest process {check_mb:.0f} MB, tree {check_tree:.0f} MB; "
        + ", ".join(f"{k} {n}" for k, n in status.most_common())
    )
    if args.verbose:
        by_path: dict[str, list[str]] = {}
        for f in data["findings"]:
            if f["path"]:
                by_path.setdefault(f["path"], []).append(f["rule"])
        for e in data["evidence"]:
            rules = ", ".join(sorted(set(by_path.get(e["path"], [])))) or "-"
            name = e["path"].rsplit("/", 1)[-1]
            print(f"  {e['status']:<11} {e['pages'] or '':>4}  {rules:<40} {name}")
    out = args.work / "out"
    build, build_mb, build_tree, build_s = run(
        [*kladoc, "build", str(root), "--output", str(out), "--format", "both", *jobs]
    )
    print(
        f"build --format both: exit {build.returncode}, {build_s:.0f} s, "
        f"largest process {build_mb:.0f} MB, tree {build_tree:.0f} MB"
    )
    for name, proc in (("check", check), ("build", build)):
        (args.work / f"{name}.stdout.txt").write_text(proc.stdout, encoding="utf-8")
        (args.work / f"{name}.stderr.txt").write_text(proc.stderr, encoding="utf-8")
    tracebacks = (check.stderr + build.stderr).count("Traceback")
    after = _hashes(root)
    changed = sorted(k for k in before if after.get(k) != before[k])
    bad = check_outputs(out) if out.is_dir() else ["no output folder"]
    pdfs = len(list(out.glob("*.pdf"))) if out.is_dir() else 0
    words = len(list(out.glob("*.docx"))) if out.is_dir() else 0
    print(f"tracebacks: {tracebacks}")
    print(f"evidence byte-identical: {len(before) - len(changed)}/{len(before)}")
    print(f"outputs: {pdfs} PDF, {words} Word; failing qpdf check or with JS/Launch: {len(bad)}")
    for line in bad[:20]:
        print("  " + line)
    warned = sum(
        1 for line in build.stderr.splitlines() if line.startswith(("Peringatan:", "Warning:"))
    )
    print(f"build warnings shown: {warned}")
    if build.returncode != 0:
        # what the user saw: a failed build explains itself on stderr, not stdout
        print(build.stdout[-3000:], file=sys.stderr)
        print(build.stderr[-3000:], file=sys.stderr)
        print(f"(full output in {args.work}/build.std*.txt)", file=sys.stderr)
    failed = not ok_check or build.returncode != 0 or tracebacks or changed or bad or not pdfs
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
