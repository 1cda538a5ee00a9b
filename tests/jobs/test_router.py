"""GET /api/v1/jobs/{id} and its download, for the job's owner only."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_employee
from workmate import jobs
from workmate.core.db import Database
from workmate.jobs import service
from workmate.storage import store

RunJobs = Callable[[], Awaitable[None]]
URL = "/api/v1/jobs"


@jobs.task(name="tests.router.report")
async def report(job_id: str, rows: int) -> None:
    job = await service.start(job_id)
    assert job is not None
    # Resumable: items counted by an earlier (interrupted) run are not counted twice.
    for _ in range(rows - job.done):
        await service.advance(job_id)
    async with jobs.context.transaction() as session:
        stored = await store(session, b"Kunde;Umsatz\n" * rows, "text/csv")
    await service.succeed(job_id, stored.sha256, "Umsätze 2026.csv", "text/csv")


async def test_progress_then_download(
    client: AsyncClient, session: AsyncSession, database: Database, run_jobs: RunJobs
) -> None:
    me = await logged_in_as(client, session, "employee")
    async with database.transaction() as s:
        job = await service.submit(
            s, "tests.router.report", owner_id=me.id, total=2, params={"rows": 2}
        )
    queued = await client.get(f"{URL}/{job.id}")
    assert queued.status_code == 200, queued.text
    body = queued.json()
    assert (body["status"], body["done"], body["total"], body["progress"]) == ("queued", 0, 2, 0)
    assert body["download_url"] is None

    early = await client.get(f"{URL}/{job.id}/download")
    assert early.status_code == 409
    assert early.json()["code"] == "job_not_finished"

    jobs.context.configure(database)
    try:
        await service.start(job.id)
        await service.advance(job.id)
    finally:
        await jobs.context.reset()
    running = (await client.get(f"{URL}/{job.id}")).json()
    assert (running["status"], running["done"], running["progress"]) == ("running", 1, 50)
    assert running["started_at"] is not None

    await run_jobs()
    finished = (await client.get(f"{URL}/{job.id}")).json()
    assert (finished["status"], finished["done"], finished["progress"]) == ("succeeded", 2, 100)
    assert finished["download_url"] == f"/api/v1/jobs/{job.id}/download"
    assert finished["finished_at"] is not None

    download = await client.get(finished["download_url"])
    assert download.status_code == 200
    assert download.content == b"Kunde;Umsatz\n" * 2
    assert download.headers["content-type"].startswith("text/csv")
    disposition = download.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''Ums%C3%A4tze%202026.csv" in disposition


async def test_someone_elses_or_unknown_job_is_404(
    client: AsyncClient, session: AsyncSession
) -> None:
    other = await make_employee(session)
    job = await service.create_job(session, "tests.router.report", other.id, total=1)
    await session.commit()
    await logged_in_as(client, session, "admin")
    for url in (f"{URL}/{job.id}", f"{URL}/{job.id}/download", f"{URL}/{uuid.uuid4()}"):
        response = await client.get(url)
        assert response.status_code == 404, url
        assert response.json()["code"] == "job_not_found"


async def test_signed_out_is_401(client: AsyncClient, session: AsyncSession) -> None:
    job = await service.create_job(session, "tests.router.report", None)
    await session.commit()
    response = await client.get(f"{URL}/{job.id}")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
