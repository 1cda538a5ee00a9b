"""Counting a list's rows: in place for plain filtered selects, as a subquery otherwise."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import make_customer
from workmate.core.pagination import _count
from workmate.models import Contact, Customer


async def test_counts_match_the_rows_for_every_kind_of_select(session: AsyncSession) -> None:
    town = f"Ort-{uuid.uuid4().hex[:8]}"
    first = await make_customer(session, city=town)
    await make_customer(session, city=town)
    await make_customer(session, city=f"{town}-Nord")
    await make_customer(session, city=f"{town}-Süd")
    session.add(Contact(customer_id=first.id, name="Erika Muster"))
    await session.flush()

    in_town = Customer.city.like(f"{town}%")
    # A join with an outer join: counted in place, one row per customer.
    plain = (
        select(Customer.id, Customer.name, Contact.name)
        .outerjoin(Contact, Contact.customer_id == Customer.id)
        .where(in_town)
    )
    assert await _count(session, plain) == len((await session.execute(plain)).all()) == 4
    # Grouped, distinct and limited selects must count their result rows, not the rows beneath.
    grouped = select(Customer.city, func.count()).where(in_town).group_by(Customer.city)
    assert await _count(session, grouped) == 3  # groups of 2, 1 and 1 rows
    distinct = select(Customer.city).where(in_town).distinct()
    assert await _count(session, distinct) == 3
    limited = select(Customer.id).where(in_town).limit(1)
    assert await _count(session, limited) == 1
