"""Time entries over HTTP: who may log what, overlap, locks, filters, sums, query counts."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, login, make_employee
from tests.projects.helpers import count_statements, make_entry, make_project
from workmate.core.db import Database
from workmate.models import Employee, Project
from workmate.time_tracking import repository as repo

URL = "/api/v1/time-entries"
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday


def span(start_h: float, hours: float, day: int = 0) -> dict[str, str]:
    start = T0 + timedelta(days=day, hours=start_h)
    return {
        "started_at": start.isoformat(),
        "ended_at": (start + timedelta(hours=hours)).isoformat(),
    }


async def member_with_project(
    client: AsyncClient, session: AsyncSession, role: str = "employee", **project: Any
) -> tuple[Employee, Project]:
    me = await logged_in_as(client, session, role)
    p = await make_project(session, members=[me], **project)
    await session.commit()
    return me, p


async def test_create_entry_computes_duration_and_value(
    client: AsyncClient, session: AsyncSession
) -> None:
    # A project lead logging own time: sees what it is worth (projects.financials).
    me, project = await member_with_project(client, session, "project_lead", hourly_rate=100)
    r = await client.post(
        URL,
        json={
            "project_id": str(project.id),
            "started_at": "2026-03-02T09:00:00.987+01:00",
            "ended_at": "2026-03-02T10:30:10+01:00",
            "description": "Kick-off",
            "task_type": "meeting",
            "duration_minutes": 5,
        },
    )
    assert r.status_code == 422  # the duration is never taken from the client
    body = {
        "project_id": str(project.id),
        "started_at": "2026-03-02T09:00:00.987+01:00",
        "ended_at": "2026-03-02T10:30:10+01:00",
        "description": "Kick-off",
        "task_type": "meeting",
    }
    r = await client.post(URL, json=body)
    assert r.status_code == 201, r.text
    e = r.json()
    assert e["started_at"] == "2026-03-02T08:00:00Z"
    assert e["duration_minutes"] == 90 and e["billable_minutes"] == 90
    assert e["billable"] is True and e["rate"] == "100.00" and e["value"] == "150.00"
    assert e["time_zone"] == me.time_zone and e["local_date"] == "2026-03-02"
    assert e["employee"]["id"] == str(me.id) and e["project"]["number"] == project.number
    assert e["status"] == "open" and e["source"] == "manual" and e["running"] is False
    assert (await client.get(f"{URL}/{e['id']}")).json() == e


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"started_at": "2026-03-02T10:00:00Z", "ended_at": "2026-03-02T10:00:00Z"}, "ended_at"),
        ({"started_at": "2026-03-02T10:00:00Z", "ended_at": "2026-03-02T09:00:00Z"}, "ended_at"),
        ({"started_at": "2026-03-02T10:00:00", "ended_at": "2026-03-02T11:00:00Z"}, "started_at"),
        ({"started_at": "yesterday", "ended_at": "2026-03-02T11:00:00Z"}, "started_at"),
        ({"task_type": "napping"}, "task_type"),
        ({"hourly_rate": "-3"}, "hourly_rate"),
        ({"billable": "maybe"}, "billable"),
        ({"description": "x" * 2001}, "description"),
        ({"project_id": None}, "project_id"),
    ],
)
async def test_bad_fields_are_422_naming_the_field(
    client: AsyncClient, session: AsyncSession, body: dict[str, Any], field: str
) -> None:
    _, project = await member_with_project(client, session)
    payload = {"project_id": str(project.id), **span(1, 1), **body}
    r = await client.post(URL, json=payload)
    assert r.status_code == 422, r.text
    assert field in {e["field"] for e in r.json()["errors"]}, r.json()


async def test_only_members_log_time_and_not_on_closed_projects(
    client: AsyncClient, session: AsyncSession
) -> None:
    me, project = await member_with_project(client, session)
    stranger = await make_project(session)
    led = await make_project(session, lead=me)
    done = await make_project(session, members=[me], status="completed")
    await session.commit()
    r = await client.post(URL, json={"project_id": str(stranger.id), **span(0, 1)})
    # A project the employee can't see is "unknown": its existence isn't revealed.
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "project_id"
    assert r.json()["code"] == "unknown_reference"
    assert (
        await client.post(URL, json={"project_id": str(led.id), **span(0, 1)})
    ).status_code == 201
    r = await client.post(URL, json={"project_id": str(done.id), **span(2, 1)})
    assert r.status_code == 409 and r.json()["code"] == "project_closed"
    other = await make_employee(session)
    await session.commit()
    r = await client.post(
        URL, json={"project_id": str(project.id), "employee_id": str(other.id), **span(3, 1)}
    )
    assert r.status_code == 403 and r.json()["code"] == "not_own_time_entry"
    r = await client.post(
        URL, json={"project_id": str(project.id), "hourly_rate": "200", **span(3, 1)}
    )
    assert r.status_code == 403 and r.json()["code"] == "rate_override_not_allowed"


async def test_who_sees_all_projects_still_logs_only_where_a_member(
    client: AsyncClient, session: AsyncSession
) -> None:
    accountant = await logged_in_as(client, session, "accounting")
    foreign = await make_project(session)
    own = await make_project(session, members=[accountant])
    await session.commit()
    r = await client.post(URL, json={"project_id": str(foreign.id), **span(0, 1)})
    assert r.status_code == 422 and r.json()["code"] == "not_project_member"
    r = await client.post(URL, json={"project_id": str(uuid.uuid4()), **span(0, 1)})
    assert r.status_code == 422 and r.json()["code"] == "unknown_reference"
    r = await client.post(URL, json={"project_id": str(own.id), **span(0, 1)})
    assert r.status_code == 201


async def test_management_logs_for_others_on_any_open_project(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "management")
    worker = await make_employee(session, time_zone="America/New_York")
    project = await make_project(session)
    await session.commit()
    r = await client.post(
        URL,
        json={
            "project_id": str(project.id),
            "employee_id": str(worker.id),
            "hourly_rate": "42.5",
            **span(0, 2),
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["time_zone"] == "America/New_York"  # the employee's zone, not the caller's
    assert r.json()["value"] == "85.00"


async def test_overlap_is_409_and_touching_is_fine(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, project = await member_with_project(client, session)
    pid = str(project.id)
    assert (await client.post(URL, json={"project_id": pid, **span(0, 2)})).status_code == 201
    r = await client.post(URL, json={"project_id": pid, **span(1.5, 1)})
    assert r.status_code == 409 and r.json()["code"] == "time_entry_overlap"
    assert r.json()["errors"][0]["field"] == "started_at"
    assert (await client.post(URL, json={"project_id": pid, **span(2, 1)})).status_code == 201
    r = await client.post(URL, json={"project_id": pid, **span(-1, 5)})  # encloses both
    assert r.status_code == 409


async def test_overlap_race_gives_one_201_and_409s(
    client: AsyncClient, session: AsyncSession, app: Any
) -> None:
    me, project = await member_with_project(client, session)
    clients = []
    for _ in range(5):
        c = AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver")
        await login(c, me.email)
        clients.append(c)
    try:
        responses = await asyncio.gather(
            *(
                c.post(URL, json={"project_id": str(project.id), **span(i * 0.25, 2)})
                for i, c in enumerate(clients)
            )
        )
    finally:
        for c in clients:
            await c.aclose()
    codes = sorted(r.status_code for r in responses)
    assert codes == [201, 409, 409, 409, 409], [r.text for r in responses]
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"time_entry_overlap"}


async def test_visibility_per_role(client: AsyncClient, session: AsyncSession) -> None:
    lead = await make_employee(session, role_key="project_lead")
    a = await make_employee(session)
    b = await make_employee(session)
    led = await make_project(session, lead=lead, members=[a, b])
    elsewhere = await make_project(session, members=[a, b])
    ea = await make_entry(session, a, led, T0, T0 + timedelta(hours=1))
    eb = await make_entry(session, b, led, T0, T0 + timedelta(hours=1))
    eb2 = await make_entry(session, b, elsewhere, T0 + timedelta(hours=2), T0 + timedelta(hours=3))
    await session.commit()

    async def ids(email: str) -> set[str]:
        client.cookies.clear()
        await login(client, email)
        return {e["id"] for e in (await client.get(URL)).json()["items"]}

    assert await ids(a.email) == {str(ea.id)}
    assert (await client.get(f"{URL}/{eb.id}")).status_code == 404
    r = await client.patch(f"{URL}/{eb.id}", json={"description": "mine?"})
    assert r.status_code == 404
    assert await ids(lead.email) == {str(ea.id), str(eb.id)}
    r = await client.patch(f"{URL}/{ea.id}", json={"description": "lead edits?"})
    assert r.status_code == 403  # leads see their projects' time but don't edit it
    # a, the lead and b share one prebuilt statement (same filters, none sees all); only the
    # bound viewer differs.
    hits = repo._page_template.cache_info().hits
    assert await ids(b.email) == {str(eb.id), str(eb2.id)}
    assert repo._page_template.cache_info().hits > hits
    accountant = await make_employee(session, role_key="accounting")
    await session.commit()
    assert await ids(accountant.email) == {str(ea.id), str(eb.id), str(eb2.id)}


async def test_edit_and_delete_own_entry(client: AsyncClient, session: AsyncSession) -> None:
    _, project = await member_with_project(client, session, "project_lead")
    e = (await client.post(URL, json={"project_id": str(project.id), **span(0, 1)})).json()
    r = await client.patch(
        f"{URL}/{e['id']}", json={"ended_at": "2026-03-02T10:15:00Z", "billable": False}
    )
    assert r.status_code == 200 and r.json()["duration_minutes"] == 135
    assert r.json()["billable_minutes"] == 0 and r.json()["value"] == "0.00"
    r = await client.patch(f"{URL}/{e['id']}", json={"ended_at": "2026-03-02T07:00:00Z"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "ended_at"
    r = await client.patch(f"{URL}/{e['id']}", json={"ended_at": None})
    assert r.status_code == 422
    assert (await client.delete(f"{URL}/{e['id']}")).status_code == 204
    assert (await client.get(f"{URL}/{e['id']}")).status_code == 404


async def test_invoiced_entries_are_locked_for_everyone(
    client: AsyncClient, session: AsyncSession
) -> None:
    admin = await logged_in_as(client, session, "admin")
    project = await make_project(session, members=[admin])
    e = await make_entry(
        session, admin, project, T0, T0 + timedelta(hours=1), invoiced_at=T0 + timedelta(days=30)
    )
    await session.commit()
    r = await client.patch(f"{URL}/{e.id}", json={"description": "x"})
    assert r.status_code == 409 and r.json()["code"] == "time_entry_locked"
    assert (await client.delete(f"{URL}/{e.id}")).status_code == 409


async def test_list_filters_and_sums_over_the_whole_filter(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await logged_in_as(client, session, "admin")
    other = await make_employee(session)
    p1 = await make_project(session, members=[me, other], hourly_rate=90)
    p2 = await make_project(session, members=[me], hourly_rate=60)
    await make_entry(session, me, p1, T0, T0 + timedelta(minutes=50))
    await make_entry(
        session, me, p1, T0 + timedelta(hours=1), T0 + timedelta(hours=2), billable=False
    )
    await make_entry(
        session, me, p2, T0 + timedelta(days=1), T0 + timedelta(days=1, hours=3), status="approved"
    )
    await make_entry(
        session, other, p1, T0, T0 + timedelta(minutes=20), invoiced_at=T0 + timedelta(days=5)
    )
    await session.commit()
    r = await client.get(URL, params={"limit": 1})
    body = r.json()
    assert body["total"] == 4 and len(body["items"]) == 1
    assert body["sums"] == {
        "entries": 4,
        "minutes": 50 + 60 + 180 + 20,
        "billable_minutes": 50 + 180 + 20,
        "hours": "5.17",
        "billable_hours": "4.17",
        "value": "285.00",  # 75.00 + 180.00 + 30.00
    }

    async def sums(**params: Any) -> dict[str, Any]:
        r = await client.get(URL, params=params)
        assert r.status_code == 200, r.text
        return dict(r.json()["sums"])

    assert (await sums(employee_id=str(other.id)))["minutes"] == 20
    assert (await sums(project_id=str(p2.id)))["value"] == "180.00"
    assert (await sums(customer_id=str(p2.customer_id)))["entries"] == 1
    assert (await sums(billable="false"))["minutes"] == 60
    assert (await sums(status="approved"))["entries"] == 1
    assert (await sums(status=["open", "approved"]))["entries"] == 4
    assert (await sums(invoiced="true"))["entries"] == 1
    assert (await sums(**{"from": "2026-03-03", "to": "2026-03-03"}))["minutes"] == 180
    r = await client.get(URL, params={"from": "2026-03-03", "to": "2026-03-01"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "to"
    r = await client.get(URL, params={"sort": "-duration"})
    assert r.json()["items"][0]["duration_minutes"] == 180
    assert (await client.get(URL, params={"sort": "value"})).status_code == 422


async def test_list_query_count_does_not_grow_with_rows(
    client: AsyncClient, session: AsyncSession, database: Database
) -> None:
    me = await logged_in_as(client, session, "admin")
    project = await make_project(session, members=[me])
    await make_entry(session, me, project, T0, T0 + timedelta(hours=1))
    await session.commit()
    with count_statements(database.engine) as few:
        assert (await client.get(URL)).status_code == 200
    for i in range(1, 30):
        worker = await make_employee(session)
        p = await make_project(session, members=[worker])
        start = T0 + timedelta(hours=2 * i)
        await make_entry(session, worker, p, start, start + timedelta(hours=1))
    await session.commit()
    with count_statements(database.engine) as many:
        r = await client.get(URL)
    assert r.json()["total"] == 30
    assert len(many) == len(few) <= 6, many


async def test_one_persons_period_pages_and_sums_like_any_other_filter(
    client: AsyncClient, session: AsyncSession, database: Database
) -> None:
    """An employee and both dates take the one-statement path (page and sums together); it must
    give exactly what the general path gives, for every sort, page and viewer."""
    lead = await logged_in_as(client, session, "employee")
    worker = await make_employee(session)
    led = await make_project(session, members=[worker], lead=lead, hourly_rate=90)
    other = await make_project(session, members=[worker], hourly_rate=120)
    for day in range(12):
        start = T0 + timedelta(days=day, hours=1)
        await make_entry(
            session,
            worker,
            led if day % 3 else other,
            start,
            start + timedelta(minutes=25 + 7 * day),
            billable=day % 4 != 0,
            description=f"d{day}",
        )
    outside = T0 + timedelta(days=40)
    await make_entry(session, worker, led, outside, outside + timedelta(hours=2))
    await session.commit()

    period = {"employee_id": str(worker.id), "from": "2026-03-02", "to": "2026-03-31"}

    async def both(**params: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        bounded = await client.get(URL, params={**period, **params})
        # Without the employee filter (the lead sees only this worker's entries on ``led``
        # anyway, and the admin sees the same rows by the filter on project below).
        general = await client.get(
            URL,
            params={"project_id": str(led.id), "from": "2026-03-02", "to": "2026-03-31", **params},
        )
        assert bounded.status_code == general.status_code == 200, bounded.text
        return bounded.json(), general.json()

    # The lead sees only the entries on the project they lead: 8 of the 12 in the period.
    for sort in (
        "-started_at",
        "started_at",
        "duration",
        "-duration",
        "employee",
        "project",
        "-created_at",
    ):
        for offset in (0, 3, 6, 8, 50):
            a, b = await both(sort=sort, limit=3, offset=offset)
            assert a == b, (sort, offset)
    a, _ = await both(limit=3, offset=50)
    assert a["items"] == [] and a["total"] == 8 and a["sums"]["entries"] == 8
    assert [i["description"] for i in (await both(limit=3))[0]["items"]] == ["d11", "d10", "d8"]

    with count_statements(database.engine) as statements:
        assert (await client.get(URL, params=period)).status_code == 200
    assert len(statements) <= 5, statements
    r = await client.get(URL, params={**period, "sort": "value"})
    assert r.status_code == 422


async def test_an_entry_lasts_at_least_a_minute(client: AsyncClient, session: AsyncSession) -> None:
    _, project = await member_with_project(client, session)
    start = T0.isoformat()
    r = await client.post(
        URL,
        json={
            "project_id": str(project.id),
            "started_at": start,
            "ended_at": (T0 + timedelta(seconds=40)).isoformat(),
        },
    )
    assert r.status_code == 422 and r.json()["code"] == "entry_too_short"
    assert r.json()["errors"][0] == {
        "field": "ended_at",
        "message": "At least one minute.",
        "code": "entry_too_short",
        "params": {"minutes": 1},
    }
    r = await client.post(URL, json={"project_id": str(project.id), **span(0, 1 / 60)})
    assert r.status_code == 201 and r.json()["duration_minutes"] == 1
