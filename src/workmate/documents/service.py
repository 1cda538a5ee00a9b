"""Documents: who sees them, how they are shown, edited, linked, unlinked and deleted.

Rules (docs/domain/documents.md): visibility through the links (``repository.visible_to``);
confidential documents need ``documents.confidential``; a document linked to a record the GoBD
locks (finalized invoice or credit note, payment) keeps its file and those links; deleting
before the category's retention period ends is refused. Every change is in the audit log.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from workmate import links
from workmate.audit import service as audit
from workmate.auth.permissions import Permission
from workmate.auth.schemas import Ref
from workmate.auth.service import Principal
from workmate.core import clock
from workmate.core.errors import Conflict, Forbidden, NotFound, field_error, reject_nulls
from workmate.core.records import RecordType
from workmate.core.references import ensure_exists
from workmate.documents import repository as repo
from workmate.documents.schemas import (
    CategoryRef,
    DocumentSummary,
    DocumentUpdate,
    LinkedRecord,
    LinkRef,
    VersionRead,
)
from workmate.documents.schemas import Document as DocumentRead
from workmate.jobs.queue import enqueue
from workmate.models import Document, DocumentCategory

ENTITY = "document"


def not_found() -> NotFound:
    return NotFound(
        "There is no document with this id that you may see.", code="document_not_found"
    )


async def get_visible(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID, *, for_update: bool = False
) -> Document:
    """The document, if the caller may see it; a hidden one answers like a missing one."""
    if not await repo.is_visible(session, principal, document_id):
        raise not_found()
    document = await repo.get(session, document_id, for_update=for_update)
    if document is None:
        raise not_found()
    return document


# --- how documents are shown -------------------------------------------------------------


async def linked_records(
    session: AsyncSession, principal: Principal, document_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, list[LinkedRecord]]:
    """The links each document shows: to records the caller may see, with number, title and
    whether the GoBD locks them (a few statements per page, not per row)."""
    rows = await repo.links_of(session, principal, document_ids)
    refs = {links.RecordRef(RecordType(t), i) for _, t, i in rows}
    described = await links.describe(session, refs)
    locked = await links.locked(session, refs)
    out: dict[uuid.UUID, list[LinkedRecord]] = defaultdict(list)
    for document_id, record_type, record_id in rows:
        ref = links.RecordRef(RecordType(record_type), record_id)
        summary = described.get(ref)
        if summary is None:
            continue
        out[document_id].append(
            LinkedRecord(
                type=ref.type,
                id=record_id,
                number=summary.number,
                title=summary.title,
                locked=ref in locked,
            )
        )
    return out


def summary(row: Mapping[str, Any], linked: list[LinkedRecord]) -> DocumentSummary:
    """A list row (``repository.SUMMARY_COLUMNS`` plus category and uploader names)."""
    category, uploader = row["category_id"], row["uploaded_by_id"]
    return DocumentSummary(
        id=row["id"],
        title=row["title"],
        file_name=row["file_name"],
        content_type=row["content_type"],
        size=row["size"],
        category=CategoryRef(id=category, name=row["category_name"]) if category else None,
        tags=list(row["tags"] or []),
        document_date=row["document_date"],
        confidential=row["confidential"],
        version_count=row["version_count"],
        has_thumbnail=row["thumbnail_sha256"] is not None,
        uploaded_by=Ref(id=uploader, name=row["uploader_name"] or "") if uploader else None,
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        links=linked,
    )


def retention_until(
    category: DocumentCategory | None, document: Document, zone: str
) -> date | None:
    """GoBD / § 147 (4) AO: the period starts at the end of the calendar year of the
    document (its date, else the day it was stored) and runs for the category's years."""
    if category is None or category.retention_years <= 0:
        return None
    day = document.document_date or document.created_at.astimezone(ZoneInfo(zone)).date()
    return date(day.year + category.retention_years, 12, 31)


async def lock_reasons(session: AsyncSession, document_id: uuid.UUID) -> list[links.RecordSummary]:
    """The records (visible or not) that lock the document's file (GoBD)."""
    refs = {
        links.RecordRef(RecordType(t), i) for t, i in await repo.all_links(session, document_id)
    }
    locked = await links.locked(session, refs)
    described = await links.describe(session, locked)
    return [described[r] for r in locked if r in described]


def _lock_text(reasons: Sequence[links.RecordSummary]) -> str:
    return ", ".join(f"{r.ref.type.value.replace('_', ' ')} {r.number or r.title}" for r in reasons)


def may_delete(principal: Principal, document: Document) -> bool:
    return principal.has(Permission.documents_delete) or (
        principal.has(Permission.documents_write) and document.uploaded_by_id == principal.id
    )


async def to_read(
    session: AsyncSession, principal: Principal, document: Document, zone: str
) -> DocumentRead:
    category = await repo.category(session, document.category_id) if document.category_id else None
    category_name, uploader_name = await repo.names(session, document)
    linked = (await linked_records(session, principal, [document.id])).get(document.id, [])
    reasons = await lock_reasons(session, document.id)
    versions = [
        VersionRead(
            id=v.id,
            number=v.number,
            file_name=v.file_name,
            content_type=v.content_type,
            size=v.size,
            sha256=v.sha256,
            uploaded_at=v.uploaded_at,
            uploaded_by=Ref(id=v.uploaded_by_id, name=name) if v.uploaded_by_id else None,
            text_status=v.text_status,
            thumbnail_status=v.thumbnail_status,
            page_count=v.page_count,
        )
        for v, name in await repo.versions(session, document.id)
    ]
    until = retention_until(category, document, zone)
    writable = principal.has(Permission.documents_write)
    row: dict[str, Any] = {
        **{c.key: getattr(document, c.key) for c in repo.SUMMARY_COLUMNS},
        "category_name": category_name,
        "uploader_name": uploader_name,
    }
    base = summary(row, linked)
    return DocumentRead(
        **base.model_dump(),
        notes=document.notes,
        sha256=document.current_sha256,
        text_status=versions[0].text_status if versions else "pending",
        retention_until=until,
        locked=bool(reasons),
        can_edit=writable,
        can_delete=may_delete(principal, document)
        and not reasons
        and (until is None or clock.today(zone) > until),
        versions=versions,
    )


# --- changes -------------------------------------------------------------------------------


async def check_category(session: AsyncSession, category_id: uuid.UUID | None) -> None:
    await ensure_exists(session, DocumentCategory, category_id, "category_id", "category")


def check_confidential(principal: Principal, value: bool | None) -> None:
    if value and not principal.has(Permission.documents_confidential):
        raise Forbidden(
            "Marking documents confidential needs the permission documents.confidential.",
            code="confidential_not_allowed",
            errors=[
                field_error(
                    "confidential", "Not allowed for your role.", "confidential_not_allowed"
                )
            ],
        )


async def update(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID, data: DocumentUpdate
) -> Document:
    document = await get_visible(session, principal, document_id, for_update=True)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("title", "confidential"))
    if "tags" in changes and changes["tags"] is None:
        changes["tags"] = []
    if "category_id" in changes:
        await check_category(session, changes["category_id"])
    if "confidential" in changes:
        check_confidential(principal, changes["confidential"] or document.confidential)
    before = {name: getattr(document, name) for name in changes}
    for name, value in changes.items():
        setattr(document, name, value)
    document.updated_at = clock.now()
    await session.flush()
    changed = audit.diff(before, changes)
    if changed:
        audit.record(
            session, principal, action="updated", entity_type=ENTITY, entity_id=document.id,
            changes=changed,
        )  # fmt: skip
    return await get_visible(session, principal, document.id)


async def link(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID, ref: LinkRef
) -> Document:
    document = await get_visible(session, principal, document_id, for_update=True)
    target = links.RecordRef(ref.type, ref.id)
    if target == links.RecordRef(RecordType.document, document.id):
        raise Conflict("A document cannot be linked to itself.", code="self_link")
    await links.ensure_visible(session, principal, target)
    if await repo.add_link(session, document.id, ref.type, ref.id, principal.id):
        audit.record(
            session, principal, action="linked", entity_type=ENTITY, entity_id=document.id,
            changes={"record_type": ref.type.value, "record_id": ref.id},
        )  # fmt: skip
    return document


async def unlink(
    session: AsyncSession,
    principal: Principal,
    document_id: uuid.UUID,
    record_type: RecordType,
    record_id: uuid.UUID,
) -> None:
    document = await get_visible(session, principal, document_id, for_update=True)
    target = links.RecordRef(record_type, record_id)
    await links.ensure_visible(session, principal, target)
    if target in await links.locked(session, [target]):
        described = await links.describe(session, [target])
        raise Conflict(
            "The GoBD keeps this document with "
            f"{_lock_text([described[target]]) if target in described else 'a locked record'}: "
            "the link cannot be removed.",
            code="document_file_locked",
        )
    if not await repo.remove_link(session, document.id, record_type, record_id):
        raise NotFound("The document is not linked to this record.", code="link_not_found")
    audit.record(
        session, principal, action="unlinked", entity_type=ENTITY, entity_id=document.id,
        changes={"record_type": record_type.value, "record_id": record_id},
    )  # fmt: skip


async def ensure_replaceable(session: AsyncSession, document: Document, what: str) -> None:
    """409 ``document_file_locked`` naming the records when the GoBD keeps the file as it is."""
    reasons = await lock_reasons(session, document.id)
    if reasons:
        raise Conflict(
            f"This document belongs to {_lock_text(reasons)}; the GoBD keeps it unchanged, "
            f"so it cannot be {what}.",
            code="document_file_locked",
        )


async def delete(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID, zone: str
) -> None:
    document = await get_visible(session, principal, document_id, for_update=True)
    if not may_delete(principal, document):
        raise Forbidden(
            "Deleting documents others uploaded needs the permission documents.delete.",
            code="document_delete_not_allowed",
        )
    await ensure_replaceable(session, document, "deleted")
    category = await repo.category(session, document.category_id) if document.category_id else None
    until = retention_until(category, document, zone)
    if until is not None and clock.today(zone) <= until:
        raise Conflict(
            f"Documents of the category '{category.name if category else ''}' must be kept "
            f"until {until.isoformat()} (GoBD, § 147 AO).",
            code="retention_period",
        )
    shas = await repo.shas_of(session, document.id)
    audit.record(
        session, principal, action="deleted", entity_type=ENTITY, entity_id=document.id,
        changes={"title": document.title, "files": sorted(shas)},
    )  # fmt: skip
    await session.delete(document)
    await session.flush()
    for sha in sorted(shas):
        await enqueue(session, "documents.purge_file", sha256=sha)


links.register(
    links.LinkableType(
        RecordType.document, repo.visible_ids, repo.labels, visible_sql=repo.visible_ids_sql
    )
)
