"""The week grid (set a day's hours per project) and the summaries behind reports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_employee
from tests.projects.helpers import make_entry, make_project
from workmate.core.clock import FixedClock, SystemClock, set_clock

URL = "/api/v1/time-entries"


async def test_grid_cell_creates_replaces_and_clears_one_day_entry(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await logged_in_as(client, session, "project_lead")  # sees values
    project = await make_project(session, members=[me], hourly_rate=100)
    await session.commit()
    cell = {"project_id": str(project.id), "date": "2026-03-03", "minutes": 150}
    r = await client.put(f"{URL}/grid", json=cell)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["minutes"] == 150 and body["entry"]["source"] == "grid"
    # A day entry: no clock time, kept at the start of its day (00:00 in Berlin).
    assert body["entry"]["has_times"] is False and body["entry"]["local_date"] == "2026-03-03"
    assert body["entry"]["started_at"] == "2026-03-02T23:00:00Z"
    assert body["entry"]["value"] == "250.00"
    r = await client.put(f"{URL}/grid", json={**cell, "minutes": 60})
    assert r.json()["entry"]["duration_minutes"] == 60
    r = await client.get(URL)
    assert r.json()["total"] == 1  # replaced, not added
    r = await client.put(f"{URL}/grid", json={**cell, "minutes": 0})
    assert r.json()["entry"] is None and (await client.get(URL)).json()["total"] == 0


async def test_grid_time_never_blocks_a_timer_or_an_entry_with_times(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await logged_in_as(client, session, "employee")
    project = await make_project(session, members=[me])
    await session.commit()
    r = await client.put(
        f"{URL}/grid", json={"project_id": str(project.id), "date": "2026-03-03", "minutes": 480}
    )
    assert r.status_code == 200, r.text
    # A timer started at 07:30 (before the old made-up 09:00) on the same day.
    set_clock(FixedClock(datetime(2026, 3, 3, 6, 30, tzinfo=UTC)))
    try:
        r = await client.post(f"{URL}/timer/start", json={"project_id": str(project.id)})
        assert r.status_code == 201, r.text
        set_clock(FixedClock(datetime(2026, 3, 3, 8, 0, tzinfo=UTC)))
        r = await client.post(f"{URL}/timer/stop")
        assert r.status_code == 200 and r.json()["duration_minutes"] == 90
    finally:
        set_clock(SystemClock())
    # An entry with times over the whole morning is fine too; entries with times still may not
    # overlap each other.
    morning = {"started_at": "2026-03-03T00:00:00Z", "ended_at": "2026-03-03T05:00:00Z"}
    r = await client.post(URL, json={"project_id": str(project.id), **morning})
    assert r.status_code == 201, r.text
    r = await client.post(URL, json={"project_id": str(project.id), **morning})
    assert r.status_code == 409 and r.json()["code"] == "time_entry_overlap"
    # The grid cell counts the hand-made and timer time: 480 became 480 + 90 + 300 minutes.
    r = await client.get(
        f"{URL}/summary",
        params={"group": "day", "by": "project", "from": "2026-03-03", "to": "2026-03-03"},
    )
    assert r.json()["rows"][0]["minutes"] == 480 + 90 + 300


async def test_grid_keeps_recorded_time_and_stops_at_the_length_of_the_day(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await logged_in_as(client, session, "employee")
    a = await make_project(session, members=[me])
    b = await make_project(session, members=[me])
    # Tuesday 09:00-11:00 Berlin on project a (by hand), 11:00-12:00 on b.
    await make_entry(
        session, me, a, datetime(2026, 3, 3, 8, tzinfo=UTC), datetime(2026, 3, 3, 10, tzinfo=UTC)
    )
    await make_entry(
        session, me, b, datetime(2026, 3, 3, 10, tzinfo=UTC), datetime(2026, 3, 3, 11, tzinfo=UTC)
    )
    await session.commit()
    r = await client.put(
        f"{URL}/grid", json={"project_id": str(a.id), "date": "2026-03-03", "minutes": 180}
    )
    assert r.status_code == 200, r.text
    assert r.json()["minutes"] == 180
    assert r.json()["entry"]["duration_minutes"] == 60  # the 120 by hand stay as they are
    r = await client.put(
        f"{URL}/grid", json={"project_id": str(a.id), "date": "2026-03-03", "minutes": 60}
    )
    assert r.status_code == 409 and r.json()["code"] == "below_recorded_time"
    assert r.json()["params"] == {"minutes": 120}
    # The day has 1440 minutes; 180 are on a, 60 on b already.
    r = await client.put(
        f"{URL}/grid", json={"project_id": str(b.id), "date": "2026-03-03", "minutes": 1261}
    )
    assert r.status_code == 409 and r.json()["code"] == "day_full"
    assert r.json()["params"] == {"minutes": 1440}
    r = await client.put(
        f"{URL}/grid", json={"project_id": str(b.id), "date": "2026-03-03", "minutes": 1260}
    )
    assert r.status_code == 200, r.text
    r = await client.put(
        f"{URL}/grid", json={"project_id": str(b.id), "date": "2026-03-03", "minutes": 1441}
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "minutes"


async def test_grid_on_the_short_dst_day(client: AsyncClient, session: AsyncSession) -> None:
    me = await logged_in_as(client, session, "employee")
    project = await make_project(session, members=[me])
    await session.commit()
    cell = {"project_id": str(project.id), "date": "2026-03-29", "minutes": 23 * 60}
    r = await client.put(f"{URL}/grid", json=cell)
    assert r.status_code == 200, r.text  # the whole 23-hour day fits, from midnight
    assert r.json()["entry"]["started_at"] == "2026-03-28T23:00:00Z"
    r = await client.put(f"{URL}/grid", json={**cell, "minutes": 23 * 60 + 1})
    assert r.status_code == 409 and r.json()["code"] == "day_full"


async def test_giving_a_day_entry_clock_times_makes_it_an_entry_with_times(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await logged_in_as(client, session, "employee")
    project = await make_project(session, members=[me])
    await session.commit()
    r = await client.put(
        f"{URL}/grid", json={"project_id": str(project.id), "date": "2026-03-03", "minutes": 60}
    )
    entry = r.json()["entry"]
    # A new end alone changes the length of the day entry; it stays without clock times.
    r = await client.patch(f"{URL}/{entry['id']}", json={"ended_at": "2026-03-03T01:30:00Z"})
    assert r.status_code == 200, r.text
    assert r.json()["has_times"] is False and r.json()["duration_minutes"] == 150
    r = await client.patch(
        f"{URL}/{entry['id']}",
        json={"started_at": "2026-03-03T09:00:00Z", "ended_at": "2026-03-03T10:00:00Z"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["source"] == "manual" and r.json()["has_times"] is True


async def test_summary_per_day_week_month_by_project_and_employee(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await logged_in_as(client, session, "management")
    other = await make_employee(session, name="Zoe")
    p1 = await make_project(
        session, number="P-1", title="Alpha", members=[me, other], hourly_rate=60
    )
    p2 = await make_project(session, number="P-2", title="Beta", members=[me], hourly_rate=120)
    base = datetime(2026, 3, 2, 8, tzinfo=UTC)  # Monday
    await make_entry(session, me, p1, base, base + timedelta(hours=2))
    await make_entry(session, me, p2, base + timedelta(hours=3), base + timedelta(hours=4))
    await make_entry(session, me, p1, base + timedelta(days=1), base + timedelta(days=1, hours=1))
    await make_entry(
        session, other, p1, base + timedelta(days=8), base + timedelta(days=8, minutes=30)
    )
    await session.commit()
    params = {
        "from": "2026-03-02",
        "to": "2026-03-08",
        "group": "day",
        "by": "project",
        "employee_id": str(me.id),
    }
    r = await client.get(f"{URL}/summary", params=params)
    assert r.status_code == 200, r.text
    rows = [(x["period"], x["label"], x["minutes"], x["value"]) for x in r.json()["rows"]]
    assert rows == [
        ("2026-03-02", "P-1 Alpha", 120, "120.00"),
        ("2026-03-02", "P-2 Beta", 60, "120.00"),
        ("2026-03-03", "P-1 Alpha", 60, "60.00"),
    ]
    assert r.json()["sums"]["minutes"] == 240 and r.json()["sums"]["value"] == "300.00"
    r = await client.get(
        f"{URL}/summary",
        params={"from": "2026-03-01", "to": "2026-03-31", "group": "week", "by": "employee"},
    )
    rows = [(x["period"], x["label"], x["minutes"]) for x in r.json()["rows"]]
    assert rows == [("2026-03-02", me.name, 240), ("2026-03-09", "Zoe", 30)]
    r = await client.get(
        f"{URL}/summary", params={"from": "2026-03-01", "to": "2026-03-31", "group": "month"}
    )
    assert [(x["period"], x["minutes"]) for x in r.json()["rows"]] == [
        ("2026-03-01", 210),
        ("2026-03-01", 60),
    ]
    r = await client.get(f"{URL}/summary", params={"from": "2020-01-01", "to": "2026-01-01"})
    assert r.status_code == 422 and r.json()["code"] == "range_too_long"
    r = await client.get(f"{URL}/summary", params={"from": "2026-01-01"})
    assert r.status_code == 422
    r = await client.get(f"{URL}/summary", params={**params, "group": "year"})
    assert r.status_code == 422


async def test_employees_summaries_only_cover_their_own_time(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await logged_in_as(client, session, "employee")
    other = await make_employee(session)
    project = await make_project(session, members=[me, other])
    base = datetime(2026, 3, 2, 8, tzinfo=UTC)
    await make_entry(session, me, project, base, base + timedelta(hours=1))
    await make_entry(session, other, project, base, base + timedelta(hours=5))
    await session.commit()
    r = await client.get(f"{URL}/summary", params={"from": "2026-03-02", "to": "2026-03-08"})
    assert r.json()["sums"]["minutes"] == 60
