"""A job's progress and result, for its owner only (self-service, checked in the service)."""

from __future__ import annotations

import uuid

from fastapi.responses import StreamingResponse

from workmate.auth.dependencies import CurrentUser
from workmate.core.db import DbSession
from workmate.core.errors import Conflict, NotFound, responses
from workmate.core.routing import Router
from workmate.jobs import service
from workmate.jobs.schemas import JobItemError, JobRead
from workmate.models import Job
from workmate.storage import get_storage

router = Router(prefix="/jobs", tags=["jobs"])


def to_read(job: Job) -> JobRead:
    processed = job.done + job.failed
    if job.status == "succeeded":
        progress = 100
    else:
        progress = processed * 100 // job.total if job.total else 0
    download = f"/api/v1/jobs/{job.id}/download" if job.result_sha else None
    return JobRead(
        id=job.id,
        kind=job.kind,
        status=job.status,
        total=job.total,
        done=job.done,
        failed=job.failed,
        progress=progress,
        errors=[JobItemError.model_validate(e) for e in job.errors],
        message=job.message,
        result_filename=job.result_filename,
        download_url=download,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


@router.get("/{job_id}", response_model=JobRead, responses=responses(NotFound))
async def read_job(job_id: uuid.UUID, principal: CurrentUser, session: DbSession) -> JobRead:
    return to_read(await service.get_for_owner(session, job_id, principal.id))


@router.get(
    "/{job_id}/download",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"application/octet-stream": {}}, "description": "The result file"},
        **responses(NotFound, Conflict),
    },
)
async def download_job_result(
    job_id: uuid.UUID, principal: CurrentUser, session: DbSession
) -> StreamingResponse:
    job = service.require_result(await service.get_for_owner(session, job_id, principal.id))
    assert job.result_sha is not None
    assert job.result_filename is not None
    return StreamingResponse(
        get_storage().stream(job.result_sha),
        media_type=job.result_content_type or "application/octet-stream",
        headers={"Content-Disposition": attachment(job.result_filename)},
    )


def attachment(filename: str) -> str:
    """RFC 6266: an ASCII fallback plus the UTF-8 name (umlauts in German file names)."""
    from urllib.parse import quote

    fallback = filename.encode("ascii", "replace").decode().replace('"', "'").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
