"""Quotes, lists with filters and totals, statistics, by-number, bulk actions, CRM revenue."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import company_today, logged_in_as
from tests.invoices.helpers import draft, finalized, invoiceable_customer, line, setup_company


async def test_quote_accept_and_convert(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    quote = await finalized(client, customer.id, [line(service_from=None, service_to=None)],
                            kind="quote")  # fmt: skip
    assert quote["number"].startswith("AN-") and quote["due_date"] is not None
    early = await client.post(f"/api/v1/invoices/{quote['id']}/convert")
    assert early.status_code == 409
    accepted = await client.post(
        f"/api/v1/invoices/{quote['id']}/decision", json={"decision": "accepted"}
    )
    assert accepted.json()["status"] == "accepted"
    assert "convert" in accepted.json()["allowed_actions"]
    converted = await client.post(f"/api/v1/invoices/{quote['id']}/convert")
    assert converted.status_code == 201
    invoice = converted.json()
    assert invoice["kind"] == "invoice" and invoice["status"] == "draft"
    assert invoice["quote_id"] == quote["id"] and invoice["order_reference"] == quote["number"]
    assert invoice["gross_total"] == quote["gross_total"]
    twice = await client.post(f"/api/v1/invoices/{quote['id']}/convert")
    assert twice.status_code == 409
    shown = (await client.get(f"/api/v1/invoices/{quote['id']}")).json()
    assert shown["converted_invoice"]["id"] == invoice["id"]
    plain = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert plain["cancels_invoice"] is None and plain["cancelled_by"] is None
    assert plain["converted_invoice"] is None and plain["quote_id"] == quote["id"]
    declined = await client.post(
        f"/api/v1/invoices/{quote['id']}/decision", json={"decision": "declined"}
    )
    assert declined.status_code == 409


@pytest.mark.date_sensitive
async def test_list_filters_totals_overdue_and_stats(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    alpha = await invoiceable_customer(session, name="Alpha Technik GmbH")
    beta = await invoiceable_customer(session, name="Beta Consulting")
    old = (company_today() - timedelta(days=60)).isoformat()
    overdue = await finalized(client, alpha.id, [line(quantity="1", price="100")], issue_date=old)
    current = await finalized(client, beta.id, [line(quantity="2", price="100")])
    await draft(client, alpha.id)
    await client.post(
        f"/api/v1/invoices/{current['id']}/payments",
        json={"amount": "238.00", "paid_on": current["issue_date"]},
    )

    listed = (await client.get("/api/v1/invoices", params={"status": "overdue"})).json()
    assert [i["id"] for i in listed["items"]] == [overdue["id"]]
    assert listed["items"][0]["overdue"] is True and listed["items"][0]["days_overdue"] >= 45
    assert listed["totals"]["outstanding"] == "119.00"
    by_text = (await client.get("/api/v1/invoices", params={"q": "beta"})).json()
    assert [i["id"] for i in by_text["items"]] == [current["id"]]
    by_number = (await client.get("/api/v1/invoices", params={"q": overdue["number"]})).json()
    assert by_number["total"] == 1
    drafts = (await client.get("/api/v1/invoices", params={"status": "draft"})).json()
    assert drafts["total"] == 1
    amount = (
        await client.get("/api/v1/invoices", params={"amount_min": "200", "amount_max": "300"})
    ).json()
    assert [i["id"] for i in amount["items"]] == [current["id"]]
    everything = (await client.get("/api/v1/invoices", params={"sort": "-gross_total"})).json()
    assert everything["total"] == 3 and everything["totals"]["gross_total"] == "1487.50"
    assert everything["items"][0]["status"] == "draft"
    bad_sort = await client.get("/api/v1/invoices", params={"sort": "secret"})
    assert bad_sort.status_code == 422

    found = await client.get(f"/api/v1/invoices/by-number/{overdue['number']}")
    assert found.status_code == 200 and found.json()["id"] == overdue["id"]

    stats = (await client.get("/api/v1/invoices/stats")).json()
    assert stats["open_receivables"] == "119.00"
    assert stats["overdue_count"] == 1 and stats["overdue_amount"] == "119.00"
    assert stats["revenue_net_12m"] == "300.00" and stats["revenue_gross_12m"] == "357.00"
    assert stats["drafts"] == 1
    assert stats["average_days_to_payment"] == "0.0"
    assert [t["customer"]["name"] for t in stats["top_customers"]] == [
        "Beta Consulting",
        "Alpha Technik GmbH",
    ]
    crm = (await client.get("/api/v1/customers/stats")).json()
    assert crm["top_by_revenue"][0]["name"] == "Beta Consulting"
    assert crm["top_by_revenue"][0]["revenue"] == "200.00"
    timeline = (await client.get("/api/v1/activities", params={"customer_id": str(beta.id)})).json()
    events = {a["event"] for a in timeline["items"]}
    assert {"invoice_issued", "payment_received"} <= events


async def test_bulk_mark_sent_and_zip(client: AsyncClient, session: AsyncSession, run_jobs) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    first = await finalized(client, customer.id)
    second = await finalized(client, customer.id)
    pending = await draft(client, customer.id)
    missing = "00000000-0000-0000-0000-000000000000"
    ids = [first["id"], second["id"], pending["id"], missing]
    result = (await client.post("/api/v1/invoices/bulk/mark-sent", json={"ids": ids})).json()
    assert result["succeeded"] == 2 and result["failed"] == 2
    by_id = {r["id"]: r for r in result["results"]}
    assert by_id[pending["id"]]["code"] == "invalid_transition"
    assert by_id[missing]["code"] == "invoice_not_found"
    assert (await client.get(f"/api/v1/invoices/{first['id']}")).json()["status"] == "sent"

    accepted = await client.post("/api/v1/invoices/bulk/pdf-zip", json={"ids": ids})
    assert accepted.status_code == 202
    job_url = accepted.json()["status_url"]
    await run_jobs()
    job = (await client.get(job_url.removeprefix("/api/v1").join(["/api/v1", ""]))).json()
    assert job["status"] == "succeeded", job
    assert job["done"] == 3 and job["failed"] == 1
    download = await client.get(f"/api/v1/jobs/{job['id']}/download")
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert sorted(names)[:2] == sorted([f"{first['number']}.pdf", f"{second['number']}.pdf"])
    assert len(names) == 3
    empty = await client.post("/api/v1/invoices/bulk/mark-sent", json={"ids": []})
    assert empty.status_code == 422
