"""Receiving an upload: a multipart/form-data body parsed while it streams in.

The file's bytes go from the socket through the parser straight into ``Storage.stage`` (which
hashes what it writes); nothing holds the whole file. The first ``SNIFF_BYTES`` are held back
until the type is decided, and the size is counted as the bytes arrive, so a refused file is
never committed to storage (its staged copy is removed). Starlette's own form parsing is not
used: it writes every file to a temporary file before the endpoint runs and cannot refuse an
oversize file early.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request

from workmate.core.errors import BusinessRuleViolation, PayloadTooLarge, field_error
from workmate.documents.filetypes import SNIFF_BYTES, FileKind, classify, safe_file_name
from workmate.storage import Staged, Storage

# Form fields besides the file: how many, and how long each may be.
MAX_FIELDS = 60
MAX_FIELD_BYTES = 20_000
# Room for the multipart framing and the fields when comparing Content-Length to the limit.
FORM_OVERHEAD = MAX_FIELDS * MAX_FIELD_BYTES // 10


@dataclass
class Upload:
    """A received upload: the staged file (not yet committed) and the other form fields."""

    staged: Staged
    kind: FileKind
    file_name: str
    fields: dict[str, list[str]]


def _invalid(message: str, code: str, field_name: str = "file") -> BusinessRuleViolation:
    return BusinessRuleViolation(
        message, code=code, errors=[field_error(field_name, message, code)]
    )


def too_large(limit: int) -> PayloadTooLarge:
    mb = limit // 1_000_000
    return PayloadTooLarge(
        f"The file is larger than {mb} MB.",
        code="file_too_large",
        errors=[field_error("file", f"At most {mb} MB.", "file_too_large")],
    )


def _decode(value: bytes) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


@dataclass
class _Part:
    headers: dict[str, bytes] = field(default_factory=dict)
    name: str = ""
    file_name: str | None = None
    value: bytearray = field(default_factory=bytearray)


class _FormReader:
    """Feeds body chunks to the parser and sorts what comes out into fields and file bytes."""

    def __init__(self, boundary: bytes, limit: int, allowed: frozenset[FileKind]) -> None:
        self.limit = limit
        self.allowed = allowed
        self.fields: dict[str, list[str]] = {}
        self.kind: FileKind | None = None
        self.file_name: str | None = None
        self.file_size = 0
        self._part = _Part()
        self._header_field = bytearray()
        self._header_value = bytearray()
        self._head = bytearray()  # the file's first bytes, held back until the type is known
        self._out: list[bytes] = []
        self._in_file = False
        callbacks: dict[str, Callable[..., None]] = {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._header_field.extend(d[s:e]),
            "on_header_value": lambda d, s, e: self._header_value.extend(d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        }
        self.parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]

    def _part_begin(self) -> None:
        self._part = _Part()

    def _header_end(self) -> None:
        self._part.headers[bytes(self._header_field).lower().decode("latin-1")] = bytes(
            self._header_value
        )
        self._header_field.clear()
        self._header_value.clear()

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._part.headers.get("content-disposition", b""))
        self._part.name = _decode(options.get(b"name", b""))
        if b"filename*" in options:
            raw = _decode(options[b"filename*"])
            self._part.file_name = urllib.parse.unquote(raw.split("''", 1)[-1])
        elif b"filename" in options:
            self._part.file_name = _decode(options[b"filename"])
        if self._part.name == "file" or self._part.file_name is not None:
            if self.file_name is not None:
                raise _invalid("Send one file per request.", "one_file_per_request")
            self.file_name = safe_file_name(self._part.file_name or "")
            if not self.file_name:
                raise _invalid("The file needs a name with an extension.", "file_name_required")
            self._in_file = True
        elif len(self.fields) >= MAX_FIELDS:
            raise _invalid("Too many form fields.", "too_many_fields", self._part.name or "form")

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if not self._in_file:
            self._part.value.extend(data[start:end])
            if len(self._part.value) > MAX_FIELD_BYTES:
                raise _invalid("This value is too long.", "too_long", self._part.name or "form")
            return
        self.file_size += end - start
        if self.file_size > self.limit:
            raise too_large(self.limit)
        if self.kind is None:
            self._head.extend(data[start:end])
            if len(self._head) >= SNIFF_BYTES:
                self._decide()
        else:
            self._out.append(data[start:end])

    def _decide(self) -> None:
        assert self.file_name is not None
        self.kind = classify(bytes(self._head), self.file_name, self.allowed)
        self._out.append(bytes(self._head))
        self._head.clear()

    def _part_end(self) -> None:
        if self._in_file:
            if self.kind is None:
                self._decide()
            self._in_file = False
            return
        try:
            text = self._part.value.decode("utf-8")
        except UnicodeDecodeError:
            raise _invalid(
                "Form values must be UTF-8.", "invalid_encoding", self._part.name
            ) from None
        self.fields.setdefault(self._part.name, []).append(text)

    def feed(self, chunk: bytes) -> list[bytes]:
        try:
            self.parser.write(chunk)
        except FormParserError as exc:
            raise _invalid(
                f"The upload is not valid multipart/form-data ({exc}).", "invalid_multipart"
            ) from exc
        out, self._out = self._out, []
        return out

    def finish(self) -> None:
        try:
            self.parser.finalize()
        except FormParserError as exc:
            raise _invalid(f"The upload is incomplete ({exc}).", "invalid_multipart") from exc
        if self._in_file:
            raise _invalid("The upload ended in the middle of the form.", "invalid_multipart")


def _boundary(request: Request) -> bytes:
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise _invalid(
            "Send the file as multipart/form-data with a part named 'file'.", "multipart_required"
        )
    return boundary


async def receive(
    request: Request, storage: Storage, *, limit: int, allowed: frozenset[FileKind]
) -> Upload:
    """Stream the request's file into staged storage; the form's other fields come back as
    strings. Raises (and leaves nothing staged) when the body is refused."""
    reader = _FormReader(_boundary(request), limit, allowed)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + FORM_OVERHEAD:
        raise too_large(limit)

    async def file_bytes() -> AsyncIterator[bytes]:
        try:
            async for chunk in request.stream():
                for piece in reader.feed(chunk):
                    yield piece
        except ClientDisconnect:
            # The client went away mid-upload: nothing is stored; not a server error.
            raise _invalid("The upload was interrupted.", "upload_interrupted") from None
        reader.finish()

    staged = await storage.stage(file_bytes(), "application/octet-stream")
    if reader.file_name is None or reader.kind is None:
        await staged.discard()
        raise _invalid("The upload has no file (a part named 'file').", "file_required")
    return Upload(staged, reader.kind, reader.file_name, reader.fields)


def one(fields: dict[str, list[str]], name: str) -> str | None:
    values = fields.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise _invalid(f"'{name}' was sent more than once.", "duplicate_field", name)
    return values[0]


def as_json_object(fields: dict[str, list[str]]) -> dict[str, Any]:
    """Form fields as the JSON body a schema validates: repeated fields (tags, links) as lists."""
    lists = ("tags", "links")
    out: dict[str, Any] = {}
    for name, values in fields.items():
        out[name] = values if name in lists else one(fields, name)
    return out
