"""What a job makes of a stored file: its searchable text and a thumbnail of the first page.

Text: the text layer of PDFs (pypdfium2), the text of text-like files (TXT, CSV, XML, EML).
A PDF without a text layer (a scan) is marked ``needs_ocr``: OCR (issue "expenses") adds a step
here that turns such files into text; nothing else changes. Thumbnails: the first page of a PDF
or the image itself, at most ``THUMBNAIL_SIZE`` pixels, as WebP (Pillow).

Everything here is synchronous and runs in a worker thread; PDFium is not thread-safe, so one
lock serialises its use within the process.
"""

from __future__ import annotations

import email
import email.policy
import html
import io
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageOps

from workmate.documents.filetypes import KINDS, FileKind
from workmate.models.document import CONTENT_TEXT_MAX, ExtractionStatus, ThumbnailStatus

THUMBNAIL_SIZE = 320
# Pages read for text; a longer PDF is searched by its first pages (CONTENT_TEXT_MAX also caps).
MAX_TEXT_PAGES = 300
_PDFIUM = threading.Lock()
# The search snippets are marked with these two characters; the text must not contain them.
_MARKERS = re.compile("[\x00\x02\x03]")
_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True)
class Extracted:
    status: ExtractionStatus
    text: str | None = None
    page_count: int | None = None


@dataclass(frozen=True)
class Thumbnail:
    status: ThumbnailStatus
    webp: bytes | None = None


def clean(text: str) -> str:
    """Text as indexed: no NUL or marker characters, runs of spaces folded, capped."""
    text = _MARKERS.sub(" ", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())[:CONTENT_TEXT_MAX]


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read(path: Path, limit: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(limit)


def _pdf_text(path: Path) -> Extracted:
    with _PDFIUM:
        pdf = pdfium.PdfDocument(path)
        try:
            pages = len(pdf)
            parts: list[str] = []
            length = 0
            for index in range(min(pages, MAX_TEXT_PAGES)):
                page = pdf[index]
                text = page.get_textpage().get_text_bounded()
                parts.append(text)
                length += len(text)
                if length >= CONTENT_TEXT_MAX:
                    break
        finally:
            pdf.close()
    text = clean("\n".join(parts))
    if not text.strip():  # no text layer: a scan
        return Extracted(ExtractionStatus.needs_ocr, None, pages)
    return Extracted(ExtractionStatus.done, text, pages)


def _email_text(data: bytes) -> str:
    message = email.message_from_bytes(data, policy=email.policy.default)
    lines = [
        f"{name}: {message[name]}" for name in ("From", "To", "Date", "Subject") if message[name]
    ]
    for part in message.walk():
        if part.get_content_maintype() != "text" or part.is_attachment():
            continue
        try:
            content = part.get_content()
        except (LookupError, ValueError):
            continue
        if part.get_content_subtype() == "html":
            content = html.unescape(_TAGS.sub(" ", str(content)))
        lines.append(str(content))
    return "\n".join(lines)


def extract_text(path: Path, kind: FileKind) -> Extracted:
    """The searchable text of the file at ``path``."""
    try:
        if kind is FileKind.pdf:
            return _pdf_text(path)
        if not KINDS[kind].text_like:
            return Extracted(ExtractionStatus.unsupported)
        data = _read(path, CONTENT_TEXT_MAX * 4)
        if kind is FileKind.eml:
            text = _email_text(data)
        elif kind is FileKind.xml:
            # Tags stripped as text, never parsed: no entity expansion, no external references.
            text = html.unescape(_TAGS.sub(" ", _decode(data)))
        else:
            text = _decode(data)
        return Extracted(ExtractionStatus.done, clean(text))
    except (pdfium.PdfiumError, OSError, ValueError):
        return Extracted(ExtractionStatus.failed)


def _webp(image: Image.Image) -> bytes:
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    image.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
    out = io.BytesIO()
    image.save(out, "WEBP", quality=80, method=4)
    return out.getvalue()


def _pdf_first_page(path: Path) -> Image.Image:
    with _PDFIUM:
        pdf = pdfium.PdfDocument(path)
        try:
            page = pdf[0]
            width, height = page.get_size()
            scale = THUMBNAIL_SIZE / max(width, height, 1)
            image: Image.Image = page.render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil()
            return image
        finally:
            pdf.close()


IMAGE_KINDS = frozenset({FileKind.png, FileKind.jpeg, FileKind.tiff, FileKind.webp})


def make_thumbnail(path: Path, kind: FileKind) -> Thumbnail:
    try:
        if kind is FileKind.pdf:
            return Thumbnail(ThumbnailStatus.done, _webp(_pdf_first_page(path)))
        if kind in IMAGE_KINDS:
            with Image.open(path) as image:
                image.seek(0)
                return Thumbnail(ThumbnailStatus.done, _webp(image))
        return Thumbnail(ThumbnailStatus.unsupported)
    except (pdfium.PdfiumError, OSError, ValueError, Image.DecompressionBombError, IndexError):
        return Thumbnail(ThumbnailStatus.failed)


# Pages are rendered for the preview at most this wide (and at least 100 px).
PAGE_WIDTH_MAX = 1600


class NoSuchPage(LookupError):
    pass


def render_page(path: Path, number: int, width: int) -> tuple[bytes, int]:
    """Page ``number`` (1-based) of a PDF as WebP, ``width`` pixels wide; and the page count."""
    with _PDFIUM:
        document = pdfium.PdfDocument(path)
        try:
            pages = len(document)
            if not 1 <= number <= pages:
                raise NoSuchPage(number)
            page = document[number - 1]
            page_width, _height = page.get_size()
            # PDFium rounds the bitmap's size up: stay a hair below the width asked for.
            scale = (max(100, min(width, PAGE_WIDTH_MAX)) - 0.01) / max(page_width, 1)
            image: Image.Image = page.render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil()
        finally:
            document.close()
    out = io.BytesIO()
    image.convert("RGB").save(out, "WEBP", quality=85, method=4)
    return out.getvalue(), pages
