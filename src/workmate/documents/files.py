"""A document's bytes as responses, its history, and the integrity check's record."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

import anyio.to_thread
import pypdfium2 as pdfium
from fastapi import Response
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.audit import service as audit
from workmate.auth.service import Principal
from workmate.core.errors import Conflict, NotFound
from workmate.documents import integrity, pipeline, service
from workmate.documents import repository as repo
from workmate.documents.filetypes import INLINE_TYPES
from workmate.documents.schemas import HistoryEntry, IntegrityReport
from workmate.jobs import service as jobs
from workmate.models import Job
from workmate.storage import LocalStorage, get_storage

# (X-Content-Type-Options: nosniff is set on every response by core.middleware.)
# Never shown in the browser, whatever a stored row says (defence in depth: these types are
# not accepted as uploads in the first place).
NEVER_INLINE = ("text/html", "image/svg+xml", "application/xhtml+xml", "text/xml")


def disposition(kind: str, file_name: str) -> str:
    """RFC 6266: an ASCII fallback plus the UTF-8 name (umlauts in German file names)."""
    fallback = file_name.encode("ascii", "replace").decode().replace('"', "'").replace("?", "_")
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name)}"


def _file_response(
    sha: str, content_type: str, size: int, file_name: str, *, inline: bool
) -> StreamingResponse:
    show_inline = inline and content_type in INLINE_TYPES and content_type not in NEVER_INLINE
    return StreamingResponse(
        get_storage().stream(sha),
        media_type=content_type,
        headers={
            "Content-Disposition": disposition(
                "inline" if show_inline else "attachment", file_name
            ),
            "Content-Length": str(size),
            "Cache-Control": "private, max-age=0, must-revalidate",
            "ETag": f'"{sha}"',
        },
    )


async def _ensure_stored(sha: str) -> None:
    if not await get_storage().exists(sha):
        raise Conflict(
            "The stored file is missing. The integrity check reports such files to the "
            "administrators.",
            code="file_missing",
        )


async def content(
    session: AsyncSession,
    principal: Principal,
    document_id: uuid.UUID,
    number: int | None,
    *,
    inline: bool,
) -> StreamingResponse:
    document = await service.get_visible(session, principal, document_id)
    version = await repo.version(session, document.id, number)
    if version is None:
        raise NotFound("This document has no such version.", code="version_not_found")
    await _ensure_stored(version.sha256)
    return _file_response(
        version.sha256, version.content_type, version.size, version.file_name, inline=inline
    )


@asynccontextmanager
async def local_copy(sha: str) -> AsyncIterator[Path]:
    """A path to the stored bytes: the file itself on local storage, else a temporary copy
    (PDFium reads files; memory stays bounded)."""
    storage = get_storage()
    if isinstance(storage, LocalStorage):
        yield storage.path(sha)
        return
    with tempfile.TemporaryDirectory(prefix="workmate-doc-") as folder:
        path = Path(folder) / "file"
        with path.open("wb") as handle:
            async for chunk in storage.stream(sha):
                await anyio.to_thread.run_sync(handle.write, chunk)
        yield path


async def page(
    session: AsyncSession,
    principal: Principal,
    document_id: uuid.UUID,
    number: int,
    version_number: int | None,
    width: int,
) -> Response:
    """One page of a PDF as an image, for the preview in the window (also on phones, whose
    browsers show no PDFs inside a page)."""
    document = await service.get_visible(session, principal, document_id)
    version = await repo.version(session, document.id, version_number)
    if version is None:
        raise NotFound("This document has no such version.", code="version_not_found")
    if version.content_type != "application/pdf":
        raise Conflict("Only PDFs are shown page by page.", code="not_a_pdf")
    await _ensure_stored(version.sha256)
    async with local_copy(version.sha256) as path:
        try:
            webp, _pages = await anyio.to_thread.run_sync(pipeline.render_page, path, number, width)
        except pipeline.NoSuchPage:
            raise NotFound("The document has no such page.", code="page_not_found") from None
        except pdfium.PdfiumError:
            raise Conflict("This PDF cannot be shown.", code="pdf_unreadable") from None
    return Response(
        webp,
        media_type="image/webp",
        headers={
            "Cache-Control": "private, max-age=86400",
            "ETag": f'"{version.sha256}-{number}-{width}"',
        },
    )


async def thumbnail(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID
) -> StreamingResponse:
    document = await service.get_visible(session, principal, document_id)
    sha = document.thumbnail_sha256
    if sha is None:
        raise NotFound("This document has no thumbnail (yet).", code="no_thumbnail")
    await _ensure_stored(sha)
    response = _file_response(sha, "image/webp", 0, "thumbnail.webp", inline=True)
    del response.headers["Content-Length"]
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


async def history(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID
) -> list[HistoryEntry]:
    document = await service.get_visible(session, principal, document_id)
    entries = await audit.entries_for(session, service.ENTITY, document.id)
    return [HistoryEntry.model_validate(e) for e in entries]


def report(job: Job) -> IntegrityReport:
    findings: dict[str, list[str]] = {"mismatch": [], "missing": [], "orphan": []}
    for error in job.errors:
        findings.setdefault(str(error.get("label")), []).append(str(error.get("id")))
    return IntegrityReport(
        job_id=job.id,
        status=job.status,
        checked=job.done + job.failed,
        mismatched=findings["mismatch"],
        missing=findings["missing"],
        orphaned=findings["orphan"],
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


async def start_integrity_check(session: AsyncSession, principal: Principal) -> IntegrityReport:
    job = await jobs.submit(
        session, "documents.integrity_check", kind=integrity.KIND, owner_id=principal.id
    )
    return report(job)


async def latest_integrity_check(session: AsyncSession) -> IntegrityReport:
    job = await jobs.latest_of_kind(session, integrity.KIND)
    if job is None:
        raise NotFound("No integrity check has run yet.", code="no_integrity_check")
    return report(job)
