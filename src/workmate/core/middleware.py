"""Request id, access log, security headers and the answer to unexpected errors, as one pure
ASGI middleware (cheap per request)."""

from __future__ import annotations

import time
import uuid
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from workmate.core.error_handlers import internal_error
from workmate.core.logging import get_logger

log = get_logger("workmate.request")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]
# The built UI loads only its own files: no inline or foreign script, no eval. Styles set by
# script (Vue's style bindings, Chart.js) go through the CSSOM, which style-src does not
# govern; the PDF preview shows a blob: URL in a frame.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
).encode()
UI_HEADERS = [(b"content-security-policy", CONTENT_SECURITY_POLICY)]
# API answers carry personal and financial data: no browser or proxy keeps a copy.
API_HEADERS = [(b"cache-control", b"no-store")]
API_PATH = "/api/"


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming[:64] if incoming.isprintable() and incoming else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status: dict[str, Any] = {"code": 500, "started": False}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                status["started"] = True
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                headers.extend(SECURITY_HEADERS)
                if scope.get("path", "").startswith(API_PATH):
                    headers = [h for h in headers if h[0].lower() != b"cache-control"]
                    headers.extend(API_HEADERS)
                else:
                    headers.extend(UI_HEADERS)
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            # Answered here rather than by Starlette's outermost error middleware, which sends
            # its 500 and then re-raises: the server then drops the keep-alive connection.
            log.error("unhandled_error", exc_info=exc)
            if status["started"]:
                raise  # too late for an error response; the server ends the stream
            await internal_error(request_id)(scope, receive, send_with_headers)
        finally:
            path = scope.get("path", "")
            if not path.startswith("/assets/"):
                log.info(
                    "request",
                    method=scope.get("method"),
                    path=path,
                    status=status["code"],
                    ms=round((time.perf_counter() - started) * 1000, 1),
                )
            structlog.contextvars.unbind_contextvars("request_id")
