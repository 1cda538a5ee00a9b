"""Content-addressed local storage and its index."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.models import StoredFile
from workmate.storage import LocalStorage, get_storage, store


async def test_put_is_content_addressed_and_idempotent(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    data = b"Rechnung RE-2026-0001"
    sha = await storage.put(data, "text/plain")
    assert sha == hashlib.sha256(data).hexdigest()
    path = tmp_path / sha[:2] / sha[2:4] / sha
    assert path.read_bytes() == data
    modified = path.stat().st_mtime_ns
    assert await storage.put(data, "text/plain") == sha
    assert path.stat().st_mtime_ns == modified
    assert await storage.get(sha) == data
    assert await storage.exists(sha)
    assert b"".join([c async for c in storage.stream(sha, chunk_size=4)]) == data
    other = await storage.put(b"other", "text/plain")
    assert other != sha
    # Written through a temporary file that is renamed: nothing half-written stays behind.
    assert sorted(p.name for p in path.parent.iterdir()) == [sha]


async def test_missing_and_malformed_addresses(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    assert not await storage.exists("0" * 64)
    with pytest.raises(FileNotFoundError):
        await storage.get("0" * 64)
    with pytest.raises(ValueError, match="SHA-256"):
        await storage.get("../../etc/passwd")


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


async def test_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    storage = LocalStorage(tmp_path)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("workmate.storage.backend.os.replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        await storage.put(b"half", "text/plain")
    assert _files(tmp_path) == []


async def test_store_writes_bytes_and_one_index_row(session: AsyncSession) -> None:
    first = await store(session, b"%PDF-1.7 ...", "application/pdf")
    again = await store(session, b"%PDF-1.7 ...", "application/pdf")
    assert first.sha256 == again.sha256
    assert first.size == 12
    assert first.content_type == "application/pdf"
    assert await get_storage().get(first.sha256) == b"%PDF-1.7 ..."
    rows = await session.scalar(select(func.count()).select_from(StoredFile))
    assert rows == 1
