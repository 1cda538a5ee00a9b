"""Storage backends. Files are addressed by the SHA-256 of their content, so a put is
idempotent and a stored file never changes. See ADR 0006 for how an S3 backend plugs in."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol

import anyio.to_thread

from workmate.config import Settings

CHUNK_SIZE = 256 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _checked(sha: str) -> str:
    # The address becomes a path: anything but 64 hex digits is refused, never joined.
    if not _SHA256.match(sha):
        raise ValueError(f"Not a SHA-256 hex digest: {sha!r}")
    return sha


class Storage(Protocol):
    async def put(self, data: bytes, content_type: str = "application/octet-stream") -> str:
        """Store ``data`` (no-op if present); return its SHA-256 hex digest."""
        ...

    async def get(self, sha: str) -> bytes:
        """The stored bytes; ``FileNotFoundError`` if there are none."""
        ...

    def stream(self, sha: str, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        """The stored bytes in chunks, for streaming responses."""
        ...

    async def exists(self, sha: str) -> bool: ...

    async def delete(self, sha: str) -> None: ...


class LocalStorage:
    """Files under ``root/ab/cd/<sha>``; two levels keep directories small."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha: str) -> Path:
        sha = _checked(sha)
        return self.root / sha[:2] / sha[2:4] / sha

    async def put(self, data: bytes, content_type: str = "application/octet-stream") -> str:
        # The content type lives in the index row (stored_files); a file system has no place
        # for it. An object store would also set it as the object's Content-Type.
        sha = sha256_hex(data)
        await anyio.to_thread.run_sync(self._write, self.path(sha), data)
        return sha

    @staticmethod
    def _write(target: Path, data: bytes) -> None:
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write a temporary file in the same folder and rename it: readers see the whole file
        # or none, also when two processes store the same content at once.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

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


def storage_from_settings(settings: Settings) -> Storage:
    return LocalStorage(settings.storage_path)


_current: Storage | None = None


def configure_storage(storage: Storage | None) -> None:
    """Set the process's storage (done at app and worker start; tests use a temp folder)."""
    global _current
    _current = storage


def get_storage() -> Storage:
    """The configured storage, else the one the environment's settings describe."""
    if _current is None:
        from workmate.config import get_settings

        configure_storage(storage_from_settings(get_settings()))
    assert _current is not None
    return _current
