"""The project list: filters, search, sorting, what a row shows, statements per request."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_customer, make_department, make_employee
from tests.projects.helpers import count_statements, make_entry, make_project
from workmate.core.db import Database

URL = "/api/v1/projects"


async def test_filters_search_and_sorting(client: AsyncClient, session: AsyncSession) -> None:
    admin = await logged_in_as(client, session, "admin")
    worker = await make_employee(session)
    customer = await make_customer(session)
    p1 = await make_project(
        session,
        number="P-1",
        title="Alpha Shop",
        customer_id=customer.id,
        lead=admin,
        status="active",
    )
    p2 = await make_project(
        session,
        number="P-2",
        title="Beta App",
        members=[worker],
        status="on_hold",
        priority="urgent",
    )
    p3 = await make_project(
        session, number="P-3", title="Gamma Shop", status="completed", start_date=date(2026, 1, 1)
    )
    await session.commit()

    async def ids(**params: Any) -> list[str]:
        r = await client.get(URL, params=params)
        assert r.status_code == 200, r.text
        return [p["id"] for p in r.json()["items"]]

    assert await ids(sort="number") == [str(p1.id), str(p2.id), str(p3.id)]
    assert await ids() == [str(p3.id), str(p2.id), str(p1.id)]
    assert await ids(q="shop", sort="number") == [str(p1.id), str(p3.id)]
    assert await ids(q="p-2") == [str(p2.id)]
    assert await ids(customer_id=str(customer.id)) == [str(p1.id)]
    assert set(await ids(status=["active", "on_hold"])) == {str(p1.id), str(p2.id)}
    assert await ids(lead_id=str(admin.id)) == [str(p1.id)]
    assert await ids(member_id=str(worker.id)) == [str(p2.id)]
    assert (await ids(sort="-priority"))[0] == str(p2.id)
    r = await client.get(URL, params={"sort": "budget"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "sort"
    r = await client.get(URL, params={"status": "finished"})
    assert r.status_code == 422


async def test_project_list_query_count_does_not_grow_with_rows(
    client: AsyncClient, session: AsyncSession, database: Database
) -> None:
    admin = await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    await make_project(session, lead=admin, customer_id=customer.id)
    await session.commit()
    with count_statements(database.engine) as few:
        assert (await client.get(URL)).status_code == 200
    for _ in range(15):
        worker = await make_employee(session)
        await make_project(session, lead=admin, members=[worker])
    await session.commit()
    with count_statements(database.engine) as many:
        r = await client.get(URL)
    assert r.json()["total"] == 16
    assert len(many) == len(few), many


async def test_list_rows_show_names_and_logged_minutes(
    client: AsyncClient, session: AsyncSession
) -> None:
    admin = await logged_in_as(client, session, "admin", name="Anna Leitung")
    customer = await make_customer(session, name="Listen GmbH")
    department = await make_department(session, name="Beratung")
    led = await make_project(
        session, lead=admin, customer_id=customer.id, department_id=department.id
    )
    bare = await make_project(session, customer_id=customer.id)
    day = datetime(2026, 5, 4, 8, tzinfo=UTC)
    await make_entry(session, admin, led, day, day.replace(hour=10))
    await make_entry(session, admin, led, day.replace(hour=11), None)  # running: not counted
    await session.commit()
    items = {
        p["id"]: p
        for p in (await client.get(URL, params={"customer_id": str(customer.id)})).json()["items"]
    }
    shown = items[str(led.id)]
    assert shown["customer"] == {"id": str(customer.id), "name": "Listen GmbH"}
    assert shown["lead"] == {"id": str(admin.id), "name": "Anna Leitung"}
    assert shown["department"] == {"id": str(department.id), "name": "Beratung"}
    assert shown["logged_minutes"] == 120
    assert items[str(bare.id)]["lead"] is None and items[str(bare.id)]["department"] is None
    assert items[str(bare.id)]["logged_minutes"] == 0
