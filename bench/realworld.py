"""Run `kladoc check` and `kladoc build` on real-world PDFs from public test suites.

    python bench/realworld.py [--work DIR]

Downloads the source distributions of pikepdf and pypdf from PyPI (their test resources:
forms, outlines, attachments, every encryption revision, PDF/A, CCITT/JBIG2 images, fuzzed
and damaged files), puts every PDF into a one-OPD dossier and runs both commands. It fails if a
command crashes (a traceback or an undocumented exit code) and prints each file's finding."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

SOURCES = ("pikepdf==10.0.0", "pypdf==7.1.0")


def fetch(work: Path) -> list[Path]:
    dl = work / "sdists"
    dl.mkdir(parents=True, exist_ok=True)
    if not list(dl.glob("*.tar.gz")):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                "-d",
                str(dl),
                *SOURCES,
            ],
            check=True,
        )
    return sorted(dl.glob("*.tar.gz"))


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
        origin = archive.name.split("-")[0]
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                if member.isfile() and member.name.lower().endswith(".pdf"):
                    data = tar.extractfile(member)
                    if data is None:
                        continue
                    flat = member.name.split("/", 1)[1].replace("/", "__")
                    (folder / f"{origin}__{flat}").write_bytes(data.read())
    return root


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kladoc-realworld")
    args = ap.parse_args(argv)
    root = make_dossier(args.work, fetch(args.work))
    kladoc = [sys.executable, "-m", "kladoc"]
    check = subprocess.run(
        [*kladoc, "check", str(root), "--format", "json", "--no-cache"],
        capture_output=True,
        text=True,
    )
    ok = check.returncode in (0, 1) and "Traceback" not in check.stderr
    data = json.loads(check.stdout) if ok else {"evidence": [], "findings": []}
    by_path: dict[str, list[str]] = {}
    for f in data["findings"]:
        if f["path"]:
            by_path.setdefault(f["path"], []).append(f["rule"])
    print(f"check: exit {check.returncode}, {len(data['evidence'])} files")
    for e in data["evidence"]:
        rules = ", ".join(sorted(set(by_path.get(e["path"], [])))) or "-"
        print(
            f"  {e['status']:<11} {e['pages'] or '':>4}  {rules:<40} {e['path'].rsplit('/', 1)[-1]}"
        )
    build = subprocess.run(
        [*kladoc, "build", str(root), "--output", str(args.work / "out")],
        capture_output=True,
        text=True,
    )
    print(f"build: exit {build.returncode}")
    print(build.stdout[-3000:])
    crashed = "Traceback" in check.stderr + build.stderr or build.returncode not in (0, 1, 3)
    if not ok or crashed:
        print(check.stderr[-3000:], build.stderr[-3000:], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
