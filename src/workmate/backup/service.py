"""One archive with the database and the files: ``workmate backup`` / ``workmate restore``.

The archive is a tar file (uncompressed: the dump is compressed by pg_dump, the files mostly are
already):

- ``manifest.json``: format, Workmate version, schema revision, the time, file count and bytes,
- ``database.dump``: ``pg_dump --format=custom`` of the whole database,
- ``files/<sha256>``: every file the ``stored_files`` index names, read from the storage backend
  (local or S3) and checked against its address while it is written.

Database and files agree: the file list is read in the same snapshot that pg_dump dumps
(``pg_export_snapshot``), so a file stored while the backup runs is in neither. Files are
streamed into the archive (tar headers written by hand, the size known from the index), never
held in memory. A restore writes every file back through the storage backend, which hashes it
again: a damaged archive member is reported and not stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tarfile
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

import psycopg

from workmate import __version__
from workmate.core import clock
from workmate.core.database_url import libpq_url
from workmate.core.embedded import client_program
from workmate.storage import Storage

FORMAT = "workmate-backup/1"
BLOCK = tarfile.BLOCKSIZE
CHUNK = 1024 * 1024


class Progress(Protocol):
    def start(self, table: str, total: int) -> None: ...

    def advance(self, rows: int) -> None: ...

    def finish(self) -> None: ...


class BackupError(RuntimeError):
    pass


@dataclass
class Outcome:
    files: int = 0
    bytes: int = 0
    damaged: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    revision: str | None = None
    restored: set[str] = field(default_factory=set)


# --- writing -------------------------------------------------------------------------------


def _header(name: str, size: int, mtime: float) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o644
    return info.tobuf(format=tarfile.PAX_FORMAT)


def _pad(out: IO[bytes], size: int) -> None:
    remainder = size % BLOCK
    if remainder:
        out.write(b"\0" * (BLOCK - remainder))


def _add_bytes(out: IO[bytes], name: str, data: bytes, mtime: float) -> None:
    out.write(_header(name, len(data), mtime))
    out.write(data)
    _pad(out, len(data))


def _add_file(out: IO[bytes], name: str, path: Path, mtime: float) -> None:
    size = path.stat().st_size
    out.write(_header(name, size, mtime))
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            out.write(chunk)
    _pad(out, size)


@contextmanager
def _snapshot(url: str) -> Iterator[tuple[str, list[tuple[str, int]], str | None]]:
    """An exported snapshot (kept while the block runs), the file index and the schema
    revision as seen in it."""
    with psycopg.connect(libpq_url(url)) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()
        assert snapshot is not None
        rows = conn.execute("SELECT sha256, size FROM stored_files ORDER BY sha256").fetchall()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        yield str(snapshot[0]), [(r[0], int(r[1])) for r in rows], revision[0] if revision else None
        conn.rollback()


def _dump(url: str, snapshot: str, target: Path) -> None:
    command = [
        client_program("pg_dump"),
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        f"--snapshot={snapshot}",
        f"--file={target}",
        f"--dbname={libpq_url(url)}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")


async def _write_blob(
    out: IO[bytes], storage: Storage, sha: str, size: int, mtime: float, outcome: Outcome
) -> bool:
    """Stream one stored file into the archive; the header's size comes from the index, so a
    file whose length or hash differs is padded or cut to it and reported as damaged."""
    if not await storage.exists(sha):
        outcome.missing.append(sha)
        return False
    out.write(_header(f"files/{sha}", size, mtime))
    digest = hashlib.sha256()
    written = 0
    async for chunk in storage.stream(sha, CHUNK):
        digest.update(chunk)
        piece = chunk[: max(0, size - written)]
        out.write(piece)
        written += len(piece)
    if written < size:
        out.write(b"\0" * (size - written))
    _pad(out, size)
    if digest.hexdigest() != sha:
        outcome.damaged.append(sha)
    return True


async def create(url: str, storage: Storage, target: Path, progress: Progress) -> Outcome:
    """Write the archive to ``target`` (through a temporary file, renamed at the end)."""
    outcome = Outcome()
    now = clock.now().timestamp()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="workmate-backup-") as folder:
        dump = Path(folder) / "database.dump"
        with _snapshot(url) as (snapshot, files, revision):
            progress.start("database", 1)
            _dump(url, snapshot, dump)
            progress.advance(1)
            progress.finish()
        outcome.revision = revision
        file_bytes = sum(size for _, size in files)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "workmate_version": __version__,
            "schema_revision": revision,
            "created_at": clock.now().isoformat(),
            "files": len(files),
            "file_bytes": file_bytes,
        }
        with partial.open("wb") as out:
            _add_bytes(out, "manifest.json", json.dumps(manifest, indent=2).encode(), now)
            _add_file(out, "database.dump", dump, now)
            progress.start("files", file_bytes)
            for sha, size in files:
                if await _write_blob(out, storage, sha, size, now, outcome):
                    outcome.files += 1
                    outcome.bytes += size
                progress.advance(size)
            progress.finish()
            out.write(b"\0" * BLOCK * 2)
            out.flush()
            os.fsync(out.fileno())
    partial.replace(target)
    return outcome


# --- reading -------------------------------------------------------------------------------


def _is_empty(url: str) -> bool:
    with psycopg.connect(libpq_url(url)) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchone()
        return not row or row[0] == 0


def _clear(url: str) -> None:
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def _index(url: str) -> dict[str, str]:
    """sha256 -> content type of every indexed file (restored with the database)."""
    with psycopg.connect(libpq_url(url)) as conn:
        rows = conn.execute("SELECT sha256, content_type FROM stored_files").fetchall()
    return {r[0]: r[1] for r in rows}


def _restore_dump(url: str, dump: Path) -> None:
    command = [
        client_program("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={libpq_url(url)}",
        str(dump),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


async def _member_chunks(handle: IO[bytes]) -> AsyncIterator[bytes]:
    while chunk := handle.read(CHUNK):
        yield chunk


def read_manifest(source: Path) -> dict[str, Any]:
    with tarfile.open(source, "r|") as archive:
        first = archive.next()
        if first is None or first.name != "manifest.json":
            raise BackupError(f"{source} is not a Workmate backup (no manifest.json first).")
        handle = archive.extractfile(first)
        assert handle is not None
        manifest: dict[str, Any] = json.loads(handle.read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


async def restore(
    url: str, storage: Storage, source: Path, progress: Progress, *, force: bool = False
) -> Outcome:
    """Restore the database (into an empty one, or replacing everything with ``force``) and
    write every file back to the storage, checking each against its address."""
    manifest = read_manifest(source)
    if not _is_empty(url):
        if not force:
            raise BackupError(
                "The database is not empty. Restore into an empty database, or pass --force "
                "to replace everything in it."
            )
        _clear(url)
    outcome = Outcome(revision=manifest.get("schema_revision"))
    index: dict[str, str] = {}
    with (
        tempfile.TemporaryDirectory(prefix="workmate-restore-") as folder,
        tarfile.open(source, "r|") as archive,
    ):
        for member in archive:
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is None or member.name == "manifest.json":
                continue
            if member.name == "database.dump":
                progress.start("database", 1)
                dump = Path(folder) / "database.dump"
                with dump.open("wb") as out:
                    while chunk := handle.read(CHUNK):
                        out.write(chunk)
                _restore_dump(url, dump)
                index = _index(url)
                progress.advance(1)
                progress.finish()
                progress.start("files", int(str(manifest.get("file_bytes") or 0)))
            elif member.name.startswith("files/"):
                await _restore_file(storage, member, handle, index, outcome)
                progress.advance(member.size)
        progress.finish()
    for sha in sorted(index):
        if sha not in outcome.restored and not await storage.exists(sha):
            outcome.missing.append(sha)
    return outcome


async def _restore_file(
    storage: Storage,
    member: tarfile.TarInfo,
    handle: IO[bytes],
    index: dict[str, str],
    outcome: Outcome,
) -> None:
    name = member.name.removeprefix("files/")
    content_type = index.get(name, "application/octet-stream")
    staged = await storage.stage(_member_chunks(handle), content_type)
    if staged.sha256 != name:
        await staged.discard()
        outcome.damaged.append(name)
        return
    await staged.commit()
    outcome.restored.add(name)
    outcome.files += 1
    outcome.bytes += staged.size
