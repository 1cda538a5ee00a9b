from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_contact, make_customer, make_employee


async def test_search_finds_employees_customers_and_contacts(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    await make_employee(session, name="Walter Sonnenschein")
    customer = await make_customer(session, name="Sonnenschein Solar GmbH", city="Freiburg")
    await make_contact(session, customer.id, name="Clara Sonnenschein")
    await session.commit()
    items = (await client.get("/api/v1/search", params={"q": "sonnen"})).json()["items"]
    kinds = sorted((i["kind"], i["app"], i["window"]) for i in items)
    assert kinds == [
        ("contact", "crm", "customer"),
        ("customer", "crm", "customer"),
        ("employee", "employees", "detail"),
    ]
    contact_hit = next(i for i in items if i["kind"] == "contact")
    assert contact_hit["id"] == str(customer.id)


async def test_search_only_shows_what_the_role_may_read(
    client: AsyncClient, session: AsyncSession
) -> None:
    from tests.factories import make_role

    role = await make_role(session, permissions=["employees.read"])
    await make_customer(session, name="Geheim GmbH")
    await make_employee(session, name="Geheim Person")
    await session.commit()
    await logged_in_as(client, session, role_key=None, role_id=role.id)
    items = (await client.get("/api/v1/search", params={"q": "geheim"})).json()["items"]
    assert [i["kind"] for i in items] == ["employee"]
    assert (await client.get("/api/v1/search", params={"q": ""})).status_code == 422
