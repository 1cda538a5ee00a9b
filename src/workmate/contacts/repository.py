from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, String, func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core.references import ids_among, labels_among, like_pattern
from workmate.models import Contact

SORTABLE: dict[str, Any] = {"name": func.lower(Contact.name), "created_at": Contact.created_at}


def list_statement(customer_id: uuid.UUID | None, q: str | None) -> Select[Contact]:
    stmt = select(Contact)
    if customer_id is not None:
        stmt = stmt.where(Contact.customer_id == customer_id)
    if q:
        stmt = stmt.where(Contact.search_text.like(like_pattern(q)))
    return stmt


async def get(session: AsyncSession, contact_id: uuid.UUID) -> Contact | None:
    stmt = select(Contact).where(Contact.id == contact_id).execution_options(populate_existing=True)
    return (await session.scalars(stmt)).first()


async def clear_primary(session: AsyncSession, customer_id: uuid.UUID) -> None:
    await session.execute(
        update(Contact)
        .where(Contact.customer_id == customer_id, Contact.is_primary.is_(True))
        .values(is_primary=False)
        .execution_options(synchronize_session="fetch")
    )


async def has_primary(session: AsyncSession, customer_id: uuid.UUID) -> bool:
    stmt = select(Contact.id).where(
        Contact.customer_id == customer_id, Contact.is_primary.is_(True)
    )
    return await session.scalar(stmt) is not None


async def existing_ids(session: AsyncSession, ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    return await ids_among(session, Contact.id, ids)


async def labels(
    session: AsyncSession, ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, tuple[str | None, str]]:
    return await labels_among(session, Contact.id, literal(None, String), Contact.name, ids)
