from __future__ import annotations

import asyncio

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_customer


async def test_first_contact_becomes_primary_and_flag_moves_in_one_step(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "project_lead")
    customer = await make_customer(session)
    await session.commit()
    base = f"/api/v1/customers/{customer.id}/contacts"
    first = (await client.post(base, json={"name": "Frau Erste", "email": "erste@kunde.de"})).json()
    assert first["is_primary"] is True
    timeline = (await client.get(f"/api/v1/customers/{customer.id}/timeline")).json()["items"]
    assert timeline[0]["event"] == "contact_added"
    assert timeline[0]["data"]["name"] == "Frau Erste"
    second = (await client.post(base, json={"name": "Herr Zweiter", "is_primary": True})).json()
    assert second["is_primary"] is True
    listed = (await client.get(base)).json()["items"]
    assert [(c["name"], c["is_primary"]) for c in listed] == [
        ("Herr Zweiter", True),
        ("Frau Erste", False),
    ]
    moved = await client.post(f"/api/v1/contacts/{first['id']}/make-primary")
    assert moved.status_code == 200 and moved.json()["is_primary"] is True
    again = (await client.get(base)).json()["items"]
    assert sum(c["is_primary"] for c in again) == 1


async def test_concurrent_make_primary_never_500(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    await session.commit()
    base = f"/api/v1/customers/{customer.id}/contacts"
    ids = [(await client.post(base, json={"name": f"K{i}"})).json()["id"] for i in range(4)]
    results = await asyncio.gather(
        *(client.post(f"/api/v1/contacts/{i}/make-primary") for i in ids)
    )
    assert all(r.status_code in (200, 409) for r in results), [r.text for r in results]
    assert sum(c["is_primary"] for c in (await client.get(base)).json()["items"]) == 1


async def test_contact_crud_validation_and_global_search(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    await session.commit()
    bad = await client.post(
        "/api/v1/contacts", json={"customer_id": str(customer.id), "name": "", "email": "x"}
    )
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {
        "name",
        "email",
    }
    import uuid

    unknown = await client.post(
        "/api/v1/contacts", json={"customer_id": str(uuid.uuid4()), "name": "Nobody"}
    )
    assert unknown.status_code == 404
    created = await client.post(
        "/api/v1/contacts",
        json={
            "customer_id": str(customer.id),
            "name": "Dr. Ilse Wortmann",
            "position": "CFO",
            "mobile": "+49 171 000",
        },
    )
    assert created.status_code == 201
    cid = created.json()["id"]
    found = (await client.get("/api/v1/contacts", params={"q": "wortm"})).json()
    assert [c["id"] for c in found["items"]] == [cid]
    patched = await client.patch(
        f"/api/v1/contacts/{cid}", json={"department": "Finanzen", "name": None}
    )
    assert patched.status_code == 422
    patched = await client.patch(f"/api/v1/contacts/{cid}", json={"department": "Finanzen"})
    assert patched.json()["department"] == "Finanzen"
    assert (await client.delete(f"/api/v1/contacts/{cid}")).status_code == 204
    assert (await client.get(f"/api/v1/contacts/{cid}")).status_code == 404
