"""Small files for demo documents and tests, made fast: a one-page PDF with text lines (a
few microseconds each, no layout engine) and a PNG of one colour with a pattern.

The PDF uses the standard Helvetica font with WinAnsiEncoding, so German text (umlauts, ß)
needs no embedded font and PDF readers and text extraction read it as written.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from functools import lru_cache


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf(lines: Sequence[str], *, title_size: int = 16) -> bytes:
    """A one-page A4 PDF showing ``lines`` (the first one larger)."""
    ops = [b"BT", f"/F1 {title_size} Tf 64 770 Td".encode()]
    for index, line in enumerate(lines):
        if index == 1:
            ops.append(b"/F1 11 Tf 0 -30 Td")
        elif index > 1:
            ops.append(b"0 -16 Td")
        ops.append(_pdf_string(line) + b" Tj")
    ops.append(b"ET")
    content = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


@lru_cache(maxsize=64)
def _stripe_rows(width: int, rgb: tuple[int, int, int]) -> tuple[bytes, ...]:
    """The 16 rows a striped image is made of (each image repeats them, shifted)."""
    light = bytes(min(255, c + 40) for c in rgb)
    base = bytes(rgb)
    return tuple(
        b"\0" + b"".join(light if (x + shift) % 16 < 4 else base for x in range(width))
        for shift in range(16)
    )


def png(
    width: int, height: int, rgb: tuple[int, int, int], seed: int = 0, label: str = ""
) -> bytes:
    """A PNG of one colour with diagonal stripes; ``seed`` shifts the stripes, ``label`` goes
    into a text chunk (so two images that look alike are still different files)."""
    rows = _stripe_rows(width, rgb)
    raw = b"".join(rows[(y + seed) % 16] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    text = _chunk(b"tEXt", b"Title\0" + label.encode("latin-1", "replace")) if label else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + text
        + _chunk(b"IDAT", zlib.compress(raw, 1))
        + _chunk(b"IEND", b"")
    )
