"""The integrity check of the file storage: every indexed file is read back and re-hashed.

Findings, each an audit event (GoBD: the proof that archived files are unchanged):
- ``mismatch``: the bytes under an address no longer hash to it (changed on disk or in the
  bucket),
- ``missing``: an indexed file has no bytes,
- ``orphan``: bytes no index row names, older than ``ORPHAN_GRACE`` (younger ones may belong to
  an upload whose transaction is still open).
Every finding also goes into the history of the documents that hold the file.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.audit import service as audit
from workmate.core import clock
from workmate.jobs import context
from workmate.jobs import service as jobs
from workmate.models import DocumentVersion, StoredFile
from workmate.storage import Storage, get_storage
from workmate.storage.service import count_and_size

KIND = "documents.integrity_check"
BATCH = 500
ORPHAN_GRACE = timedelta(hours=1)


async def _indexed(after: str) -> list[tuple[str, int]]:
    async with context.transaction() as session:
        rows = await session.execute(
            select(StoredFile.sha256, StoredFile.size)
            .where(StoredFile.sha256 > after)
            .order_by(StoredFile.sha256)
            .limit(BATCH)
        )
        return [(r[0], r[1]) for r in rows.all()]


async def rehash(storage: Storage, sha: str) -> str | None:
    """The SHA-256 of what is stored under ``sha``; None when nothing is."""
    digest = hashlib.sha256()
    try:
        async for chunk in storage.stream(sha):
            digest.update(chunk)
    except FileNotFoundError:
        return None
    return digest.hexdigest()


async def _record(
    session: AsyncSession, job_id: str, label: str, sha: str, detail: dict[str, object]
) -> None:
    changes = {"sha256": sha, **detail}
    audit.record(
        session, None, action=f"file_{label}", entity_type="file_storage",
        entity_id=uuid.UUID(job_id), changes=changes,
    )  # fmt: skip
    holders = await session.execute(
        select(DocumentVersion.document_id, DocumentVersion.number).where(
            (DocumentVersion.sha256 == sha) | (DocumentVersion.thumbnail_sha256 == sha)
        )
    )
    for document_id, number in holders.all():
        audit.record(
            session, None, action=f"file_{label}", entity_type="document",
            entity_id=document_id, changes={**changes, "version": number},
        )  # fmt: skip


async def _check_indexed(job_id: str, storage: Storage) -> set[str]:
    known: set[str] = set()
    after = ""
    while batch := await _indexed(after):
        after = batch[-1][0]
        errors: list[dict[str, object]] = []
        async with context.transaction() as session:
            for sha, size in batch:
                known.add(sha)
                actual = await rehash(storage, sha)
                if actual == sha:
                    continue
                label = "missing" if actual is None else "mismatch"
                detail: dict[str, object] = {"size": size}
                if actual is not None:
                    detail["found_sha256"] = actual
                await _record(session, job_id, label, sha, detail)
                errors.append({"id": sha, "label": label, "message": f"file {label}"})
        await jobs.advance_many(job_id, len(batch) - len(errors), errors)
    return known


async def _orphans(storage: Storage, known: set[str]) -> AsyncIterator[str]:
    cutoff = clock.now() - ORPHAN_GRACE
    async for blob in storage.list_blobs():
        if blob.sha256 in known or blob.modified > cutoff:
            continue
        # Indexed after the first pass started (a new upload) is not an orphan.
        async with context.transaction() as session:
            if await session.get(StoredFile, blob.sha256) is None:
                yield blob.sha256


async def run(job_id: str, storage: Storage | None = None) -> None:
    """Check every file; the job's progress counts indexed files, its errors list findings."""
    storage = storage or get_storage()
    if await jobs.start(job_id) is None:
        return  # finished already (a repeated delivery)
    async with context.transaction() as session:
        total, _size = await count_and_size(session)
    await jobs.set_total(job_id, total)
    known = await _check_indexed(job_id, storage)
    orphans: list[dict[str, object]] = []
    async for sha in _orphans(storage, known):
        async with context.transaction() as session:
            await _record(session, job_id, "orphan", sha, {})
        orphans.append({"id": sha, "label": "orphan", "message": "file orphan"})
    if orphans:
        await jobs.set_total(job_id, total + len(orphans))
        await jobs.advance_many(job_id, 0, orphans)
    await jobs.succeed(job_id)
