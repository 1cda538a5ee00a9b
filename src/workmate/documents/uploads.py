"""New documents and new versions from received uploads; the same bytes are stored once.

The upload was staged (``documents.upload``) and is committed to storage here, inside the
request's transaction, only after every check passed; on any refusal the caller discards it.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from sqlalchemy.ext.asyncio import AsyncSession

from workmate import links
from workmate.audit import service as audit
from workmate.auth.service import Principal
from workmate.core import clock
from workmate.core.errors import Conflict
from workmate.documents import repository as repo
from workmate.documents import service
from workmate.documents.filetypes import KINDS
from workmate.documents.schemas import DocumentCreate
from workmate.documents.upload import Upload
from workmate.jobs.queue import enqueue
from workmate.models import Document, DocumentVersion
from workmate.storage import commit_staged

ENTITY = service.ENTITY


async def _links_checked(
    session: AsyncSession, principal: Principal, data: DocumentCreate
) -> list[links.RecordRef]:
    refs = list(dict.fromkeys(links.RecordRef(ref.type, ref.id) for ref in data.links))
    for index, ref in enumerate(refs):
        await links.ensure_visible(session, principal, ref, field=f"links.{index}")
    return refs


async def _add_links(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID, refs: list[links.RecordRef]
) -> None:
    for ref in refs:
        if await repo.add_link(session, document_id, ref.type, ref.id, principal.id):
            audit.record(
                session, principal, action="linked", entity_type=ENTITY, entity_id=document_id,
                changes={"record_type": ref.type.value, "record_id": ref.id},
            )  # fmt: skip


async def create(
    session: AsyncSession, principal: Principal, upload: Upload, data: DocumentCreate
) -> tuple[Document, int | None]:
    """A new document from the upload, or (bytes seen before, in a document the caller may see)
    that document with the upload's links added and the number of the version that matched."""
    await service.check_category(session, data.category_id)
    service.check_confidential(principal, data.confidential)
    refs = await _links_checked(session, principal, data)
    duplicate = await repo.versions_with_sha(session, principal, upload.staged.sha256)
    if duplicate is not None:
        document_id, number = duplicate
        await upload.staged.discard()
        await _add_links(session, principal, document_id, refs)
        return await service.get_visible(session, principal, document_id), number
    content_type = KINDS[upload.kind].content_type
    stored = await commit_staged(session, upload.staged, content_type)
    now = clock.now()
    document = Document(
        title=data.title or PurePosixPath(upload.file_name).stem or upload.file_name,
        category_id=data.category_id,
        tags=data.tags or [],
        document_date=data.document_date,
        notes=data.notes,
        confidential=bool(data.confidential),
        uploaded_by_id=principal.id,
        version_count=1,
        current_sha256=stored.sha256,
        file_name=upload.file_name,
        content_type=content_type,
        size=stored.size,
        created_at=now,
        updated_at=now,
    )
    session.add(document)
    await session.flush()
    version = await _add_version(session, principal, document, 1, upload, stored.size)
    audit.record(
        session, principal, action="uploaded", entity_type=ENTITY, entity_id=document.id,
        changes={"file_name": upload.file_name, "sha256": stored.sha256, "size": stored.size},
    )  # fmt: skip
    await _add_links(session, principal, document.id, refs)
    await enqueue(session, "documents.process_version", version_id=str(version.id))
    return document, None


async def _add_version(
    session: AsyncSession,
    principal: Principal,
    document: Document,
    number: int,
    upload: Upload,
    size: int,
) -> DocumentVersion:
    version = DocumentVersion(
        document_id=document.id,
        number=number,
        sha256=upload.staged.sha256,
        size=size,
        content_type=KINDS[upload.kind].content_type,
        file_name=upload.file_name,
        uploaded_by_id=principal.id,
        uploaded_at=clock.now(),
    )
    session.add(version)
    await session.flush()
    return version


async def add_version(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID, upload: Upload
) -> Document:
    """A new current version; the old ones stay. Refused for documents the GoBD locks."""
    document = await service.get_visible(session, principal, document_id, for_update=True)
    await service.ensure_replaceable(session, document, "replaced")
    if upload.staged.sha256 == document.current_sha256:
        raise Conflict("This file is the same as the current version.", code="version_unchanged")
    content_type = KINDS[upload.kind].content_type
    stored = await commit_staged(session, upload.staged, content_type)
    number = await repo.next_version_number(session, document.id)
    version = await _add_version(session, principal, document, number, upload, stored.size)
    document.version_count = number
    document.current_sha256 = stored.sha256
    document.file_name = upload.file_name
    document.content_type = content_type
    document.size = stored.size
    document.content_text = None
    document.thumbnail_sha256 = None
    document.updated_at = clock.now()
    await session.flush()
    audit.record(
        session, principal, action="version_added", entity_type=ENTITY, entity_id=document.id,
        changes={"version": number, "file_name": upload.file_name, "sha256": stored.sha256},
    )  # fmt: skip
    await enqueue(session, "documents.process_version", version_id=str(version.id))
    return document
