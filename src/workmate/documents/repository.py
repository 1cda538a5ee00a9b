"""SQL for documents. Row-level visibility lives in ``visible_to`` and nowhere else."""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    delete,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from workmate import links
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.records import RecordType
from workmate.core.references import like_pattern
from workmate.models import Document, DocumentCategory, DocumentLink, DocumentVersion, Employee

SORTABLE: dict[str, Any] = {
    "created_at": Document.created_at,
    "title": func.lower(Document.title),
    "document_date": Document.document_date,
    "size": Document.size,
}
Uploader = aliased(Employee, name="uploader")
GERMAN: Any = literal_column("'german'::regconfig")


def visible_to(principal: Principal, *, through_documents: bool = True) -> ColumnElement[bool]:
    """Documents the caller may see: with ``documents.read_all`` every one, else those they
    uploaded or linked to at least one record they may see (the registry's rule per type);
    confidential ones only with ``documents.confidential`` as well.

    ``through_documents=False`` leaves out links to other documents (the rule of the
    ``document`` record type itself, which must not refer to itself)."""
    if principal.has(Permission.documents_confidential):
        confidential: ColumnElement[bool] = true()
    else:
        confidential = Document.confidential.is_(False)
    if principal.has(Permission.documents_read_all):
        return confidential
    excluded = () if through_documents else (RecordType.document,)
    linked = exists().where(
        DocumentLink.document_id == Document.id,
        links.visible_clause(
            principal, DocumentLink.record_type, DocumentLink.record_id, exclude=excluded
        ),
    )
    return and_(confidential, or_(Document.uploaded_by_id == principal.id, linked))


def visible_ids_sql(principal: Principal, ids: links.IdColumn) -> ColumnElement[bool]:
    """``ids`` (a column of document ids) names a document the caller may see."""
    if not principal.has(Permission.documents_read):
        return false()
    return ids.in_(select(Document.id).where(visible_to(principal, through_documents=False)))


async def visible_ids(
    session: AsyncSession, principal: Principal, ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    if not principal.has(Permission.documents_read) or not ids:
        return set()
    stmt = select(Document.id).where(Document.id.in_(list(ids)), visible_to(principal))
    return set((await session.scalars(stmt)).all())


async def labels(
    session: AsyncSession, ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, tuple[str | None, str]]:
    stmt = select(Document.id, Document.title).where(Document.id.in_(list(ids)))
    return {row.id: (None, row.title) for row in (await session.execute(stmt)).all()}


# --- search ------------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)
# Shorter words match whole words only: "ab:*" would match half the dictionary.
PREFIX_MIN = 3


def search_words(q: str) -> list[str]:
    """The words of a search, lower-cased; at most 8."""
    return [w.lower() for w in _WORD.findall(q)][:8]


def tsquery_text(words: Sequence[str]) -> str:
    """``to_tsquery`` input: every word must match; words of 3+ letters as prefixes of their
    stem, so "Rechnung" finds "Rechnungsnummer" and "Vertrag" finds "Vertragsende". Words are
    ``\\w+`` only, so no tsquery operator can come from the user."""
    return " & ".join(f"{w}:*" if len(w) >= PREFIX_MIN else w for w in words)


@dataclass(frozen=True)
class Search:
    matches: ColumnElement[bool]
    rank: ColumnElement[Any]
    query: Any


def search(words: Sequence[str]) -> Search:
    """The full-text vector (German stems, prefixes) or every word inside the title, file name
    or tags (trigram index: "rechnung" in "Stromrechnung"); ranked by ``ts_rank`` plus a bonus
    for a match in the names."""
    query = func.to_tsquery(GERMAN, tsquery_text(words))
    in_names = and_(*(Document.name_text.like(like_pattern(w)) for w in words))
    matches = or_(Document.search_vector.op("@@")(query), in_names)
    rank = func.ts_rank(Document.search_vector, query) + case((in_names, 0.2), else_=0.0)
    return Search(matches, rank, query)


# Markers around the search words in a snippet (removed from indexed text, see pipeline.clean).
MARK_START, MARK_END = "\x02", "\x03"
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=8, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


# --- lists -------------------------------------------------------------------------------


@dataclass
class ListFilter:
    words: list[str]
    category_ids: list[uuid.UUID] | None = None
    tags: list[str] | None = None
    linked_types: list[RecordType] | None = None
    record: tuple[RecordType, uuid.UUID] | None = None
    date_from: date | None = None
    date_to: date | None = None
    confidential: bool | None = None
    uploaded_by_id: uuid.UUID | None = None


SUMMARY_COLUMNS = (
    Document.id,
    Document.title,
    Document.file_name,
    Document.content_type,
    Document.size,
    Document.category_id,
    Document.tags,
    Document.document_date,
    Document.confidential,
    Document.version_count,
    Document.thumbnail_sha256,
    Document.created_at,
    Document.updated_at,
    Document.uploaded_by_id,
)


def summary_select() -> Select[*tuple[Any, ...]]:
    """What a list row shows: the document's summary columns, category and uploader names."""
    return (
        select(
            *SUMMARY_COLUMNS,
            DocumentCategory.name.label("category_name"),
            Uploader.name.label("uploader_name"),
        )
        .outerjoin(DocumentCategory, DocumentCategory.id == Document.category_id)
        .outerjoin(Uploader, Uploader.id == Document.uploaded_by_id)
    )


def list_conditions(
    principal: Principal, filters: ListFilter, *, record_visible: bool
) -> tuple[list[ColumnElement[bool]], Search | None]:
    """The WHERE of a list: ``filters`` and what the caller may see.

    ``record_visible``: the caller may see the record of ``filters.record`` (checked by the
    service); every document linked to it is then visible but for the confidential rule, and
    the list skips the general rule (which would test every link of every document)."""
    where: list[ColumnElement[bool]] = []
    if filters.record is not None:
        record_type, record_id = filters.record
        where.append(
            exists().where(
                DocumentLink.document_id == Document.id,
                DocumentLink.record_type == record_type.value,
                DocumentLink.record_id == record_id,
            )
        )
    if filters.record is not None and record_visible:
        if not principal.has(Permission.documents_confidential):
            where.append(Document.confidential.is_(False))
    else:
        where.append(visible_to(principal))
    found: Search | None = None
    if filters.words:
        found = search(filters.words)
        where.append(found.matches)
    if filters.category_ids:
        where.append(Document.category_id.in_(filters.category_ids))
    if filters.tags:
        where.append(Document.tags.contains(filters.tags))
    if filters.linked_types:
        where.append(
            exists().where(
                DocumentLink.document_id == Document.id,
                DocumentLink.record_type.in_([t.value for t in filters.linked_types]),
            )
        )
    if filters.date_from is not None:
        where.append(Document.document_date >= filters.date_from)
    if filters.date_to is not None:
        where.append(Document.document_date <= filters.date_to)
    if filters.confidential is not None:
        where.append(Document.confidential.is_(filters.confidential))
    if filters.uploaded_by_id is not None:
        where.append(Document.uploaded_by_id == filters.uploaded_by_id)
    return where, found


def list_statement(
    principal: Principal, filters: ListFilter, *, record_visible: bool
) -> tuple[Select[*tuple[Any, ...]], Search | None]:
    """Documents matching ``filters`` that the caller may see, with what a list row shows."""
    where, found = list_conditions(principal, filters, record_visible=record_visible)
    return summary_select().where(*where), found


async def ranked_page(
    session: AsyncSession,
    where: Sequence[ColumnElement[bool]],
    found: Search,
    limit: int,
    offset: int,
) -> tuple[list[Any], int]:
    """A page of search results by relevance, and the number of matches.

    The ranking reads only ids, ranks and dates of the matches; the page's rows get their
    names joined afterwards, and the total is a plain count (PostgreSQL counts a bitmap scan
    without reading the rows of all-visible pages). One statement with ``count(*) OVER ()``
    over the full rows measured twice as slow at 1,200 matches."""
    ranked = (
        select(Document.id, found.rank.label("rank"))
        .where(*where)
        .order_by(found.rank.desc(), Document.created_at.desc(), Document.id)
        .limit(limit)
        .offset(offset)
        .subquery("ranked")
    )
    stmt = (
        summary_select()
        .join(ranked, ranked.c.id == Document.id)
        .order_by(ranked.c.rank.desc(), Document.created_at.desc(), Document.id)
    )
    rows = list((await session.execute(stmt)).all())
    if offset == 0 and len(rows) < limit:
        return rows, len(rows)
    total = await session.scalar(select(func.count()).select_from(Document).where(*where))
    return rows, int(total or 0)


async def headlines(
    session: AsyncSession, ids: Sequence[uuid.UUID], query: Any
) -> dict[uuid.UUID, str]:
    """Snippets of the page's documents only (``ts_headline`` reads the whole text)."""
    if not ids:
        return {}
    text = func.coalesce(func.nullif(Document.content_text, ""), Document.title)
    stmt = select(
        Document.id, func.ts_headline(GERMAN, text, query, HEADLINE_OPTIONS).label("headline")
    ).where(Document.id.in_(list(ids)))
    return {row.id: row.headline for row in (await session.execute(stmt)).all()}


async def links_of(
    session: AsyncSession, principal: Principal, document_ids: Collection[uuid.UUID]
) -> list[tuple[uuid.UUID, str, uuid.UUID]]:
    """The links of these documents that point at records the caller may see."""
    if not document_ids:
        return []
    stmt = (
        select(DocumentLink.document_id, DocumentLink.record_type, DocumentLink.record_id)
        .where(
            DocumentLink.document_id.in_(list(document_ids)),
            links.visible_clause(principal, DocumentLink.record_type, DocumentLink.record_id),
        )
        .order_by(DocumentLink.created_at, DocumentLink.record_type, DocumentLink.record_id)
    )
    return [(r[0], r[1], r[2]) for r in (await session.execute(stmt)).all()]


async def all_links(session: AsyncSession, document_id: uuid.UUID) -> list[tuple[str, uuid.UUID]]:
    """Every link of a document, visible or not (GoBD locks count all of them)."""
    stmt = select(DocumentLink.record_type, DocumentLink.record_id).where(
        DocumentLink.document_id == document_id
    )
    return [(r[0], r[1]) for r in (await session.execute(stmt)).all()]


# --- one document ------------------------------------------------------------------------


async def get(
    session: AsyncSession, document_id: uuid.UUID, *, for_update: bool = False
) -> Document | None:
    stmt = select(Document).where(Document.id == document_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt.execution_options(populate_existing=True))).first()


async def is_visible(session: AsyncSession, principal: Principal, document_id: uuid.UUID) -> bool:
    stmt = select(exists().where(Document.id == document_id, visible_to(principal)))
    return bool(await session.scalar(stmt))


async def versions(session: AsyncSession, document_id: uuid.UUID) -> list[Any]:
    stmt = (
        select(DocumentVersion, Uploader.name.label("uploader_name"))
        .outerjoin(Uploader, Uploader.id == DocumentVersion.uploaded_by_id)
        .where(DocumentVersion.document_id == document_id)
        .order_by(DocumentVersion.number.desc())
    )
    return list((await session.execute(stmt)).all())


async def version(
    session: AsyncSession, document_id: uuid.UUID, number: int | None
) -> DocumentVersion | None:
    stmt = select(DocumentVersion).where(DocumentVersion.document_id == document_id)
    if number is None:
        stmt = stmt.order_by(DocumentVersion.number.desc()).limit(1)
    else:
        stmt = stmt.where(DocumentVersion.number == number)
    return (await session.scalars(stmt)).first()


async def version_by_id(session: AsyncSession, version_id: uuid.UUID) -> DocumentVersion | None:
    return await session.get(DocumentVersion, version_id)


async def names(session: AsyncSession, document: Document) -> tuple[str | None, str | None]:
    """Category and uploader names of one document."""
    row = (
        await session.execute(
            select(
                select(DocumentCategory.name)
                .where(DocumentCategory.id == document.category_id)
                .scalar_subquery(),
                select(Employee.name)
                .where(Employee.id == document.uploaded_by_id)
                .scalar_subquery(),
            )
        )
    ).one()
    return row[0], row[1]


async def versions_with_sha(
    session: AsyncSession, principal: Principal, sha: str
) -> tuple[uuid.UUID, int] | None:
    """A document the caller may see that holds these bytes (as any version), the current
    version first."""
    stmt = (
        select(DocumentVersion.document_id, DocumentVersion.number)
        .join(Document, Document.id == DocumentVersion.document_id)
        .where(DocumentVersion.sha256 == sha, visible_to(principal))
        .order_by((Document.current_sha256 == sha).desc(), Document.created_at)
        .limit(1)
    )
    row = (await session.execute(stmt)).first()
    return (row[0], row[1]) if row else None


async def add_link(
    session: AsyncSession,
    document_id: uuid.UUID,
    record_type: RecordType,
    record_id: uuid.UUID,
    author_id: uuid.UUID | None,
) -> bool:
    """Link (no-op when linked already); whether a link was added."""
    result = await session.execute(
        insert(DocumentLink)
        .values(
            document_id=document_id,
            record_type=record_type.value,
            record_id=record_id,
            created_by_id=author_id,
        )
        .on_conflict_do_nothing()
        .returning(DocumentLink.document_id)
    )
    return result.first() is not None


async def remove_link(
    session: AsyncSession, document_id: uuid.UUID, record_type: RecordType, record_id: uuid.UUID
) -> bool:
    result = await session.execute(
        delete(DocumentLink)
        .where(
            DocumentLink.document_id == document_id,
            DocumentLink.record_type == record_type.value,
            DocumentLink.record_id == record_id,
        )
        .returning(DocumentLink.document_id)
    )
    return result.first() is not None


async def next_version_number(session: AsyncSession, document_id: uuid.UUID) -> int:
    stmt = select(func.coalesce(func.max(DocumentVersion.number), 0) + 1).where(
        DocumentVersion.document_id == document_id
    )
    return int(await session.scalar(stmt) or 1)


async def shas_of(session: AsyncSession, document_id: uuid.UUID) -> set[str]:
    """Every stored file of a document: its versions and their thumbnails."""
    rows = await session.execute(
        select(DocumentVersion.sha256, DocumentVersion.thumbnail_sha256).where(
            DocumentVersion.document_id == document_id
        )
    )
    return {sha for row in rows.all() for sha in row if sha}


async def set_processed(
    session: AsyncSession,
    version_id: uuid.UUID,
    values: dict[str, Any],
) -> DocumentVersion | None:
    stmt = (
        update(DocumentVersion)
        .where(DocumentVersion.id == version_id)
        .values(**values)
        .returning(DocumentVersion)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def copy_current(session: AsyncSession, version: DocumentVersion) -> None:
    """The document shows its current version's text and thumbnail (if this is it)."""
    await session.execute(
        update(Document)
        .where(Document.id == version.document_id, Document.current_sha256 == version.sha256)
        .values(content_text=version.content_text, thumbnail_sha256=version.thumbnail_sha256)
    )


# --- categories and tags ---------------------------------------------------------------------


async def categories(session: AsyncSession) -> list[Any]:
    count = (
        select(func.count())
        .where(Document.category_id == DocumentCategory.id)
        .correlate(DocumentCategory)
        .scalar_subquery()
    )
    stmt = select(DocumentCategory, count.label("document_count")).order_by(
        DocumentCategory.position, func.lower(DocumentCategory.name)
    )
    return list((await session.execute(stmt)).all())


async def category(session: AsyncSession, category_id: uuid.UUID) -> DocumentCategory | None:
    return await session.get(DocumentCategory, category_id)


async def tag_counts(session: AsyncSession, principal: Principal, limit: int) -> list[Any]:
    tag = func.unnest(Document.tags).label("tag")
    inner = select(tag).where(visible_to(principal)).subquery()
    stmt = (
        select(inner.c.tag, func.count().label("count"))
        .group_by(inner.c.tag)
        .order_by(func.count().desc(), inner.c.tag)
        .limit(limit)
    )
    return list((await session.execute(stmt)).all())
