"""The PDF benchmark: render and validate N finalized invoices through the job queue."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench.pdf_tasks import TASK_NAME
from bench.server import ROOT, workmate_command
from bench.stats import PDF_TARGET_S, percentile

ENV = {"WORKMATE_EXTRA_TASK_MODULES": "bench.pdf_tasks", "WORKMATE_LOG_LEVEL": "warning"}
PICK = text(
    """
    SELECT id FROM invoices
    WHERE kind = 'invoice' AND status <> 'draft'
      AND seller_snapshot IS NOT NULL AND buyer_snapshot IS NOT NULL
    ORDER BY finalized_at DESC NULLS LAST, id LIMIT :n
    """
)
RESET = text(
    """
    UPDATE invoices SET render_status = 'none', pdf_sha = NULL, timesheet_sha = NULL,
        render_error = NULL
    WHERE id = ANY(:ids)
    """
)
# Jobs of this run only (their log path is unique per run): failures of earlier runs stay in
# the table and must not count against this one.
REMAINING = text(
    """
    SELECT status::text, count(*) FROM procrastinate_jobs
    WHERE task_name = :task AND args->>'log_path' = :log
      AND status IN ('todo', 'doing', 'failed')
    GROUP BY status
    """
)
OTHERS = text("SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')")


def start_workers(count: int, concurrency: int, log: Path) -> list[subprocess.Popen[bytes]]:
    env = {**os.environ, **ENV, "PYTHONPATH": str(ROOT)}
    command = [*workmate_command(), "worker", "--concurrency", str(concurrency)]
    with log.open("ab") as out:
        return [
            subprocess.Popen(command, env=env, stdout=out, stderr=out, cwd=ROOT)
            for _ in range(count)
        ]


def stop_workers(workers: list[subprocess.Popen[bytes]]) -> None:
    for proc in workers:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in workers:
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


async def _enqueue(db_url: str, ids: list[str], log_path: Path) -> None:
    from workmate.core.db import Database
    from workmate.jobs import enqueue

    database = Database(db_url, pool_size=1)
    try:
        async with database.transaction() as session:
            await session.execute(RESET, {"ids": ids})
            for invoice_id in ids:
                await enqueue(session, TASK_NAME, invoice_id=invoice_id, log_path=str(log_path))
    finally:
        await database.dispose()


async def _query(db_url: str, statement: Any, **params: Any) -> list[Any]:
    from workmate.core.db import Database

    database = Database(db_url, pool_size=1)
    try:
        async with database.transaction() as session:
            return list((await session.execute(statement, params)).all())
    finally:
        await database.dispose()


def _wait(db_url: str, timeout: float, log_path: Path) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    while True:
        left = dict(asyncio.run(_query(db_url, REMAINING, task=TASK_NAME, log=str(log_path))))
        if (not left.get("todo") and not left.get("doing")) or time.monotonic() > deadline:
            return {str(k): int(v) for k, v in left.items()}
        time.sleep(0.1)


def run(db_url: str, *, count: int, workers: int, concurrency: int, tmp: Path) -> dict[str, Any]:
    ids = [str(r[0]) for r in asyncio.run(_query(db_url, PICK, n=count + workers * concurrency))]
    if len(ids) <= workers * concurrency:
        return {"skipped": "not enough finalized invoices with an e-invoice"}
    warm, ids = ids[: workers * concurrency], ids[workers * concurrency :]
    log = tmp.with_suffix(".workers.tmp")
    procs = start_workers(workers, concurrency, log)
    try:
        # Warm-up (not measured): worker start, Typst and the compiled schematron per process.
        asyncio.run(_enqueue(db_url, warm, tmp.with_suffix(".warm.tmp")))
        _wait(db_url, 300, tmp.with_suffix(".warm.tmp"))
        others = int(asyncio.run(_query(db_url, OTHERS))[0][0])
        tmp.unlink(missing_ok=True)
        asyncio.run(_enqueue(db_url, ids, tmp))
        started = time.perf_counter()  # the jobs become visible with the commit
        left = _wait(db_url, 1800, tmp)
        wall = time.perf_counter() - started
    finally:
        stop_workers(procs)
    if left.get("failed"):
        # Keep the workers' output (tracebacks) next to the results; a clean run removes it.
        kept = log.with_suffix(".log")
        log.rename(kept)
        print(f"{left['failed']} job(s) failed: see {kept}")
    records = [json.loads(line) for line in tmp.read_text().splitlines()] if tmp.exists() else []
    per_ms = [r["ms"] for r in records]
    return {
        "invoices": len(ids),
        "done": len(records),
        "failed_jobs": left.get("failed", 0),
        "invalid": sum(1 for r in records if r["errors"]),
        "workers": workers,
        "concurrency_per_worker": concurrency,
        "other_jobs_queued": others,
        "wall_s": round(wall, 2),
        "invoices_per_s": round(len(records) / wall, 2) if wall else None,
        "median_ms": round(percentile(per_ms, 50), 1) if per_ms else None,
        "p95_ms": round(percentile(per_ms, 95), 1) if per_ms else None,
        "median_render_ms": round(percentile([r["render_ms"] for r in records], 50), 1)
        if records
        else None,
        "target_s": PDF_TARGET_S,
        "requested": count,
        "ok": wall <= PDF_TARGET_S and len(records) == len(ids) == count and not left.get("failed"),
    }
