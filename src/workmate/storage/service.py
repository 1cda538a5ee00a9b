"""Storing a file: bytes into the backend, then the index row (in the caller's transaction)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.models import StoredFile
from workmate.storage.backend import Storage, get_storage


async def store(
    session: AsyncSession, data: bytes, content_type: str, *, storage: Storage | None = None
) -> StoredFile:
    """Write ``data`` and upsert its index row. Bytes are written first: a rolled-back index row
    leaves an unreferenced file (harmless, same content next time), never a row without bytes."""
    sha = await (storage or get_storage()).put(data, content_type)
    await session.execute(
        insert(StoredFile)
        .values(sha256=sha, size=len(data), content_type=content_type)
        .on_conflict_do_nothing(index_elements=[StoredFile.sha256])
    )
    stored = await session.scalar(select(StoredFile).where(StoredFile.sha256 == sha))
    assert stored is not None
    return stored


async def get_file(session: AsyncSession, sha: str) -> StoredFile | None:
    return await session.get(StoredFile, sha)
