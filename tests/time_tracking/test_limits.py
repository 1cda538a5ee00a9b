"""Plausible entries: none longer than the company's limit (default 24 h), none before 2000 or
more than a year ahead; a timer that ran too long must be given its real end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, login
from tests.projects.helpers import make_project
from workmate.core import clock
from workmate.models import CompanySettings

URL = "/api/v1/time-entries"


def _iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


async def _setup(client: AsyncClient, session: AsyncSession, hours: int | None = None) -> str:
    me = await logged_in_as(client, session, "employee")
    project = await make_project(session, members=[me])
    if hours is not None:
        await session.execute(
            update(CompanySettings)
            .where(CompanySettings.id == 1)
            .values(max_time_entry_hours=hours)
        )
    await session.commit()
    return str(project.id)


def _refused(response, code: str, field: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.text
    assert response.json()["code"] == code
    assert response.json()["errors"][0]["field"] == field


async def test_entries_are_capped_and_kept_in_plausible_bounds(
    client: AsyncClient, session: AsyncSession
) -> None:
    project = await _setup(client, session)
    start = datetime(2026, 3, 2, 8, tzinfo=UTC)

    def entry(begin: datetime, end: datetime) -> dict[str, str]:
        return {"project_id": project, "started_at": _iso(begin), "ended_at": _iso(end)}

    decade = entry(datetime(2000, 1, 1, tzinfo=UTC), datetime(2010, 1, 1, tzinfo=UTC))
    _refused(await client.post(URL, json=decade), "time_entry_too_long", "ended_at")
    _refused(await client.post(URL, json=entry(start, start + timedelta(hours=24, seconds=1))),
             "time_entry_too_long", "ended_at")  # fmt: skip
    old = datetime(1999, 12, 31, 8, tzinfo=UTC)
    _refused(await client.post(URL, json=entry(old, old + timedelta(hours=1))),
             "time_entry_out_of_range", "started_at")  # fmt: skip
    ahead = clock.now() + timedelta(days=400)
    _refused(await client.post(URL, json=entry(ahead, ahead + timedelta(hours=1))),
             "time_entry_out_of_range", "started_at")  # fmt: skip
    day = await client.post(URL, json=entry(start, start + timedelta(hours=24)))
    assert day.status_code == 201, day.text
    r = await client.patch(
        f"{URL}/{day.json()['id']}", json={"ended_at": _iso(start + timedelta(hours=30))}
    )
    _refused(r, "time_entry_too_long", "ended_at")


async def test_the_limit_is_a_company_setting(client: AsyncClient, session: AsyncSession) -> None:
    project = await _setup(client, session, hours=10)
    start = datetime(2026, 3, 3, 7, tzinfo=UTC)
    body = {"project_id": project, "started_at": _iso(start)}
    r = await client.post(URL, json={**body, "ended_at": _iso(start + timedelta(hours=11))})
    _refused(r, "time_entry_too_long", "ended_at")
    assert "10 hours" in r.json()["detail"]
    r = await client.post(URL, json={**body, "ended_at": _iso(start + timedelta(hours=10))})
    assert r.status_code == 201
    settings = (await client.get("/api/v1/settings/company")).json()
    assert settings["max_time_entry_hours"] == 10
    await logged_in_as(client, session, "admin")
    for bad in (0, 169):
        r = await client.patch("/api/v1/settings/company", json={"max_time_entry_hours": bad})
        assert r.status_code == 422
    r = await client.patch("/api/v1/settings/company", json={"max_time_entry_hours": 12})
    assert r.json()["max_time_entry_hours"] == 12


async def test_the_grid_respects_the_limit(client: AsyncClient, session: AsyncSession) -> None:
    project = await _setup(client, session, hours=2)
    cell = {"project_id": project, "date": "2026-03-04", "minutes": 180}
    _refused(await client.put(f"{URL}/grid", json=cell), "time_entry_too_long", "ended_at")
    assert (await client.put(f"{URL}/grid", json={**cell, "minutes": 120})).status_code == 200


@pytest.mark.date_sensitive
async def test_a_timer_that_ran_too_long_is_not_stopped_silently(
    client: AsyncClient, session: AsyncSession, frozen_clock: clock.FixedClock
) -> None:
    project = await _setup(client, session)
    me_email = (await client.get("/api/v1/auth/me")).json()["email"]
    started = (await client.post(f"{URL}/timer/start", json={"project_id": project})).json()
    frozen_clock.advance(timedelta(hours=25))
    # The session ended meanwhile (idle for a day): sign in again.
    client.cookies.clear()
    await login(client, me_email)
    r = await client.post(f"{URL}/timer/stop")
    _refused(r, "time_entry_too_long", "ended_at")
    assert "timer" in r.json()["detail"]
    assert (await client.get(f"{URL}/timer")).json()["id"] == started["id"]
    end = datetime.fromisoformat(started["started_at"]) + timedelta(hours=8)
    r = await client.patch(f"{URL}/{started['id']}", json={"ended_at": _iso(end)})
    assert r.status_code == 200 and r.json()["duration_minutes"] == 480
    assert (await client.get(f"{URL}/timer")).json() is None
