from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, joinedload

from workmate.activities.schemas import Activity as ActivityRead
from workmate.auth.schemas import Ref
from workmate.models import Activity, Contact, Customer, Employee


def list_statement(**filters: Any) -> Select[Activity]:
    """Activities (ORM entities with customer, contact and author) matching ``filters``."""
    stmt = select(Activity).options(
        joinedload(Activity.customer), joinedload(Activity.contact), joinedload(Activity.author)
    )
    return _filtered(stmt, **filters)


def _filtered(
    stmt: Select[Any],
    *,
    customer_id: uuid.UUID | None = None,
    contact_id: uuid.UUID | None = None,
    types: Sequence[str] | None = None,
    author_id: uuid.UUID | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Select[Any]:
    if customer_id is not None:
        stmt = stmt.where(Activity.customer_id == customer_id)
    if contact_id is not None:
        stmt = stmt.where(Activity.contact_id == contact_id)
    if types:
        stmt = stmt.where(Activity.type.in_(types))
    if author_id is not None:
        stmt = stmt.where(Activity.author_id == author_id)
    if since is not None:
        stmt = stmt.where(Activity.occurred_at >= since)
    if until is not None:
        stmt = stmt.where(Activity.occurred_at < until)
    return stmt


NEWEST_FIRST = (Activity.occurred_at.desc(), Activity.id.desc())

_Author = aliased(Employee, name="author")


def row_statement(**filters: Any) -> Select[Any]:
    """``list_statement``'s rows as plain columns with the names of customer, contact and
    author (what a list shows) instead of three joined ORM entities per row."""
    stmt = (
        select(
            *Activity.__table__.c,
            Customer.name.label("customer_name"),
            Contact.name.label("contact_name"),
            _Author.name.label("author_name"),
        )
        .join_from(Activity, Customer, Customer.id == Activity.customer_id)
        .outerjoin(Contact, Contact.id == Activity.contact_id)
        .outerjoin(_Author, _Author.id == Activity.author_id)
    )
    return _filtered(stmt, **filters)


def to_read(row: Any) -> ActivityRead:
    """An ``Activity`` response from a ``row_statement`` row."""
    return ActivityRead(
        id=row.id,
        customer_id=row.customer_id,
        customer=Ref(id=row.customer_id, name=row.customer_name),
        contact_id=row.contact_id,
        contact=Ref(id=row.contact_id, name=row.contact_name)
        if row.contact_name is not None
        else None,
        author=Ref(id=row.author_id, name=row.author_name) if row.author_name is not None else None,
        type=row.type,
        event=row.event,
        subject=row.subject,
        body=row.body,
        data=row.data,
        occurred_at=row.occurred_at,
        created_at=row.created_at,
    )


async def get(session: AsyncSession, activity_id: uuid.UUID) -> Activity | None:
    stmt = (
        list_statement().where(Activity.id == activity_id).execution_options(populate_existing=True)
    )
    return (await session.scalars(stmt)).first()


async def contact_customer(session: AsyncSession, contact_id: uuid.UUID) -> uuid.UUID | None:
    return await session.scalar(select(Contact.customer_id).where(Contact.id == contact_id))
