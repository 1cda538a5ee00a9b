"""Days are decided in the entry's zone; DST nights (23 and 25 hours) and midnight."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as
from tests.projects.helpers import make_project

URL = "/api/v1/time-entries"


async def _setup(client: AsyncClient, session: AsyncSession, zone: str = "Europe/Berlin") -> Any:
    me = await logged_in_as(client, session, "employee", time_zone=zone)
    project = await make_project(session, members=[me])
    await session.commit()
    return project


async def _post(client: AsyncClient, project: Any, start: str, end: str) -> dict[str, Any]:
    r = await client.post(
        URL, json={"project_id": str(project.id), "started_at": start, "ended_at": end}
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def test_spring_forward_night_entry_across_two_to_three(
    client: AsyncClient, session: AsyncSession
) -> None:
    project = await _setup(client, session)
    # 01:30 CET to 03:30 CEST on 2026-03-29: the clock shows 2 h, one hour was really worked.
    e = await _post(client, project, "2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00")
    assert e["duration_minutes"] == 60 and e["local_date"] == "2026-03-29"


async def test_fall_back_night_counts_the_repeated_hour_and_the_local_day(
    client: AsyncClient, session: AsyncSession
) -> None:
    project = await _setup(client, session)
    # 01:30 CEST to 03:30 CET on 2026-10-25: 3 hours; in UTC it starts on the 24th.
    e = await _post(client, project, "2026-10-24T23:30:00Z", "2026-10-25T02:30:00Z")
    assert e["duration_minutes"] == 180 and e["local_date"] == "2026-10-25"
    r = await client.get(URL, params={"from": "2026-10-25", "to": "2026-10-25"})
    assert r.json()["total"] == 1
    r = await client.get(URL, params={"from": "2026-10-24", "to": "2026-10-24"})
    assert r.json()["total"] == 0


async def test_the_23_and_25_hour_days_bound_date_filters(
    client: AsyncClient, session: AsyncSession
) -> None:
    project = await _setup(client, session)
    # 2026-03-29 (Berlin) runs from 28th 23:00Z to 29th 22:00Z: 23 hours.
    await _post(client, project, "2026-03-28T23:00:00Z", "2026-03-28T23:30:00Z")  # 00:00 local
    await _post(client, project, "2026-03-29T21:30:00Z", "2026-03-29T21:59:00Z")  # 23:30 local
    await _post(client, project, "2026-03-29T22:00:00Z", "2026-03-29T22:30:00Z")  # next day
    await _post(client, project, "2026-03-28T22:30:00Z", "2026-03-28T22:59:00Z")  # day before
    r = await client.get(URL, params={"from": "2026-03-29", "to": "2026-03-29"})
    assert r.json()["sums"]["minutes"] == 30 + 29
    # 2026-10-25 runs from 24th 22:00Z to 25th 23:00Z: 25 hours.
    await _post(client, project, "2026-10-24T22:00:00Z", "2026-10-24T22:10:00Z")  # 00:00 local
    await _post(client, project, "2026-10-25T22:50:00Z", "2026-10-25T23:00:00Z")  # 23:50 local
    await _post(client, project, "2026-10-25T23:00:00Z", "2026-10-25T23:10:00Z")  # the 26th
    r = await client.get(URL, params={"from": "2026-10-25", "to": "2026-10-25"})
    assert r.json()["sums"]["minutes"] == 20
    days = await client.get(
        f"{URL}/summary", params={"from": "2026-10-24", "to": "2026-10-26", "group": "day"}
    )
    assert [(row["period"], row["minutes"]) for row in days.json()["rows"]] == [
        ("2026-10-25", 20),
        ("2026-10-26", 10),
    ]


async def test_entry_across_midnight_counts_to_the_day_it_started(
    client: AsyncClient, session: AsyncSession
) -> None:
    project = await _setup(client, session)
    e = await _post(client, project, "2026-05-05T23:00:00+02:00", "2026-05-06T01:30:00+02:00")
    assert e["duration_minutes"] == 150 and e["local_date"] == "2026-05-05"
    r = await client.get(
        f"{URL}/summary", params={"from": "2026-05-04", "to": "2026-05-10", "group": "day"}
    )
    assert [(row["period"], row["minutes"]) for row in r.json()["rows"]] == [("2026-05-05", 150)]
    assert (await client.get(URL, params={"from": "2026-05-06", "to": "2026-05-06"})).json()[
        "total"
    ] == 0


async def test_each_entry_keeps_its_own_zone_for_its_day(
    client: AsyncClient, session: AsyncSession
) -> None:
    project = await _setup(client, session, zone="America/New_York")
    # 22:00 in New York on May 5th is May 6th in UTC and in Berlin.
    e = await _post(client, project, "2026-05-06T02:00:00Z", "2026-05-06T03:00:00Z")
    assert e["time_zone"] == "America/New_York" and e["local_date"] == "2026-05-05"
    assert datetime.fromisoformat(e["started_at"]) == datetime(2026, 5, 6, 2, tzinfo=UTC)
