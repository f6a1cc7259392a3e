"""--compact for PDFs: re-encode oversized page images (scans) at about 150 dpi.

Works on a copy in the build's work folder; the evidence file is only read. Images that
are masked, 1-bit, or in colour spaces we would have to guess at are left alone."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from pikepdf import Name

# leave alone what is already close to the target: re-encoding costs quality for little
HEADROOM = 1.3
JPEG_QUALITY = 72


def _placed_size_in(page: pikepdf.Page) -> tuple[float, float]:
    box = page.mediabox
    w = abs(float(box[2]) - float(box[0])) / 72.0
    h = abs(float(box[3]) - float(box[1])) / 72.0
    return max(w, 0.5), max(h, 0.5)


def _candidate(obj: pikepdf.Object) -> bool:
    if obj.get("/Subtype") != Name.Image:
        return False
    if any(k in obj for k in ("/SMask", "/Mask", "/Decode", "/ImageMask")):
        return False
    if int(obj.get("/BitsPerComponent", 8)) != 8:
        return False
    cs = obj.get("/ColorSpace")
    if cs not in (Name.DeviceGray, Name.DeviceRGB):
        return False
    filt = obj.get("/Filter")
    filters = list(filt) if isinstance(filt, pikepdf.Array) else [filt]
    return all(f in (None, Name.DCTDecode, Name.FlateDecode) for f in filters)


def _shrink(obj: pikepdf.Stream, target: tuple[int, int]) -> bool:
    from PIL import Image

    img = pikepdf.PdfImage(obj).as_pil_image()
    if img.mode not in ("L", "RGB"):
        img = img.convert("RGB")
    img = img.resize(target, Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
    data = buf.getvalue()
    if len(data) >= len(obj.read_raw_bytes()):
        return False
    obj.write(data, filter=Name.DCTDecode)
    obj.Width, obj.Height = img.size
    obj.ColorSpace = Name.DeviceGray if img.mode == "L" else Name.DeviceRGB
    obj.BitsPerComponent = 8
    if "/DecodeParms" in obj:
        del obj["/DecodeParms"]
    return True


def compact_pdf(src: Path, dst: Path, dpi: int) -> bool:
    """Write a downsampled copy of `src` to `dst`. False (and nothing kept) when no image
    was worth shrinking or the copy would not be smaller."""
    changed = False
    seen: set[tuple[int, int]] = set()
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            w_in, h_in = _placed_size_in(page)
            resources = page.obj.get("/Resources")
            xobjects = (
                resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
            )
            if not isinstance(xobjects, pikepdf.Dictionary):
                continue
            for _name, obj in xobjects.items():
                if not isinstance(obj, pikepdf.Stream) or obj.objgen in seen:
                    continue
                seen.add(obj.objgen)
                try:
                    if not _candidate(obj):
                        continue
                    width, height = int(obj.Width), int(obj.Height)
                    # a full-page scan: its dpi is pixels over the page size
                    eff = max(width / w_in, height / h_in)
                    if eff <= dpi * HEADROOM:
                        continue
                    scale = dpi / eff
                    target = (max(1, round(width * scale)), max(1, round(height * scale)))
                    changed |= _shrink(obj, target)
                except (pikepdf.PdfError, OSError, ValueError, NotImplementedError):
                    continue
        if not changed:
            return False
        pdf.save(dst)
    if dst.stat().st_size >= src.stat().st_size:
        dst.unlink()
        return False
    return True
