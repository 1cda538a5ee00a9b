"""Background jobs of documents: text and thumbnail of a new version, removing the files of a
deleted document, and the integrity check (daily and on demand).

Jobs take ids, are idempotent and open their own short sessions (STYLE.md 10).
"""

from __future__ import annotations

import uuid

import anyio.to_thread

from workmate.config import get_settings
from workmate.documents import files, integrity, pipeline
from workmate.documents import repository as repo
from workmate.documents.filetypes import KINDS, FileKind
from workmate.jobs import context
from workmate.jobs import service as jobs
from workmate.jobs.queue import queue, task
from workmate.storage import purge, store


def kind_of(content_type: str) -> FileKind | None:
    return next((k for k, info in KINDS.items() if info.content_type == content_type), None)


@task(name="documents.process_version", retry=2)
async def process_version(version_id: str) -> None:
    """Extract the searchable text and render the thumbnail of one version (again: same
    result, the thumbnail is content-addressed)."""
    async with context.transaction() as session:
        version = await repo.version_by_id(session, uuid.UUID(version_id))
        if version is None:
            return  # the document was deleted meanwhile
        sha, content_type = version.sha256, version.content_type
    kind = kind_of(content_type)
    if kind is None:
        return
    async with files.local_copy(sha) as path:
        extracted = await anyio.to_thread.run_sync(pipeline.extract_text, path, kind)
        thumb = await anyio.to_thread.run_sync(pipeline.make_thumbnail, path, kind)
    async with context.transaction() as session:
        thumbnail_sha = None
        if thumb.webp is not None:
            thumbnail_sha = (await store(session, thumb.webp, "image/webp")).sha256
        updated = await repo.set_processed(
            session,
            uuid.UUID(version_id),
            {
                "text_status": extracted.status.value,
                "content_text": extracted.text,
                "page_count": extracted.page_count,
                "thumbnail_status": thumb.status.value,
                "thumbnail_sha256": thumbnail_sha,
            },
        )
        if updated is not None:
            await repo.copy_current(session, updated)
        elif thumbnail_sha is not None:
            await purge(session, thumbnail_sha)  # the document was deleted meanwhile


@task(name="documents.purge_file", retry=2)
async def purge_file(sha256: str) -> None:
    """Remove a file nothing references any more (after a document was deleted)."""
    async with context.transaction() as session:
        await purge(session, sha256)


@task(name="documents.integrity_check")
async def integrity_check(job_id: str) -> None:
    await integrity.run(job_id)


@queue.periodic(cron=get_settings().documents_integrity_cron, periodic_id="daily")
@task(name="documents.scheduled_integrity_check", queueing_lock="documents.integrity")
async def scheduled_integrity_check(timestamp: int) -> None:
    """The daily check (``WORKMATE_DOCUMENTS_INTEGRITY_CRON``); procrastinate defers it once
    per scheduled time, however many workers run."""
    async with context.transaction() as session:
        job = await jobs.create_job(
            session, integrity.KIND, None, params={"scheduled_at": timestamp}
        )
    await integrity.run(str(job.id))
