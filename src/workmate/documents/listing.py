"""The documents list: filters, full-text search with ranking and snippets, one page."""

from __future__ import annotations

import re
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from workmate import links
from workmate.auth.service import Principal
from workmate.core.pagination import Page, PageParams, paginate, sort_clauses
from workmate.documents import repository as repo
from workmate.documents import service
from workmate.documents.schemas import DocumentSort, DocumentSummary, Snippet
from workmate.models import Document

_MARKED = re.compile(f"({repo.MARK_START}[^{repo.MARK_END}]*{repo.MARK_END})")


def snippet(headline: str) -> list[Snippet]:
    """``ts_headline`` output as plain pieces: the words between the markers are matches."""
    pieces: list[Snippet] = []
    for part in _MARKED.split(headline):
        if part.startswith(repo.MARK_START) and part.endswith(repo.MARK_END):
            pieces.append(Snippet(text=part[1:-1], match=True))
        elif part:
            plain = part.replace(repo.MARK_START, "").replace(repo.MARK_END, "")
            pieces.append(Snippet(text=plain, match=False))
    return pieces


async def list_documents(
    session: AsyncSession,
    principal: Principal,
    filters: repo.ListFilter,
    paging: PageParams,
    sort: DocumentSort | None,
) -> Page[DocumentSummary]:
    record_visible = False
    if filters.record is not None:
        ref = links.RecordRef(*filters.record)
        await links.ensure_visible(session, principal, ref, field="record")
        record_visible = True
    where, found = repo.list_conditions(principal, filters, record_visible=record_visible)
    if found is not None and sort in (None, DocumentSort.relevance):
        rows, total = await repo.ranked_page(session, where, found, paging.limit, paging.offset)
    else:
        key = sort.value if sort and sort is not DocumentSort.relevance else "-created_at"
        order = sort_clauses(key, repo.SORTABLE, "-created_at", Document.id)
        stmt = repo.summary_select().where(*where)
        rows, total = await paginate(session, stmt, paging, order, scalars=False)
    ids = [row.id for row in rows]
    linked = await service.linked_records(session, principal, ids)
    items = [service.summary(row._mapping, linked.get(row.id, [])) for row in rows]
    if found is not None:
        headlines = await repo.headlines(session, ids, found.query)
        for item in items:
            if item.id in headlines:
                item.snippet = snippet(headlines[item.id])
    return Page(items=items, total=total, limit=paging.limit, offset=paging.offset)


async def quick_search(
    session: AsyncSession, principal: Principal, q: str, limit: int
) -> list[tuple[uuid.UUID, str, str]]:
    """(id, title, file name) of the best matches, for the command palette."""
    words = repo.search_words(q)
    if not words:
        return []
    stmt, found = repo.list_statement(principal, repo.ListFilter(words=words), record_visible=False)
    assert found is not None
    rows = await session.execute(
        stmt.order_by(found.rank.desc(), Document.created_at.desc()).limit(limit)
    )
    return [(row.id, row.title, row.file_name) for row in rows]
