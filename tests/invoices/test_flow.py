"""The whole path through the API: draft -> finalize -> PDF -> payments -> paid; credit note."""

from __future__ import annotations

import io

import pypdf
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as
from tests.invoices.helpers import finalized, invoiceable_customer, line, setup_company


async def test_invoice_lifecycle(client: AsyncClient, session: AsyncSession, run_jobs) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    invoice = await finalized(
        client, customer.id, [line(quantity="10", price="95.00"), line("Hosting", "1", "49.90")]
    )
    assert invoice["number"] == "RE-" + invoice["issue_date"][:4] + "-00001"
    assert invoice["status"] == "finalized"
    assert invoice["net_total"] == "999.90"
    assert invoice["vat_total"] == "189.98"
    assert invoice["gross_total"] == "1189.88"
    assert invoice["render_status"] == "pending"

    await run_jobs()
    detail = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert detail["render_status"] == "done"
    pdf = await client.get(f"/api/v1/invoices/{invoice['id']}/pdf")
    assert pdf.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert invoice["number"] in text
    assert "1.189,88" in text
    xml = await client.get(f"/api/v1/invoices/{invoice['id']}/xml")
    assert b"1189.88" in xml.content

    part = await client.post(
        f"/api/v1/invoices/{invoice['id']}/payments",
        json={"amount": "500.00", "paid_on": invoice["issue_date"]},
    )
    assert part.status_code == 201, part.text
    after = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert after["status"] == "partially_paid"
    assert after["outstanding"] == "689.88"
    too_much = await client.post(
        f"/api/v1/invoices/{invoice['id']}/payments",
        json={"amount": "689.89", "paid_on": invoice["issue_date"]},
    )
    assert too_much.status_code == 422
    assert too_much.json()["code"] == "payment_exceeds_outstanding"
    rest = await client.post(
        f"/api/v1/invoices/{invoice['id']}/payments",
        json={"amount": "689.88", "paid_on": invoice["issue_date"]},
    )
    assert rest.status_code == 201
    paid = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert paid["status"] == "paid"
    assert paid["outstanding"] == "0.00"

    deleted = await client.delete(f"/api/v1/payments/{rest.json()['id']}")
    assert deleted.status_code == 204
    again = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert again["status"] == "partially_paid"

    history = (await client.get(f"/api/v1/invoices/{invoice['id']}/history")).json()
    actions = [h["action"] for h in history]
    assert actions[:2] == ["created", "finalized"]
    assert "payment_deleted" in actions


async def test_credit_note_cancels_invoice(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    invoice = await finalized(client, customer.id)
    response = await client.post(f"/api/v1/invoices/{invoice['id']}/cancel", json={})
    assert response.status_code == 201, response.text
    credit = response.json()
    assert credit["kind"] == "credit_note"
    assert credit["number"].startswith("GS-")
    assert credit["gross_total"] == "-" + invoice["gross_total"]
    assert credit["cancels_invoice"]["id"] == invoice["id"]
    cancelled = (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()
    assert cancelled["status"] == "cancelled"
    assert cancelled["cancelled_by"]["name"] == credit["number"]
    twice = await client.post(f"/api/v1/invoices/{invoice['id']}/cancel", json={})
    assert twice.status_code == 409
