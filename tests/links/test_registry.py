"""The registry of linkable records: every type answers visibility per role, labels and locks."""

from __future__ import annotations

import re
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


def test_every_record_type_has_a_sql_rule() -> None:
    assert {t for t in RecordType if not links.has_sql_rule(t)} == set()


async def test_the_link_table_accepts_exactly_the_record_types(session: AsyncSession) -> None:
    """A new RecordType needs a migration extending document_links' CHECK constraint."""
    from sqlalchemy import text

    definition = await session.scalar(
        text(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conname = 'ck_document_links_record_type'"
        )
    )
    assert definition is not None
    accepted = set(re.findall(r"'(\w+)'", definition))
    assert accepted == {t.value for t in RecordType}


async def test_sql_rule_agrees_with_the_per_id_rule(
    client: AsyncClient, session: AsyncSession
) -> None:
    """``visible_sql`` (lists) and ``visible`` (one record) give the same answer per role."""
    from sqlalchemy import literal, select

    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    member = await make_employee(session)
    project = await make_project(session, customer_id=customer.id, members=[member])
    other_project = await make_project(session, customer_id=customer.id)
    await session.commit()
    invoice = await finalized(client, customer.id)
    ids = {
        RecordType.customer: customer.id,
        RecordType.project: project.id,
        RecordType.invoice: uuid.UUID(invoice["id"]),
        RecordType.employee: member.id,
    }
    for role in ("admin", "accounting", "project_lead", "employee"):
        who = _principal(role, member.id)
        for record_type, ident in [*ids.items(), (RecordType.project, other_project.id)]:
            by_id = ident in await links.visible_ids(session, who, record_type, [ident])
            clause = links.visible_clause(who, literal(record_type.value), literal(ident))
            by_sql = bool(await session.scalar(select(clause)))
            assert by_id == by_sql, (role, record_type)
