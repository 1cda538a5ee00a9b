"""Numbers follow dates within a number range: an earlier issue date after a later one is refused
unless a reason is given (and audited), also when finalizations race."""

from __future__ import annotations

import asyncio
from typing import Any

from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, login
from tests.invoices.helpers import draft, finalized, invoiceable_customer, setup_company


async def _finalize(client: AsyncClient, doc_id: str, **body: Any) -> Any:
    return await client.post(f"/api/v1/invoices/{doc_id}/finalize", json=body or None)


async def test_an_earlier_issue_date_needs_a_reason(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "accounting")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    first = await finalized(client, customer.id, issue_date="2026-03-05")
    late = await draft(client, customer.id, issue_date="2026-03-01")
    r = await _finalize(client, late["id"])
    assert r.status_code == 422 and r.json()["code"] == "issue_date_out_of_order", r.text
    assert r.json()["errors"][0]["field"] == "issue_date"
    assert first["number"] in r.json()["detail"] and "2026-03-05" in r.json()["detail"]
    # The number was not used up; a draft dated on or after the newest one is fine.
    same_day = await draft(client, customer.id, issue_date="2026-03-05")
    done = (await _finalize(client, same_day["id"])).json()
    assert done["number"] == first["number"].replace("00001", "00002")
    # With a reason it goes through, and the reason is in the audit log.
    r = await _finalize(client, late["id"], backdate_reason="Rechnung lag im Postausgang")
    assert r.status_code == 200, r.text
    history = (await client.get(f"/api/v1/invoices/{late['id']}/history")).json()
    entry = next(e for e in history if e["action"] == "finalized")
    assert entry["changes"]["backdated"] == {
        "reason": "Rechnung lag im Postausgang",
        "follows": done["number"],
        "follows_issue_date": "2026-03-05",
    }


async def test_ranges_are_separate_by_kind_and_year(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "accounting")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    await finalized(client, customer.id, issue_date="2026-03-05")
    # Last year's range ({year} in the pattern) has its own order.
    old = await draft(client, customer.id, issue_date="2025-12-30")
    assert (await _finalize(client, old["id"])).status_code == 200
    invoice = await finalized(client, customer.id, issue_date="2026-03-06")
    # A credit note of an earlier date: its own range (GS-), nothing before it.
    r = await client.post(
        f"/api/v1/invoices/{invoice['id']}/cancel", json={"issue_date": "2026-03-06"}
    )
    assert r.status_code == 201, r.text


async def test_racing_finalizations_keep_numbers_in_date_order(
    client: AsyncClient, session: AsyncSession, app: Any
) -> None:
    me = await logged_in_as(client, session, "accounting")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    days = ["2026-03-10", "2026-03-05", "2026-03-08", "2026-03-01", "2026-03-09", "2026-03-02"]
    drafts = [await draft(client, customer.id, issue_date=day) for day in days]
    clients = [
        AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") for _ in days
    ]
    try:
        for c in clients:
            await login(c, me.email)
        responses = await asyncio.gather(
            *(_finalize(c, d["id"]) for c, d in zip(clients, drafts, strict=True))
        )
    finally:
        for c in clients:
            await c.aclose()
    codes = {r.status_code for r in responses}
    assert codes <= {200, 422} and 200 in codes
    refused = [r.json()["code"] for r in responses if r.status_code == 422]
    assert set(refused) <= {"issue_date_out_of_order"}
    issued = sorted((r.json()["number"], r.json()["issue_date"]) for r in responses if r.is_success)
    assert [day for _, day in issued] == sorted(day for _, day in issued)
