"""Storage backends. Files are addressed by the SHA-256 of their content, so a put is
idempotent and a stored file never changes (ADR 0006; the S3 backend is ``storage.s3``).

Writes stream: ``stage(chunks)`` writes the bytes to a private temporary place while hashing
exactly the bytes written, and returns a ``Staged`` file whose ``commit()`` makes it visible
under its address (or drops it when that address exists already). Callers that keep a database
row for the file commit the staged bytes inside their transaction, after locking the address
(``storage.service``), so a concurrent purge of the same content cannot interleave.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import anyio.to_thread

from workmate.config import Settings, get_settings

CHUNK_SIZE = 256 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_sha256(value: str) -> bool:
    return bool(_SHA256.match(value))


def checked(sha: str) -> str:
    # The address becomes a path or key: anything but 64 hex digits is refused, never joined.
    if not _SHA256.match(sha):
        raise ValueError(f"Not a SHA-256 hex digest: {sha!r}")
    return sha


@dataclass(frozen=True)
class BlobInfo:
    """A stored file as the backend lists it (for integrity checks and backups)."""

    sha256: str
    size: int
    modified: datetime


class Staged(Protocol):
    """Bytes written and hashed, not yet visible under their address."""

    sha256: str
    size: int
    # Sent along where the backend keeps one (an object store's Content-Type).
    content_type: str

    async def commit(self) -> None:
        """Make the bytes visible under ``sha256``; a no-op when that address exists."""
        ...

    async def discard(self) -> None: ...


class Storage(Protocol):
    async def put(self, data: bytes, content_type: str = "application/octet-stream") -> str:
        """Store ``data`` (no-op if present); return its SHA-256 hex digest."""
        ...

    async def stage(
        self, chunks: AsyncIterable[bytes], content_type: str = "application/octet-stream"
    ) -> Staged:
        """Write ``chunks`` to a temporary place, hashing exactly the bytes written. If the
        iteration raises, nothing stays behind and the exception propagates."""
        ...

    async def get(self, sha: str) -> bytes:
        """The stored bytes; ``FileNotFoundError`` if there are none."""
        ...

    def stream(self, sha: str, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        """The stored bytes in chunks, for streaming responses."""
        ...

    async def exists(self, sha: str) -> bool: ...

    async def delete(self, sha: str) -> None: ...

    def list_blobs(self) -> AsyncIterator[BlobInfo]:
        """Every stored file (not the staged ones)."""
        ...


async def put_stream(
    storage: Storage, chunks: AsyncIterable[bytes], content_type: str
) -> tuple[str, int]:
    """Stage and commit at once (for files without a concurrent purge to fear)."""
    staged = await storage.stage(chunks, content_type)
    await staged.commit()
    return staged.sha256, staged.size


async def one_chunk(data: bytes) -> AsyncIterator[bytes]:
    yield data


class LocalStaged:
    def __init__(
        self, storage: LocalStorage, temporary: Path, sha: str, size: int, content_type: str
    ) -> None:
        self.storage = storage
        self.temporary = temporary
        self.sha256 = sha
        self.size = size
        self.content_type = content_type

    async def commit(self) -> None:
        await anyio.to_thread.run_sync(self._commit)

    def _commit(self) -> None:
        target = self.storage.path(self.sha256)
        if target.exists():
            self.temporary.unlink(missing_ok=True)
            return
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # A rename within one file system: readers see the whole file or none, also when
            # two processes store the same content at once.
            os.replace(self.temporary, target)
        except BaseException:
            self.temporary.unlink(missing_ok=True)
            raise

    async def discard(self) -> None:
        await anyio.to_thread.run_sync(lambda: self.temporary.unlink(missing_ok=True))


class LocalStorage:
    """Files under ``root/ab/cd/<sha>``; two levels keep directories small. Staged files wait
    in ``root/.staging`` (same file system, so committing is a rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha: str) -> Path:
        sha = checked(sha)
        return self.root / sha[:2] / sha[2:4] / sha

    @property
    def staging(self) -> Path:
        return self.root / ".staging"

    async def put(self, data: bytes, content_type: str = "application/octet-stream") -> str:
        # The content type lives in the index row (stored_files); a file system has no place
        # for it. An object store also sets it as the object's Content-Type.
        sha, _size = await put_stream(self, one_chunk(data), content_type)
        return sha

    async def stage(
        self, chunks: AsyncIterable[bytes], content_type: str = "application/octet-stream"
    ) -> Staged:
        fd, name = await anyio.to_thread.run_sync(self._temporary)
        temporary = Path(name)
        digest = hashlib.sha256()
        size = 0
        try:
            with os.fdopen(fd, "wb") as handle:
                async for chunk in chunks:
                    await anyio.to_thread.run_sync(handle.write, chunk)
                    digest.update(chunk)
                    size += len(chunk)
                await anyio.to_thread.run_sync(_flush, handle)
        except BaseException:
            # Also on cancellation, where nothing can be awaited any more.
            temporary.unlink(missing_ok=True)  # noqa: ASYNC240
            raise
        return LocalStaged(self, temporary, digest.hexdigest(), size, content_type)

    def _temporary(self) -> tuple[int, str]:
        self.staging.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(dir=self.staging, prefix="upload-")

    async def get(self, sha: str) -> bytes:
        return await anyio.to_thread.run_sync(self.path(sha).read_bytes)

    async def stream(self, sha: str, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        path = self.path(sha)
        handle = await anyio.to_thread.run_sync(path.open, "rb")
        try:
            while chunk := await anyio.to_thread.run_sync(handle.read, chunk_size):
                yield chunk
        finally:
            await anyio.to_thread.run_sync(handle.close)

    async def exists(self, sha: str) -> bool:
        return await anyio.to_thread.run_sync(self.path(sha).is_file)

    async def delete(self, sha: str) -> None:
        await anyio.to_thread.run_sync(lambda: self.path(sha).unlink(missing_ok=True))

    async def list_blobs(self) -> AsyncIterator[BlobInfo]:
        for first in await anyio.to_thread.run_sync(_subfolders, self.root):
            for second in await anyio.to_thread.run_sync(_subfolders, first):
                for info in await anyio.to_thread.run_sync(_blobs_in, second):
                    yield info


def _flush(handle: object) -> None:
    handle.flush()  # type: ignore[attr-defined]
    os.fsync(handle.fileno())  # type: ignore[attr-defined]


def _subfolders(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and len(p.name) == 2)


def _blobs_in(folder: Path) -> list[BlobInfo]:
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and is_sha256(path.name):
            stat = path.stat()
            modified = datetime.fromtimestamp(stat.st_mtime, UTC)
            found.append(BlobInfo(path.name, stat.st_size, modified))
    return found


def storage_from_settings(settings: Settings) -> Storage:
    """Local disk by default; ``WORKMATE_STORAGE_URL=s3://bucket/prefix`` for an S3-compatible
    object store shared by several application hosts."""
    if settings.storage_url:
        # Imported here: boto3 takes ~20 MB and a noticeable start-up time in every process,
        # and most installations never use it.
        from workmate.storage.s3 import S3Storage

        return S3Storage.from_settings(settings)
    return LocalStorage(settings.storage_path)


_current: Storage | None = None


def configure_storage(storage: Storage | None) -> None:
    """Set the process's storage (done at app and worker start; tests use a temp folder)."""
    global _current
    _current = storage


def get_storage() -> Storage:
    """The configured storage, else the one the environment's settings describe."""
    if _current is None:
        configure_storage(storage_from_settings(get_settings()))
    assert _current is not None
    return _current
