"""Job progress as the owner sees it.

``create_job``/``submit`` run in the request's transaction (flush, no commit). The progress
calls run in a handler and commit each step in its own short transaction, so the owner sees
progress while the job runs and a later failure does not undo the steps already reported.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core.errors import Conflict, NotFound
from workmate.jobs import context
from workmate.jobs.queue import enqueue
from workmate.models import Job

MESSAGE_MAX = 2000


async def create_job(
    session: AsyncSession,
    kind: str,
    owner_id: uuid.UUID | None,
    total: int = 0,
    params: dict[str, Any] | None = None,
) -> Job:
    job = Job(kind=kind, owner_id=owner_id, total=total, params=params or {}, errors=[])
    session.add(job)
    await session.flush()
    await session.refresh(job)
    return job


async def submit(
    session: AsyncSession,
    task_name: str,
    *,
    kind: str | None = None,
    owner_id: uuid.UUID | None,
    total: int = 0,
    params: dict[str, Any] | None = None,
) -> Job:
    """Create the progress record and queue ``task_name(job_id=..., **params)`` with it."""
    job = await create_job(session, kind or task_name, owner_id, total, params)
    await enqueue(session, task_name, job_id=str(job.id), **(params or {}))
    return job


async def get_for_owner(session: AsyncSession, job_id: uuid.UUID, owner_id: uuid.UUID) -> Job:
    """The job if it belongs to ``owner_id``; someone else's job is as unknown as a missing one."""
    job = await session.scalar(select(Job).where(Job.id == job_id, Job.owner_id == owner_id))
    if job is None:
        raise NotFound("This job does not exist.", code="job_not_found")
    return job


def require_result(job: Job) -> Job:
    if job.status != "succeeded" or job.result_sha is None:
        raise Conflict("The job has not produced its file yet.", code="job_not_finished")
    return job


async def _update(job_id: uuid.UUID | str, *where: Any, **values: Any) -> Job | None:
    async with context.transaction() as session:
        stmt = (
            update(Job)
            .where(Job.id == uuid.UUID(str(job_id)), *where)
            .values(**values, updated_at=func.now())
            .returning(Job)
        )
        return (await session.execute(stmt)).scalar_one_or_none()


_UNFINISHED = Job.status.in_(("queued", "running"))


async def start(job_id: uuid.UUID | str) -> Job | None:
    """Mark the job running. ``None`` if it is finished already: a repeated delivery of the
    same queue job (or a retry after success) then has nothing to do."""
    return await _update(
        job_id, _UNFINISHED, status="running", started_at=func.coalesce(Job.started_at, func.now())
    )


async def advance(
    job_id: uuid.UUID | str, ok: bool = True, error: dict[str, Any] | None = None
) -> Job | None:
    """Count one item done (``ok``) or failed (with ``error``: ``{id, label, message}``)."""
    values: dict[str, Any] = {"status": "running"}
    if ok:
        values["done"] = Job.done + 1
    else:
        values["failed"] = Job.failed + 1
        if error is not None:
            values["errors"] = Job.errors.op("||")(
                text("CAST(:error AS jsonb)").bindparams(error=json.dumps([error], default=str))
            )
    return await _update(job_id, _UNFINISHED, **values)


async def advance_many(
    job_id: uuid.UUID | str, done: int, errors: list[dict[str, Any]]
) -> Job | None:
    """Count ``done`` items done and one failed item per entry of ``errors`` at once (for jobs
    over many items, which report in batches)."""
    values: dict[str, Any] = {"status": "running", "done": Job.done + done}
    if errors:
        values["failed"] = Job.failed + len(errors)
        values["errors"] = Job.errors.op("||")(
            text("CAST(:errors AS jsonb)").bindparams(errors=json.dumps(errors, default=str))
        )
    return await _update(job_id, _UNFINISHED, **values)


async def set_total(job_id: uuid.UUID | str, total: int) -> Job | None:
    return await _update(job_id, _UNFINISHED, total=total)


async def latest_of_kind(session: AsyncSession, kind: str) -> Job | None:
    """The newest job of a kind, whoever started it (scheduled jobs have no owner)."""
    stmt = select(Job).where(Job.kind == kind).order_by(Job.created_at.desc()).limit(1)
    return (await session.scalars(stmt)).first()


async def succeed(
    job_id: uuid.UUID | str,
    result_sha: str | None = None,
    filename: str | None = None,
    content_type: str | None = None,
) -> Job | None:
    return await _update(
        job_id,
        _UNFINISHED,
        status="succeeded",
        result_sha=result_sha,
        result_filename=filename,
        result_content_type=content_type,
        started_at=func.coalesce(Job.started_at, func.now()),
        finished_at=func.now(),
    )


async def fail(job_id: uuid.UUID | str, message: str) -> Job | None:
    return await _update(
        job_id,
        _UNFINISHED,
        status="failed",
        message=message[:MESSAGE_MAX],
        finished_at=func.now(),
    )
