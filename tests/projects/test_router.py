"""Projects over HTTP: numbering, transitions, visibility per role, members (lists: test_list)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import company_today, logged_in_as, login, make_customer, make_employee
from tests.projects.helpers import make_entry, make_project
from workmate.core import clock
from workmate.models import Activity, CompanySettings

URL = "/api/v1/projects"


async def _body(session: AsyncSession, **overrides: Any) -> dict[str, Any]:
    if "customer_id" not in overrides:
        customer = await make_customer(session)
        await session.commit()
        overrides["customer_id"] = str(customer.id)
    return {"title": "Relaunch Website", **overrides}


@pytest.mark.date_sensitive
async def test_create_read_project_with_members_and_decimal_money(
    client: AsyncClient, session: AsyncSession
) -> None:
    lead = await logged_in_as(client, session, "project_lead")
    dev = await make_employee(session)
    await session.commit()
    body = await _body(
        session,
        members=[{"employee_id": str(dev.id), "hourly_rate": "95.50"}],
        hourly_rate="110",
        budget_hours="120.5",
        budget_amount="15000.00",
        start_date="2026-01-05",
        end_date="2026-06-30",
        priority="high",
    )
    created = await client.post(URL, json=body)
    assert created.status_code == 201, created.text
    data = created.json()
    year = company_today().year  # {year}: the company's year, not UTC's
    assert data["number"] == f"P-{year}-001"
    assert data["status"] == "planned"
    assert data["lead"]["id"] == str(lead.id)  # defaults to the creator
    assert data["hourly_rate"] == "110.00" and data["budget_amount"] == "15000.00"
    assert data["budget_hours"] == "120.50"
    assert data["members"] == [
        {
            "employee_id": str(dev.id),
            "employee": {"id": str(dev.id), "name": dev.name},
            "hourly_rate": "95.50",
        }
    ]
    assert data["can_edit"] is True and data["allowed_transitions"] == ["active", "cancelled"]
    assert data["logged_minutes"] == 0
    read = await client.get(f"{URL}/{data['id']}")
    assert read.status_code == 200 and read.json()["title"] == "Relaunch Website"
    events = (await session.scalars(select(Activity))).all()
    assert [(e.event, e.data["number"]) for e in events] == [("project_created", data["number"])]


@pytest.mark.date_sensitive
async def test_project_numbers_are_unique_under_concurrent_creation(
    client: AsyncClient, session: AsyncSession, app: Any
) -> None:
    admin = await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    await session.commit()
    clients = []
    from httpx import ASGITransport

    for _ in range(8):
        c = AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver")
        await login(c, admin.email)
        clients.append(c)
    try:
        responses = await asyncio.gather(
            *(
                c.post(URL, json={"title": f"Parallel {i}", "customer_id": str(customer.id)})
                for i, c in enumerate(clients)
            )
        )
    finally:
        for c in clients:
            await c.aclose()
    assert [r.status_code for r in responses] == [201] * 8, [r.text for r in responses]
    numbers = sorted(r.json()["number"] for r in responses)
    year = company_today().year
    assert numbers == [f"P-{year}-{i:03d}" for i in range(1, 9)]


async def test_number_follows_company_pattern_and_is_never_reused(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    settings = await session.get(CompanySettings, 1)
    assert settings is not None
    settings.project_number_pattern = "PRJ{seq:4}"
    await session.commit()
    first = (await client.post(URL, json=await _body(session))).json()
    assert first["number"] == "PRJ0001"
    assert (await client.delete(f"{URL}/{first['id']}")).status_code == 204
    second = (await client.post(URL, json=await _body(session))).json()
    assert second["number"] == "PRJ0002"


async def test_customer_must_exist_and_not_be_archived(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    archived = await make_customer(session, archived_at=clock.now())
    await session.commit()
    r = await client.post(URL, json={"title": "X", "customer_id": str(archived.id)})
    assert r.status_code == 422 and r.json()["code"] == "customer_archived"
    assert r.json()["errors"][0]["field"] == "customer_id"
    r = await client.post(
        URL, json={"title": "X", "customer_id": "00000000-0000-0000-0000-000000000001"}
    )
    assert r.status_code == 422 and r.json()["code"] == "unknown_reference"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "x" * 201),
        ("hourly_rate", "-1"),
        ("hourly_rate", "12.345"),
        ("budget_hours", "-5"),
        ("budget_amount", "1.001"),
        ("priority", "critical"),
        ("billing_type", "hourly"),
        ("status", "completed"),
        ("rounding_minutes", 7),
        ("rounding_mode", "sideways"),
        ("start_date", "2026-02-30"),
        ("lead_id", "nope"),
    ],
)
async def test_create_rejects_bad_fields_naming_them(
    client: AsyncClient, session: AsyncSession, field: str, value: Any
) -> None:
    await logged_in_as(client, session, "admin")
    r = await client.post(URL, json=await _body(session, **{field: value}))
    assert r.status_code == 422, r.text
    assert field in {e["field"].split(".")[0] for e in r.json()["errors"]}, r.json()


async def test_dates_and_rounding_rules_name_the_field(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    r = await client.post(
        URL, json=await _body(session, start_date="2026-05-01", end_date="2026-04-30")
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "end_date"
    r = await client.post(
        URL, json=await _body(session, start_date="2026-05-01", deadline="2026-04-01")
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "deadline"
    r = await client.post(URL, json=await _body(session, rounding_mode="up"))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "rounding_minutes"
    r = await client.post(URL, json=await _body(session, rounding_minutes=15))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "rounding_mode"
    ok = await client.post(
        URL,
        json=await _body(session, start_date="2026-05-01", rounding_mode="up", rounding_minutes=15),
    )
    assert ok.status_code == 201
    pid = ok.json()["id"]
    r = await client.patch(f"{URL}/{pid}", json={"end_date": "2026-04-01"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "end_date"
    r = await client.patch(f"{URL}/{pid}", json={"title": None})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "title"
    r = await client.patch(f"{URL}/{pid}", json={"rounding_mode": None})
    assert r.status_code == 200
    assert r.json()["rounding_mode"] is None and r.json()["rounding_minutes"] is None


TRANSITIONS = [
    ("planned", "active", True),
    ("planned", "cancelled", True),
    ("planned", "on_hold", False),
    ("planned", "completed", False),
    ("active", "on_hold", True),
    ("active", "completed", True),
    ("active", "cancelled", True),
    ("active", "planned", False),
    ("on_hold", "active", True),
    ("on_hold", "cancelled", True),
    ("on_hold", "completed", False),
    ("completed", "active", False),
    ("completed", "cancelled", False),
    ("cancelled", "active", False),
    ("cancelled", "planned", False),
    ("active", "active", False),
]


@pytest.mark.parametrize(("old", "new", "allowed"), TRANSITIONS)
async def test_status_transitions(
    client: AsyncClient, session: AsyncSession, old: str, new: str, allowed: bool
) -> None:
    await logged_in_as(client, session, "management")
    project = await make_project(session, status=old)
    await session.commit()
    r = await client.post(f"{URL}/{project.id}/status", json={"status": new, "comment": "ok"})
    if allowed:
        assert r.status_code == 200, r.text
        assert r.json()["status"] == new
        event = await session.scalar(select(Activity).where(Activity.event.is_not(None)))
        assert event is not None and event.event == "project_status_changed"
        assert event.data["from"] == old and event.data["to"] == new
    else:
        assert r.status_code == 409, r.text
        body = r.json()
        assert body["code"] == "invalid_transition"
        assert f"'{old}'" in body["detail"] and f"'{new}'" in body["detail"]


async def test_visibility_per_role(client: AsyncClient, session: AsyncSession) -> None:
    lead = await make_employee(session, role_key="project_lead")
    worker = await make_employee(session)
    led = await make_project(session, lead=lead, title="Led by lead")
    joined = await make_project(session, members=[worker], title="Worker joined")
    other = await make_project(session, title="Nobody's")
    await session.commit()
    all_ids = {str(led.id), str(joined.id), str(other.id)}

    async def visible(email: str) -> set[str]:
        client.cookies.clear()
        await login(client, email)
        r = await client.get(URL)
        assert r.status_code == 200, r.text
        assert r.json()["total"] == len(r.json()["items"])
        return {p["id"] for p in r.json()["items"]}

    assert await visible(worker.email) == {str(joined.id)}
    assert (await client.get(f"{URL}/{other.id}")).status_code == 404
    assert (await client.get(f"{URL}/{other.id}/stats")).status_code == 404
    assert (await client.get(f"{URL}/{joined.id}")).json()["can_edit"] is False
    assert await visible(lead.email) == {str(led.id)}
    assert (await client.get(f"{URL}/{joined.id}")).status_code == 404
    for role in ("accounting", "management"):
        person = await make_employee(session, role_key=role)
        await session.commit()
        assert await visible(person.email) == all_ids


async def test_only_the_lead_or_management_edits(
    client: AsyncClient, session: AsyncSession
) -> None:
    lead = await make_employee(session, role_key="project_lead")
    other_lead = await make_employee(session, role_key="project_lead")
    worker = await make_employee(session)
    project = await make_project(session, lead=lead, members=[other_lead, worker])
    await session.commit()

    await login(client, other_lead.email)  # sees it as a member, may not edit
    assert (await client.get(f"{URL}/{project.id}")).status_code == 200
    r = await client.patch(f"{URL}/{project.id}", json={"title": "Mine now"})
    assert r.status_code == 403 and r.json()["code"] == "not_project_lead"
    r = await client.post(f"{URL}/{project.id}/status", json={"status": "on_hold"})
    assert r.status_code == 403

    client.cookies.clear()
    await login(client, worker.email)  # employees lack projects.write
    r = await client.patch(f"{URL}/{project.id}", json={"title": "Mine now"})
    assert r.status_code == 403 and r.json()["code"] == "missing_permission"
    assert (await client.post(URL, json=await _body(session))).status_code == 403

    client.cookies.clear()
    await login(client, lead.email)
    r = await client.patch(f"{URL}/{project.id}", json={"title": "Renamed", "deadline": None})
    assert r.status_code == 200 and r.json()["title"] == "Renamed"

    accountant = await make_employee(session, role_key="accounting")
    await session.commit()
    client.cookies.clear()
    await login(client, accountant.email)  # reads all, lacks projects.write
    assert (await client.get(f"{URL}/{project.id}")).json()["can_edit"] is False
    assert (await client.patch(f"{URL}/{project.id}", json={"title": "X"})).status_code == 403


async def test_delete_only_without_time_entries(client: AsyncClient, session: AsyncSession) -> None:
    admin = await logged_in_as(client, session, "admin")
    project = await make_project(session, lead=admin)
    empty = await make_project(session, lead=admin)
    await make_entry(
        session,
        admin,
        project,
        datetime(2026, 3, 2, 8, tzinfo=UTC),
        datetime(2026, 3, 2, 9, tzinfo=UTC),
    )
    await session.commit()
    r = await client.delete(f"{URL}/{project.id}")
    assert r.status_code == 409 and r.json()["code"] == "project_has_time_entries"
    assert "cancel" in r.json()["detail"].lower()
    assert (await client.delete(f"{URL}/{empty.id}")).status_code == 204
    assert (await client.get(f"{URL}/{empty.id}")).status_code == 404


async def test_members_add_update_remove_and_replace(
    client: AsyncClient, session: AsyncSession
) -> None:
    admin = await logged_in_as(client, session, "admin")
    a = await make_employee(session)
    b = await make_employee(session)
    gone = await make_employee(session, active=False)
    project = await make_project(session, lead=admin)
    await session.commit()
    members = f"{URL}/{project.id}/members"
    r = await client.post(members, json={"employee_id": str(a.id), "hourly_rate": "80"})
    assert r.status_code == 201 and r.json()["members"][0]["hourly_rate"] == "80.00"
    r = await client.post(members, json={"employee_id": str(a.id)})
    assert r.status_code == 409 and r.json()["code"] == "already_member"
    r = await client.post(members, json={"employee_id": str(gone.id)})
    assert r.status_code == 422 and r.json()["code"] == "employee_inactive"
    r = await client.patch(f"{members}/{a.id}", json={"hourly_rate": "85.25"})
    assert r.status_code == 200 and r.json()["members"][0]["hourly_rate"] == "85.25"
    r = await client.patch(f"{members}/{b.id}", json={"hourly_rate": "1"})
    assert r.status_code == 404
    r = await client.put(
        members,
        json={
            "members": [{"employee_id": str(b.id)}, {"employee_id": str(a.id), "hourly_rate": None}]
        },
    )
    assert r.status_code == 200
    assert {(m["employee_id"], m["hourly_rate"]) for m in r.json()["members"]} == {
        (str(a.id), None),
        (str(b.id), None),
    }
    r = await client.put(
        members, json={"members": [{"employee_id": str(b.id)}, {"employee_id": str(b.id)}]}
    )
    assert r.status_code == 422 and r.json()["code"] == "duplicate_member"
    r = await client.delete(f"{members}/{a.id}")
    assert r.status_code == 200 and [m["employee_id"] for m in r.json()["members"]] == [str(b.id)]
    assert (await client.put(members, json={"members": []})).json()["members"] == []
