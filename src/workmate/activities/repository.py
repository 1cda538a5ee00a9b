from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from workmate.models import Activity, Contact


def list_statement(
    *,
    customer_id: uuid.UUID | None = None,
    contact_id: uuid.UUID | None = None,
    types: Sequence[str] | None = None,
    author_id: uuid.UUID | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Select[Activity]:
    stmt = select(Activity).options(
        joinedload(Activity.customer), joinedload(Activity.contact), joinedload(Activity.author)
    )
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


async def get(session: AsyncSession, activity_id: uuid.UUID) -> Activity | None:
    stmt = (
        list_statement().where(Activity.id == activity_id).execution_options(populate_existing=True)
    )
    return (await session.scalars(stmt)).first()


async def contact_customer(session: AsyncSession, contact_id: uuid.UUID) -> uuid.UUID | None:
    return await session.scalar(select(Contact.customer_id).where(Contact.id == contact_id))
