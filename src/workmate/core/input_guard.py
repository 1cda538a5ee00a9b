"""Text PostgreSQL would refuse, refused for every route before any of it runs.

PostgreSQL cannot store a NUL character in text, and the driver cannot send a lone UTF-16
surrogate (``"\\ud800"`` in JSON); both reached the database as 500s, and a NUL in the
customer export's filter cut a streamed 200 short. A request body that is not UTF-8 was an
undocumented 400. One pure ASGI middleware answers all of these with the documented
``422 validation_error`` naming the field, for every route now and later:

- query string and path: a NUL (``%00``) anywhere;
- JSON bodies: bytes that are not UTF-8, or a string (value or key) with a NUL or a lone
  surrogate. The body is parsed here only when it contains an escape (``\\u``) or a raw NUL,
  which ordinary requests do not.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, unquote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from workmate.core.errors import FieldError, problem

MEDIA_TYPE = "application/problem+json"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _bad_text(value: str) -> str | None:
    """The code of what is wrong with ``value``, or None."""
    if "\x00" in value:
        return "nul_character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "invalid_unicode"
    return None


def _walk(value: Any, path: str) -> tuple[str, str] | None:
    """The first (field, code) of a bad string in a parsed JSON document."""
    if isinstance(value, str):
        code = _bad_text(value)
        return (path or "body", code) if code else None
    if isinstance(value, dict):
        for key, item in value.items():
            code = _bad_text(key)
            if code:
                return (path or "body", code)
            found = _walk(item, f"{path}.{key}" if path else key)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _walk(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


def _query_problem(scope: Scope) -> tuple[str, str] | None:
    raw = scope.get("query_string", b"")
    if b"%00" in raw.lower() or b"\x00" in raw:
        for name, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
            if "\x00" in name or "\x00" in value:
                return (name.replace("\x00", "") or "query", "nul_character")
        return ("query", "nul_character")
    raw_path = scope.get("raw_path") or scope.get("path", "").encode()
    if b"%00" in raw_path.lower() or "\x00" in unquote(scope.get("path", "")):
        return ("path", "nul_character")
    return None


def _body_problem(body: bytes) -> tuple[str, str] | None:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return ("body", "invalid_utf8")
    if "\\u" not in text and "\x00" not in text:
        return None
    try:
        document = json.loads(text)
    except ValueError:
        return None  # not JSON: the route's own validation says so
    return _walk(document, "")


MESSAGES = {
    "nul_character": "Text must not contain NUL characters.",
    "invalid_unicode": "Text must be valid Unicode (no lone surrogates).",
    "invalid_utf8": "The request body must be UTF-8.",
}


async def _refuse(scope: Scope, send: Send, field: str, code: str) -> None:
    error = FieldError(field=field, message=MESSAGES[code], code=code)
    request_id = scope.get("state", {}).get("request_id")
    body = problem(
        422, "validation_error", "Invalid input", f"Please check: {field}.", [error], request_id
    ).model_dump_json()
    await send(
        {
            "type": "http.response.start",
            "status": 422,
            "headers": [(b"content-type", MEDIA_TYPE.encode())],
        }
    )
    await send({"type": "http.response.body", "body": body.encode()})


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return b"json" in value.lower()
    return False


class InputGuardMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        found = _query_problem(scope)
        if found:
            await _refuse(scope, send, *found)
            return
        if scope.get("method") not in UNSAFE or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        chunks: list[bytes] = []
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        found = _body_problem(b"".join(chunks))
        if found:
            await _refuse(scope, send, *found)
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)
