"""kladoc.heap: glibc's heap settings are taken where there is glibc, and are a no-op
elsewhere."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kladoc.heap import glibc, one_arena


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_glibc_takes_the_one_arena_setting() -> None:
    # in a child: the setting is process-wide and must not leak into the test session
    code = "from kladoc.heap import one_arena; print(one_arena())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ("True" if glibc() is not None else "False")


def test_without_glibc_nothing_happens(monkeypatch: pytest.MonkeyPatch) -> None:
    import kladoc.heap as heap

    monkeypatch.setattr(heap, "glibc", lambda: None)
    assert one_arena() is False


def test_trim_asks_glibc_to_give_back_everything_it_can(monkeypatch: pytest.MonkeyPatch) -> None:
    import kladoc.heap as heap

    calls: list[int] = []

    class Libc:
        def __init__(self, released: int) -> None:
            self.released = released

        def malloc_trim(self, pad: int) -> int:
            calls.append(pad)
            return self.released

    monkeypatch.setattr(heap, "glibc", lambda: Libc(1))
    assert heap.trim() is True
    monkeypatch.setattr(heap, "glibc", lambda: Libc(0))
    assert heap.trim() is False
    monkeypatch.setattr(heap, "glibc", lambda: None)
    assert heap.trim() is False
    assert calls == [0, 0]
