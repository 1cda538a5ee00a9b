"""Gapless numbers per kind and year, under concurrency; failed finalizing uses no number."""

from __future__ import annotations

import asyncio
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as
from tests.invoices.helpers import draft, finalized, invoiceable_customer, line, setup_company


async def test_twenty_parallel_finalizations_get_twenty_consecutive_numbers(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    drafts = [await draft(client, customer.id) for _ in range(20)]
    responses = await asyncio.gather(
        *(client.post(f"/api/v1/invoices/{d['id']}/finalize") for d in drafts)
    )
    assert [r.status_code for r in responses] == [200] * 20, [r.text for r in responses]
    numbers = sorted(r.json()["number"] for r in responses)
    year = responses[0].json()["issue_date"][:4]
    assert numbers == [f"RE-{year}-{i:05d}" for i in range(1, 21)]


async def test_finalizing_the_same_draft_twice_at_once_gives_one_number(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    doc = await draft(client, customer.id)
    responses = await asyncio.gather(
        *(client.post(f"/api/v1/invoices/{doc['id']}/finalize") for _ in range(3))
    )
    assert sorted(r.status_code for r in responses) == [200, 409, 409]
    following = await finalized(client, customer.id)
    assert following["number"].endswith("-00002")


async def test_invalid_document_uses_no_number(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    no_address = await invoiceable_customer(session, street=None, name="Ohne Adresse")
    bad = await draft(client, no_address.id, [line(service_from=None, service_to=None)])
    response = await client.post(f"/api/v1/invoices/{bad['id']}/finalize")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invoice_invalid"
    codes = {e["code"] for e in body["errors"]}
    assert {"buyer_street_missing", "line_service_period_missing"} <= codes
    messages = " ".join(e["message"] for e in body["errors"])
    assert "Line 1 has no service period" in messages
    still = (await client.get(f"/api/v1/invoices/{bad['id']}")).json()
    assert still["status"] == "draft" and still["number"] is None
    good = await finalized(client, customer.id)
    assert good["number"].endswith("-00001")


async def test_each_kind_has_its_own_range(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    quote = await finalized(client, customer.id, kind="quote")
    invoice = await finalized(client, customer.id)
    credit = await finalized(client, customer.id, [line(quantity="-1")], kind="credit_note")
    year = invoice["issue_date"][:4]
    assert quote["number"] == f"AN-{year}-00001"
    assert invoice["number"] == f"RE-{year}-00001"
    assert credit["number"] == f"GS-{year}-00001"


async def test_number_year_follows_issue_date(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    old = await finalized(client, customer.id, issue_date="2025-12-31")
    new = await finalized(client, customer.id, issue_date="2026-01-02")
    assert old["number"] == "RE-2025-00001"
    assert new["number"] == "RE-2026-00001"
    assert old["due_date"] == "2026-01-14"


async def test_pattern_is_configurable(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    response = await client.patch(
        "/api/v1/settings/company", json={"invoice_number_pattern": "R{year}/{seq:4}"}
    )
    assert response.status_code == 200, response.text
    bad = await client.patch("/api/v1/settings/company", json={"invoice_number_pattern": "R-{x}"})
    assert bad.status_code == 422
    customer = await invoiceable_customer(session)
    doc: dict[str, Any] = await finalized(client, customer.id, issue_date="2026-03-01")
    assert doc["number"] == "R2026/0001"
