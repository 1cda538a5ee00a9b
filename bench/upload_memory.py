"""Memory of a streamed upload: one 100 MB document sent to the running server while the RSS of
its worker processes is sampled every 20 ms. The server must not hold the file: the growth of
the process that received it stays under ``UPLOAD_RSS_GROWTH_MB`` (issue: "a 100 MB file uploads
with a bounded server memory")."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import psutil

from bench.scenarios import UPLOAD_BOUNDARY
from bench.stats import UPLOAD_RSS_GROWTH_MB

CHUNK = 1_000_000


def _rss(pid: int) -> float:
    try:
        return psutil.Process(pid).memory_info().rss / 2**20
    except psutil.Error:
        return 0.0


def _body(megabytes: int, customer: str) -> Iterator[bytes]:
    """The multipart body in 1 MB pieces: the driver does not hold the file either. The file is
    just under ``megabytes`` MB (10^6 bytes), the default upload limit being 100 MB."""
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    yield (
        f'--{UPLOAD_BOUNDARY}\r\nContent-Disposition: form-data; name="links"\r\n\r\n'
        f"customer:{customer}\r\n"
        f'--{UPLOAD_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="bench-{megabytes}mb-{stamp}.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        f"%PDF-1.4\n%bench {stamp}\n"
    ).encode()
    filler = b"%" + b"x" * (CHUNK - 2) + b"\n"
    for _ in range(megabytes - 1):
        yield filler
    yield filler[: CHUNK - 1000]
    yield f"\r\n--{UPLOAD_BOUNDARY}--\r\n".encode()


def measure(url: str, session: dict[str, str], pids: tuple[int, ...], customer: str,
            megabytes: int = 100) -> dict[str, Any]:  # fmt: skip
    before = {pid: _rss(pid) for pid in pids}
    peaks = dict(before)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in pids:
                peaks[pid] = max(peaks[pid], _rss(pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    with httpx.Client(base_url=url, timeout=600) as client:
        response = client.post(
            "/api/v1/documents",
            content=_body(megabytes, customer),
            headers={
                "Cookie": session["cookie"],
                "X-CSRF-Token": session["csrf"],
                "Content-Type": f"multipart/form-data; boundary={UPLOAD_BOUNDARY}",
            },
        )
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    growth = {pid: round(peaks[pid] - before[pid], 1) for pid in pids}
    worst = max(growth.values(), default=0.0)
    return {
        "megabytes": megabytes,
        "status": response.status_code,
        "seconds": round(seconds, 2),
        "per_process": [
            {
                "pid": pid,
                "before_mb": round(before[pid], 1),
                "peak_mb": round(peaks[pid], 1),
                "growth_mb": growth[pid],
            }
            for pid in pids
        ],
        "growth_mb": worst,
        "target_mb": UPLOAD_RSS_GROWTH_MB,
        "ok": response.status_code == 201 and worst <= UPLOAD_RSS_GROWTH_MB,
    }
