"""The load driver: fixed concurrency, fixed duration (after a warm-up) or a fixed request count,
spread over one or more driver processes whose samples are merged."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.pool import Pool
from typing import Any, Literal

from bench.http import Connection, Request
from bench.scenarios import ENDPOINTS
from bench.server import connection_owner
from bench.stats import Sample

REQUEST_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Plan:
    endpoint: str
    host: str
    port: int
    concurrency: int
    mode: Literal["duration", "count"]
    warmup_s: float
    duration_s: float
    warmup_n: int
    count: int
    drivers: int
    ctx: dict[str, Any]
    start_at: float = 0.0  # time.monotonic() of the common start (system-wide clock on Linux)
    seq_base: int = 0  # a later pass over the same endpoint continues the sequence numbers
    # The server's worker processes: the driver spreads its connections evenly over them (see
    # ``balance``). Empty: connections go wherever the server accepts them.
    server_workers: tuple[int, ...] = ()


def share(total: int, parts: int, index: int) -> int:
    """How many of ``total`` slots part ``index`` of ``parts`` runs."""
    return total // parts + (1 if index < total % parts else 0)


def run(plan: Plan, pool: Pool | None) -> Sample:
    """Run the plan in ``plan.drivers`` processes (or in this one without a pool); merge."""
    drivers = min(plan.drivers, plan.concurrency)
    plan = Plan(**{**plan.__dict__, "drivers": drivers, "start_at": time.monotonic() + 0.5})
    if pool is None:
        return run_part(plan, 0)
    parts = pool.starmap(run_part, [(plan, i) for i in range(drivers)])
    return Sample.merge(parts)


def run_part(plan: Plan, index: int) -> Sample:
    try:
        import uvloop

        return uvloop.run(_run_part(plan, index))
    except ImportError:
        return asyncio.run(_run_part(plan, index))


async def _run_part(plan: Plan, index: int) -> Sample:
    spec = ENDPOINTS[plan.endpoint]
    slots = share(plan.concurrency, plan.drivers, index)
    connections = [
        Connection(plan.host, plan.port, spec.credentials(plan.ctx, _slot(plan, index, s)))
        for s in range(slots)
    ]
    sample = Sample()
    try:
        if plan.server_workers:
            sample.unbalanced = await balance(connections, plan.server_workers, index)
        if plan.mode == "duration":
            await _by_duration(plan, index, connections, sample)
        else:
            await _by_count(plan, index, connections, sample)
    finally:
        for conn in connections:
            await conn.close()
    return sample


BALANCE_ATTEMPTS = 40
PROBE = Request("GET", "/api/v1/health")


async def balance(connections: list[Connection], workers: tuple[int, ...], index: int) -> int:
    """Connect each slot to the server process it is due (round-robin over ``workers``, offset by
    the driver's index so that the driver processes together spread evenly too).

    Several worker processes accept from one listening socket, and whichever wakes first takes
    every connection waiting: connections opened at once tend to pile onto one process, which
    then queues while the other idles (measured: the same endpoint at 534 or 880 req/s depending
    on the split). A connection that landed on the wrong process is parked (kept open, so the
    next attempt is a new accept) and closed once all slots are placed. Returns the number of
    slots left on another process after ``BALANCE_ATTEMPTS`` tries."""
    off = 0
    for local, conn in enumerate(connections):
        due = workers[(local + index) % len(workers)]
        for _ in range(BALANCE_ATTEMPTS):
            await conn.send(PROBE)  # answered, so accepted: the socket has its owner now
            port = conn.local_port()
            if port is not None and connection_owner(workers, port) == due:
                break
            conn.park()
        else:
            off += 1
            await conn.send(PROBE)
    for conn in connections:
        await conn.close_parked()
    return off


async def _one(conn: Connection, plan: Plan, seq: int, slot: int) -> list[tuple[float, str]]:
    """Send the endpoint's request(s) for ``seq``: each request's latency and status (a timer
    row is a start and a stop, two writes, each measured on its own)."""
    measured: list[tuple[float, str]] = []
    for request in ENDPOINTS[plan.endpoint].build(plan.ctx, seq, slot):
        started = time.perf_counter()
        try:
            code, _ = await asyncio.wait_for(conn.send(request), REQUEST_TIMEOUT_S)
        except Exception as exc:
            await conn.close()
            measured.append(((time.perf_counter() - started) * 1000, f"exc:{type(exc).__name__}"))
            break
        measured.append(((time.perf_counter() - started) * 1000, str(code)))
    return measured


def _record(sample: Sample, ms: float, status: str) -> None:
    sample.latencies_ms.append(ms)
    sample.statuses[status] = sample.statuses.get(status, 0) + 1
    if not status.isdigit() or int(status) >= 400:
        sample.errors += 1


def _slot(plan: Plan, index: int, local: int) -> int:
    """The slot's number across all driver processes (selects its session)."""
    return local * plan.drivers + index


async def _by_duration(plan: Plan, index: int, conns: list[Connection], sample: Sample) -> None:
    await asyncio.sleep(max(0.0, plan.start_at - time.monotonic()))
    measure_from = plan.start_at + plan.warmup_s
    stop_at = measure_from + plan.duration_s
    counter = itertools.count()

    last_end = stop_at

    async def slot(local: int, conn: Connection) -> None:
        nonlocal last_end
        while time.monotonic() < stop_at:
            seq = plan.seq_base + next(counter) * plan.drivers + index
            begin = time.monotonic()
            measured = await _one(conn, plan, seq, _slot(plan, index, local))
            # Every request started in the window counts, also one that ends after it (slow
            # endpoints would otherwise show no requests at all); the window grows to match.
            if begin >= measure_from:
                for ms, status in measured:
                    _record(sample, ms, status)
                last_end = max(last_end, time.monotonic())
            if any(status.startswith("exc:") for _, status in measured):
                await asyncio.sleep(0.05)

    await asyncio.gather(*(slot(i, c) for i, c in enumerate(conns)))
    sample.window_s = last_end - measure_from


async def _by_count(plan: Plan, index: int, conns: list[Connection], sample: Sample) -> None:
    total = plan.count + plan.warmup_n * plan.drivers
    mine = iter(range(index, total, plan.drivers))
    warm = list(itertools.islice(mine, plan.warmup_n))
    for seq in warm:
        await _one(conns[0], plan, seq, _slot(plan, index, 0))
    await asyncio.sleep(max(0.0, plan.start_at - time.monotonic()))

    async def slot(local: int, conn: Connection, seqs: Iterator[int]) -> None:
        for seq in seqs:
            for ms, status in await _one(conn, plan, seq, _slot(plan, index, local)):
                _record(sample, ms, status)

    began = time.perf_counter()
    await asyncio.gather(*(slot(i, c, mine) for i, c in enumerate(conns)))
    sample.window_s = time.perf_counter() - began
