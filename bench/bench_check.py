"""Benchmark `kladoc check`: cold, warm, after touching 1% of files, against a floor.

    python bench/bench_check.py --files 5000 [--work DIR]

Generates (once, reused on later runs) a synthetic dossier of N files: text PDFs, scanned
PDFs, phone photos, DOCX and XLSX across OPDs and indicators, then measures in one run on the
same files:
  floor   bench/floor_check.py: the same per-file work as a bare loop in one process
  walk    a Python process that walks the tree and stats every file (the warm floor)
  nocache `kladoc check --no-cache`
  cold    `kladoc check` with an empty cache
  warm    `kladoc check` again, nothing changed (includes interpreter start)
  touch   `kladoc check` after touching 1% of the files
Wall time, CPU time (user + system of the process and the workers it waited for) and peak RSS
(largest single process, and the whole process tree, sampled from /proc every 20 ms; Linux)."""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kladoc.checklist import load_checklist
from kladoc.opd import OpdRegistry

# the synthetic-document builders are test support (tests/synth.py), not part of the package
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests import synth

GENERATOR_VERSION = 2
STAMP = ".bench-check.json"
MIX = (("text", 0.40), ("scan", 0.20), ("photo", 0.20), ("docx", 0.10), ("xlsx", 0.10))


def generate(root: Path, files: int, seed: int = 11) -> dict:
    stamp = root / STAMP
    want = {"version": GENERATOR_VERSION, "files": files, "seed": seed}
    if stamp.is_file() and json.loads(stamp.read_text())["params"] == want:
        return json.loads(stamp.read_text())["stats"]
    root.mkdir(parents=True, exist_ok=True)
    (root / "kladoc.toml").write_text(
        'region = "Kabupaten Bench"\nyear = 2025\nchecklist = "kla-2024"\nmax_file_mb = 50\n',
        encoding="utf-8",
    )
    checklist = load_checklist("kla-2024")
    reg = OpdRegistry.builtin()
    rng = random.Random(seed)
    stats = {k: 0 for k, _ in MIX} | {"bytes": 0, "pdf_pages": 0}
    for n in range(files):
        ind = checklist.indicators[n % len(checklist.indicators)]
        opd = reg.opds[ind.opds[n % len(ind.opds)]].name
        folder = root / opd / f"{ind.id} Indikator {ind.id}"
        kind = rng.choices([k for k, _ in MIX], [w for _, w in MIX])[0]
        year = rng.choice((2024, 2025))
        # every other file names its question ("1.2a SK Tim …"), so question-level
        # assignment is measured too; the rest reach only their folder's indicator
        q = f"{ind.questions[n % len(ind.questions)].id} " if ind.questions and n % 2 else ""
        if kind == "text":
            pages = rng.randint(1, 6)
            path = synth.text_pdf(
                folder / f"{q}SK Tim {n:05d} {year}.pdf", title=f"Tim {n}", pages=pages, year=year
            )
            stats["pdf_pages"] += pages
        elif kind == "scan":
            pages = rng.randint(1, 3)
            path = synth.scanned_pdf(
                folder / f"{q}Scan Data {n:05d}.pdf",
                pages=pages,
                lines=[f"DATA {n}", "hasil pindai"],
                year=year,
                seed=n,
                dpi=100,
            )
            stats["pdf_pages"] += pages
        elif kind == "photo":
            path = synth.photo_jpeg(
                folder / f"{q}Foto Kegiatan {n:05d}.jpg",
                seed=n,
                size=(1600, 1200),
                taken=f"{year}:05:02 08:00:00",
            )
        elif kind == "docx":
            path = synth.minutes_docx(
                folder / f"{q}Notulen Rapat {n:05d} {year}.docx",
                title=f"Rapat {n}",
                date_text=f"2 Mei {year}",
                attendees=["Ketua", "Sekretaris"],
                points=["Pembahasan", "Tindak lanjut"],
                year=year,
            )
        else:
            path = synth.data_xlsx(
                folder / f"{q}Data Capaian {n:05d} {year}.xlsx",
                title=f"Data {n}",
                headers=["Kecamatan", "2024", "2025"],
                rows=[[f"Kec {i}", i, i + 1] for i in range(20)],
                year=year,
            )
        stats[kind] += 1
        stats["bytes"] += path.stat().st_size
    stamp.write_text(json.dumps({"params": want, "stats": stats}), encoding="utf-8")
    return stats


def _tree_rss(pid: int) -> tuple[int, int, int]:
    """(RSS of pid, largest RSS among its descendants, sum over the tree) in bytes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
        rss[int(entry.name)] = pages * os.sysconf("SC_PAGE_SIZE")
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo.extend(children.get(p, []))
    values = [rss.get(p, 0) for p in seen[1:]]
    return rss.get(pid, 0), max(values, default=0), sum(values) + rss.get(pid, 0)


def measure(cmd: list[str], env: dict[str, str]) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_main = peak_child = peak_tree = 0
    while True:
        # wait4: the rusage covers the process and the workers it waited for
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        main_rss, child, tree = _tree_rss(proc.pid)
        peak_main, peak_child = max(peak_main, main_rss), max(peak_child, child)
        peak_tree = max(peak_tree, tree)
        time.sleep(0.02)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed ({proc.returncode}): {err[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return {
        "wall": wall,
        "cpu": cpu,
        "rss_main": peak_main,
        "rss_child": peak_child,
        "rss_tree": peak_tree,
    }


FLOOR_CHECK = Path(__file__).with_name("floor_check.py")
# the warm floor: a Python process that walks the tree and stats every file
STAT_WALK = """
import os, sys
n = 0
stack = [sys.argv[1]]
while stack:
    with os.scandir(stack.pop()) as it:
        for e in it:
            if e.is_dir():
                stack.append(e.path)
            else:
                e.stat()
                n += 1
print(n)
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kladoc-bench")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    root = args.work / f"check-{args.files}"
    t0 = time.perf_counter()
    stats = generate(root, args.files)
    print(
        f"dossier: {root} {json.dumps(stats)} (ready in {time.perf_counter() - t0:.1f} s)",
        file=sys.stderr,
    )
    cache_dir = Path(tempfile.mkdtemp(prefix="kladoc-bench-cache-"))
    env = dict(os.environ, KLADOC_CACHE_DIR=str(cache_dir))
    # a user's pip install has compiled bytecode; with this set (some containers do) every
    # measured run would compile kladoc's modules again (~0.1 s, most of a warm check's floor)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    check = [
        sys.executable,
        "-m",
        "kladoc",
        "check",
        str(root),
        "--format",
        "json",
        "--jobs",
        str(args.jobs),
    ]
    # every row reads the files from the page cache: the first one measured must not pay
    # for the disk on everybody's behalf
    for path in root.rglob("*"):
        if path.is_file():
            with path.open("rb") as fh:
                while fh.read(1 << 20):
                    pass
    rows = {
        "floor: same work, one process (floor_check.py)": measure(
            [sys.executable, str(FLOOR_CHECK), str(root)], env
        ),
        "floor: stat walk": measure([sys.executable, "-c", STAT_WALK, str(root)], env),
    }
    rows["check --no-cache"] = measure([*check, "--no-cache"], env)
    rows["check cold"] = measure(check, env)
    rows["check warm"] = measure(check, env)
    files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
    for p in random.Random(3).sample(files, max(1, len(files) // 100)):
        os.utime(p)
    rows["check after touching 1%"] = measure(check, env)
    work_floor = rows["floor: same work, one process (floor_check.py)"]["wall"]
    walk_floor = rows["floor: stat walk"]["wall"]
    print(
        f"\n{args.files} files ({stats['text'] + stats['scan']} PDFs, "
        f"{stats['pdf_pages']} PDF pages, {stats['bytes'] / 2**20:.0f} MB), "
        f"{os.cpu_count()} cores, jobs={args.jobs}\n"
    )
    print("| run | wall (s) | CPU (s) | peak RSS main (MB) | largest worker (MB) | tree (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in rows.items():
        print(
            f"| {name} | {r['wall']:.2f} | {r['cpu']:.2f} | "
            f"{r['rss_main'] / 2**20:.0f} | {r['rss_child'] / 2**20:.0f} | "
            f"{r['rss_tree'] / 2**20:.0f} |"
        )
    cold = rows["check cold"]["wall"]
    print()
    print(
        f"check --no-cache / same-work floor = {rows['check --no-cache']['wall'] / work_floor:.2f}×"
    )
    print(f"check cold / same-work floor = {cold / work_floor:.2f}×")
    print(f"check warm / stat-walk floor = {rows['check warm']['wall'] / walk_floor:.2f}×")
    touched = rows["check after touching 1%"]["wall"]
    print(f"check after touching 1% / check cold = {touched / cold:.2f}×")
    # on a shared machine the wall ratios move with the load; CPU seconds move much less
    cpu_floor = rows["floor: same work, one process (floor_check.py)"]["cpu"]
    nocache_cpu = rows["check --no-cache"]["cpu"]
    print(f"check --no-cache CPU / same-work floor CPU = {nocache_cpu / cpu_floor:.2f}×")
    warm_cpu = rows["check warm"]["cpu"] / rows["floor: stat walk"]["cpu"]
    print(f"check warm CPU / stat-walk floor CPU = {warm_cpu:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
