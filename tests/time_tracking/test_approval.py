"""Week approval: submit, approve/reject with a comment, locks, pending list, who may review."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import login, make_employee
from tests.projects.helpers import make_entry, make_project

URL = "/api/v1/time-entries"
MONDAY = "2026-03-02"
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


async def test_submit_approve_locks_and_reject_unlocks(
    client: AsyncClient, session: AsyncSession
) -> None:
    lead = await make_employee(session, role_key="project_lead")
    worker = await make_employee(session)
    project = await make_project(session, lead=lead, members=[worker])
    e1 = await make_entry(session, worker, project, T0, T0 + timedelta(hours=4))
    # Sunday 23:00 Berlin still belongs to this week; Monday 00:30 to the next.
    sunday = await make_entry(
        session,
        worker,
        project,
        datetime(2026, 3, 8, 22, tzinfo=UTC),
        datetime(2026, 3, 8, 22, 30, tzinfo=UTC),
    )
    nxt = await make_entry(
        session,
        worker,
        project,
        datetime(2026, 3, 8, 23, 30, tzinfo=UTC),
        datetime(2026, 3, 9, 0, 30, tzinfo=UTC),
    )
    await session.commit()

    await login(client, worker.email)
    r = await client.post(f"{URL}/weeks/2026-03-03/submit")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "week_start"
    r = await client.post(f"{URL}/weeks/{MONDAY}/submit")
    assert r.status_code == 200, r.text
    assert r.json()["changed"] == 2 and r.json()["week"]["status"] == "submitted"
    r = await client.patch(f"{URL}/{e1.id}", json={"description": "late fix"})
    assert r.status_code == 409 and r.json()["code"] == "time_entry_locked"
    assert (await client.get(f"{URL}/{nxt.id}")).json()["status"] == "open"
    r = await client.post(f"{URL}/weeks/{MONDAY}/approve", json={"employee_id": str(worker.id)})
    assert r.status_code == 403  # employees lack time.approve

    client.cookies.clear()
    await login(client, lead.email)
    pending = (await client.get(f"{URL}/weeks/pending")).json()
    assert pending["total"] == 1
    assert pending["items"][0]["employee"]["id"] == str(worker.id)
    assert pending["items"][0]["week_start"] == MONDAY
    assert pending["items"][0]["minutes"] == 270 and pending["items"][0]["entries"] == 2
    r = await client.post(f"{URL}/weeks/{MONDAY}/reject", json={"employee_id": str(worker.id)})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "comment"
    r = await client.post(
        f"{URL}/weeks/{MONDAY}/reject",
        json={"employee_id": str(worker.id), "comment": "Please describe Monday."},
    )
    assert r.status_code == 200 and r.json()["week"]["status"] == "rejected"
    assert r.json()["week"]["review_comment"] == "Please describe Monday."
    assert (await client.get(f"{URL}/weeks/pending")).json()["total"] == 0

    client.cookies.clear()
    await login(client, worker.email)
    e = (await client.get(f"{URL}/{e1.id}")).json()
    assert e["status"] == "rejected" and e["review_comment"] == "Please describe Monday."
    r = await client.patch(f"{URL}/{e1.id}", json={"description": "Monday: API design"})
    assert r.status_code == 200
    assert (await client.post(f"{URL}/weeks/{MONDAY}/submit")).json()["changed"] == 2

    client.cookies.clear()
    await login(client, lead.email)
    r = await client.post(
        f"{URL}/weeks/{MONDAY}/approve", json={"employee_id": str(worker.id), "comment": "Thanks"}
    )
    assert r.status_code == 200 and r.json()["week"]["status"] == "approved"
    r = await client.post(f"{URL}/weeks/{MONDAY}/approve", json={"employee_id": str(worker.id)})
    assert r.status_code == 409 and r.json()["code"] == "nothing_to_review"

    client.cookies.clear()
    await login(client, worker.email)
    for response in (
        await client.patch(f"{URL}/{sunday.id}", json={"description": "x"}),
        await client.delete(f"{URL}/{sunday.id}"),
    ):
        assert response.status_code == 409 and response.json()["code"] == "time_entry_locked"
    week = (await client.get(f"{URL}/weeks/{MONDAY}")).json()
    assert week["counts"] == {"open": 0, "submitted": 0, "approved": 2, "rejected": 0}
    assert week["minutes"] == 270


async def test_leads_review_only_their_projects_and_not_their_own_time(
    client: AsyncClient, session: AsyncSession
) -> None:
    lead = await make_employee(session, role_key="project_lead")
    worker = await make_employee(session)
    mine = await make_project(session, lead=lead, members=[worker])
    theirs = await make_project(session, members=[worker, lead])
    await make_entry(session, worker, mine, T0, T0 + timedelta(hours=1))
    await make_entry(session, worker, theirs, T0 + timedelta(hours=1), T0 + timedelta(hours=2))
    await make_entry(session, lead, mine, T0, T0 + timedelta(hours=1), status="submitted")
    await session.commit()
    await login(client, worker.email)
    assert (await client.post(f"{URL}/weeks/{MONDAY}/submit")).json()["changed"] == 2

    client.cookies.clear()
    await login(client, lead.email)
    r = await client.post(f"{URL}/weeks/{MONDAY}/approve", json={"employee_id": str(worker.id)})
    assert r.status_code == 200 and r.json()["changed"] == 1
    assert r.json()["week"]["status"] == "partly_approved"
    r = await client.post(f"{URL}/weeks/{MONDAY}/approve", json={"employee_id": str(lead.id)})
    assert r.status_code == 403 and r.json()["code"] == "own_time"

    manager = await make_employee(session, role_key="management")
    await session.commit()
    client.cookies.clear()
    await login(client, manager.email)
    assert (await client.get(f"{URL}/weeks/pending")).json()["total"] == 2
    r = await client.post(f"{URL}/weeks/{MONDAY}/approve", json={"employee_id": str(worker.id)})
    assert r.json()["changed"] == 1 and r.json()["week"]["status"] == "approved"


async def test_submit_needs_a_stopped_timer_and_withdraw_reopens(
    client: AsyncClient, session: AsyncSession
) -> None:
    worker = await make_employee(session)
    project = await make_project(session, members=[worker])
    running = await make_entry(session, worker, project, T0, None)
    await session.commit()
    await login(client, worker.email)
    r = await client.post(f"{URL}/weeks/{MONDAY}/submit")
    assert r.status_code == 409 and r.json()["code"] == "timer_running"
    r = await client.patch(f"{URL}/{running.id}", json={"ended_at": "2026-03-02T09:00:00Z"})
    assert r.status_code == 200 and r.json()["duration_minutes"] == 60
    assert (await client.post(f"{URL}/weeks/{MONDAY}/submit")).status_code == 200
    r = await client.post(f"{URL}/weeks/{MONDAY}/withdraw")
    assert r.status_code == 200 and r.json()["week"]["status"] == "open"
    r = await client.post(f"{URL}/weeks/2026-03-09/submit")
    assert r.status_code == 409 and r.json()["code"] == "nothing_to_submit"


async def test_a_lead_sees_only_their_projects_in_another_persons_week(
    client: AsyncClient, session: AsyncSession
) -> None:
    lead = await make_employee(session, role_key="project_lead")
    worker = await make_employee(session)
    mine = await make_project(session, lead=lead, members=[worker])
    other = await make_project(session, members=[worker])
    await make_entry(session, worker, mine, T0, T0 + timedelta(hours=2))
    await make_entry(session, worker, other, T0 + timedelta(hours=3), T0 + timedelta(hours=8))
    await session.commit()
    await login(client, lead.email)
    week = (
        await client.get(f"{URL}/weeks/{MONDAY}", params={"employee_id": str(worker.id)})
    ).json()
    assert week["minutes"] == 120
    assert sum(week["counts"].values()) == 1
    await login(client, worker.email)
    own = (await client.get(f"{URL}/weeks/{MONDAY}")).json()
    assert own["minutes"] == 420


async def test_nobody_approves_their_own_week_unless_the_company_allows_it(
    client: AsyncClient, session: AsyncSession
) -> None:
    manager = await make_employee(session, role_key="management")
    project = await make_project(session, lead=manager, members=[manager])
    await make_entry(session, manager, project, T0, T0 + timedelta(hours=2))
    await session.commit()
    await login(client, manager.email)
    assert (await client.post(f"{URL}/weeks/{MONDAY}/submit")).status_code == 200
    assert (await client.get(f"{URL}/weeks/pending")).json()["total"] == 0
    own = {"employee_id": str(manager.id)}
    r = await client.post(f"{URL}/weeks/{MONDAY}/approve", json=own)
    assert r.status_code == 403 and r.json()["code"] == "own_time"

    admin = await make_employee(session, role_key="admin")
    await session.commit()
    client.cookies.clear()
    await login(client, admin.email)
    r = await client.patch("/api/v1/settings/company", json={"allow_self_approval": True})
    assert r.status_code == 200 and r.json()["allow_self_approval"] is True

    client.cookies.clear()
    await login(client, manager.email)
    assert (await client.get(f"{URL}/weeks/pending")).json()["total"] == 1
    r = await client.post(f"{URL}/weeks/{MONDAY}/approve", json=own)
    assert r.status_code == 200 and r.json()["week"]["status"] == "approved"


async def test_pending_weeks_sort_by_column(client: AsyncClient, session: AsyncSession) -> None:
    manager = await make_employee(session, role_key="management")
    anna = await make_employee(session, name="Anna Alt")
    zora = await make_employee(session, name="Zora Zeh")
    project = await make_project(session, members=[anna, zora])
    for person, monday in ((anna, T0), (zora, T0 - timedelta(days=7))):
        await make_entry(
            session, person, project, monday, monday + timedelta(hours=1), status="submitted"
        )
    await session.commit()
    await login(client, manager.email)
    url = f"{URL}/weeks/pending"
    names = lambda r: [w["employee"]["name"] for w in r.json()["items"]]  # noqa: E731
    assert names(await client.get(url, params={"sort": "employee"})) == ["Anna Alt", "Zora Zeh"]
    assert names(await client.get(url, params={"sort": "-employee"})) == ["Zora Zeh", "Anna Alt"]
    assert names(await client.get(url, params={"sort": "week_start"})) == ["Zora Zeh", "Anna Alt"]
    r = await client.get(url, params={"sort": "bogus"})
    assert r.status_code == 422
