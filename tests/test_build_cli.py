"""`kladoc build` on the command line: summary, exit codes 0 / 2 / 3, language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import synth
from tests.test_build import make_dossier


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_dossier(tmp_path_factory.mktemp("cli") / "Dossier KLA 2025")


def test_build_writes_every_cluster_and_exits_0(cli, dossier: Path) -> None:
    r = cli("build", dossier, "--converter", "python", "--jobs", "1")
    assert r.code == 0, r.err
    assert "Klaster-I-Hak-Sipil-dan-Kebebasan.pdf" in r.out
    assert "Selesai: 7 berkas PDF" in r.out
    assert len(list((dossier / "_kladoc").glob("*.pdf"))) == 7


def test_one_cluster_to_another_folder(cli, dossier: Path, tmp_path: Path) -> None:
    out = tmp_path / "hasil [akhir]"  # brackets must not be read as terminal markup
    r = cli("build", dossier, "--cluster", "I", "--output", out, "--converter", "python")
    assert r.code == 0, r.err
    assert "[akhir]" in r.out
    assert [p.name for p in out.glob("*.pdf")] == ["Klaster-I-Hak-Sipil-dan-Kebebasan.pdf"]


@pytest.mark.parametrize(
    "args",
    [
        ("--max-mb", "0"),
        ("--converter", "word"),
        ("--output", "DP3A/hasil"),
        ("--cluster", "Klaster IX"),
    ],
)
def test_usage_errors_exit_2(cli, dossier: Path, args: tuple[str, str]) -> None:
    if args[0] == "--output":
        args = (args[0], str(dossier / args[1]))
    r = cli("build", dossier, *args)
    assert r.code == 2, (r.out, r.err)
    assert not (dossier / "DP3A" / "hasil").exists()


def test_failed_build_exits_3_and_says_why(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "D"
    root.mkdir()
    (root / "kladoc.toml").write_text('region = "Kota Contoh"\nyear = 2025\n', encoding="utf-8")
    synth.text_pdf(root / "Bappeda" / "01 Kebijakan" / "Perwal 2024.pdf", title="x", year=2024)
    from kladoc.build.verify import VerifyError

    def broken(*args: object, **kwargs: object) -> None:
        raise VerifyError("build.verify.page_count", actual=1, expected=2)

    monkeypatch.setattr("kladoc.build.pdf.verify", broken)
    r = cli("build", root, "--cluster", "kelembagaan")
    assert r.code == 3
    assert "Pemeriksaan akhir Kelembagaan.pdf gagal" in r.err
    assert not list((root / "_kladoc").glob("*.pdf"))


def test_english_summary(cli, dossier: Path, tmp_path: Path) -> None:
    r = cli("--lang", "en", "build", dossier, "--cluster", "kelembagaan", "-o", tmp_path)
    assert r.code == 0, r.err
    assert "Done: 1 PDF files written" in r.out
    assert (tmp_path / "Institutional-Framework.pdf").is_file()
