"""The app with one route that always fails, for the tests that crash it on purpose.

Served by uvicorn as ``workmate serve`` does (``tests.core.test_crash`` starts it on loopback)
and mounted in-process by the same tests. The failure carries the request's secrets in its
message and a password in a local variable: what must never reach the log.
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute

from workmate.app import create_app
from workmate.auth.dependencies import get_principal

CRASH_PATH = "/api/v1/test/crash"
LOCAL_PASSWORD = "Lokales-Geheimnis-4711"


async def crash(request: Request) -> None:
    password = LOCAL_PASSWORD  # a local variable a traceback with locals would print
    body: Any = await request.json() if await request.body() else None
    raise RuntimeError(f"boom with {dict(request.headers)}, {body!r} and {password[:0]}")


def add_crash_route(app: FastAPI) -> None:
    """Before the UI's catch-all mount, which would otherwise answer the path."""
    route = APIRoute(CRASH_PATH, crash, methods=["POST"], dependencies=[Depends(get_principal)])
    app.router.routes.insert(0, route)


def create() -> FastAPI:
    app = create_app()
    add_crash_route(app)
    return app
