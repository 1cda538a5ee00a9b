"""Drafts are freely editable; finalized documents never change."""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as
from tests.invoices.helpers import draft, finalized, invoiceable_customer, line, setup_company


async def test_lines_add_change_move_delete_renumber(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    doc = await draft(client, customer.id, [line("A", "1", "10"), line("B", "2", "10")])
    url = f"/api/v1/invoices/{doc['id']}"
    added = (await client.post(f"{url}/lines", json=line("C", "3", "10"))).json()
    assert [ln["description"] for ln in added["lines"]] == ["A", "B", "C"]
    assert added["net_total"] == "60.00" and added["gross_total"] == "71.40"
    c_id = added["lines"][2]["id"]
    moved = (await client.patch(f"{url}/lines/{c_id}", json={"position": 1})).json()
    assert [(ln["position"], ln["description"]) for ln in moved["lines"]] == [
        (1, "C"), (2, "A"), (3, "B"),
    ]  # fmt: skip
    changed = (
        await client.patch(f"{url}/lines/{c_id}", json={"discount_percent": "50", "vat_rate": "7"})
    ).json()
    assert changed["lines"][0]["net_amount"] == "15.00"
    assert {g["rate"] for g in changed["vat_breakdown"]} == {"7.00", "19.00"}
    a_id = changed["lines"][1]["id"]
    after_delete = (await client.delete(f"{url}/lines/{a_id}")).json()
    assert [(ln["position"], ln["description"]) for ln in after_delete["lines"]] == [
        (1, "C"), (2, "B"),
    ]  # fmt: skip
    order = [ln["id"] for ln in reversed(after_delete["lines"])]
    reordered = (await client.put(f"{url}/lines/order", json={"line_ids": order})).json()
    assert [ln["description"] for ln in reordered["lines"]] == ["B", "C"]
    bad_order = await client.put(f"{url}/lines/order", json={"line_ids": order[:1]})
    assert bad_order.status_code == 422
    header = await client.patch(url, json={"intro_text": "Hallo", "payment_terms_days": 30})
    assert header.status_code == 200 and header.json()["payment_terms_days"] == 30
    recalc = await client.post(f"{url}/recalculate")
    assert recalc.json()["gross_total"] == reordered["gross_total"]
    preview = await client.get(f"{url}/pdf")
    assert preview.status_code == 200 and preview.content.startswith(b"%PDF")
    deleted = await client.delete(url)
    assert deleted.status_code == 204
    assert (await client.get(url)).status_code == 404
    history = (await client.get(f"{url}/history")).status_code
    assert history == 404


async def test_finalized_document_is_immutable(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    doc = await finalized(client, customer.id)
    url = f"/api/v1/invoices/{doc['id']}"
    line_url = f"{url}/lines/{doc['lines'][0]['id']}"
    attempts = [
        await client.patch(url, json={"intro_text": "changed"}),
        await client.post(f"{url}/lines", json=line()),
        await client.patch(line_url, json={"quantity": "99"}),
        await client.delete(line_url),
        await client.put(f"{url}/lines/order", json={"line_ids": [doc["lines"][0]["id"]]}),
        await client.delete(url),
        await client.post(f"{url}/recalculate"),
        await client.post(f"{url}/finalize"),
    ]
    assert [r.status_code for r in attempts] == [409] * len(attempts)
    assert {r.json()["code"] for r in attempts} == {"document_locked"}
    assert (await client.get(url)).json()["gross_total"] == doc["gross_total"]


async def test_audit_log_is_append_only(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    await finalized(client, customer.id)
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            await session.execute(text(statement))
        await session.rollback()


async def test_bad_input_on_drafts(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    other = await invoiceable_customer(session, name="Andere GmbH")
    base = {"customer_id": str(customer.id)}
    bodies = [
        {},
        {"customer_id": "not-a-uuid"},
        {**base, "kind": "order"},
        {**base, "lines": [{"description": "x"}]},
        {**base, "lines": [line(quantity="1.00001")]},
        {**base, "lines": [line(price="1.23456")]},
        {**base, "lines": [line(unit_code="XYZ")]},
        {**base, "lines": [line(vat_category="luxury")]},
        {**base, "lines": [line(discount_percent="101")]},
        {**base, "lines": [line(service_from="2026-11-20", service_to="2026-11-01")]},
        {**base, "lines": [line(description="x" * 2001)]},
        {**base, "currency": "euro"},
        {**base, "payment_terms_days": 400},
        {**base, "service_from": "2026-02-01", "service_to": "2026-01-01"},
        {**base, "unknown": 1},
    ]
    for body in bodies:
        response = await client.post("/api/v1/invoices", json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["code"], body
    unknown_customer = await client.post(
        "/api/v1/invoices", json={"customer_id": "00000000-0000-0000-0000-000000000000"}
    )
    assert unknown_customer.status_code == 422
    assert unknown_customer.json()["errors"][0]["field"] == "customer_id"
    doc = await draft(client, customer.id)
    contact_of_other = await client.patch(
        f"/api/v1/invoices/{doc['id']}", json={"customer_id": None}
    )
    assert contact_of_other.status_code == 422
    skonto = await client.patch(f"/api/v1/invoices/{doc['id']}", json={"skonto_percent": "2"})
    assert skonto.status_code == 422 and skonto.json()["code"] == "skonto_incomplete"
    missing = "00000000-0000-0000-0000-000000000000"
    assert (await client.get(f"/api/v1/invoices/{missing}")).status_code == 404
    assert (
        await client.patch(f"/api/v1/invoices/{doc['id']}/lines/{missing}", json={})
    ).status_code == 404
    assert (await client.get("/api/v1/invoices/by-number/NOPE")).status_code == 404
    assert other.id != customer.id


async def test_employee_cannot_read_invoices(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "employee")
    assert (await client.get("/api/v1/invoices")).status_code == 403
    assert (await client.post("/api/v1/invoices", json={})).status_code == 403


async def test_customer_and_project_with_invoices_are_not_deleted(
    client: AsyncClient, session: AsyncSession
) -> None:
    from tests.projects.helpers import make_project

    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    project = await make_project(session, customer_id=customer.id)
    await session.commit()
    await draft(client, customer.id, project_id=str(project.id))
    gone = await client.delete(f"/api/v1/projects/{project.id}")
    assert gone.status_code == 409 and gone.json()["code"] == "project_has_invoices"
    gone = await client.delete(f"/api/v1/customers/{customer.id}")
    assert gone.status_code == 409 and gone.json()["code"] == "customer_in_use"
