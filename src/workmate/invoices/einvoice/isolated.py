"""E-invoice validation in a helper process, one per server process.

SaxonC (the EN 16931 schematron) needs about 150 MB and holds Python's GIL while it runs
(~20 ms per document): inside a server process it would stall every other request on that
event loop and push the process past its memory budget. A single-worker process pool keeps it
apart; the server only sends the XML and receives the findings. The helper is started on first
use (or by ``warm_up`` at server start) and replaced if it dies.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from workmate.core import processes
from workmate.invoices.einvoice.validation import Finding, validate
from workmate.invoices.einvoice.validation import warm_up as _compile

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_helper,
            )
        return _pool


def _start_helper() -> None:
    """In the helper: end with the server process, even when that is killed (``kill -9``), so
    no validator is left behind; then compile the schemas."""
    processes.die_with_parent(signal.SIGKILL)
    _compile()


def _discard(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


async def validate_isolated(xml: bytes) -> list[Finding]:
    """``einvoice.validate`` in the helper process (retried once on a fresh helper)."""
    loop = asyncio.get_running_loop()
    for attempt in (1, 2):
        pool = _executor()
        try:
            return await loop.run_in_executor(pool, validate, xml)
        except BrokenProcessPool:
            _discard(pool)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def warm_up() -> None:
    """Start the helper and compile the schemas in the background (server start)."""
    _executor().submit(_compile)


def shutdown() -> None:
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
