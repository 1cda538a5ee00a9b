"""Which files Workmate keeps as documents: the type is decided by the content (libmagic, ADR
0007), must agree with the file name's extension and be on the allow-list (a setting).

A file whose content is HTML or SVG (or anything else executable in a browser) is never
accepted, whatever its name: downloads of accepted types cannot run scripts.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import PurePosixPath

from workmate.core.errors import BusinessRuleViolation, field_error

LIBMAGIC_MISSING = (
    "Workmate recognises uploaded files with libmagic, which is not installed on this machine. "
    "Install it and start again: Debian/Ubuntu `apt-get install libmagic1`, Fedora "
    "`dnf install file-libs`, macOS `brew install libmagic`."
)

try:
    import magic
except ImportError as exc:  # python-magic raises ImportError when the C library is missing
    raise RuntimeError(LIBMAGIC_MISSING) from exc

# Bytes libmagic looks at; enough for every type below (OOXML needs the first ZIP entries).
SNIFF_BYTES = 64 * 1024


class FileKind(StrEnum):
    pdf = "pdf"
    png = "png"
    jpeg = "jpeg"
    tiff = "tiff"
    webp = "webp"
    heic = "heic"
    xml = "xml"
    csv = "csv"
    txt = "txt"
    eml = "eml"
    docx = "docx"
    xlsx = "xlsx"
    pptx = "pptx"
    doc = "doc"
    xls = "xls"
    ppt = "ppt"
    odt = "odt"
    ods = "ods"
    odp = "odp"


@dataclass(frozen=True)
class KindInfo:
    # The content type the file is served with (canonical, never the client's claim).
    content_type: str
    extensions: frozenset[str]
    # What libmagic may answer for this kind.
    detected: frozenset[str]
    # Shown in the browser (preview); everything else is a download.
    inline: bool = False
    text_like: bool = False


def _info(
    content_type: str,
    extensions: str,
    detected: str = "",
    *,
    inline: bool = False,
    text_like: bool = False,
) -> KindInfo:
    return KindInfo(
        content_type,
        frozenset(extensions.split()),
        frozenset((detected or content_type).split()),
        inline,
        text_like,
    )


_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"
KINDS: dict[FileKind, KindInfo] = {
    FileKind.pdf: _info("application/pdf", ".pdf", inline=True),
    FileKind.png: _info("image/png", ".png", inline=True),
    FileKind.jpeg: _info("image/jpeg", ".jpg .jpeg", inline=True),
    FileKind.tiff: _info("image/tiff", ".tif .tiff"),
    FileKind.webp: _info("image/webp", ".webp", inline=True),
    FileKind.heic: _info("image/heic", ".heic .heif", "image/heic image/heif"),
    FileKind.xml: _info("application/xml", ".xml", "text/xml application/xml", text_like=True),
    # A semicolon-separated file (German Excel) is plain text to libmagic.
    FileKind.csv: _info("text/csv", ".csv", "text/csv text/plain", text_like=True),
    FileKind.txt: _info("text/plain", ".txt", "text/plain text/csv", text_like=True),
    FileKind.eml: _info("message/rfc822", ".eml", text_like=True),
    FileKind.docx: _info(f"{_OOXML}.wordprocessingml.document", ".docx"),
    FileKind.xlsx: _info(f"{_OOXML}.spreadsheetml.sheet", ".xlsx"),
    FileKind.pptx: _info(f"{_OOXML}.presentationml.presentation", ".pptx"),
    FileKind.doc: _info("application/msword", ".doc"),
    FileKind.xls: _info("application/vnd.ms-excel", ".xls"),
    FileKind.ppt: _info("application/vnd.ms-powerpoint", ".ppt"),
    FileKind.odt: _info(f"{_ODF}.text", ".odt"),
    FileKind.ods: _info(f"{_ODF}.spreadsheet", ".ods"),
    FileKind.odp: _info(f"{_ODF}.presentation", ".odp"),
}
INLINE_TYPES = frozenset(info.content_type for info in KINDS.values() if info.inline)


def allowed_kinds(setting: str) -> frozenset[FileKind]:
    """The allow-list from ``WORKMATE_DOCUMENTS_ALLOWED_TYPES`` ('all' or 'pdf,png,...')."""
    if setting.strip().lower() == "all":
        return frozenset(FileKind)
    return frozenset(FileKind(k.strip().lower()) for k in setting.split(",") if k.strip())


@cache
def _detector() -> magic.Magic:
    return magic.Magic(mime=True)


def detect(head: bytes) -> str:
    """libmagic's content type for the first bytes of a file."""
    return str(_detector().from_buffer(head))


def extension(file_name: str) -> str:
    return PurePosixPath(file_name.lower()).suffix


def _refuse(message: str, code: str) -> BusinessRuleViolation:
    return BusinessRuleViolation(message, code=code, errors=[field_error("file", message, code)])


def classify(head: bytes, file_name: str, allowed: frozenset[FileKind]) -> FileKind:
    """The kind of a file from its first bytes and name, or 422 with the reason."""
    if not head:
        raise _refuse("The file is empty.", "empty_file")
    detected = detect(head)
    suffix = extension(file_name)
    by_content = [kind for kind, info in KINDS.items() if detected in info.detected]
    if not by_content:
        raise _refuse(
            f"Files of this type ({detected}) cannot be stored as documents.",
            "file_type_not_allowed",
        )
    matching = [kind for kind in by_content if suffix in KINDS[kind].extensions]
    if not matching:
        expected = ", ".join(sorted({e for k in by_content for e in KINDS[k].extensions}))
        raise _refuse(
            f"The file's content ({detected}) does not match its extension "
            f"'{suffix or '(none)'}'; expected {expected}.",
            "file_type_mismatch",
        )
    kind = matching[0]
    if kind not in allowed:
        raise _refuse(f"Files of type {kind.value} are not accepted here.", "file_type_not_allowed")
    return kind


def safe_file_name(name: str) -> str:
    """The name as shown and offered for download: the last path segment, without control
    characters, at most 255 characters (keeping the extension)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*').strip(" .")
    if len(cleaned) > 255:
        suffix = extension(cleaned)[:20]
        cleaned = cleaned[: 255 - len(suffix)] + suffix
    return cleaned
