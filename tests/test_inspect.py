"""Tests for kladoc.inspect: every fixture is generated in tmp dirs by inspect_fixtures."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kladoc.inspect import SUPPORTED_SUFFIXES, inspect_file
from kladoc.inspect.facts import ACTIVE_CONTENT, KINDS, STATUSES, TEXT_CAP, FileFacts
from tests import inspect_fixtures as fx

Builder = Callable[[Path], Path]

# Offsets of the WordDocument and 1Table streams in fx.legacy_doc's compound file: header,
# one FAT sector, one directory sector, then each stream (4096 bytes, zero-padded).
_WORD_AT = 3 * 512
_TABLE_AT = _WORD_AT + 4096

# name -> (file name, builder, expected). Fields not listed must have their defaults:
# repaired=False, restricted=False, active_content=[]. "detail" is a substring check.
CASES: dict[str, tuple[str, Builder, dict[str, Any]]] = {
    "text_pdf": (
        "sk_gugus_tugas.pdf",
        fx.text_pdf,
        {
            "kind": "pdf",
            "status": "ok",
            "pages": 2,
            "has_text": True,
            "detail": "",
            "created": "2024-03-15",
            "title": "SK Gugus Tugas KLA",
        },
    ),
    "image_only_pdf": (
        "scan.pdf",
        fx.image_only_pdf,
        {"kind": "pdf", "status": "ok", "pages": 1, "has_text": False, "text": ""},
    ),
    "damaged_content_pdf": (
        "rusak_isi.pdf",
        fx.damaged_content_pdf,
        {
            "kind": "pdf",
            "status": "ok",
            "pages": 3,
            "damaged_pages": [2],
            "detail": "undecodable content on page(s) 2",
        },
    ),
    "damaged_flate_image_pdf": (
        "rusak_gambar.pdf",
        fx.damaged_image_pdf,
        {"kind": "pdf", "status": "ok", "damaged_pages": [1], "has_text": False},
    ),
    "damaged_jpeg_image_pdf": (
        "rusak_jpeg.pdf",
        lambda p: fx.damaged_image_pdf(p, jpeg=True),
        {"kind": "pdf", "status": "ok", "damaged_pages": [1]},
    ),
    "attachments_only_encrypted": (
        "lampiran_terkunci.pdf",
        fx.attachments_only_encrypted_pdf,
        {
            "kind": "pdf",
            "status": "ok",
            "pages": 1,
            "has_text": True,
            "attachments_encrypted": True,
            "active_content": ["embedded-files"],
            "detail": "only the attachments need a password",
        },
    ),
    "big_content_pdf": (
        "isi_besar.pdf",
        fx.big_content_pdf,
        {"kind": "pdf", "status": "ok", "pages": 1, "damaged_pages": []},
    ),
    "js_openaction": (
        "js.pdf",
        fx.js_openaction_pdf,
        {"kind": "pdf", "status": "ok", "pages": 1, "active_content": ["javascript", "openaction"]},
    ),
    "names_js": (
        "names_js.pdf",
        fx.names_js_pdf,
        {"kind": "pdf", "status": "ok", "active_content": ["javascript"]},
    ),
    "goto_openaction": (
        "goto.pdf",
        fx.goto_openaction_pdf,
        {"kind": "pdf", "status": "ok", "active_content": []},
    ),
    "launch_annot": (
        "launch.pdf",
        fx.launch_annot_pdf,
        {"kind": "pdf", "status": "ok", "pages": 2, "active_content": ["launch"]},
    ),
    "embedded_file": (
        "attach.pdf",
        fx.embedded_file_pdf,
        {"kind": "pdf", "status": "ok", "active_content": ["embedded-files"]},
    ),
    "xmp_only": (
        "xmp.pdf",
        fx.xmp_only_pdf,
        {
            "kind": "pdf",
            "status": "ok",
            "created": "2023-07-01",
            "title": "Profil Anak Kota Contoh",
        },
    ),
    "user_password": (
        "locked.pdf",
        fx.user_password_pdf,
        {
            "kind": "pdf",
            "status": "encrypted",
            "pages": None,
            "has_text": None,
            "text": "",
            "detail": "password required",
        },
    ),
    "owner_only": (
        "restricted.pdf",
        fx.owner_only_pdf,
        {
            "kind": "pdf",
            "status": "ok",
            "restricted": True,
            "pages": 2,
            "has_text": True,
            "detail": "owner password",
        },
    ),
    "truncated_pdf": (
        "half.pdf",
        fx.truncated_pdf,
        {"kind": "pdf", "status": "corrupt", "pages": None, "detail": "truncated"},
    ),
    "truncated_recoverable_pdf": (
        "no_tail.pdf",
        fx.truncated_recoverable_pdf,
        {
            "kind": "pdf",
            "status": "corrupt",
            "repaired": True,
            "pages": 2,
            "detail": "truncated: no %%EOF marker; 2 page(s) recoverable",
        },
    ),
    "broken_xref": (
        "xref.pdf",
        fx.broken_xref_pdf,
        {
            "kind": "pdf",
            "status": "ok",
            "repaired": True,
            "pages": 2,
            "has_text": True,
            "detail": "xref repaired",
        },
    ),
    "random_pdf": (
        "random.pdf",
        fx.random_bytes,
        {"kind": "pdf", "status": "corrupt", "detail": "not a PDF: unrecognized binary content"},
    ),
    "html_pdf": (
        "download.pdf",
        fx.html_page,
        {"kind": "pdf", "status": "corrupt", "detail": "not a PDF: looks like HTML"},
    ),
    "no_pages": (
        "kosong_halaman.pdf",
        fx.no_pages_pdf,
        {"kind": "pdf", "status": "corrupt", "pages": 0, "detail": "PDF has no pages"},
    ),
    "junk_prefixed_pdf": (
        "prefixed.pdf",
        fx.junk_prefixed_pdf,
        {"kind": "pdf", "status": "ok", "pages": 1, "has_text": True},
    ),
    "exif_jpeg": (
        "foto_kegiatan.jpg",
        fx.exif_jpeg,
        {
            "kind": "image",
            "status": "ok",
            "width": 640,
            "height": 480,
            "orientation": 6,
            "created": "2024-08-17",
            "detail": "",
        },
    ),
    "plain_png": (
        "poster.png",
        fx.plain_png,
        {
            "kind": "image",
            "status": "ok",
            "width": 120,
            "height": 80,
            "orientation": None,
            "created": None,
        },
    ),
    "truncated_jpeg": (
        "rusak.jpg",
        fx.truncated_jpeg,
        {
            "kind": "image",
            "status": "corrupt",
            "width": 400,
            "height": 300,
            "detail": "decode failed",
        },
    ),
    "png_bomb": (
        "bomb.png",
        fx.png_bomb,
        {"kind": "image", "status": "bomb"},
    ),
    "large_png": (
        "scan_besar.png",
        fx.large_png,
        {
            "kind": "image",
            "status": "ok",
            "width": 8000,
            "height": 6000,
            "detail": "structure verified",
        },
    ),
    "truncated_large_png": (
        "scan_besar_rusak.png",
        fx.truncated_large_png,
        {"kind": "image", "status": "corrupt", "width": 8000, "detail": "decode failed"},
    ),
    "jpeg_named_pdf": (
        "foto.pdf",
        fx.exif_jpeg,
        {"kind": "image", "status": "ok", "detail": "extension .pdf but content is JPEG"},
    ),
    "docx": (
        "sk.docx",
        fx.docx_file,
        {
            "kind": "docx",
            "status": "ok",
            "pages": None,
            "has_text": None,
            "created": "2024-03-15",
            "title": "SK Gugus Tugas",
        },
    ),
    "docm": (
        "sk_macro.docm",
        lambda p: fx.add_macros(fx.docx_file(p.with_name("_src.docx")), p),
        {"kind": "docx", "status": "ok", "active_content": ["macros"], "created": "2024-03-15"},
    ),
    "xlsx": (
        "data_anak.xlsx",
        fx.xlsx_file,
        {"kind": "xlsx", "status": "ok", "created": "2024-02-01", "title": "Data Anak 2024"},
    ),
    "xlsm": (
        "data_macro.xlsm",
        lambda p: fx.add_macros(fx.xlsx_file(p.with_name("_src.xlsx")), p),
        {"kind": "xlsx", "status": "ok", "active_content": ["macros"]},
    ),
    "xlsx_named_docx": (
        "salah_nama.docx",
        fx.xlsx_file,
        {"kind": "xlsx", "status": "ok", "detail": "extension .docx but content is Excel xlsx"},
    ),
    "broken_docx": (
        "broken.docx",
        fx.broken_docx,
        {"kind": "docx", "status": "corrupt", "detail": "Word document unreadable"},
    ),
    "truncated_docx": (
        "cut.docx",
        fx.truncated_docx,
        {"kind": "docx", "status": "corrupt", "detail": "bad zip"},
    ),
    "ole_stub_xlsx": (
        "terkunci.xlsx",
        fx.ole_stub_encrypted,
        {"kind": "xlsx", "status": "encrypted", "detail": "EncryptedPackage"},
    ),
    "cfb_encrypted_docx": (
        "terkunci.docx",
        fx.encrypted_ooxml,
        {"kind": "docx", "status": "encrypted", "detail": "EncryptedPackage"},
    ),
    "legacy_doc": (
        "lama.doc",
        fx.legacy_doc,
        {"kind": "doc", "status": "ok", "pages": None, "detail": "legacy Word .doc"},
    ),
    "legacy_doc_macros": (
        "lama_makro.doc",
        lambda p: fx.legacy_doc(p, macros=True),
        {"kind": "doc", "status": "ok", "active_content": ["macros"]},
    ),
    "legacy_xls": (
        "lama.xls",
        fx.legacy_xls,
        {"kind": "xls", "status": "ok", "detail": "legacy Excel .xls"},
    ),
    "doc_rc4": (
        "terkunci.doc",
        lambda p: fx.legacy_doc(p, encryption="rc4"),
        {"kind": "doc", "status": "encrypted", "detail": "password-protected Word .doc (RC4"},
    ),
    "doc_xor": (
        "terkunci_xor.doc",
        lambda p: fx.legacy_doc(p, encryption="xor"),
        {"kind": "doc", "status": "encrypted", "detail": "(XOR obfuscation)"},
    ),
    "doc_word95": (
        "word95.doc",
        lambda p: fx.legacy_doc(p, nfib=0x68),
        {"kind": "doc", "status": "ok", "detail": "Word 6.0/95 format"},
    ),
    "doc_bad_ident": (
        "rusak_fib.doc",
        lambda p: fx.patched(fx.legacy_doc(p.with_name("_ok.doc")), p, _WORD_AT, b"\x00\x00"),
        {"kind": "doc", "status": "corrupt", "detail": "Word header (FIB) has a bad signature"},
    ),
    "doc_bad_nfib": (
        "rusak_nfib.doc",
        lambda p: fx.patched(fx.legacy_doc(p.with_name("_ok.doc")), p, _WORD_AT + 2, b"\xff\x7f"),
        {"kind": "doc", "status": "corrupt", "detail": "unknown version 0x7fff"},
    ),
    "doc_fcmac_past_end": (
        "rusak_fcmac.doc",
        lambda p: fx.patched(
            fx.legacy_doc(p.with_name("_ok.doc")), p, _WORD_AT + 0x1C, b"\x00\x00\x10\x00"
        ),
        {"kind": "doc", "status": "corrupt", "detail": "Word text range points past the end"},
    ),
    "doc_no_table_stream": (
        "rusak_tabel.doc",
        # fWhichTblStm cleared: the FIB now names a 0Table stream that does not exist
        lambda p: fx.patched(fx.legacy_doc(p.with_name("_ok.doc")), p, _WORD_AT + 0x0B, b"\x00"),
        {"kind": "doc", "status": "corrupt", "detail": "Word table stream 0Table missing"},
    ),
    "doc_clx_past_end": (
        "rusak_clx.doc",
        lambda p: fx.patched(
            fx.legacy_doc(p.with_name("_ok.doc")),
            p,
            _WORD_AT + 0x9A + 8 * 33,
            b"\x00\xf0\x00\x00",
        ),
        {"kind": "doc", "status": "corrupt", "detail": "Word piece table points past the end"},
    ),
    "doc_piece_past_end": (
        "rusak_piece.doc",
        # the piece's file offset (in the 1Table stream at 5 + 8 + 2) moved past the text
        lambda p: fx.patched(
            fx.legacy_doc(p.with_name("_ok.doc")), p, _TABLE_AT + 15, b"\x00\x00\x01\x40"
        ),
        {"kind": "doc", "status": "corrupt", "detail": "Word text points past the end"},
    ),
    "doc_truncated": (
        "terpotong.doc",
        lambda p: fx.truncated(fx.legacy_doc(p.with_name("_ok.doc")), p, 0.5),
        {"kind": "doc", "status": "corrupt", "detail": "damaged OLE2 container"},
    ),
    "doc_truncated_early": (
        "terpotong_awal.doc",
        lambda p: fx.truncated(fx.legacy_doc(p.with_name("_ok.doc")), p, 0.3),
        {"kind": "doc", "status": "corrupt", "detail": "points past the end of the file"},
    ),
    "xls_filepass_xor": (
        "terkunci_xor.xls",
        lambda p: fx.legacy_xls(p, filepass="xor"),
        {"kind": "xls", "status": "encrypted", "detail": "password-protected Excel .xls"},
    ),
    "xls_filepass_rc4": (
        "terkunci_rc4.xls",
        lambda p: fx.legacy_xls(p, filepass="rc4"),
        {"kind": "xls", "status": "encrypted", "detail": "(FILEPASS record)"},
    ),
    "xls_macros": (
        "makro.xls",
        lambda p: fx.legacy_xls(p, macros=True),
        {"kind": "xls", "status": "ok", "active_content": ["macros"]},
    ),
    "xls_broken_biff": (
        "rusak_biff.xls",
        fx.broken_biff_xls,
        {"kind": "xls", "status": "corrupt", "detail": "Excel worksheet unreadable"},
    ),
    "xls_truncated": (
        "terpotong.xls",
        lambda p: fx.truncated(fx.legacy_xls(p.with_name("_ok.xls")), p, 0.8),
        {"kind": "xls", "status": "corrupt", "detail": "damaged OLE2 container"},
    ),
    "xls_truncated_early": (
        "terpotong_awal.xls",
        lambda p: fx.truncated(fx.legacy_xls(p.with_name("_ok.xls")), p, 0.3),
        {"kind": "xls", "status": "corrupt", "detail": "stream Workbook points past the end"},
    ),
    "xls_biff4": (
        "excel4.xls",
        fx.biff4_xls,
        {
            "kind": "xls",
            "status": "outdated",
            "detail": "Excel 4.0 (BIFF4) worksheet: format too old",
        },
    ),
    "xls_biff4_no_extension_claim": (
        "excel4.dat",
        fx.biff4_xls,
        {"kind": "xls", "status": "outdated", "detail": "Excel 4.0 (BIFF4)"},
    ),
    "word2_doc": (
        "word2.doc",
        lambda p: (p.write_bytes(b"\xdb\xa5" + bytes(510)), p)[1],
        {"kind": "doc", "status": "outdated", "detail": "Word for Windows 2.0 document"},
    ),
    "ole_without_main_stream": (
        "kosong_isi.doc",
        lambda p: fx.cfb_file(p, [("\x05SummaryInformation", 2)]),
        {"kind": "doc", "status": "corrupt", "detail": "OLE2 file without a WordDocument stream"},
    ),
    "doc_named_docx": (
        "lama_berganti_nama.docx",
        fx.legacy_doc,
        {
            "kind": "doc",
            "status": "ok",
            "detail": "extension .docx but content is legacy Word .doc",
        },
    ),
    "html_xls": (
        "export.xls",
        fx.html_page,
        {"kind": "xls", "status": "corrupt", "detail": "not an Excel .xls file: looks like HTML"},
    ),
    "zip_bomb": (
        "bomb.xlsx",
        fx.zip_bomb_xlsx,
        {"kind": "xlsx", "status": "bomb", "detail": "zip bomb"},
    ),
    "declared_huge": (
        "huge.xlsx",
        fx.declared_huge_xlsx,
        {"kind": "xlsx", "status": "bomb", "detail": "MB uncompressed in total"},
    ),
    "empty": (
        "kosong.pdf",
        lambda p: (p.write_bytes(b""), p)[1],
        {"kind": "pdf", "status": "empty", "size": 0, "sha256": hashlib.sha256(b"").hexdigest()},
    ),
    "heic": (
        "IMG_0001.heic",
        fx.heic_stub,
        {"kind": "other", "status": "unsupported", "detail": "HEIF"},
    ),
    "txt": (
        "catatan.txt",
        lambda p: (p.write_text("catatan rapat gugus tugas\n", encoding="utf-8"), p)[1],
        {"kind": "other", "status": "unsupported", "detail": "plain text"},
    ),
    "pptx": (
        "paparan.pptx",
        fx.pptx_stub,
        {"kind": "other", "status": "unsupported", "detail": "PowerPoint .pptx (not supported)"},
    ),
    "pptx_named_docx": (
        "paparan.docx",
        fx.pptx_stub,
        {
            "kind": "other",
            "status": "unsupported",
            "detail": "extension .docx but content is PowerPoint",
        },
    ),
    "zip_named_docx": (
        "arsip.docx",
        fx.plain_zip,
        {"kind": "docx", "status": "corrupt", "detail": "zip without the main document part"},
    ),
    "zip_of_pdf": (
        "kumpulan_sk.zip",
        fx.zip_of_stored_pdf,
        {"kind": "other", "status": "unsupported", "detail": "ZIP archive"},
    ),
    "zip": (
        "arsip.zip",
        fx.plain_zip,
        {"kind": "other", "status": "unsupported", "detail": "ZIP archive"},
    ),
    "exe": (
        "setup.exe",
        lambda p: (p.write_bytes(b"MZ\x90\x00" + bytes(256)), p)[1],
        {"kind": "other", "status": "unsupported", "detail": "executable"},
    ),
    "mp4": (
        "video.mp4",
        lambda p: (p.write_bytes(b"\x00\x00\x00\x18ftypisom" + bytes(64)), p)[1],
        {"kind": "other", "status": "unsupported"},
    ),
}

DEFAULTS: dict[str, Any] = {
    "repaired": False,
    "restricted": False,
    "active_content": [],
    "damaged_pages": [],
    "attachments_encrypted": False,
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("evidence")
    return {name: build(root / fname) for name, (fname, build, _) in CASES.items()}


@pytest.fixture(scope="module")
def results(corpus: dict[str, Path]) -> dict[str, FileFacts]:
    return {name: inspect_file(path) for name, path in corpus.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_case(name: str, corpus: dict[str, Path], results: dict[str, FileFacts]) -> None:
    facts = results[name]
    expected = {**DEFAULTS, **CASES[name][2]}
    for key, want in expected.items():
        got = getattr(facts, key)
        if key == "detail" and want:
            assert want in got, f"{name}: detail {got!r} lacks {want!r}"
        else:
            assert got == want, f"{name}: {key} = {got!r}, expected {want!r} ({facts.detail!r})"
    assert facts.kind in KINDS and facts.status in STATUSES
    assert set(facts.active_content) <= set(ACTIVE_CONTENT)
    assert facts.active_content == sorted(set(facts.active_content))
    data = corpus[name].read_bytes()
    assert facts.size == len(data)
    assert facts.sha256 == hashlib.sha256(data).hexdigest()


def test_text_for_classification(results: dict[str, FileFacts]) -> None:
    assert fx.SK_TEXT in results["text_pdf"].text
    assert fx.SK_TEXT in results["owner_only"].text  # restrictions do not block our reading
    assert fx.SK_TEXT in results["broken_xref"].text
    docx_text = results["docx"].text
    assert "PEMERINTAH KOTA CONTOH" in docx_text and fx.SK_TEXT in docx_text
    assert "Kelurahan Layak Anak" in docx_text  # table cells count as text
    assert fx.SK_TEXT in results["docm"].text  # python-docx refuses .docm; XML fallback reads it
    assert "DATA JUMLAH ANAK KOTA CONTOH TAHUN 2024" in results["xlsx"].text
    assert "1200" in results["xlsm"].text


def test_pdf_text_limited_to_first_three_pages(tmp_path: Path) -> None:
    facts = inspect_file(fx.text_pdf(tmp_path / "long.pdf", pages=6))
    assert facts.pages == 6
    assert "HALAMAN 3" in facts.text and "HALAMAN 4" not in facts.text


def test_docx_text_is_capped(tmp_path: Path) -> None:
    facts = inspect_file(fx.docx_file(tmp_path / "panjang.docx", paragraphs=1000))
    assert facts.status == "ok"
    assert len(facts.text) <= TEXT_CAP
    assert facts.text.count("\n") < 300  # ~200 paragraphs, not 1000


def test_evidence_is_never_modified(corpus: dict[str, Path]) -> None:
    def snapshot() -> dict[str, tuple[str, int, int]]:
        return {
            n: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns, p.stat().st_size)
            for n, p in corpus.items()
        }

    before = snapshot()
    for path in corpus.values():
        inspect_file(path)
    assert snapshot() == before
    # No stray side files (repaired copies, lock files) next to the evidence.
    assert {p.name for p in next(iter(corpus.values())).parent.iterdir()} >= {
        p.name for p in corpus.values()
    }
    assert not [p for p in next(iter(corpus.values())).parent.iterdir() if p.name.startswith("~$")]


def test_own_pixel_limit_applies_when_pillow_limit_is_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # some apps disable Pillow's guard
    facts = inspect_file(fx.png_bomb(tmp_path / "bomb.png"))
    assert (facts.status, facts.width, facts.height) == ("bomb", 30_000, 30_000)
    assert facts.detail == "decompression bomb: 900 megapixels declared (30000x30000)"


def test_zip_bomb_reason_helper(corpus: dict[str, Path]) -> None:
    from kladoc.inspect.office import zip_bomb_reason

    assert zip_bomb_reason(corpus["zip_bomb"]).startswith("zip bomb:")
    assert zip_bomb_reason(corpus["declared_huge"]).startswith("zip bomb:")
    assert zip_bomb_reason(corpus["xlsx"]) == ""
    assert zip_bomb_reason(corpus["html_xls"]) == ""  # not a zip: the caller's parser decides


def test_directory_and_missing_path_are_unreadable(tmp_path: Path) -> None:
    as_dir = inspect_file(tmp_path)
    assert (as_dir.status, as_dir.sha256, as_dir.detail) == ("unreadable", "", "a directory")
    missing = inspect_file(tmp_path / "hilang.pdf")
    assert (missing.kind, missing.status, missing.detail) == ("pdf", "unreadable", "file not found")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipa.pdf"
    os.mkfifo(fifo)
    facts = inspect_file(fifo)  # opening a FIFO for reading would block forever
    assert (facts.status, facts.detail) == ("unreadable", "not a regular file")


def test_open_error_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root-independent twin of the chmod test below."""
    import kladoc.inspect as inspect_pkg

    path = fx.text_pdf(tmp_path / "rahasia.pdf")

    def denied(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(inspect_pkg, "open", denied, raising=False)
    facts = inspect_file(path)
    assert (facts.kind, facts.status, facts.sha256) == ("pdf", "unreadable", "")
    assert facts.size == path.stat().st_size
    assert facts.detail == "PermissionError: Permission denied"


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root (or Windows) can read chmod 000"
)
def test_permission_denied_is_unreadable(tmp_path: Path) -> None:
    path = fx.text_pdf(tmp_path / "rahasia.pdf")
    path.chmod(0)
    try:
        facts = inspect_file(path)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert (facts.kind, facts.status, facts.sha256) == ("pdf", "unreadable", "")
    assert facts.size == path.stat().st_size
    assert "PermissionError" in facts.detail


def test_unexpected_exception_becomes_corrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kladoc.inspect.pdf as pdf_mod

    def boom(*_: object) -> None:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(pdf_mod, "inspect_pdf", boom)
    path = fx.text_pdf(tmp_path / "a.pdf")
    facts = inspect_file(path)
    assert (facts.kind, facts.status) == ("pdf", "corrupt")
    assert facts.detail == "RuntimeError: parser exploded"
    assert facts.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_never_raises_on_bad_argument() -> None:
    facts = inspect_file(None)  # type: ignore[arg-type]
    assert facts.status == "corrupt" and "TypeError" in facts.detail


def test_round_trip_through_json(results: dict[str, FileFacts]) -> None:
    for facts in results.values():
        d = json.loads(json.dumps(facts.to_dict()))
        assert FileFacts.from_dict(d) == facts


def test_from_dict_ignores_unknown_keys() -> None:
    d = FileFacts("pdf", "ok", 10, "ab").to_dict() | {"added_in_v2": 1}
    assert FileFacts.from_dict(d) == FileFacts("pdf", "ok", 10, "ab")


@given(
    st.builds(
        FileFacts,
        kind=st.sampled_from(KINDS),
        status=st.sampled_from(STATUSES),
        size=st.integers(min_value=0, max_value=2**40),
        sha256=st.text(alphabet="0123456789abcdef", max_size=64),
        detail=st.text(max_size=50),
        pages=st.none() | st.integers(min_value=0, max_value=10_000),
        has_text=st.none() | st.booleans(),
        text=st.text(max_size=200),
        repaired=st.booleans(),
        restricted=st.booleans(),
        active_content=st.lists(st.sampled_from(ACTIVE_CONTENT), unique=True).map(sorted),
        width=st.none() | st.integers(min_value=1, max_value=100_000),
        orientation=st.none() | st.integers(min_value=1, max_value=8),
        created=st.none() | st.dates().map(lambda d: d.isoformat()),
        title=st.none() | st.text(max_size=30),
    )
)
def test_round_trip_property(facts: FileFacts) -> None:
    assert FileFacts.from_dict(json.loads(json.dumps(facts.to_dict()))) == facts


def test_supported_suffixes() -> None:
    assert {".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".doc", ".xls"} <= SUPPORTED_SUFFIXES
    assert ".heic" not in SUPPORTED_SUFFIXES and ".txt" not in SUPPORTED_SUFFIXES
    assert all(s.startswith(".") and s == s.lower() for s in SUPPORTED_SUFFIXES)


def test_legacy_office_text_for_classification(results: dict[str, FileFacts]) -> None:
    """The piece table (doc) and xlrd (xls) give classification text, like docx/xlsx."""
    assert results["legacy_doc"].text == "PEMERINTAH KOTA CONTOH\n" + fx.SK_TEXT
    assert results["legacy_xls"].text == (
        "[Data Anak]\nDATA JUMLAH ANAK KOTA CONTOH TAHUN 2024\nKota Utara\n1200"
    )


def test_fuzzed_legacy_office_never_ok_when_structure_breaks(tmp_path: Path) -> None:
    """A byte changed in any FIB field the check reads makes the file corrupt."""
    doc = fx.legacy_doc(tmp_path / "ok.doc")
    for offset, value in ((0, 0x00), (1, 0x00), (3, 0x7F), (0x1D, 0x7F), (0x98, 0x10)):
        bad = fx.patched(doc, tmp_path / f"f{offset}.doc", _WORD_AT + offset, bytes([value]))
        assert inspect_file(bad).status == "corrupt", offset


def test_ole_inspection_prints_nothing(
    corpus: dict[str, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    """xlrd logs to stdout by default and olefile logs defects: neither may reach the user."""
    for name in ("legacy_xls", "xls_broken_biff", "xls_truncated", "doc_truncated"):
        inspect_file(corpus[name])
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_damage_probe_is_bounded_on_a_flate_bomb(tmp_path: Path) -> None:
    """300 MB of inflated content is walked in 1 MB chunks and abandoned at the budget."""
    import time

    import pikepdf

    from kladoc.inspect import pdf as pdf_mod

    path = fx.flate_bomb_pdf(tmp_path / "bom.pdf", megabytes=300)
    with pikepdf.open(path) as pdf:
        start = time.monotonic()
        assert pdf_mod.damaged_pages(pdf) == []
        assert time.monotonic() - start < pdf_mod.DAMAGE_SECONDS + 1.0


def test_damage_probe_hands_its_inflated_content_to_the_heavy_page_measure(
    tmp_path: Path,
) -> None:
    """The probe keeps the plain Flate content streams of the first pages that inflate within
    one chunk; page_content measures the same from them as from the file."""
    import zlib

    import pikepdf

    from kladoc.inspect import pdf as pdf_mod
    from kladoc.pdfcost import page_content

    small = b"BT /F1 12 Tf 72 720 Td (Halo) Tj ET\n" * 100  # 3,600 bytes
    big = b"0 0 m 10 10 l S\n" * 100_000  # 1.6 MB: beyond one chunk and the cap
    pdf = pikepdf.new()
    for data in (small, big, small):
        pdf.add_blank_page()
        stream = pikepdf.Stream(pdf, zlib.compress(data))
        stream.Filter = pikepdf.Name.FlateDecode
        pdf.pages[-1].obj.Contents = stream
    path = tmp_path / "three.pdf"
    pdf.save(path)
    with pikepdf.open(path) as pdf:
        pages = list(pdf.pages)
        kept: dict[tuple[int, int], bytes] = {}
        assert pdf_mod.damaged_pages(pdf, pages=pages, keep=kept, keep_pages=2) == []
        first = pages[0].obj.Contents.objgen
        assert kept == {first: small}  # page 2 is too big, page 3 beyond keep_pages
        measured = [page_content(p, inflated=kept) for p in pages]
        assert measured == [page_content(p) for p in pages]
        assert measured == [(3600, True), (1_500_001, False), (3600, True)]


@pytest.mark.parametrize("builder", [fx.legacy_doc, fx.legacy_xls], ids=["doc", "xls"])
def test_fuzzed_legacy_office_is_judged_quietly(
    builder: Builder, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Random byte changes in headers, directory and stream starts: a verdict, no noise."""
    import random

    src = builder(tmp_path / f"ok.{builder.__name__[-3:]}")
    data = src.read_bytes()
    rng = random.Random(12)
    statuses: set[str] = set()
    for n in range(120):
        raw = bytearray(data)
        for _ in range(rng.randrange(1, 8)):
            raw[rng.randrange(0, 2048 + 600)] = rng.randrange(256)
        path = tmp_path / f"f{n}{src.suffix}"
        path.write_bytes(bytes(raw))
        facts = inspect_file(path)
        assert facts.status in ("ok", "corrupt", "encrypted"), facts.detail
        statuses.add(facts.status)
    assert "corrupt" in statuses
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize("progressive", [False, True], ids=["baseline", "progressive"])
def test_photo_proof_of_decode_at_one_eighth_finds_what_full_size_finds(
    progressive: bool, tmp_path: Path
) -> None:
    """The check decodes a JPEG at 1/8 scale only to prove it whole: on damaged photos its
    verdict is Pillow's full-size decode's, file for file."""
    import io
    import random

    from PIL import Image

    img = Image.frombytes("RGB", (320, 240), random.Random(1).randbytes(320 * 240 * 3))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80, progressive=progressive)
    data = buf.getvalue()
    rng = random.Random(5)
    failed = 0
    for n in range(150):
        raw = bytearray(data)
        op = rng.randrange(3)
        if op == 0:
            raw = raw[: rng.randrange(200, len(raw))]  # cut short
        elif op == 1:
            for _ in range(rng.randint(1, 8)):
                raw[rng.randrange(200, len(raw))] = rng.randrange(256)
        else:
            at = rng.randrange(200, len(raw))
            del raw[at : at + rng.randint(1, 64)]
        try:
            with Image.open(io.BytesIO(bytes(raw))) as full:
                full.load()
            whole = True
        except Exception:
            whole = False
        failed += not whole
        path = tmp_path / f"f{n}.jpg"
        path.write_bytes(bytes(raw))
        assert (inspect_file(path).status == "ok") == whole, n
    assert failed >= 50  # the damage is real: a third of the files fail the full decode
