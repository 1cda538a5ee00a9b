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
    """The PID of the process listening on the URL's port (for `--url` runs)."""
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    for conn in psutil.net_connections("tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port:
            return int(conn.pid)
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
        # uvicorn's master, its worker processes (the server processes the RSS target is about)
        # and their helpers (the e-invoice validator), reported separately.
        candidates = []
        for child in self.root.children(recursive=True):
            try:
                cmdline = " ".join(child.cmdline())
                parent = child.ppid()
            except psutil.Error:
                continue
            if "python" in child.name() and "resource_tracker" not in cmdline:
                candidates.append((parent, child))
        workers = {child.pid for parent, child in candidates if parent == self.root.pid}
        found = [("master", self.root)]
        for parent, child in candidates:
            if child.pid in workers:
                found.append(("worker", child))
            elif parent in workers:
                found.append(("helper", child))
        return found

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
