"""The registry of linkable records: every type answers visibility per role, labels and locks."""

from __future__ import annotations

import uuid

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

import workmate.app  # noqa: F401  (imports every domain, which registers its types)
from tests.factories import logged_in_as, make_contact, make_employee
from tests.invoices.helpers import draft, finalized, invoiceable_customer, setup_company
from tests.projects.helpers import make_project
from workmate import links
from workmate.auth.permissions import DEFAULT_ROLES
from workmate.auth.service import Principal, permissions_of
from workmate.core.errors import BusinessRuleViolation, NotFound
from workmate.links import RecordRef, RecordType


def _principal(role_key: str, employee_id: uuid.UUID | None = None) -> Principal:
    permissions = permissions_of(list(DEFAULT_ROLES[role_key][2]))
    return Principal(employee_id or uuid.uuid4(), "Test", "Europe/Berlin", permissions)


def test_every_record_type_has_an_owner() -> None:
    assert links.registered_types() == frozenset(RecordType)


async def test_visibility_follows_each_domains_rules(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    contact = await make_contact(session, customer.id)
    member = await make_employee(session)
    outsider = await make_employee(session)
    project = await make_project(session, customer_id=customer.id, members=[member])
    await session.commit()
    invoice = await finalized(client, customer.id)
    quote = await draft(client, customer.id, kind="quote")
    paid = await client.post(
        f"/api/v1/invoices/{invoice['id']}/payments",
        json={"amount": "10.00", "paid_on": invoice["issue_date"]},
    )
    assert paid.status_code == 201, paid.text
    payment_id = uuid.UUID(paid.json()["id"])
    invoice_id, quote_id = uuid.UUID(invoice["id"]), uuid.UUID(quote["id"])

    admin, employee = _principal("admin"), _principal("employee", member.id)
    stranger = _principal("employee", outsider.id)
    cases = [
        (RecordType.customer, customer.id, {admin, employee, stranger}),
        (RecordType.contact, contact.id, {admin, employee, stranger}),
        (RecordType.project, project.id, {admin, employee}),
        (RecordType.invoice, invoice_id, {admin}),
        (RecordType.quote, quote_id, {admin}),
        (RecordType.payment, payment_id, {admin}),
        (RecordType.employee, member.id, {admin, employee, stranger}),
    ]
    for record_type, ident, allowed in cases:
        for who in (admin, employee, stranger):
            seen = await links.visible_ids(session, who, record_type, [ident, uuid.uuid4()])
            expected = {ident} if who in allowed else set()
            assert seen == expected, (record_type, who.permissions)

    # A document's id asked as another kind is unknown, never mixed up.
    assert await links.visible_ids(session, admin, RecordType.credit_note, [invoice_id]) == set()
    with pytest.raises(NotFound):
        await links.ensure_visible(session, stranger, RecordRef(RecordType.project, project.id))
    with pytest.raises(BusinessRuleViolation):
        await links.visible_ids(session, admin, "spaceship", [invoice_id])

    refs = [RecordRef(t, i) for t, i, _ in cases]
    summaries = await links.describe(session, refs)
    assert summaries[RecordRef(RecordType.invoice, invoice_id)].number == invoice["number"]
    assert summaries[RecordRef(RecordType.quote, quote_id)].number is None
    assert summaries[RecordRef(RecordType.project, project.id)].title == project.title
    assert summaries[RecordRef(RecordType.payment, payment_id)].title == invoice["number"]

    assert await links.locked(session, refs) == {
        RecordRef(RecordType.invoice, invoice_id),
        RecordRef(RecordType.payment, payment_id),
    }
