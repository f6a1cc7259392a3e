"""The inspection pool: a worker killed by its file costs only that file; only workers that
never start make kladoc inspect in-process; library noise never reaches the terminal."""

from __future__ import annotations

import json
import os
import random
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from kladoc import inspection, pool
from kladoc.check import run_check
from kladoc.inspect.facts import FileFacts
from tests import pool_workers
from tests.dossier_factory import clean_dossier, plain_pdf

CRASHERS = [
    "DP3A/1 Perda KLA/CRASH a.pdf",
    "DP3A/1 Perda KLA/CRASH b.pdf",
    "DP3A/1 Perda KLA/CRASH c.pdf",
]


@pytest.fixture
def inspected_order(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths handed to the pool, in the order it receives them."""
    order: list[str] = []
    real = inspection.inspect_many

    def spy(paths, **kw):
        order.extend(Path(p).name for p in paths)
        return real(paths, **kw)

    monkeypatch.setattr(inspection, "inspect_many", spy)
    return order


def test_first_three_files_crashing_their_workers_cost_only_those_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inspected_order: list[str]
) -> None:
    root = clean_dossier(tmp_path / "d")
    for rel in CRASHERS:
        plain_pdf(root / rel, "SK Gugus Tugas KLA 2025")
    monkeypatch.setattr(pool, "worker_main", pool_workers.crash_on_marked_files)
    result = run_check(root, jobs=2, use_cache=False)
    assert inspected_order[:3] == [Path(p).name for p in CRASHERS]
    assert len(inspected_order) == 9
    assert sorted((f.rule, f.path) for f in result.findings) == [("corrupt", p) for p in CRASHERS]
    facts = {e.path: e.facts for e in result.evidence}
    assert len(facts) == 9
    assert {p: (facts[p].status, facts[p].detail) for p in CRASHERS} == {
        p: ("corrupt", "inspector crashed") for p in CRASHERS
    }
    others = {p: f for p, f in facts.items() if p not in CRASHERS}
    assert len(others) == 6
    assert all(f.status == "ok" and f.sha256 for f in others.values())
    assert result.warnings == []


def test_workers_that_never_start_mean_in_process_inspection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "worker_main", pool_workers.die_at_start)
    root = clean_dossier(tmp_path / "d")
    result = run_check(root, jobs=2, use_cache=False)
    assert len(result.evidence) == 6
    assert all(e.facts.status == "ok" and e.facts.sha256 for e in result.evidence)
    assert result.findings == []
    assert result.warnings == [("inspect.in_process", {})]


def _jpeg_with_broken_exif(path: Path) -> None:
    """A fine photo whose EXIF description points past the end: Pillow warns
    'Truncated File Read' (a UserWarning) while reading its EXIF."""
    exif = Image.Exif()
    exif[0x010E] = "x" * 100  # ImageDescription, stored outside its IFD entry
    raw = bytearray(exif.tobytes())
    entry = raw.index(b"\x01\x0e\x00\x02")
    raw[entry + 8 : entry + 12] = struct.pack(">I", 0x10000)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), (200, 100, 50)).save(path, "JPEG", exif=bytes(raw))


def _fax_tiff_with_bad_codes(path: Path) -> None:
    """A CCITT G4 TIFF with scrambled strip data: libtiff prints 'Fax4Decode: Bad code word'
    straight to stderr (C code, no Python involved) while Pillow still decodes it."""
    Image.effect_noise((128, 128), 60).convert("1").save(path, compression="group4")
    data = bytearray(path.read_bytes())
    rng = random.Random(3)
    for i in range(10, 400):  # the strip follows the 8-byte header; the IFD is at the end
        data[i] = rng.randrange(256)
    path.write_bytes(bytes(data))


def test_library_warnings_and_c_messages_stay_off_the_terminal(tmp_path: Path) -> None:
    root = clean_dossier(tmp_path / "d")
    _jpeg_with_broken_exif(root / "Dinas Kesehatan" / "2 Gizi" / "Foto Timbang 2025.jpg")
    _fax_tiff_with_bad_codes(root / "Dinas Kesehatan" / "2 Gizi" / "Foto Faks 2025.tif")
    env = {k: v for k, v in os.environ.items() if k not in ("KLADOC_DEBUG", "PYTHONWARNINGS")}
    proc = subprocess.run(
        [sys.executable, "-m", "kladoc", "check", str(root), "--format", "json", "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    statuses = {e["path"]: e["status"] for e in json.loads(proc.stdout)["evidence"]}
    assert statuses["Dinas Kesehatan/2 Gizi/Foto Timbang 2025.jpg"] == "ok"
    assert statuses["Dinas Kesehatan/2 Gizi/Foto Faks 2025.tif"] == "ok"
    assert len(statuses) == 8
    for noise in ("Warning", "warnings.warn", "site-packages", "Fax4Decode", "Traceback"):
        assert noise not in proc.stderr, proc.stderr[-3000:]
    assert proc.stderr == ""


def test_each_file_is_reported_once_as_it_comes_in_crashes_included(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`on_result` (the caller classifies there while the workers go on) hears of every file
    exactly once, with the very facts the pool returns, a crashed file's included."""
    files = [plain_pdf(tmp_path / f"{n} SK {2020 + n}.pdf", f"SK {2020 + n}") for n in range(5)]
    files.insert(2, plain_pdf(tmp_path / "CRASH x.pdf", "SK"))
    monkeypatch.setattr(pool, "worker_main", pool_workers.crash_on_marked_files)
    heard: list[tuple[int, object]] = []
    results = pool.inspect_many(files, jobs=2, on_result=lambda i, f: heard.append((i, f)))
    assert sorted(i for i, _ in heard) == list(range(6))
    assert all(results[i] is facts for i, facts in heard)
    assert (results[2].status, results[2].detail) == ("corrupt", "inspector crashed")
    assert [r.status for r in results[:2] + results[3:]] == ["ok"] * 5


# --- answers taken in batches --------------------------------------------------------------


def test_pace_is_fast_only_with_a_full_window_of_quick_answers() -> None:
    pace = pool._Pace()
    for n in range(pool.PACE_WINDOW - 1):
        pace.answered(n * 0.0001)
    assert not pace.fast  # too few to judge
    pace.answered(0.0016)
    assert pace.fast
    slow = pool._Pace()
    for n in range(pool.PACE_WINDOW):
        slow.answered(n * pool.BATCH_WAIT)  # one answer per pause: nothing to gain
    assert not slow.fast


def test_depth_is_deep_only_for_fast_answers_and_shrinks_towards_the_end() -> None:
    assert pool._depth(5000, 2, fast=False) == pool.IN_FLIGHT
    assert pool._depth(5000, 2, fast=True) == pool.MAX_IN_FLIGHT
    depths = [pool._depth(n, 2, fast=True) for n in range(200, -1, -1)]
    assert depths == sorted(depths, reverse=True)
    assert depths[-1] == pool.IN_FLIGHT  # the last files: as before, no queue left behind


class _Held:
    def __init__(self, ready: bool, tasks: int) -> None:
        self.ready = ready
        self.tasks = list(range(tasks))


def test_pause_only_while_every_worker_has_work_and_never_past_a_deadline() -> None:
    busy = [_Held(True, pool.BATCH_MIN_QUEUED), _Held(True, pool.MAX_IN_FLIGHT)]
    assert pool._pause(busy, True, until=100.0, now=0.0) == pool.BATCH_WAIT  # type: ignore[arg-type]
    assert pool._pause(busy, False, until=100.0, now=0.0) == 0.0  # type: ignore[arg-type]
    assert pool._pause(busy, True, until=0.001, now=0.0) == 0.001  # type: ignore[arg-type]
    assert pool._pause(busy, True, until=0.0, now=1.0) == 0.0  # type: ignore[arg-type]
    short = [_Held(True, pool.BATCH_MIN_QUEUED - 1), _Held(True, pool.MAX_IN_FLIGHT)]
    assert pool._pause(short, True, until=100.0, now=0.0) == 0.0  # type: ignore[arg-type]
    starting = [_Held(False, 0), _Held(True, pool.MAX_IN_FLIGHT)]
    assert pool._pause(starting, True, until=100.0, now=0.0) == pool.BATCH_WAIT  # type: ignore[arg-type]
    assert pool._pause([_Held(False, 0)], True, until=100.0, now=0.0) == 0.0  # type: ignore[arg-type]


@pytest.fixture
def batched(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Answers taken in batches whatever the machine's load (every pace counts as fast); the
    pauses the pool takes, in order."""
    monkeypatch.setattr(pool._Pace, "fast", property(lambda self: True))
    monkeypatch.setattr(pool, "BATCH_WAIT", 0.02)
    pauses: list[float] = []
    real = pool.time.sleep

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        real(seconds)

    monkeypatch.setattr(pool.time, "sleep", sleep)
    return pauses


def _small_files(root: Path, count: int) -> list[Path]:
    """Plain text files: each inspected in a fraction of a millisecond."""
    root.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(count):
        path = root / f"{n:03d} catatan.txt"
        path.write_text(f"catatan {n}\n" * (n % 7 + 1), encoding="utf-8")
        files.append(path)
    return files


def _as_inspected(files: list[Path], results: list[FileFacts], but: set[int]) -> bool:
    """Every other file has the facts inspect_file gives it here."""
    from kladoc.inspect import inspect_file

    return all(
        r.to_dict() == inspect_file(p).to_dict()
        for i, (p, r) in enumerate(zip(files, results, strict=True))
        if i not in but
    )


def test_small_files_in_batches_give_the_facts_of_one_by_one(
    tmp_path: Path, batched: list[float]
) -> None:
    from kladoc.inspect import inspect_file

    files = _small_files(tmp_path / "d", 240)
    heard: list[int] = []
    results = pool.inspect_many(files, jobs=2, on_result=lambda i, f: heard.append(i))
    assert batched, "the pool never took its answers in batches"
    assert sorted(heard) == list(range(len(files)))
    assert [r.to_dict() for r in results] == [inspect_file(p).to_dict() for p in files]


def test_a_crash_in_a_batch_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batched: list[float]
) -> None:
    files = _small_files(tmp_path / "d", 400)
    for n in (150, 151, 300):
        files[n] = files[n].rename(files[n].with_name(f"{n:03d} CRASH.txt"))
    monkeypatch.setattr(pool, "worker_main", pool_workers.crash_on_marked_files)
    heard: list[int] = []
    results = pool.inspect_many(files, jobs=2, on_result=lambda i, f: heard.append(i))
    assert batched
    assert sorted(heard) == list(range(len(files)))
    crashed = {i for i, r in enumerate(results) if r.detail == "inspector crashed"}
    assert crashed == {150, 151, 300}
    assert all(r.status == "corrupt" for i, r in enumerate(results) if i in crashed)
    assert _as_inspected(files, results, but=crashed)


def test_a_hang_in_a_batch_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batched: list[float]
) -> None:
    files = _small_files(tmp_path / "d", 300)
    files[150] = files[150].rename(files[150].with_name("150 HANG.txt"))
    monkeypatch.setattr(pool, "worker_main", pool_workers.hang_on_marked_files)
    results = pool.inspect_many(files, jobs=2, timeout=2.0)
    assert batched
    assert (results[150].status, results[150].detail) == ("timeout", "no result after 2 s")
    assert _as_inspected(files, results, but={150})


def test_fresh_files_are_classified_after_the_pool_not_between_its_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Classified in one go once every answer is in: done between the workers' answers the
    same work cost the main process several times its CPU."""
    from kladoc import check

    events: list[str] = []
    real_many, real_type = pool.inspect_many, check.classify_type

    def many(paths, **kw):
        events.append("pool")
        out = real_many(paths, **kw)
        events.append("pool done")
        return out

    def classify_type(name, *args, **kw):
        events.append("classify")
        return real_type(name, *args, **kw)

    monkeypatch.setattr(pool, "inspect_many", many)
    monkeypatch.setattr(check, "classify_type", classify_type)
    root = clean_dossier(tmp_path / "d")
    result = run_check(root, jobs=2, use_cache=False)
    assert events[:2] == ["pool", "pool done"]
    assert events[2:] == ["classify"] * len(result.evidence) == ["classify"] * 6
    assert all(e.type for e in result.evidence)


def test_a_worker_answers_each_file_of_a_list_in_order(tmp_path: Path) -> None:
    """The files handed out at one look come in one message; each is answered on its own."""
    import multiprocessing as mp

    from kladoc.inspect import inspect_file

    files = _small_files(tmp_path / "d", 4)
    ctx = mp.get_context("spawn")
    conn, child = ctx.Pipe(duplex=True)
    proc = ctx.Process(target=pool.worker_main, args=(child,), daemon=True)
    proc.start()
    child.close()
    try:
        assert conn.recv() == pool.READY
        conn.send([(7, str(files[0]), False), (3, str(files[1]), False), (9, str(files[2]), False)])
        conn.send((1, str(files[3]), False))
        answers = [conn.recv() for _ in range(4)]
        conn.send(None)
        proc.join(30)
    finally:
        if proc.is_alive():
            proc.kill()
        conn.close()
    assert [i for i, _ in answers] == [7, 3, 9, 1]
    expected = [inspect_file(p).to_dict() for p in files]
    assert [f.to_dict() for _, f in answers] == expected
    assert proc.exitcode == 0
