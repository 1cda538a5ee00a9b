from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_contact, make_customer, make_employee
from workmate.core import clock
from workmate.models import Activity

URL = "/api/v1/activities"


async def test_log_activities_and_read_the_timeline_newest_first(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await logged_in_as(client, session, "project_lead")
    customer = await make_customer(session)
    contact = await make_contact(session, customer.id, name="Frau Kunde")
    await session.commit()
    for i, (kind, when) in enumerate(
        [
            ("call", "2026-03-01T09:00:00+01:00"),
            ("meeting", "2026-03-05T14:00:00+01:00"),
            ("note", "2026-03-03T08:00:00+01:00"),
        ]
    ):
        response = await client.post(
            URL,
            json={
                "customer_id": str(customer.id),
                "contact_id": str(contact.id) if i == 0 else None,
                "type": kind,
                "subject": f"{kind} {i}",
                "occurred_at": when,
            },
        )
        assert response.status_code == 201, response.text
    timeline = (await client.get(f"/api/v1/customers/{customer.id}/timeline")).json()
    assert [a["type"] for a in timeline["items"]] == ["meeting", "note", "call"]
    assert timeline["items"][2]["contact"]["name"] == "Frau Kunde"
    assert timeline["items"][0]["author"]["id"] == str(me.id)
    paged = (
        await client.get(
            f"/api/v1/customers/{customer.id}/timeline", params={"limit": 1, "offset": 1}
        )
    ).json()
    assert paged["total"] == 3 and paged["items"][0]["type"] == "note"
    calls = (await client.get(URL, params={"type": "call"})).json()
    assert calls["total"] == 1
    window = (
        await client.get(URL, params={"from": "2026-03-02T00:00:00Z", "to": "2026-03-04T00:00:00Z"})
    ).json()
    assert [a["type"] for a in window["items"]] == ["note"]


async def test_timeline_edges_unknown_customer_past_the_end_and_no_author(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    contact = await make_contact(session, customer.id, name="Frau Anruf")
    await session.commit()
    body = {"customer_id": str(customer.id), "contact_id": str(contact.id), "type": "call"}
    assert (await client.post(URL, json={**body, "subject": "Anruf"})).status_code == 201
    session.add(
        Activity(
            customer_id=customer.id,
            type="event",
            event="test",
            subject="System",
            data={},
            occurred_at=clock.now(),
        )
    )
    await session.commit()
    timeline = f"/api/v1/customers/{customer.id}/timeline"
    items = (await client.get(timeline)).json()["items"]
    by_subject = {a["subject"]: a for a in items}
    assert by_subject["System"]["author"] is None and by_subject["System"]["contact"] is None
    assert by_subject["Anruf"]["contact"] == {"id": str(contact.id), "name": "Frau Anruf"}
    past = (await client.get(timeline, params={"offset": 10})).json()
    assert past["items"] == [] and past["total"] == len(items) == 2
    unknown = await client.get(f"/api/v1/customers/{uuid.uuid4()}/timeline")
    assert unknown.status_code == 404 and unknown.json()["status"] == 404


async def test_contact_must_belong_to_the_customer(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    one = await make_customer(session)
    other = await make_customer(session)
    foreign = await make_contact(session, other.id)
    await session.commit()
    response = await client.post(
        URL,
        json={
            "customer_id": str(one.id),
            "contact_id": str(foreign.id),
            "type": "call",
            "subject": "x",
        },
    )
    assert response.status_code == 422 and response.json()["code"] == "contact_not_of_customer"
    no_tz = await client.post(
        URL,
        json={
            "customer_id": str(one.id),
            "type": "call",
            "subject": "x",
            "occurred_at": "2026-01-01T10:00:00",
        },
    )
    assert no_tz.status_code == 422
    event = await client.post(
        URL, json={"customer_id": str(one.id), "type": "event", "subject": "fake"}
    )
    assert event.status_code == 422


async def test_events_are_read_only_and_only_authors_edit(
    client: AsyncClient, session: AsyncSession, app
) -> None:  # type: ignore[no-untyped-def]
    from httpx import ASGITransport

    from tests.factories import login

    await logged_in_as(client, session, "project_lead")
    created = (await client.post("/api/v1/customers", json={"name": "Ereignis GmbH"})).json()
    event = (await client.get(f"/api/v1/customers/{created['id']}/timeline")).json()["items"][0]
    assert event["type"] == "event"
    assert (await client.patch(f"{URL}/{event['id']}", json={"subject": "x"})).status_code == 409
    assert (await client.delete(f"{URL}/{event['id']}")).status_code == 409
    note = (
        await client.post(
            URL, json={"customer_id": created["id"], "type": "note", "subject": "Mine"}
        )
    ).json()
    colleague = await make_employee(session, role_key="project_lead")
    await session.commit()
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as other:
        await login(other, colleague.email)
        assert (
            await other.patch(f"{URL}/{note['id']}", json={"subject": "Theirs"})
        ).status_code == 403
    assert (await client.patch(f"{URL}/{note['id']}", json={"subject": "Still mine"})).json()[
        "subject"
    ] == "Still mine"


async def test_deleting_a_contact_keeps_the_customers_history(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    contact = await make_contact(session, customer.id, name="Herr Weg")
    await session.commit()
    logged = await client.post(
        URL,
        json={
            "customer_id": str(customer.id),
            "contact_id": str(contact.id),
            "type": "call",
            "subject": "Vertrag besprochen",
            "occurred_at": "2026-03-01T09:00:00+01:00",
        },
    )
    assert logged.status_code == 201, logged.text
    assert (await client.delete(f"/api/v1/contacts/{contact.id}")).status_code == 204
    timeline = (await client.get(f"/api/v1/customers/{customer.id}/timeline")).json()
    call = next(a for a in timeline["items"] if a["type"] == "call")
    assert call["subject"] == "Vertrag besprochen" and call["contact"] is None
    assert call["customer_id"] == str(customer.id)
