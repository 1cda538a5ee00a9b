"""Money and colleagues' time, per role: rates, budget amounts and values need
projects.financials; minutes per colleague are for the lead and those who see all projects or
all time; amounts in the CRM feed need invoices.read / payments.read. Hidden fields are null."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import login, make_customer, make_employee, make_role
from tests.projects.helpers import make_entry, make_project
from workmate.activities import events
from workmate.auth.permissions import Permission
from workmate.models import Employee, Project

MONEY_ROLES = ["admin", "management", "accounting", "project_lead"]


@dataclass
class World:
    project: Project
    lead: Employee
    member: Employee
    colleague: Employee
    customer_id: Any


async def _world(session: AsyncSession) -> World:
    lead = await make_employee(session, role_key="project_lead")
    member = await make_employee(session, role_key="employee")
    colleague = await make_employee(session, role_key="employee")
    customer = await make_customer(session, hourly_rate=Decimal("120.00"))
    project = await make_project(
        session,
        lead=lead,
        members=[member, colleague],
        member_rates={member.id: Decimal("80.00")},
        customer_id=customer.id,
        hourly_rate=Decimal("100.00"),
        budget_amount=Decimal("5000.00"),
        budget_hours=Decimal("50"),
    )
    await make_entry(
        session,
        member,
        project,
        datetime(2026, 3, 2, 8, tzinfo=UTC),
        datetime(2026, 3, 2, 10, tzinfo=UTC),
    )
    await make_entry(
        session,
        colleague,
        project,
        datetime(2026, 3, 2, 9, tzinfo=UTC),
        datetime(2026, 3, 2, 12, tzinfo=UTC),
    )
    for event, data in (
        (events.INVOICE_ISSUED, {"number": "RE-2026-00001", "kind": "invoice", "gross_total": "1190.00", "currency": "EUR"}),
        (events.PAYMENT_RECEIVED, {"number": "RE-2026-00001", "amount": "500.00", "currency": "EUR"}),
    ):  # fmt: skip
        await events.record_event(
            session,
            customer_id=customer.id,
            event=event,
            subject=f"{event} with 500.00 EUR",
            data=data,
        )
    await session.commit()
    return World(project, lead, member, colleague, customer.id)


async def _as(client: AsyncClient, session: AsyncSession, world: World, who: str) -> Employee:
    if who == "lead":
        person = world.lead
    elif who == "member":
        person = world.member
    else:
        person = await make_employee(session, role_key=who)
        await session.commit()
    client.cookies.clear()
    await login(client, person.email)
    return person


@pytest.mark.parametrize("who", [*MONEY_ROLES[:3], "lead", "member"])
async def test_project_money_per_role(client: AsyncClient, session: AsyncSession, who: str) -> None:
    world = await _world(session)
    await _as(client, session, world, who)
    money = who != "member"
    url = f"/api/v1/projects/{world.project.id}"
    detail = (await client.get(url)).json()
    assert (detail["hourly_rate"] == "100.00") is money
    assert (detail["budget_amount"] == "5000.00") is money
    assert detail["budget_hours"] == "50.00"  # hours are no secret
    rates = {m["employee_id"]: m["hourly_rate"] for m in detail["members"]}
    assert rates[str(world.member.id)] == ("80.00" if money else None)
    listed = (await client.get("/api/v1/projects")).json()["items"]
    assert [p["budget_amount"] for p in listed] == ["5000.00" if money else None]
    customer = (await client.get(f"/api/v1/customers/{world.customer_id}")).json()
    assert customer["hourly_rate"] == ("120.00" if money else None)
    settings = (await client.get("/api/v1/settings/company")).json()
    assert (settings["default_hourly_rate"] is None) is not money
    export = (await client.get("/api/v1/customers/export.csv")).text
    assert ("120,00" in export) is money


@pytest.mark.parametrize("who", ["admin", "accounting", "lead", "member", "project_lead"])
async def test_project_stats_show_colleagues_and_money_only_to_those_allowed(
    client: AsyncClient, session: AsyncSession, who: str
) -> None:
    world = await _world(session)
    if who == "project_lead":  # a project lead who is a plain member of this project
        person = await make_employee(session, role_key="project_lead")
        world.project.members.append(
            type(world.project.members[0])(employee_id=person.id, hourly_rate=None)
        )
        await session.commit()
        client.cookies.clear()
        await login(client, person.email)
    else:
        person = await _as(client, session, world, who)
    stats = (await client.get(f"/api/v1/projects/{world.project.id}/stats")).json()
    assert stats["minutes"] == 300  # the project's totals: for everyone who sees the project
    money = who != "member"
    for key in ("value", "work_value", "not_invoiced_value", "budget_amount"):
        assert (stats[key] is not None) is money, key
    assert (stats["budget_amount_used_percent"] is not None) is money
    colleagues = who in ("admin", "accounting", "lead")
    names = {m["employee"]["id"]: m["minutes"] for m in stats["by_member"]}
    if colleagues:
        assert names == {str(world.member.id): 120, str(world.colleague.id): 180}
    else:
        assert set(names) <= {str(person.id)}
        if who == "member":
            assert names == {str(world.member.id): 120}
    assert all((m["value"] is not None) is money for m in stats["by_member"] + stats["by_month"])


@pytest.mark.parametrize("who", ["member", "accounting"])
async def test_time_entry_values_need_financials(
    client: AsyncClient, session: AsyncSession, who: str
) -> None:
    world = await _world(session)
    await _as(client, session, world, who)
    page = (await client.get("/api/v1/time-entries")).json()
    assert page["items"]
    money = who == "accounting"
    for item in page["items"]:
        assert (item["rate"] is not None) is money
        assert (item["value"] is not None) is money
    assert (page["sums"]["value"] is not None) is money
    summary = (
        await client.get(
            "/api/v1/time-entries/summary", params={"from": "2026-03-01", "to": "2026-03-31"}
        )
    ).json()
    assert summary["rows"] and all((r["value"] is not None) is money for r in summary["rows"])
    assert (summary["sums"]["value"] is not None) is money


@pytest.mark.parametrize(
    ("who", "invoice_amount", "payment_amount"),
    [("member", False, False), ("lead", True, False), ("accounting", True, True)],
)
async def test_amounts_in_the_crm_feed_need_invoice_and_payment_permissions(
    client: AsyncClient,
    session: AsyncSession,
    who: str,
    invoice_amount: bool,
    payment_amount: bool,
) -> None:
    world = await _world(session)
    await _as(client, session, world, who)
    for url in (f"/api/v1/customers/{world.customer_id}/timeline", "/api/v1/activities"):
        items = {a["event"]: a for a in (await client.get(url)).json()["items"]}
        issued, paid = items["invoice_issued"], items["payment_received"]
        assert (issued["data"]["gross_total"] == "1190.00") is invoice_amount
        assert (paid["data"]["amount"] == "500.00") is payment_amount
        assert ("500.00" in paid["subject"]) is payment_amount
        assert "gross_total" in issued["data"] and "amount" in paid["data"]  # null, not absent
        single = (await client.get(f"/api/v1/activities/{paid['id']}")).json()
        assert (single["data"]["amount"] is not None) is payment_amount


async def test_without_financials_money_cannot_be_set_and_is_not_wiped(
    client: AsyncClient, session: AsyncSession
) -> None:
    world = await _world(session)
    planner = await make_role(
        session,
        permissions=[
            Permission.projects_read.value,
            Permission.projects_read_all.value,
            Permission.projects_write.value,
            Permission.customers_read.value,
            Permission.customers_write.value,
        ],
    )
    person = await make_employee(session, role_key=None, role_id=planner.id)
    await session.commit()
    await login(client, person.email)
    url = f"/api/v1/projects/{world.project.id}"
    r = await client.patch(url, json={"budget_amount": "9999.00"})
    assert r.status_code == 403 and r.json()["code"] == "financials_required"
    assert r.json()["errors"][0]["field"] == "budget_amount"
    detail = (await client.get(url)).json()
    # What the read showed, sent back unchanged (nulls included), changes nothing.
    r = await client.patch(url, json={"title": "Neu", "hourly_rate": None, "budget_amount": None})
    assert r.status_code == 200, r.text
    members = [{"employee_id": m["employee_id"], "hourly_rate": None} for m in detail["members"]]
    assert (await client.put(f"{url}/members", json={"members": members})).status_code == 200
    r = await client.post("/api/v1/customers", json={"name": "Neukunde", "hourly_rate": "99.00"})
    assert r.status_code == 403 and r.json()["code"] == "financials_required"
    await session.refresh(world.project)
    assert world.project.hourly_rate == Decimal("100.00")
    assert world.project.budget_amount == Decimal("5000.00")
    client.cookies.clear()
    await login(client, world.lead.email)
    detail = (await client.get(url)).json()
    assert {m["hourly_rate"] for m in detail["members"]} == {"80.00", None}
