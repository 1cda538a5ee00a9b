"""The server under test: `workmate serve` as a subprocess, and its memory while it runs."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def workmate_command() -> list[str]:
    script = Path(sys.executable).parent / "workmate"
    return [str(script)] if script.exists() else [sys.executable, "-m", "workmate.cli"]


@dataclass
class Server:
    """``workmate serve --workers N --no-worker`` on a free loopback port."""

    workers: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, log: Path, timeout: float = 180.0) -> None:
        env = {**os.environ, "WORKMATE_LOG_LEVEL": "warning"}
        command = [
            *workmate_command(),
            "serve", "--host", "127.0.0.1", "--port", str(self.port),
            "--workers", str(self.workers), "--no-worker",
        ]  # fmt: skip
        with log.open("wb") as out:
            self.process = subprocess.Popen(command, env=env, stdout=out, stderr=out, cwd=ROOT)
        wait_ready(self.url, timeout, self.process)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def wait_ready(url: str, timeout: float, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"The server exited with code {process.returncode}.")
        try:
            if httpx.get(f"{url}/api/v1/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"{url} was not ready within {timeout:.0f} s.")


def server_pids(url: str) -> int | None:
    """The PID of the server listening on the URL's port (for `--url` runs): uvicorn's master,
    not one of its workers, which share the listening socket (psutil names one holder)."""
    port = int(url.rsplit(":", 1)[1].split("/")[0])

    def listens(proc: psutil.Process) -> bool:
        try:
            return any(
                c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port
                for c in proc.net_connections("tcp")
            )
        except psutil.Error:
            return False

    for conn in psutil.net_connections("tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port:
            proc = psutil.Process(conn.pid)
            while (parent := proc.parent()) is not None and listens(parent):
                proc = parent
            return int(proc.pid)
    return None


def server_processes(root: psutil.Process) -> list[tuple[str, psutil.Process]]:
    """uvicorn's master, its worker processes (the server processes the RSS target is about) and
    their helpers (the e-invoice validator), each with its role."""
    candidates = []
    for child in root.children(recursive=True):
        try:
            cmdline = " ".join(child.cmdline())
            parent = child.ppid()
        except psutil.Error:
            continue
        if "python" in child.name() and "resource_tracker" not in cmdline:
            candidates.append((parent, child))
    workers = {child.pid for parent, child in candidates if parent == root.pid}
    found = [("master", root)]
    for parent, child in candidates:
        if child.pid in workers:
            found.append(("worker", child))
        elif parent in workers:
            found.append(("helper", child))
    return found


def worker_pids(master: int) -> tuple[int, ...]:
    """The server's worker processes; the master itself when it serves alone (``--workers 1``
    runs in one process)."""
    root = psutil.Process(master)
    workers = tuple(sorted(p.pid for role, p in server_processes(root) if role == "worker"))
    return workers or (master,)


def connection_owner(pids: tuple[int, ...], local_port: int) -> int | None:
    """Which of the processes holds the server end of our connection from ``local_port``."""
    for pid in pids:
        try:
            for conn in psutil.Process(pid).net_connections("tcp"):
                if conn.raddr and conn.raddr.port == local_port:
                    return pid
        except psutil.Error:
            continue
    return None


class MemorySampler(threading.Thread):
    """Peak RSS of the server's Python processes (master and workers), sampled every 200 ms."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True, name="rss-sampler")
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peaks: dict[int, tuple[str, float]] = {}
        self._halt = threading.Event()

    def _processes(self) -> list[tuple[str, psutil.Process]]:
        return server_processes(self.root)

    def run(self) -> None:
        while not self._halt.is_set():
            try:
                for role, proc in self._processes():
                    mb = proc.memory_info().rss / 2**20
                    peak = self.peaks.get(proc.pid, (role, 0.0))[1]
                    self.peaks[proc.pid] = (role, max(peak, mb))
            except psutil.Error:
                pass
            self._halt.wait(self.interval)

    def stop(self) -> list[dict[str, object]]:
        self._halt.set()
        if self.is_alive():
            self.join(timeout=2)
        rows: list[dict[str, object]] = [
            {"pid": pid, "role": role, "peak_rss_mb": round(mb, 1)}
            for pid, (role, mb) in sorted(self.peaks.items(), key=lambda kv: kv[1][0] != "master")
        ]
        return rows
