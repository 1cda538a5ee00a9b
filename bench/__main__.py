"""`python -m bench` (`make bench`): latency and throughput per endpoint, memory, PDF jobs."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import math
import multiprocessing
import os
import sys
import time
from datetime import UTC, datetime
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import text

from bench import driver, pdf, report, setup
from bench import upload_memory as large_upload
from bench.scenarios import ENDPOINTS
from bench.server import MemorySampler, Server, server_pids, wait_ready, worker_pids
from bench.stats import EndpointResult, apply_targets, baseline_rps, summarize

console = Console(width=None if sys.stdout.isatty() else 200)
ORDER = [name for name in ENDPOINTS if name != "health"]
TABLES = ["employees", "customers", "contacts", "projects", "time_entries", "invoices"]
TABLES += ["payments", "activities"]
FINALIZE_WARMUP = 3
# Sequence numbers of the service pass start here, beyond any main run's requests.
SERVICE_SEQ_BASE = 50_000


def _env(name: str, default: str) -> str:
    return os.environ.get(f"BENCH_{name}") or default


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--url", default=_env("URL", ""), help="an already running server")
    p.add_argument("--duration", type=float, default=float(_env("DURATION", "8")))
    p.add_argument("--warmup", type=float, default=float(_env("WARMUP", "1.5")))
    p.add_argument("--concurrency", type=int, default=int(_env("CONCURRENCY", "8")))
    p.add_argument("--drivers", type=int, default=int(_env("DRIVERS", "2")))
    p.add_argument(
        "--count",
        type=int,
        default=int(_env("COUNT", "0")),
        help="a fixed number of requests per endpoint instead of a duration",
    )
    p.add_argument(
        "--service-concurrency",
        type=int,
        default=int(_env("SERVICE_CONCURRENCY", "2")),
        help="requests in flight for the second, unqueued latency pass (0: skip it)",
    )
    p.add_argument("--service-duration", type=float, default=float(_env("SERVICE_DURATION", "4")))
    p.add_argument("--only", default=_env("ONLY", ""), help="comma-separated endpoint names")
    p.add_argument("--finalize-count", type=int, default=int(_env("FINALIZE_COUNT", "200")))
    p.add_argument("--server-workers", type=int, default=int(_env("SERVER_WORKERS", "2")))
    p.add_argument(
        "--no-balance",
        action="store_true",
        default=_env("NO_BALANCE", "") != "",
        help="leave connections where the server accepts them (default: spread evenly over "
        "the server's worker processes)",
    )
    p.add_argument(
        "--no-vacuum",
        action="store_true",
        default=_env("NO_VACUUM", "") != "",
        help="skip the VACUUM (ANALYZE) of the written tables before measuring",
    )
    p.add_argument("--skip-pdf", action="store_true", default=_env("SKIP_PDF", "") != "")
    p.add_argument("--pdf-count", type=int, default=int(_env("PDF_COUNT", "1000")))
    p.add_argument("--pdf-workers", type=int, default=int(_env("PDF_WORKERS", "2")))
    p.add_argument("--pdf-concurrency", type=int, default=int(_env("PDF_CONCURRENCY", "2")))
    p.add_argument("--no-save", action="store_true", help="print only, write no result files")
    args = p.parse_args()
    chosen = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in chosen if n not in ENDPOINTS]
    if unknown:
        p.error(f"unknown endpoint(s) {unknown}; known: {', '.join(ENDPOINTS)}")
    args.endpoints = [n for n in ORDER if not chosen or n in chosen]
    return args  # fmt: skip


def database_url() -> str:
    """The app's database; starts (or attaches to) the embedded server of the data dir."""
    from workmate.cli import resolve_database_url
    from workmate.config import get_settings

    return resolve_database_url(get_settings())


# The tables the benchmark (and its setup) write to: earlier runs leave dead rows there.
WRITTEN = (
    "invoices", "invoice_lines", "payments", "time_entries", "activities", "audit_log",
    "stat_deltas", "stat_totals", "number_ranges", "procrastinate_jobs", "stored_files",
)  # fmt: skip


def vacuum(url: str) -> float:
    """VACUUM (ANALYZE) what earlier runs and the setup wrote, so that every run starts from the
    state a fresh demo load leaves (visibility map set, statistics current) and autovacuum does
    not start on a 2-million-row table in the middle of the measurement (seen at 03:04 on
    2026-11-24, on time_entries). Returns the seconds it took."""
    import psycopg

    from workmate.core.database_url import libpq_url

    began = time.monotonic()
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute(f"VACUUM (ANALYZE) {', '.join(WRITTEN)}")
    return time.monotonic() - began


async def _counts(url: str) -> dict[str, int]:
    from workmate.core.db import Database

    database = Database(url, pool_size=1)
    try:
        async with database.transaction() as session:
            return {
                # Table names come from the fixed list above, never from input.
                t: int(await session.scalar(text(f"SELECT count(*) FROM {t}")) or 0)  # noqa: S608
                for t in TABLES
            }
    finally:
        await database.dispose()


def plan_for(
    args: argparse.Namespace,
    name: str,
    url: str,
    ctx: dict[str, Any],
    *,
    concurrency: int | None = None,
    duration: float | None = None,
) -> driver.Plan:
    spec = ENDPOINTS[name]
    host, port = url.split("//", 1)[1].rstrip("/").rsplit(":", 1)
    concurrency = concurrency or args.concurrency
    if spec.sessions != "admin":
        concurrency = min(concurrency, len(ctx[spec.sessions]))
    if spec.max_concurrency:
        concurrency = min(concurrency, spec.max_concurrency)
    count_mode = spec.count_mode or args.count > 0
    if spec.fixed_count is not None:
        count = spec.fixed_count
    elif spec.count_mode:
        count = len(ctx["draft_ids"]) - FINALIZE_WARMUP * args.drivers
    else:
        count = args.count
    return driver.Plan(
        endpoint=name, host=host, port=int(port), concurrency=concurrency,
        mode="count" if count_mode else "duration", warmup_s=args.warmup,
        duration_s=duration or args.duration,
        warmup_n=(1 if spec.fixed_count else FINALIZE_WARMUP) if spec.count_mode else 0,
        count=count, drivers=min(args.drivers, concurrency), ctx=ctx,
        server_workers=args.balance_over,
    )  # fmt: skip


def measure(args: argparse.Namespace, url: str, ctx: dict[str, Any], pool: Any) -> list[Any]:
    results: list[EndpointResult] = []
    names = ["health", *args.endpoints, "health"]
    for i, name in enumerate(names):
        plan = plan_for(args, name, url, ctx)
        sample = driver.run(plan, pool)
        _warn_unbalanced(name, sample)
        result = summarize(name, ENDPOINTS[name].kind, ENDPOINTS[name].label, plan.concurrency,
                           sample)  # fmt: skip
        if name == "health":
            result.name = "health (start)" if i == 0 else "health (end)"
        console.print(
            f"{result.name:24} p50 {result.p50_ms:7.1f}  p95 {result.p95_ms:7.1f}  "
            f"p99 {result.p99_ms:7.1f} ms  {result.rps:8.1f} req/s  errors {result.errors}"
            + (f" {result.statuses}" if result.errors else "")
        )
        results.append(result)
    if args.service_concurrency > 0:
        _service_pass(args, url, ctx, pool, results)
    return results


def _warn_unbalanced(name: str, sample: Any) -> None:
    if sample.unbalanced:
        console.print(
            f"[yellow]{name}: {sample.unbalanced} connection(s) not on their server process "
            "(the server's processes are loaded unevenly)[/yellow]"
        )


def _service_pass(
    args: argparse.Namespace, url: str, ctx: dict[str, Any], pool: Any, results: list[Any]
) -> None:
    """Each endpoint again with ``--service-concurrency`` requests in flight (default 2, one
    per server process): the latency an endpoint costs without waiting behind others. Skips
    finalizing (each request consumes a prepared draft)."""
    conc = args.service_concurrency
    console.print(f"Service latency ({conc} in flight, {args.service_duration:g} s each):")
    for result in results:
        spec = ENDPOINTS.get(result.name)
        if spec is None or spec.kind == "baseline" or spec.count_mode or args.count > 0:
            continue
        plan = plan_for(args, result.name, url, ctx, concurrency=conc,
                        duration=args.service_duration)  # fmt: skip
        # Continue the sequence (time entries use it for their non-overlapping slots).
        plan = dataclasses.replace(plan, seq_base=SERVICE_SEQ_BASE)
        sample = driver.run(plan, pool)
        _warn_unbalanced(result.name, sample)
        quiet = summarize(result.name, spec.kind, spec.label, plan.concurrency,
                          sample)  # fmt: skip
        result.service_concurrency = plan.concurrency
        result.service_p50_ms, result.service_p95_ms = quiet.p50_ms, quiet.p95_ms
        console.print(
            f"{result.name:24} p50 {quiet.p50_ms:7.1f}  p95 {quiet.p95_ms:7.1f} ms  "
            f"{quiet.rps:8.1f} req/s  errors {quiet.errors}"
        )


def main() -> None:
    args = parse()
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H-%M-%SZ")
    db_url = database_url()
    counts = asyncio.run(_counts(db_url))
    console.print("Data set: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    report.RESULTS.mkdir(exist_ok=True)
    server = None if args.url else Server(workers=args.server_workers)
    if server is not None:
        server.start(report.RESULTS / f"server-{stamp}.tmp")
        url = server.url
    else:
        url = args.url.rstrip("/")
        wait_ready(url, 10)
    pid = server.process.pid if server and server.process else server_pids(url)
    sampler = MemorySampler(pid) if pid else None
    args.balance_over = worker_pids(pid) if pid and not args.no_balance else ()
    pool = multiprocessing.get_context("spawn").Pool(args.drivers)
    upload_memory: dict[str, Any] | None = None
    try:
        began = time.monotonic()
        finalize = "invoice_finalize" in args.endpoints
        drafts = args.finalize_count + FINALIZE_WARMUP * args.drivers if finalize else 0
        timers = args.concurrency if "timer_start_stop" in args.endpoints else 1
        ctx = setup.prepare(url, drafts=drafts, timer_sessions=timers)
        console.print(f"Setup done in {time.monotonic() - began:.1f} s")
        if not args.no_vacuum:
            console.print(f"VACUUM (ANALYZE) of the written tables: {vacuum(db_url):.1f} s")
        console.print(f"Measuring {url}")
        if sampler:
            sampler.start()
        results = measure(args, url, ctx, pool)
        if "document_upload" in args.endpoints and pid:
            console.print("Upload of one 100 MB document, server memory sampled every 20 ms...")
            upload_memory = large_upload.measure(
                url, ctx["admin"], worker_pids(pid) or (pid,), ctx["customer_ids"][0]
            )
    finally:
        memory = sampler.stop() if sampler else []
        pool.terminate()
        if server is not None:
            server.stop()
    base = baseline_rps(results[0], results[-1])
    apply_targets(results, base)
    pdf_result = None
    if not args.skip_pdf:
        console.print(f"PDF benchmark: {args.pdf_count} invoices, {args.pdf_workers} workers...")
        tmp = report.RESULTS / f"pdf-{stamp}.tmp"
        pdf_result = pdf.run(
            db_url, count=args.pdf_count, workers=args.pdf_workers,
            concurrency=args.pdf_concurrency, tmp=tmp,
        )  # fmt: skip
    data = {
        "timestamp": stamp,
        "machine": report.machine(),
        "dataset": counts,
        "config": {k: v for k, v in vars(args).items() if k not in ("endpoints", "balance_over")},
        "baseline_rps": base,
        "memory": memory,
        "pdf": pdf_result,
        "upload_memory": upload_memory,
    }
    show(data, results)
    if not args.no_save:
        console.print(f"Results: {report.write(data, results)} (and latest.md/json)")
    for scratch in report.RESULTS.glob(f"*{stamp}*.tmp"):  # logs are kept only after a crash
        scratch.unlink()


def show(data: dict[str, Any], results: list[EndpointResult]) -> None:
    table = Table(title=f"Workmate benchmark {data['timestamp']}")
    for header in report.HEADERS:
        table.add_column(header, justify="left" if header in ("endpoint", "targets") else "right")
    for row in report.table_rows(results):
        table.add_row(*row)
    console.print(table)
    base = data["baseline_rps"]
    console.print(f"Baseline GET /health: {base:.0f} req/s" if not math.isnan(base) else "")
    console.print("\n".join(report.extras(data)))


if __name__ == "__main__":
    main()
