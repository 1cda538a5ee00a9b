"""A crash (a bug) answers problem+json, keeps the connection usable, and logs a compact
traceback without a single secret: no bearer token, session cookie, CSRF token or password."""

from __future__ import annotations

import http.client
import io
import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import anyio
import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.core.crash_app import CRASH_PATH, LOCAL_PASSWORD, add_crash_route
from tests.factories import PASSWORD, logged_in_as

BODY_PASSWORD = "Body-Kennwort-0815"


def _assert_clean(log: str, *secrets: str) -> None:
    assert "RuntimeError: boom" in log, log
    for secret in (*secrets, LOCAL_PASSWORD, BODY_PASSWORD, PASSWORD):
        assert secret not in log, f"{secret!r} leaked into the log:\n{log}"
    # Compact: one exception, a few frames, no local variables.
    assert log.count("Traceback (most recent call last)") == 1, log
    assert "locals" not in log.lower()
    assert len(log.splitlines()) < 80, log


def _problem(status: int, content_type: str, body: bytes) -> dict[str, Any]:
    assert status == 500
    assert content_type.startswith("application/problem+json")
    problem: dict[str, Any] = json.loads(body)
    assert problem["code"] == "internal_error" and problem["request_id"]
    return problem


async def _token(client: AsyncClient) -> str:
    created = await client.post("/api/v1/auth/tokens", json={"name": "crash test"})
    secret: str = created.json()["secret"]
    return secret


async def test_a_crash_in_process_logs_no_secret(
    client: AsyncClient, session: AsyncSession, app: Any
) -> None:
    await logged_in_as(client, session, "employee")
    add_crash_route(app)
    handler = logging.getLogger().handlers[0]  # the one configure_logging installed
    captured = io.StringIO()
    previous = handler.setStream(captured)  # type: ignore[attr-defined]
    try:
        bearer = await _token(client)
        cookie, csrf = client.cookies["workmate_session"], client.headers["X-CSRF-Token"]
        r = await client.post(CRASH_PATH, json={"password": BODY_PASSWORD})
        _problem(r.status_code, r.headers["content-type"], r.content)
        r = await client.post(
            CRASH_PATH,
            json={"password": BODY_PASSWORD},
            headers={"Authorization": f"Bearer {bearer}"},
        )
        _problem(r.status_code, r.headers["content-type"], r.content)
    finally:
        handler.setStream(previous)  # type: ignore[attr-defined]
    log = captured.getvalue()
    assert log.count("unhandled_error") == 2
    _assert_clean(log.split("unhandled_error")[1], bearer, cookie, csrf)
    _assert_clean(log.split("unhandled_error")[2], bearer, cookie, csrf)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_up(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"server exited:\n{log.read_text()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/v1/health")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"server did not come up:\n{log.read_text()}")


async def test_a_crash_on_a_real_server_keeps_the_connection_and_the_secrets(
    client: AsyncClient, session: AsyncSession, database_url: str, tmp_path: Path
) -> None:
    await logged_in_as(client, session, "employee")
    secrets = {
        "bearer": await _token(client),
        "cookie": client.cookies["workmate_session"],
        "csrf": client.headers["X-CSRF-Token"],
    }
    log = tmp_path / "server.log"
    await anyio.to_thread.run_sync(_crash_real_server, database_url, secrets, log)
    text = log.read_text()
    assert "Exception in ASGI application" not in text
    _assert_clean(text.split("unhandled_error", 1)[1], *secrets.values())


def _crash_real_server(database_url: str, secrets: dict[str, str], log: Path) -> None:
    """``workmate serve``'s uvicorn set-up on loopback, one keep-alive connection."""
    port = _free_port()
    env = {
        **os.environ,
        "WORKMATE_DATABASE_URL": database_url,
        "WORKMATE_RUN_WORKER_IN_PROCESS": "false",
        "WORKMATE_LOG_LEVEL": "info",
    }
    command = [
        sys.executable,
        "-c",
        "import uvicorn; uvicorn.run('tests.core.crash_app:create', factory=True, "
        f"host='127.0.0.1', port={port}, log_config=None)",
    ]
    with log.open("wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(port, server, log)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {
            "Authorization": f"Bearer {secrets['bearer']}",
            "Cookie": f"workmate_session={secrets['cookie']}; workmate_csrf={secrets['csrf']}",
            "X-CSRF-Token": secrets["csrf"],
            "Content-Type": "application/json",
        }
        body = json.dumps({"password": BODY_PASSWORD})
        conn.request("POST", CRASH_PATH, body=body, headers=headers)
        response = conn.getresponse()
        _problem(response.status, response.getheader("content-type", ""), response.read())
        assert (response.getheader("connection") or "").lower() != "close"
        assert conn.sock is not None
        local_end = conn.sock.getsockname()
        # The same connection answers the next request (it was dropped after a 500 before).
        conn.request("GET", "/api/v1/ready")
        assert conn.getresponse().status == 200
        assert conn.sock is not None and conn.sock.getsockname() == local_end
        conn.close()
    finally:
        server.terminate()
        server.wait(timeout=60)
