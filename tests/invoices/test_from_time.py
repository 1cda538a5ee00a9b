"""Draft invoices from approved, billable, not yet invoiced time entries."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_employee
from tests.invoices.helpers import invoiceable_customer, setup_company
from tests.projects.helpers import make_entry, make_project
from workmate.models import InvoiceLine, TimeEntry


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 10, day, hour, tzinfo=UTC)


async def _setup(client: AsyncClient, session: AsyncSession):  # type: ignore[no-untyped-def]
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    anna = await make_employee(session, name="Anna Schmidt")
    ben = await make_employee(session, name="Ben Weber")
    project = await make_project(
        session, customer_id=customer.id, hourly_rate=Decimal("100.00"),
        members=[anna, ben], member_rates={ben.id: Decimal("80.00")},
    )  # fmt: skip
    approved = {"status": "approved"}
    await make_entry(
        session, anna, project, at(5, 8), at(5, 10), task_type="development", **approved
    )
    await make_entry(
        session,
        anna,
        project,
        at(6, 8),
        at(
            6,
            9,
        ),
        task_type="meeting",
        **approved,
    )
    await make_entry(
        session, ben, project, at(7, 8), at(7, 11), task_type="development", **approved
    )
    await make_entry(session, ben, project, at(8, 8), at(8, 9), billable=False, **approved)
    await make_entry(session, ben, project, at(9, 8), at(9, 9), status="submitted")
    await make_entry(session, anna, project, at(20, 8), at(20, 9), task_type="support", **approved)
    await session.commit()
    return customer, project


async def test_grouped_by_task_type_with_rates_and_periods(
    client: AsyncClient, session: AsyncSession
) -> None:
    _customer, project = await _setup(client, session)
    body = {"project_id": str(project.id), "date_from": "2026-10-01", "date_to": "2026-10-10"}
    preview = (await client.post("/api/v1/invoices/from-time/preview", json=body)).json()
    assert preview["entry_count"] == 3
    lines = {(ln["description"], ln["unit_price"]): ln for ln in preview["lines"]}
    assert lines[("Entwicklung", "100.00")]["quantity"] == "2.00"
    assert lines[("Entwicklung", "80.00")]["quantity"] == "3.00"
    assert lines[("Besprechungen", "100.00")]["service_from"] == "2026-10-06"
    assert preview["net_total"] == "540.00"

    response = await client.post("/api/v1/invoices/from-time", json=body)
    assert response.status_code == 201, response.text
    invoice = response.json()
    assert invoice["net_total"] == "540.00"
    assert invoice["service_from"] == "2026-10-05" and invoice["service_to"] == "2026-10-07"
    assert sum(ln["time_entry_count"] for ln in invoice["lines"]) == 3
    # GET counts them in the lines' statement; the answer after a write counts separately.
    shown = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert [ln["time_entry_count"] for ln in shown["lines"]] == [
        ln["time_entry_count"] for ln in invoice["lines"]
    ]
    assert sorted(ln["time_entry_count"] for ln in shown["lines"]) == [1, 1, 1]
    again = await client.post("/api/v1/invoices/from-time", json=body)
    assert again.status_code == 422 and again.json()["code"] == "no_billable_entries"

    finalized = (await client.post(f"/api/v1/invoices/{invoice['id']}/finalize")).json()
    # Finalizing answers from what it wrote (no second read): exactly what a GET shows after.
    assert finalized == (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert finalized["status"] == "finalized" and finalized["number"]
    assert finalized["updated_at"] > invoice["updated_at"]
    invoiced = (
        await session.scalars(select(TimeEntry).where(TimeEntry.invoice_id == invoice["id"]))
    ).all()
    assert len(invoiced) == 3 and all(e.invoiced_at is not None for e in invoiced)
    entry = invoiced[0]
    locked = await client.patch(f"/api/v1/time-entries/{entry.id}", json={"description": "x"})
    assert locked.status_code == 409
    for frozen in (
        await session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice["id"]))
    ).all():
        assert frozen.timesheet
        assert sum(Decimal(e["hours"]) for e in frozen.timesheet) == frozen.quantity
    sheet = await client.get(f"/api/v1/invoices/{finalized['id']}/timesheet.pdf")
    assert sheet.status_code == 200 and sheet.content.startswith(b"%PDF")


async def test_grouping_by_employee_month_and_entry(
    client: AsyncClient, session: AsyncSession
) -> None:
    _customer, project = await _setup(client, session)
    base = {"project_id": str(project.id), "date_from": "2026-10-01", "date_to": "2026-10-31"}
    by_employee = (
        await client.post(
            "/api/v1/invoices/from-time/preview", json={**base, "grouping": "employee"}
        )
    ).json()
    assert sorted(ln["description"] for ln in by_employee["lines"]) == ["Anna Schmidt", "Ben Weber"]
    by_month = (
        await client.post("/api/v1/invoices/from-time/preview", json={**base, "grouping": "month"})
    ).json()
    assert {ln["description"] for ln in by_month["lines"]} == {"Oktober 2026"}
    per_entry = (
        await client.post("/api/v1/invoices/from-time/preview", json={**base, "grouping": "entry"})
    ).json()
    assert len(per_entry["lines"]) == 4


async def test_deleting_the_draft_releases_entries(
    client: AsyncClient, session: AsyncSession
) -> None:
    customer, _project = await _setup(client, session)
    body = {"customer_id": str(customer.id), "date_from": "2026-10-01", "date_to": "2026-10-31"}
    invoice = (await client.post("/api/v1/invoices/from-time", json=body)).json()
    entry_id = await session.scalar(
        select(TimeEntry.id).where(TimeEntry.invoice_id == invoice["id"]).limit(1)
    )
    on_draft = await client.patch(f"/api/v1/time-entries/{entry_id}", json={"description": "x"})
    assert on_draft.status_code == 409 and on_draft.json()["code"] == "time_entry_on_draft"
    await client.delete(f"/api/v1/invoices/{invoice['id']}")
    again = await client.post("/api/v1/invoices/from-time/preview", json=body)
    assert again.json()["entry_count"] == 4


async def test_parallel_drafts_never_share_entries(
    client: AsyncClient, session: AsyncSession
) -> None:
    customer, _project = await _setup(client, session)
    body = {"customer_id": str(customer.id), "date_from": "2026-10-01", "date_to": "2026-10-31"}
    responses = await asyncio.gather(
        *(client.post("/api/v1/invoices/from-time", json=body) for _ in range(3))
    )
    assert sorted(r.status_code for r in responses) == [201, 422, 422], [r.text for r in responses]


async def test_bad_from_time_requests(client: AsyncClient, session: AsyncSession) -> None:
    _customer, project = await _setup(client, session)
    url = "/api/v1/invoices/from-time"
    for body in (
        {"date_from": "2026-10-01", "date_to": "2026-10-31"},
        {"project_id": str(project.id), "date_from": "2026-10-31", "date_to": "2026-10-01"},
        {"project_id": str(project.id), "date_from": "2020-01-01", "date_to": "2026-10-01"},
        {"project_id": str(project.id), "date_from": "2026-10-01", "date_to": "2026-10-31",
         "grouping": "weekday"},
        {"project_id": "00000000-0000-0000-0000-000000000000", "date_from": "2026-10-01",
         "date_to": "2026-10-31"},
    ):  # fmt: skip
        response = await client.post(url, json=body)
        assert response.status_code == 422, (body, response.text)
