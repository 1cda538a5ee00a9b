"""The benchmark's pure parts: percentiles, targets and result files (no server, no timing)."""

from __future__ import annotations

import asyncio
import json
import math
from pathlib import Path

import pytest
from bench.driver import share
from bench.stats import Sample, apply_targets, baseline_rps, percentile, summarize

from bench import driver, report


def test_percentile_interpolates_like_numpy() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile([7.0], 99) == 7.0
    assert math.isnan(percentile([], 50))


def test_samples_merge_and_summarize() -> None:
    a = Sample(latencies_ms=[1.0, 2.0], statuses={"200": 2}, window_s=2.0)
    b = Sample(latencies_ms=[3.0], errors=1, statuses={"409": 1}, window_s=2.0)
    result = summarize("x", "write", "POST /x", 4, Sample.merge([a, b]))
    assert (result.requests, result.errors, result.rps) == (3, 1, 1.5)
    assert result.statuses == {"200": 2, "409": 1}


def test_targets_and_baseline_ratio() -> None:
    fast = summarize("d", "detail", "GET /d", 8, Sample([10.0] * 100, window_s=1.0))
    slow = summarize("s", "stats", "GET /s", 8, Sample([150.0] * 10, window_s=1.0))
    base = baseline_rps(
        summarize("h", "baseline", "GET /h", 8, Sample([1.0] * 200, window_s=1.0)),
        summarize("h", "baseline", "GET /h", 8, Sample([1.0] * 400, window_s=1.0)),
    )
    assert base == 300
    apply_targets([fast, slow], base)
    assert fast.ratio == pytest.approx(1 / 3)
    assert fast.checks == {"p95<=30ms": True, "rps>=35% of baseline": False}
    assert slow.checks == {"p95<=100ms": False}


def test_slots_are_shared_over_driver_processes() -> None:
    assert [share(9, 2, i) for i in range(2)] == [5, 4]
    assert sum(share(16, 3, i) for i in range(3)) == 16


def test_results_are_written_as_json_and_markdown(tmp_path: Path) -> None:
    result = summarize("health (start)", "baseline", "GET /health", 8, Sample([1.0], window_s=1))
    data = {
        "timestamp": "2026-01-02T03-04-05Z",
        "machine": {"cpu": "X", "cores": 2, "ram_gb": 1, "python": "3.11", "git_commit": "abc",
                    "git_dirty": False},
        "dataset": {"customers": 12},
        "config": {"drivers": 1, "concurrency": 8, "warmup": 1, "duration": 8},
        "baseline_rps": 1.0,
        "memory": [{"pid": 1, "role": "master", "peak_rss_mb": 100.0}],
        "pdf": None,
    }  # fmt: skip
    path = report.write(data, [result], tmp_path)
    assert path.name == "20260102T030405Z.md"
    assert "| health (start) | baseline |" in (tmp_path / "latest.md").read_text()
    saved = json.loads((tmp_path / "latest.json").read_text())
    assert saved["endpoints"][0]["p50_ms"] == 1.0


def test_connections_are_spread_over_the_server_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each slot ends up on its due worker (round-robin, offset per driver); connections that
    landed elsewhere are parked until all are placed, then closed."""
    accepts = iter([1, 1, 1, 2, 1, 1, 2, 2, 1])  # which worker accepts each new connection
    owner: dict[int, int] = {}
    ports = iter(range(40000, 40100))

    class Fake:
        def __init__(self) -> None:
            self.port: int | None = None
            self.parked: list[int] = []
            self.closed: list[int] = []

        async def send(self, request: object) -> tuple[int, bytes]:
            if self.port is None:
                self.port = next(ports)
                owner[self.port] = next(accepts)
            return 200, b"{}"

        def local_port(self) -> int | None:
            return self.port

        def park(self) -> None:
            assert self.port is not None
            self.parked.append(self.port)
            self.port = None

        async def close_parked(self) -> None:
            self.closed, self.parked = self.parked, []

    monkeypatch.setattr(driver, "connection_owner", lambda pids, port: owner[port])
    conns = [Fake() for _ in range(4)]
    off = asyncio.run(driver.balance(conns, (1, 2), 1))  # type: ignore[arg-type]
    assert off == 0
    assert [owner[c.port] for c in conns if c.port] == [2, 1, 2, 1]
    assert [len(c.closed) for c in conns] == [3, 0, 1, 1]  # the misplaced ones, closed
    assert all(not c.parked for c in conns)

    always_one = Fake()
    accepts = iter([1] * 100)
    monkeypatch.setattr(driver, "BALANCE_ATTEMPTS", 3)
    assert asyncio.run(driver.balance([always_one], (1, 2), 1)) == 1  # type: ignore[list-item]
    assert always_one.port is not None and len(always_one.closed) == 3
