"""Transactional enqueue, running jobs, progress and failure."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from workmate import jobs
from workmate.core.db import Database
from workmate.jobs import service
from workmate.models import Job
from workmate.storage import store

RunJobs = Callable[[], Awaitable[None]]
seen: list[str] = []


@jobs.task(name="tests.record")
async def record(marker: str) -> None:
    seen.append(marker)


@jobs.task(name="tests.export")
async def export(job_id: str, items: list[str]) -> None:
    if await service.start(job_id) is None:
        return
    for item in items:
        if item.startswith("bad"):
            await service.advance(job_id, ok=False, error={"id": item, "message": "kaputt"})
        else:
            await service.advance(job_id)
    async with jobs.context.transaction() as session:
        stored = await store(session, ",".join(items).encode(), "text/csv")
    await service.succeed(job_id, stored.sha256, "Export März.csv", "text/csv")


@jobs.task(name="tests.explode")
async def explode(job_id: str) -> None:
    await service.start(job_id)
    await service.advance(job_id)
    raise RuntimeError("Die Vorlage fehlt.")


@pytest.fixture(autouse=True)
def _clear_seen() -> None:
    seen.clear()


async def _queued(session: AsyncSession) -> int:
    return int(await session.scalar(text("SELECT count(*) FROM procrastinate_jobs")) or 0)


async def test_committed_enqueue_runs(database: Database, run_jobs: RunJobs) -> None:
    async with database.transaction() as session:
        queue_id = await jobs.enqueue(session, "tests.record", marker="committed")
        assert queue_id > 0
        assert seen == []
    await run_jobs()
    assert seen == ["committed"]


async def _enqueue_then_fail(database: Database) -> None:
    async with database.transaction() as session:
        await jobs.enqueue(session, "tests.record", marker="rolled back")
        raise RuntimeError("request failed")


async def test_rolled_back_enqueue_leaves_no_job(database: Database, run_jobs: RunJobs) -> None:
    with pytest.raises(RuntimeError, match="request failed"):
        await _enqueue_then_fail(database)
    async with database.transaction() as session:
        assert await _queued(session) == 0
    await run_jobs()
    assert seen == []


async def test_uncommitted_job_is_invisible_to_workers(
    database: Database, run_jobs: RunJobs
) -> None:
    async with database.transaction() as session:
        await jobs.enqueue(session, "tests.record", marker="later")
        await run_jobs()
        assert seen == []
    await run_jobs()
    assert seen == ["later"]


async def test_unknown_task_is_refused(session: AsyncSession) -> None:
    with pytest.raises(jobs.UnknownTask, match=r"tests\.nope"):
        await jobs.enqueue(session, "tests.nope")


async def test_progress_and_result(database: Database, run_jobs: RunJobs) -> None:
    async with database.transaction() as session:
        job = await service.submit(
            session,
            "tests.export",
            owner_id=None,
            total=3,
            params={"items": ["a", "bad-b", "c"]},
        )
        assert job.status == "queued"
        assert job.errors == []
    await run_jobs()
    async with database.transaction() as session:
        done = await session.get_one(Job, job.id)
    assert (done.status, done.done, done.failed, done.total) == ("succeeded", 2, 1, 3)
    assert done.errors == [{"id": "bad-b", "message": "kaputt"}]
    assert done.result_filename == "Export März.csv"
    assert done.started_at is not None
    assert done.finished_at is not None


async def test_failing_task_fails_the_job_with_its_message(
    database: Database, run_jobs: RunJobs
) -> None:
    async with database.transaction() as session:
        job = await service.submit(session, "tests.explode", owner_id=None, total=2)
    await run_jobs()
    async with database.transaction() as session:
        failed = await session.get_one(Job, job.id)
        queue_status = await session.scalar(text("SELECT status::text FROM procrastinate_jobs"))
    assert (failed.status, failed.message, failed.done) == ("failed", "Die Vorlage fehlt.", 1)
    assert failed.finished_at is not None
    assert queue_status == "failed"


async def test_progress_calls_after_finish_change_nothing(database: Database) -> None:
    async with database.transaction() as session:
        job = await service.create_job(session, "tests.manual", None, total=1)
    jobs.context.configure(database)
    try:
        assert await service.start(job.id) is not None
        assert await service.fail(job.id, "stopped") is not None
        assert await service.advance(job.id) is None
        assert await service.start(job.id) is None
        assert await service.succeed(job.id) is None
    finally:
        await jobs.context.reset()
    async with database.transaction() as session:
        row = await session.get_one(Job, job.id)
        count = await session.scalar(select(func.count()).select_from(Job))
    assert (row.status, row.message, row.done, count) == ("failed", "stopped", 0, 1)
