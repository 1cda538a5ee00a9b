"""``workmate serve`` as real processes: a busy port, SIGTERM during start-up and while serving,
``kill -9`` of the server. Every wait is bounded; nothing is left running."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

START_TIMEOUT = 180  # seconds; a cold embedded PostgreSQL plus migrations on a busy machine
STOP_TIMEOUT = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _serve(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "workmate.cli", "serve", *args],
            env={**os.environ, "WORKMATE_LOG_LEVEL": "warning", **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _wait_for(condition: Callable[[], bool], what: str, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()}")


def _get(port: int, path: str) -> http.client.HTTPResponse | None:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        conn.close()
        return response
    except OSError:
        return None


def _postgres_running(data_dir: Path) -> bool:
    try:  # the file comes and goes while the server is initialised, started and stopped
        first = (data_dir / "pg" / "postmaster.pid").read_text().split()[:1]
        process = psutil.Process(int(first[0])) if first else None
        return process is not None and process.status() != psutil.STATUS_ZOMBIE
    except (FileNotFoundError, ValueError, psutil.NoSuchProcess):
        return False


@pytest.fixture
def stopper() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Processes a test started; killed at the end if still running."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)


def test_a_busy_port_stops_serve_at_once_before_anything_starts(
    tmp_path: Path, stopper: list[subprocess.Popen[bytes]]
) -> None:
    log = tmp_path / "serve.log"
    with socket.socket() as occupant:
        occupant.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        occupant.bind(("127.0.0.1", 0))
        occupant.listen()
        port = occupant.getsockname()[1]
        server = _serve(
            ["--port", str(port), "--migrate"], {"WORKMATE_DATA_DIR": str(tmp_path)}, log
        )
        stopper.append(server)
        assert server.wait(timeout=STOP_TIMEOUT) == 1
    text = log.read_text()
    assert f"port {port} on 127.0.0.1 is already in use" in text, text
    assert not (tmp_path / "pg").exists()  # no PostgreSQL was started for nothing


def test_sigterm_during_start_up_stops_the_embedded_postgres(
    tmp_path: Path, stopper: list[subprocess.Popen[bytes]]
) -> None:
    log = tmp_path / "serve.log"
    env = {"WORKMATE_DATA_DIR": str(tmp_path)}
    server = _serve(["--port", str(_free_port()), "--migrate", "--demo"], env, log)
    stopper.append(server)
    # As soon as PostgreSQL runs, the server is still migrating or loading demo data.
    _wait_for(lambda: _postgres_running(tmp_path), "PostgreSQL", START_TIMEOUT, log)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=STOP_TIMEOUT)
    _wait_for(lambda: not _postgres_running(tmp_path), "PostgreSQL to stop", STOP_TIMEOUT, log)


def test_a_running_server_answers_without_announcing_itself_and_stops_on_sigterm(
    tmp_path: Path, stopper: list[subprocess.Popen[bytes]]
) -> None:
    log, port = tmp_path / "serve.log", _free_port()
    server = _serve(["--port", str(port), "--migrate"], {"WORKMATE_DATA_DIR": str(tmp_path)}, log)
    stopper.append(server)
    ready = lambda: (r := _get(port, "/api/v1/ready")) is not None and r.status == 200  # noqa: E731
    _wait_for(ready, "the server", START_TIMEOUT, log)
    api = _get(port, "/api/v1/health")
    assert api is not None and api.getheader("server") is None
    assert api.getheader("cache-control") == "no-store"
    ui = _get(port, "/")
    assert ui is not None and ui.getheader("server") is None
    assert "script-src 'self'" in (ui.getheader("content-security-policy") or "")
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=STOP_TIMEOUT) == 0
    _wait_for(lambda: not _postgres_running(tmp_path), "PostgreSQL to stop", STOP_TIMEOUT, log)


def test_helper_processes_die_with_a_killed_server(
    tmp_path: Path, database_url: str, stopper: list[subprocess.Popen[bytes]]
) -> None:
    log, port = tmp_path / "serve.log", _free_port()
    env = {"WORKMATE_DATABASE_URL": database_url, "WORKMATE_RUN_WORKER_IN_PROCESS": "false"}
    server = _serve(["--port", str(port), "--workers", "2"], env, log)
    stopper.append(server)
    ready = lambda: (r := _get(port, "/api/v1/ready")) is not None and r.status == 200  # noqa: E731
    _wait_for(ready, "the server", START_TIMEOUT, log)
    parent = psutil.Process(server.pid)
    # Two server processes, each with its e-invoice validator helper (started at warm-up).
    _wait_for(lambda: len(parent.children(recursive=True)) >= 4, "helpers", START_TIMEOUT, log)
    helpers = parent.children(recursive=True)
    server.kill()
    server.wait(timeout=STOP_TIMEOUT)

    def all_gone() -> bool:
        return not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in helpers)

    _wait_for(all_gone, "helper processes to end", STOP_TIMEOUT, log)
