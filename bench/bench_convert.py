"""Time the cold conversion of a dossier's Office files and photos, nothing else.

Runs the check (inspection cache warm: run `kladoc check DIR` once first), then converts with
an empty conversion cache and reports CPU seconds per file type:

  docx / xlsx   kladoc's Office renderer (`office.render_one`), in this process, one file
                at a time (the build runs the same function in two worker processes)
  photo-page    `convert.convert_photo` for every photo (img2pdf page, JPEG checks)
  photo-compose `convert._compose` (caption pages and the photo placed on them)
  office-pool   with --pool: `office.render_python` as the build runs it (workers included)

    python bench/bench_convert.py /tmp/checkperf/check-5000 --work /tmp/convert/bench
    python bench/bench_convert.py DIR --only docx --limit 100 --profile /tmp/x.prof

--save DIR keeps every converted file (for comparing pages before and after a change).
"""

from __future__ import annotations

import argparse
import cProfile
import resource
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src")]

from kladoc.build import office  # noqa: E402
from kladoc.build.convcache import ConversionCache  # noqa: E402
from kladoc.build.convert import ConvertContext, _compose, convert_photo  # noqa: E402
from kladoc.build.plan import Doc, resolve_path  # noqa: E402
from kladoc.check import run_check  # noqa: E402
from kladoc.i18n import get_language  # noqa: E402


def cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dossier", type=Path)
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench-convert"))
    ap.add_argument("--only", choices=("docx", "xlsx", "photo"), action="append")
    ap.add_argument("--limit", type=int, default=0, help="files per type (0: all)")
    ap.add_argument("--profile", type=Path, help="write a cProfile of the timed part")
    ap.add_argument("--pool", action="store_true", help="also time render_python's workers")
    ap.add_argument("--save", type=Path, help="keep the converted files here")
    args = ap.parse_args()
    kinds = args.only or ["docx", "xlsx", "photo"]

    result = run_check(args.dossier)
    by_kind: dict[str, list[Doc]] = {"docx": [], "xlsx": [], "photo": []}
    for n, ev in enumerate(sorted(result.evidence, key=lambda e: e.path)):
        if not ev.usable:
            continue
        kind = "photo" if ev.facts.kind == "image" else ev.facts.kind
        if kind in by_kind:
            by_kind[kind].append(
                Doc(ev, f"{ev.indicator}.{n}", resolve_path(args.dossier, ev.path))
            )
    if args.limit:
        by_kind = {k: v[: args.limit] for k, v in by_kind.items()}
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    lang = get_language()
    prof = cProfile.Profile() if args.profile else None
    figures: list[tuple[str, int, float, float]] = []

    def timed(label: str, count: int, fn: object) -> None:
        c0, w0 = cpu(), time.perf_counter()
        if prof is not None:
            prof.enable()
        fn()  # type: ignore[operator]
        if prof is not None:
            prof.disable()
        figures.append((label, count, cpu() - c0, time.perf_counter() - w0))

    for kind in ("docx", "xlsx"):
        if kind not in kinds or not by_kind[kind]:
            continue
        docs = by_kind[kind]
        out = args.work / kind
        out.mkdir()

        def render(docs: list[Doc] = docs, out: Path = out) -> None:
            for i, d in enumerate(docs):
                status, _ = office.render_one(
                    str(d.source), str(out / f"{i:05d}.pdf"), d.name, lang
                )
                assert status == "ok", (d.source, status)

        timed(kind, len(docs), render)
    if "photo" in kinds and by_kind["photo"]:
        ctx = ConvertContext(args.work / "photo", cache=ConversionCache(None))
        ctx.work.mkdir()
        photos: list[object] = []
        docs = by_kind["photo"]
        timed("photo-page", len(docs), lambda: photos.extend(convert_photo(d, ctx) for d in docs))

        def compose() -> None:
            for s in range(0, len(photos), 80):
                _compose(photos[s : s + 80], ctx)  # type: ignore[arg-type]

        timed("photo-compose", len(docs), compose)
    if args.pool:
        items = [(d, d.source) for k in ("docx", "xlsx") if k in kinds for d in by_kind[k]]
        out = args.work / "pool" / "office.pdf"
        out.parent.mkdir()
        timed("office-pool", len(items), lambda: office.render_python(items, out))
    if prof is not None:
        prof.dump_stats(args.profile)
    print(f"{'what':<14} {'files':>6} {'CPU s':>8} {'wall s':>8} {'ms/file':>8}")
    for label, count, c, w in figures:
        print(f"{label:<14} {count:>6} {c:>8.2f} {w:>8.2f} {1000 * c / max(1, count):>8.1f}")
    if args.save:
        shutil.rmtree(args.save, ignore_errors=True)
        shutil.copytree(args.work, args.save)


if __name__ == "__main__":
    main()
