"""The timer: one running entry per employee, enforced by the database, also under races.

The clock stands still in these tests (``frozen_clock``) and is moved on purpose, so durations
are exact whatever the machine's speed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, login
from tests.projects.helpers import make_entry, make_project
from workmate.core import clock
from workmate.models import TimeEntry

URL = "/api/v1/time-entries/timer"
pytestmark = pytest.mark.date_sensitive


@asynccontextmanager
async def _signed_in(app: Any, email: str, count: int) -> AsyncIterator[list[AsyncClient]]:
    """``count`` clients signed in as the same person (separate sessions, for races)."""
    clients = [
        AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver")
        for _ in range(count)
    ]
    try:
        for c in clients:
            await login(c, email)
        yield clients
    finally:
        for c in clients:
            await c.aclose()


async def test_start_read_stop(
    client: AsyncClient, session: AsyncSession, frozen_clock: clock.FixedClock
) -> None:
    me = await logged_in_as(client, session, "project_lead")  # sees values
    project = await make_project(session, members=[me], hourly_rate=120)
    await session.commit()
    assert (await client.get(URL)).json() is None
    r = await client.post(
        f"{URL}/start", json={"project_id": str(project.id), "description": "Bug"}
    )
    assert r.status_code == 201, r.text
    started = r.json()
    assert started["running"] is True and started["ended_at"] is None
    assert started["duration_minutes"] is None and started["value"] is None
    assert started["source"] == "timer"
    assert (await client.get(URL)).json()["id"] == started["id"]
    frozen_clock.advance(timedelta(minutes=45))
    r = await client.post(f"{URL}/stop")
    assert r.status_code == 200, r.text
    stopped = r.json()
    assert stopped["id"] == started["id"] and stopped["running"] is False
    assert stopped["duration_minutes"] == 45 and stopped["value"] == "90.00"
    assert (await client.get(URL)).json() is None
    r = await client.post(f"{URL}/stop")
    assert r.status_code == 409 and r.json()["code"] == "no_timer_running"


async def test_second_start_is_409_unless_stop_running(
    client: AsyncClient, session: AsyncSession, frozen_clock: clock.FixedClock
) -> None:
    me = await logged_in_as(client, session, "employee")
    a = await make_project(session, members=[me])
    b = await make_project(session, members=[me])
    await session.commit()
    first = (await client.post(f"{URL}/start", json={"project_id": str(a.id)})).json()
    r = await client.post(f"{URL}/start", json={"project_id": str(b.id)})
    assert r.status_code == 409 and r.json()["code"] == "timer_already_running"
    frozen_clock.advance(timedelta(minutes=10))
    r = await client.post(f"{URL}/start", json={"project_id": str(b.id), "stop_running": True})
    assert r.status_code == 201 and r.json()["project_id"] == str(b.id)
    old = await session.get(TimeEntry, first["id"], populate_existing=True)
    assert old is not None and old.ended_at is not None
    assert old.duration_seconds == 600


async def test_a_timer_cannot_start_inside_a_recorded_entry(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await logged_in_as(client, session, "employee")
    project = await make_project(session, members=[me])
    now = clock.now()
    await make_entry(session, me, project, now - timedelta(hours=1), now + timedelta(hours=1))
    await session.commit()
    r = await client.post(f"{URL}/start", json={"project_id": str(project.id)})
    assert r.status_code == 409 and r.json()["code"] == "time_entry_overlap"


async def test_racing_starts_leave_exactly_one_running_timer(
    client: AsyncClient, session: AsyncSession, app: Any
) -> None:
    me = await logged_in_as(client, session, "employee")
    project = await make_project(session, members=[me])
    await session.commit()
    async with _signed_in(app, me.email, 6) as clients:
        responses = await asyncio.gather(
            *(c.post(f"{URL}/start", json={"project_id": str(project.id)}) for c in clients)
        )
    codes = sorted(r.status_code for r in responses)
    assert codes == [201] + [409] * 5, [r.text for r in responses]
    # The losers are told what happened: a timer runs (not that their start "overlaps").
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {
        "timer_already_running"
    }
    running = (await session.scalars(select(TimeEntry).where(TimeEntry.ended_at.is_(None)))).all()
    assert len(running) == 1


async def test_a_timer_shorter_than_a_minute_records_nothing(
    client: AsyncClient, session: AsyncSession, frozen_clock: clock.FixedClock
) -> None:
    me = await logged_in_as(client, session, "employee")
    a = await make_project(session, members=[me])
    b = await make_project(session, members=[me])
    await session.commit()
    assert (await client.post(f"{URL}/start", json={"project_id": str(a.id)})).status_code == 201
    frozen_clock.advance(timedelta(seconds=59))
    r = await client.post(f"{URL}/stop")
    assert r.status_code == 200 and r.json() is None  # discarded, not a 0:00 entry
    assert (await session.scalars(select(TimeEntry))).all() == []
    r = await client.post(f"{URL}/stop")
    assert r.status_code == 409 and r.json()["code"] == "no_timer_running"
    # The same rule when another project's timer replaces a short one.
    first = (await client.post(f"{URL}/start", json={"project_id": str(a.id)})).json()
    frozen_clock.advance(timedelta(seconds=20))
    r = await client.post(f"{URL}/start", json={"project_id": str(b.id), "stop_running": True})
    assert r.status_code == 201
    assert await session.get(TimeEntry, first["id"], populate_existing=True) is None
    # A full minute is kept.
    frozen_clock.advance(timedelta(minutes=1))
    r = await client.post(f"{URL}/stop")
    assert r.status_code == 200 and r.json()["duration_minutes"] == 1


async def test_racing_stops_stop_the_timer_once(
    client: AsyncClient, session: AsyncSession, app: Any, frozen_clock: clock.FixedClock
) -> None:
    me = await logged_in_as(client, session, "employee")
    project = await make_project(session, members=[me])
    await session.commit()
    assert (await client.post(f"{URL}/start", json={"project_id": str(project.id)})).is_success
    frozen_clock.advance(timedelta(minutes=30))
    async with _signed_in(app, me.email, 4) as clients:
        responses = await asyncio.gather(*(c.post(f"{URL}/stop") for c in clients))
    assert sorted(r.status_code for r in responses) == [200, 409, 409, 409]
    stopped = next(r.json() for r in responses if r.status_code == 200)
    assert stopped["running"] is False and stopped["duration_minutes"] == 30
    entries = (await session.scalars(select(TimeEntry))).all()
    assert len(entries) == 1 and entries[0].ended_at is not None
