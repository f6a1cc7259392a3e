"""The floor for `kladoc check --no-cache`: the same per-file work as a bare loop, one process.

    python bench/floor_check.py DOSSIER

For every file below DOSSIER (sorted, hidden files skipped), exactly the work a check cannot
avoid, with nothing around it (no pool, no cache, no classification, no report):
  every file   SHA-256 of every byte
  PDF          pikepdf open + page count + each page's /Annots; pdfium text of 3 pages
  JPEG/PNG     Pillow EXIF + reduced decode (draft mode at 1/8 scale, as the check's)
  DOCX/XLSX    zip open + read the main part (word/document.xml, xl/workbook.xml + sheet1)
Prints one JSON line: files, pages, seconds."""

from __future__ import annotations

import hashlib
import json
import sys
import time
import zipfile
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
from PIL import Image

CHUNK = 1 << 20
MAIN_PARTS = {
    ".docx": ("word/document.xml",),
    ".xlsx": ("xl/workbook.xml", "xl/worksheets/sheet1.xml"),
}


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def pdf_work(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            page.obj.get("/Annots")
    doc = pdfium.PdfDocument(path)
    try:
        for i in range(min(3, len(doc))):
            page = doc[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        doc.close()
    return pages


def image_work(path: Path) -> None:
    with Image.open(path) as img:
        img.getexif()
        if img.format == "JPEG":
            img.draft("RGB", (1, 1))  # the check's DCT scale (kladoc.inspect.image)
        img.load()


def zip_work(path: Path, parts: tuple[str, ...]) -> None:
    with zipfile.ZipFile(path) as zf:
        for name in parts:
            zf.read(name)


def run(root: Path) -> dict[str, float]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith((".", "~$")))
    pages = 0
    t0 = time.perf_counter()
    for path in files:
        sha256(path)
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            pages += pdf_work(path)
        elif suffix in (".jpg", ".jpeg", ".png"):
            image_work(path)
        elif suffix in MAIN_PARTS:
            zip_work(path, MAIN_PARTS[suffix])
    return {"files": len(files), "pages": pages, "seconds": time.perf_counter() - t0}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(run(Path(args[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
