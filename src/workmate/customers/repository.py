from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, joinedload

from workmate.core.references import like_pattern
from workmate.models import Contact, Customer

SORTABLE: dict[str, Any] = {
    "name": func.lower(Customer.name),
    "number": Customer.number,
    "city": func.lower(Customer.city),
    "created_at": Customer.created_at,
    "status": Customer.status,
}

PrimaryContact = aliased(Contact, name="primary_contact")


def matching_ids(q: str) -> Any:
    """Ids of customers whose name, number, e-mail, city or a contact's name or e-mail match.

    A UNION of two trigram-index lookups: an OR across the two tables could use neither index.
    """
    pattern = like_pattern(q)
    return union(
        select(Customer.id).where(Customer.search_text.like(pattern)),
        select(Contact.customer_id).where(Contact.search_text.like(pattern)),
    )


def list_statement(
    *,
    q: str | None,
    statuses: Sequence[str] | None,
    kinds: Sequence[str] | None,
    tags: list[str] | None,
    archived: bool | None,
) -> Select[Customer, str | None]:
    # The primary contact's name as a scalar subquery: PostgreSQL evaluates it only for the rows
    # that survive ORDER BY ... LIMIT, and the count ignores it (a join would run for every match).
    primary_name = (
        select(PrimaryContact.name)
        .where(PrimaryContact.customer_id == Customer.id, PrimaryContact.is_primary)
        .scalar_subquery()
    )
    stmt = select(Customer, primary_name)
    if q:
        stmt = stmt.where(Customer.id.in_(matching_ids(q)))
    if statuses:
        stmt = stmt.where(Customer.status.in_(statuses))
    if kinds:
        stmt = stmt.where(Customer.kind.in_(kinds))
    if tags:
        stmt = stmt.where(Customer.tags.contains(tags))
    if archived is not None:
        stmt = stmt.where(
            Customer.archived_at.is_not(None) if archived else Customer.archived_at.is_(None)
        )
    return stmt


async def get(
    session: AsyncSession, customer_id: uuid.UUID, *, for_update: bool = False
) -> Customer | None:
    stmt = (
        select(Customer)
        .where(Customer.id == customer_id)
        .options(joinedload(Customer.created_by))
        .execution_options(populate_existing=True)
    )
    if for_update:
        stmt = stmt.with_for_update(of=Customer)
    return (await session.scalars(stmt)).first()


async def primary_contact_and_count(
    session: AsyncSession, customer_id: uuid.UUID
) -> tuple[Contact | None, int]:
    """The primary contact and the number of contacts: one statement when there is a primary."""
    count = select(func.count()).select_from(Contact).where(Contact.customer_id == customer_id)
    row = (
        await session.execute(
            select(Contact, count.scalar_subquery()).where(
                Contact.customer_id == customer_id, Contact.is_primary.is_(True)
            )
        )
    ).first()
    if row is not None:
        return row[0], int(row[1])
    return None, int(await session.scalar(count) or 0)
