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


async def test_search_finds_documents_by_number_and_projects_by_number_or_title(
    client: AsyncClient, session: AsyncSession
) -> None:
    from tests.invoices.helpers import finalized, invoiceable_customer, line, setup_company
    from tests.projects.helpers import make_project

    admin = await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    await make_project(session, number="P-2026-077", title="Relaunch Webshop", lead=admin)
    await session.commit()
    invoice = await finalized(client, customer.id, [line(quantity="1", price="10.00")])
    number = invoice["number"]
    items = (await client.get("/api/v1/search", params={"q": number})).json()["items"]
    assert [(i["kind"], i["title"], i["window"]) for i in items] == [("invoice", number, "invoice")]
    assert items[0]["id"] == invoice["id"] and items[0]["status"] == "finalized"
    by_seq = (await client.get("/api/v1/search", params={"q": number[-3:]})).json()["items"]
    assert invoice["id"] in [i["id"] for i in by_seq]
    for q in ("P-2026-077", "webshop"):
        items = (await client.get("/api/v1/search", params={"q": q})).json()["items"]
        assert [(i["kind"], i["title"]) for i in items] == [
            ("project", "P-2026-077 · Relaunch Webshop")
        ]


async def test_search_shows_only_projects_the_employee_works_on_and_no_documents(
    client: AsyncClient, session: AsyncSession
) -> None:
    from tests.projects.helpers import make_project

    me = await logged_in_as(client, session, "employee")
    await make_project(session, title="Mein Relaunch", members=[me])
    await make_project(session, title="Fremder Relaunch")
    await session.commit()
    items = (await client.get("/api/v1/search", params={"q": "relaunch"})).json()["items"]
    assert [i["title"].split(" · ")[1] for i in items] == ["Mein Relaunch"]
