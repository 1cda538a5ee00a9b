"""Rate precedence (entry > member > project > customer > company) and project statistics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_customer, make_employee
from tests.projects.helpers import make_entry, make_project
from workmate.models import CompanySettings

URL = "/api/v1/time-entries"
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("entry", "member", "project", "customer", "company", "expected"),
    [
        ("10.00", "20.00", "30.00", "40.00", "50.00", "10.00"),
        (None, "20.00", "30.00", "40.00", "50.00", "20.00"),
        (None, None, "30.00", "40.00", "50.00", "30.00"),
        (None, None, None, "40.00", "50.00", "40.00"),
        (None, None, None, None, "50.00", "50.00"),
        ("0.00", "20.00", "30.00", "40.00", "50.00", "0.00"),  # an explicit 0 is a rate
    ],
)
async def test_rate_precedence(
    client: AsyncClient,
    session: AsyncSession,
    entry: str | None,
    member: str | None,
    project: str | None,
    customer: str | None,
    company: str,
    expected: str,
) -> None:
    me = await logged_in_as(client, session, "admin")
    settings = await session.get(CompanySettings, 1)
    assert settings is not None
    settings.default_hourly_rate = Decimal(company)
    c = await make_customer(session, hourly_rate=customer)
    p = await make_project(
        session, customer_id=c.id, hourly_rate=project, members=[me], member_rates={me.id: member}
    )
    await make_entry(session, me, p, T0, T0 + timedelta(minutes=90), hourly_rate=entry)
    await session.commit()
    item = (await client.get(URL)).json()["items"][0]
    assert item["rate"] == expected
    assert Decimal(item["value"]) == (Decimal(expected) * Decimal("1.5")).quantize(Decimal("0.01"))
    stats = (await client.get(f"/api/v1/projects/{p.id}/stats")).json()
    assert stats["value"] == item["value"]


async def test_rounding_rule_of_company_and_project_applies_to_billable_minutes_only(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await logged_in_as(client, session, "admin")
    settings = await session.get(CompanySettings, 1)
    assert settings is not None
    settings.time_rounding_mode, settings.time_rounding_minutes = "up", 15
    company_rule = await make_project(session, members=[me], hourly_rate=100)
    own_rule = await make_project(
        session, members=[me], hourly_rate=100, rounding_mode="down", rounding_minutes=10
    )
    await make_entry(session, me, company_rule, T0, T0 + timedelta(minutes=16))
    await make_entry(
        session, me, own_rule, T0 + timedelta(hours=1), T0 + timedelta(hours=1, minutes=29)
    )
    await session.commit()
    items = {i["project_id"]: i for i in (await client.get(URL)).json()["items"]}
    a, b = items[str(company_rule.id)], items[str(own_rule.id)]
    assert (a["duration_minutes"], a["billable_minutes"], a["value"]) == (16, 30, "50.00")
    assert (b["duration_minutes"], b["billable_minutes"], b["value"]) == (29, 20, "33.33")
    assert a["started_at"] == "2026-03-02T08:00:00Z" and a["ended_at"] == "2026-03-02T08:16:00Z"


async def test_project_stats_to_the_cent(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "management")
    anna = await make_employee(session, name="Anna")
    ben = await make_employee(session, name="Ben")
    project = await make_project(
        session,
        members=[anna, ben],
        member_rates={anna.id: Decimal("95.00")},
        hourly_rate=Decimal("80.00"),
        budget_hours=Decimal("10"),
        budget_amount=Decimal("1000.00"),
    )
    # Anna, March: 1:07 billable (95/h -> 106.08), 0:45 not billable (work value 71.25).
    await make_entry(session, anna, project, T0, T0 + timedelta(minutes=67))
    await make_entry(
        session,
        anna,
        project,
        T0 + timedelta(hours=2),
        T0 + timedelta(hours=2, minutes=45),
        billable=False,
    )
    # Ben, 1 April 00:30 Berlin (still March in UTC): 2:00 at 80/h = 160.00, invoiced.
    ben_start = datetime(2026, 3, 31, 22, 30, tzinfo=UTC)
    await make_entry(
        session,
        ben,
        project,
        ben_start,
        ben_start + timedelta(hours=2),
        invoiced_at=datetime(2026, 4, 30, tzinfo=UTC),
    )
    # Ben, still running: not in the sums.
    await make_entry(session, ben, project, datetime(2026, 4, 2, 8, tzinfo=UTC), None)
    await session.commit()
    r = await client.get(f"/api/v1/projects/{project.id}/stats")
    assert r.status_code == 200, r.text
    s = r.json()
    assert s["minutes"] == 67 + 45 + 120 and s["hours"] == "3.87"
    assert s["billable_minutes"] == 67 + 120 and s["billable_hours"] == "3.12"
    assert s["not_invoiced_minutes"] == 67 and s["not_invoiced_hours"] == "1.12"
    assert s["value"] == "266.08"  # 106.08 + 160.00
    assert s["not_invoiced_value"] == "106.08"
    assert s["work_value"] == "337.33"  # 106.08 + 71.25 + 160.00
    assert s["running_entries"] == 1
    assert s["budget_hours_used_percent"] == "38.7"  # 3.8667 h of 10
    assert s["budget_amount_used_percent"] == "33.7"  # 337.33 of 1000
    assert [(m["employee"]["name"], m["minutes"], m["value"]) for m in s["by_member"]] == [
        ("Ben", 120, "160.00"),
        ("Anna", 112, "106.08"),
    ]
    assert [(m["month"], m["minutes"], m["work_value"]) for m in s["by_month"]] == [
        ("2026-03-01", 112, "177.33"),
        ("2026-04-01", 120, "160.00"),
    ]
    project_row = (await client.get(f"/api/v1/projects/{project.id}")).json()
    assert project_row["logged_minutes"] == 232
