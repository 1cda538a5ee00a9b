"""Lists and details issue a bounded number of SQL statements, independent of the row count
(an N+1 query fails here; relationships are lazy="raise" as a second guard)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import (
    logged_in_as,
    make_contact,
    make_customer,
    make_department,
    make_employee,
)
from workmate.models import Activity


async def _statements(client: AsyncClient, count_statements: Any, url: str) -> int:
    with count_statements() as counter:
        response = await client.get(url)
    assert response.status_code == 200, response.text
    return int(counter.count)


async def _grow_and_compare(
    client: AsyncClient,
    session: AsyncSession,
    count_statements: Any,
    url: str,
    grow: Callable[[int], Awaitable[None]],
) -> None:
    await grow(2)
    await session.commit()
    small = await _statements(client, count_statements, url)
    await grow(25)
    await session.commit()
    large = await _statements(client, count_statements, url)
    assert large == small, f"{url}: {small} statements for few rows, {large} for many"
    assert small <= 8, f"{url}: {small} statements"


async def test_list_endpoints_do_not_grow_with_rows(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    admin = await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    await session.commit()

    async def employees(n: int) -> None:
        dept = await make_department(session)
        for _ in range(n):
            await make_employee(session, department_id=dept.id)

    async def customers(n: int) -> None:
        for _ in range(n):
            c = await make_customer(session)
            await make_contact(session, c.id, is_primary=True)

    async def contacts(n: int) -> None:
        for _ in range(n):
            await make_contact(session, customer.id)

    async def activities(n: int) -> None:
        from workmate.core import clock

        contact = await make_contact(session, customer.id)
        for _ in range(n):
            session.add(
                Activity(
                    customer_id=customer.id,
                    contact_id=contact.id,
                    author_id=admin.id,
                    type="note",
                    subject="x",
                    occurred_at=clock.now(),
                )
            )
        await session.flush()

    async def departments(n: int) -> None:
        for _ in range(n):
            await make_department(session, manager_id=admin.id)

    cases = [
        ("/api/v1/employees?limit=200", employees),
        ("/api/v1/customers?limit=200", customers),
        ("/api/v1/customers?limit=200&q=kunde", customers),
        (f"/api/v1/customers/{customer.id}/contacts?limit=200", contacts),
        ("/api/v1/contacts?limit=200", contacts),
        (f"/api/v1/customers/{customer.id}/timeline?limit=200", activities),
        ("/api/v1/activities?limit=200", activities),
        ("/api/v1/departments?limit=200", departments),
        ("/api/v1/roles", departments),
    ]
    for url, grow in cases:
        await _grow_and_compare(client, session, count_statements, url, grow)


async def test_detail_endpoints_are_bounded(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    for _ in range(10):
        await make_contact(session, customer.id)
    await session.commit()
    assert await _statements(client, count_statements, f"/api/v1/customers/{customer.id}") <= 8
    assert await _statements(client, count_statements, "/api/v1/customers/stats") <= 10
