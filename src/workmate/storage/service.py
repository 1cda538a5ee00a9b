"""Storing a file: bytes into the backend, the index row in the caller's transaction.

Order and locking: the bytes are staged first (hashed while written), then, in the caller's
transaction, the file's address is locked (a transaction-scoped advisory lock), the index row
upserted and the staged bytes committed under the address. ``purge`` takes the same lock before
it deletes a row and its bytes, so a purge and an upload of the same content never interleave:
a rolled-back upload can leave an unreferenced file (reported by the integrity check), never a
row without bytes.
"""

from __future__ import annotations

from collections.abc import AsyncIterable

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.models import StoredFile
from workmate.storage.backend import Staged, Storage, get_storage, one_chunk

_LOCK = text("SELECT pg_advisory_xact_lock(hashtextextended('stored_file:' || :sha, 0))")


async def lock_address(session: AsyncSession, sha: str) -> None:
    await session.execute(_LOCK, {"sha": sha})


async def commit_staged(session: AsyncSession, staged: Staged, content_type: str) -> StoredFile:
    """Index and publish staged bytes (see the module docstring for the order)."""
    staged.content_type = content_type
    await lock_address(session, staged.sha256)
    await session.execute(
        insert(StoredFile)
        .values(sha256=staged.sha256, size=staged.size, content_type=content_type)
        .on_conflict_do_nothing(index_elements=[StoredFile.sha256])
    )
    await staged.commit()
    stored = await session.scalar(select(StoredFile).where(StoredFile.sha256 == staged.sha256))
    assert stored is not None
    return stored


async def store_stream(
    session: AsyncSession,
    chunks: AsyncIterable[bytes],
    content_type: str,
    *,
    storage: Storage | None = None,
) -> StoredFile:
    staged = await (storage or get_storage()).stage(chunks, content_type)
    try:
        return await commit_staged(session, staged, content_type)
    except BaseException:
        await staged.discard()
        raise


async def store(
    session: AsyncSession, data: bytes, content_type: str, *, storage: Storage | None = None
) -> StoredFile:
    """Write ``data`` and upsert its index row in the caller's transaction."""
    return await store_stream(session, one_chunk(data), content_type, storage=storage)


async def get_file(session: AsyncSession, sha: str) -> StoredFile | None:
    return await session.get(StoredFile, sha)


async def purge(session: AsyncSession, sha: str, *, storage: Storage | None = None) -> bool:
    """Delete the file and its row if nothing references it any more (every reference is a
    RESTRICT foreign key). Returns whether it was deleted."""
    await lock_address(session, sha)
    try:
        async with session.begin_nested():
            result = await session.execute(delete(StoredFile).where(StoredFile.sha256 == sha))
    except IntegrityError:
        return False
    if not result.rowcount:  # type: ignore[attr-defined]
        return False
    await (storage or get_storage()).delete(sha)
    return True


async def count_and_size(session: AsyncSession) -> tuple[int, int]:
    row = (
        await session.execute(
            select(func.count(), func.coalesce(func.sum(StoredFile.size), 0)).select_from(
                StoredFile
            )
        )
    ).one()
    return int(row[0]), int(row[1])
