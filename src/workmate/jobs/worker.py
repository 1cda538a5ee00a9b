"""Running the queue's worker: `workmate worker`, inside `serve`, or until empty in tests."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from procrastinate.job_context import JobContext

from workmate.core.db import Database
from workmate.jobs import context
from workmate.jobs.queue import connector_for, load_task_modules, queue

log = logging.getLogger(__name__)

# Jobs a stopping worker lets finish before it aborts them (they are retried only if their task
# allows it; see ADR 0006).
SHUTDOWN_GRACE_SECONDS = 10.0


def _will_retry(job_context: JobContext, exc: BaseException) -> bool:
    registered = job_context.app.tasks.get(job_context.job.task_name)
    if registered is None or registered.retry_strategy is None:
        return False
    decision = registered.retry_strategy.get_retry_decision(exception=exc, job=job_context.job)
    return decision is not None


async def mark_progress_failed(
    call_next: Callable[[], Awaitable[Any]], job_context: JobContext, worker: object
) -> Any:
    """A task that raises for good fails its progress record (task argument ``job_id``)."""
    try:
        return await call_next()
    except Exception as exc:
        job_id = job_context.job.task_kwargs.get("job_id")
        if job_id and not _will_retry(job_context, exc):
            from workmate.jobs import service

            try:
                await service.fail(str(job_id), str(exc) or type(exc).__name__)
            except Exception:
                log.exception("could not mark job %s failed", job_id)
        raise


async def run_worker(
    url: str,
    *,
    concurrency: int = 1,
    wait: bool = True,
    database: Database | None = None,
    install_signal_handlers: bool = False,
    shutdown_grace_seconds: float = SHUTDOWN_GRACE_SECONDS,
    name: str = "workmate",
    periodic: bool = True,
) -> None:
    """Process jobs until stopped (cancel the task, or a signal) or, with ``wait=False``, until
    the queue is empty. Handlers get ``database`` (or a new one for ``url``) via jobs.context.

    ``periodic=False`` leaves the scheduled tasks (e.g. the nightly integrity check) out: the
    tests run the queue at any hour and must not see a schedule that happens to be due."""
    load_task_modules()
    context.configure(database or Database(url, pool_size=concurrency + 1), owned=database is None)
    schedules = queue.periodic_registry.periodic_tasks
    kept = dict(schedules)
    if not periodic:
        schedules.clear()
    try:
        with queue.replace_connector(connector_for(url, max_size=concurrency + 3)):
            async with queue.open_async():
                await queue.run_worker_async(
                    name=name,
                    concurrency=concurrency,
                    wait=wait,
                    listen_notify=wait,
                    install_signal_handlers=install_signal_handlers,
                    shutdown_graceful_timeout=shutdown_grace_seconds,
                    delete_jobs="successful",
                    worker_middleware=[mark_progress_failed],
                )
    finally:
        schedules.update(kept)
        await context.reset()


class InProcessWorker:
    """The worker inside a server process (embedded default), started and stopped by the app's
    lifespan. uvicorn owns the signals; stopping cancels the worker, which finishes its jobs."""

    def __init__(self, url: str, database: Database, concurrency: int) -> None:
        self.url = url
        self.database = database
        self.concurrency = concurrency
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(
            run_worker(
                self.url,
                concurrency=self.concurrency,
                database=self.database,
                name="workmate-in-process",
            ),
            name="workmate-job-worker",
        )
        self._task.add_done_callback(_report_crash)

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is None or task.done():
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def _report_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("the in-process job worker stopped", exc_info=task.exception())
