"""Payments: partial, full, Skonto, status both ways, races, refused states, bad input."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import company_today, logged_in_as
from tests.invoices.helpers import draft, finalized, invoiceable_customer, line, setup_company
from workmate.models import Activity


async def _invoice(client: AsyncClient, session: AsyncSession, **extra: object) -> dict:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    # 10 x 100.00 + 19 % = 1190.00
    return await finalized(client, customer.id, [line(quantity="10", price="100.00")], **extra)


def _pay(client: AsyncClient, invoice_id: str, amount: str, paid_on: str | None = None):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/invoices/{invoice_id}/payments",
        json={"amount": amount, "paid_on": paid_on or company_today().isoformat()},
    )


async def test_two_payments_at_once_never_exceed_the_total(
    client: AsyncClient, session: AsyncSession
) -> None:
    invoice = await _invoice(client, session)
    responses = await asyncio.gather(*(_pay(client, invoice["id"], "700.00") for _ in range(4)))
    codes = sorted(r.status_code for r in responses)
    assert codes == [201, 422, 422, 422], [r.text for r in responses]
    after = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert after["paid_amount"] == "700.00"
    assert after["status"] == "partially_paid"


async def test_status_follows_payments_both_ways(
    client: AsyncClient, session: AsyncSession
) -> None:
    invoice = await _invoice(client, session)
    await client.post(f"/api/v1/invoices/{invoice['id']}/mark-sent")
    first = (await _pay(client, invoice["id"], "190.00")).json()
    second = (await _pay(client, invoice["id"], "1000.00")).json()
    detail = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert detail["status"] == "paid" and detail["paid_at"] is not None
    shrink = await client.patch(f"/api/v1/payments/{second['id']}", json={"amount": "900.00"})
    assert shrink.status_code == 200
    detail = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert detail["status"] == "partially_paid" and detail["outstanding"] == "100.00"
    grow = await client.patch(f"/api/v1/payments/{second['id']}", json={"amount": "1000.01"})
    assert grow.status_code == 422
    await client.delete(f"/api/v1/payments/{second['id']}")
    await client.delete(f"/api/v1/payments/{first['id']}")
    detail = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert detail["status"] == "sent" and detail["paid_amount"] == "0.00"
    events = (await session.scalars(select(Activity.event))).all()
    assert events.count("payment_received") == 2


@pytest.mark.date_sensitive
async def test_skonto_inside_window_settles(client: AsyncClient, session: AsyncSession) -> None:
    invoice = await _invoice(client, session, skonto_percent="2", skonto_days=10)
    assert invoice["skonto"]["amount"] == "23.80"
    assert invoice["skonto"]["payable"] == "1166.20"
    assert invoice["skonto"]["available"] is True
    first = await _pay(client, invoice["id"], "1000.00")
    assert first.json()["skonto_amount"] == "0.00"
    detail = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert detail["skonto"]["available"] is True and detail["skonto"]["remaining"] == "166.20"
    payment = await _pay(client, invoice["id"], "166.20")
    assert payment.status_code == 201
    assert payment.json()["skonto_amount"] == "23.80"
    detail = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert detail["status"] == "paid" and detail["skonto_granted"] == "23.80"


@pytest.mark.date_sensitive
async def test_skonto_after_window_is_partial(client: AsyncClient, session: AsyncSession) -> None:
    invoice = await _invoice(client, session, skonto_percent="2", skonto_days=10)
    late = (date.fromisoformat(invoice["issue_date"]) + timedelta(days=11)).isoformat()
    payment = await _pay(client, invoice["id"], "1166.20", late)
    assert payment.json()["skonto_amount"] == "0.00"
    detail = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert detail["status"] == "partially_paid" and detail["outstanding"] == "23.80"


async def test_payments_refused_on_drafts_cancelled_and_credit_notes(
    client: AsyncClient, session: AsyncSession
) -> None:
    invoice = await _invoice(client, session)
    customer_id = invoice["customer"]["id"]
    doc = await draft(client, customer_id)
    assert (await _pay(client, doc["id"], "1.00")).json()["code"] == "payment_not_allowed"
    credit = (await client.post(f"/api/v1/invoices/{invoice['id']}/cancel", json={})).json()
    refused = await _pay(client, invoice["id"], "1.00")
    assert refused.status_code == 409 and refused.json()["code"] == "payment_not_allowed"
    assert (await _pay(client, credit["id"], "1.00")).status_code == 409


async def test_paid_and_partly_paid_invoices_are_cancelled_and_their_payments_stay(
    client: AsyncClient, session: AsyncSession
) -> None:
    partly = await _invoice(client, session)
    payment = (await _pay(client, partly["id"], "500.00")).json()
    before = (await client.get(f"/api/v1/invoices/{partly['id']}")).json()
    assert "cancel" in before["allowed_actions"]
    response = await client.post(f"/api/v1/invoices/{partly['id']}/cancel", json={})
    assert response.status_code == 201, response.text
    credit = response.json()
    assert credit["gross_total"] == "-1190.00" and credit["refund_amount"] == "500.00"
    cancelled = (await client.get(f"/api/v1/invoices/{partly['id']}")).json()
    assert cancelled["status"] == "cancelled" and cancelled["outstanding"] == "0.00"
    assert cancelled["paid_amount"] == "500.00"  # the payment stays where it was received
    assert [p["amount"] for p in cancelled["payments"]] == ["500.00"]
    # ... and is locked from now on: the credit note states it.
    changed = await client.patch(f"/api/v1/payments/{payment['id']}", json={"amount": "400.00"})
    assert changed.status_code == 409 and changed.json()["code"] == "payment_locked"
    assert changed.json()["params"] == {"number": partly["number"]}
    deleted = await client.delete(f"/api/v1/payments/{payment['id']}")
    assert deleted.status_code == 409 and deleted.json()["code"] == "payment_locked"

    paid = await finalized(client, partly["customer"]["id"], [line(quantity="1", price="100.00")])
    await _pay(client, paid["id"], "119.00")
    credit = (await client.post(f"/api/v1/invoices/{paid['id']}/cancel", json={})).json()
    assert credit["refund_amount"] == "119.00"
    unpaid = await finalized(client, partly["customer"]["id"], [line(quantity="1", price="5")])
    credit = (await client.post(f"/api/v1/invoices/{unpaid['id']}/cancel", json={})).json()
    assert credit["refund_amount"] == "0.00"


async def test_bad_payment_input(client: AsyncClient, session: AsyncSession) -> None:
    invoice = await _invoice(client, session)
    url = f"/api/v1/invoices/{invoice['id']}/payments"
    for body in (
        {"amount": "0", "paid_on": "2026-11-01"},
        {"amount": "-5", "paid_on": "2026-11-01"},
        {"amount": "1.001", "paid_on": "2026-11-01"},
        {"amount": "abc", "paid_on": "2026-11-01"},
        {"amount": "5"},
        {"amount": "5", "paid_on": "2026-11-01", "method": "bitcoin"},
        {"amount": "5", "paid_on": "2026-11-01", "reference": "x" * 201},
    ):
        response = await client.post(url, json=body)
        assert response.status_code == 422, body
        assert response.json()["errors"], body
    unknown = await client.post(
        "/api/v1/payments",
        json={"invoice_id": "00000000-0000-0000-0000-000000000000", "amount": "5",
              "paid_on": "2026-11-01"},
    )  # fmt: skip
    assert unknown.status_code == 404
    assert (
        await client.get("/api/v1/payments/00000000-0000-0000-0000-000000000000")
    ).status_code == 404
    # The payments of an unknown document are not "none": the document does not exist.
    nobody = await client.get("/api/v1/invoices/00000000-0000-0000-0000-000000000000/payments")
    assert nobody.status_code == 404 and nobody.json()["code"] == "invoice_not_found"
    assert (await client.get(f"{url}")).json() == []
    listed = (await client.get("/api/v1/payments")).json()
    assert listed["total"] == 0


@pytest.mark.date_sensitive
async def test_paid_at_is_the_latest_payment_date_even_when_the_last_is_back_dated(
    client: AsyncClient, session: AsyncSession
) -> None:
    invoice = await _invoice(client, session)
    today = company_today()
    early = (today - timedelta(days=10)).isoformat()
    assert (await _pay(client, invoice["id"], "190.00", today.isoformat())).status_code == 201
    # The payment that settles the invoice was made earlier than the first one recorded.
    settling = await _pay(client, invoice["id"], "1000.00", early)
    assert settling.status_code == 201
    detail = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert detail["status"] == "paid" and detail["paid_at"] == today.isoformat()
    history = (await client.get(f"/api/v1/invoices/{invoice['id']}/history")).json()
    added = [e for e in history if e["action"] == "payment_added"]
    assert len(added) == 2 and added[-1]["changes"]["status"] == "paid"
    events = (
        await session.scalars(select(Activity).where(Activity.event == "payment_received"))
    ).all()
    assert len(events) == 2


@pytest.mark.date_sensitive
async def test_one_payment_in_full_sets_its_date(
    client: AsyncClient, session: AsyncSession
) -> None:
    invoice = await _invoice(client, session)
    on = (company_today() - timedelta(days=3)).isoformat()
    assert (await _pay(client, invoice["id"], "1190.00", on)).status_code == 201
    detail = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert detail["status"] == "paid" and detail["paid_at"] == on
