"""Drafts: create, change, delete; lines: add, change, move, delete; totals from calculation.

A draft's stored line amounts and totals are recomputed by ``calculation.calculate`` after every
change, so lists and statistics can read them; finalizing recomputes once more and freezes them.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload, with_expression

from workmate import links
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.errors import BusinessRuleViolation, NotFound, field_error, reject_nulls
from workmate.customers import service as customer_service
from workmate.invoices import audit
from workmate.invoices import repository as invoice_repo
from workmate.invoices.calculation import LineInput, calculate
from workmate.invoices.rules import ensure_draft, ensure_period
from workmate.invoices.schemas import InvoiceCreate, InvoiceUpdate, LineIn
from workmate.models import (
    CompanySettings,
    Contact,
    Customer,
    Invoice,
    InvoiceLine,
    Project,
    TimeEntry,
)
from workmate.settings import service as settings_service

MAX_LINES = 2_000
HEADER_FIELDS = tuple(InvoiceUpdate.model_fields)


async def get(
    session: AsyncSession,
    invoice_id: uuid.UUID,
    *,
    for_update: bool = False,
    related: bool = True,
    line_counts: bool = False,
) -> Invoice:
    """The document; with ``related`` also its lines, customer and project (else: the row only,
    e.g. for a payment, which needs neither); ``line_counts`` fills each line's
    ``linked_entries`` (time entries) in the lines' statement (the detail view shows it)."""
    stmt = select(Invoice).where(Invoice.id == invoice_id)
    if related:
        lines = selectinload(Invoice.lines)
        if line_counts:
            linked = (
                select(func.count())
                .where(TimeEntry.invoice_line_id == InvoiceLine.id)
                .scalar_subquery()
            )
            lines = lines.options(with_expression(InvoiceLine.linked_entries, linked))
        # Customer and project joined into the same statement; the lines in a second one.
        stmt = stmt.options(
            lines,
            joinedload(Invoice.customer, innerjoin=True),
            joinedload(Invoice.project),
        )
    if for_update:
        stmt = stmt.with_for_update(of=Invoice)
    invoice = await session.scalar(stmt.execution_options(populate_existing=True))
    if invoice is None:
        raise NotFound("This document does not exist.", code="invoice_not_found")
    return invoice


def header_state(invoice: Invoice) -> dict[str, Any]:
    return {name: getattr(invoice, name) for name in HEADER_FIELDS}


async def _customer(session: AsyncSession, customer_id: uuid.UUID) -> Customer:
    customer = await session.get(Customer, customer_id)
    if customer is None:
        raise BusinessRuleViolation(
            "Unknown customer.",
            code="unknown_reference",
            errors=[field_error("customer_id", "No customer with this id.", "unknown_reference")],
        )
    customer_service.ensure_not_archived(customer)
    return customer


async def _check_project_and_contact(
    session: AsyncSession,
    customer_id: uuid.UUID,
    project_id: uuid.UUID | None,
    contact_id: uuid.UUID | None,
) -> None:
    if project_id is not None:
        owner = await session.scalar(select(Project.customer_id).where(Project.id == project_id))
        if owner is None:
            raise BusinessRuleViolation(
                "Unknown project.",
                code="unknown_reference",
                errors=[field_error("project_id", "No project with this id.", "unknown_reference")],
            )
        if owner != customer_id:
            raise BusinessRuleViolation(
                "The project belongs to another customer.",
                code="project_of_other_customer",
                errors=[
                    field_error(
                        "project_id", "Belongs to another customer.", "project_of_other_customer"
                    )
                ],
            )
    if contact_id is not None:
        owner = await session.scalar(select(Contact.customer_id).where(Contact.id == contact_id))
        if owner != customer_id:
            raise BusinessRuleViolation(
                "The contact is unknown or belongs to another customer.",
                code="contact_of_other_customer",
                errors=[
                    field_error(
                        "contact_id",
                        "Unknown, or a contact of another customer.",
                        "contact_of_other_customer",
                    )
                ],
            )


def default_vat(company: CompanySettings) -> tuple[str, Decimal]:
    if company.small_business:
        return "small_business", Decimal("0.00")
    return "standard", company.default_vat_rate


def due_date_for(invoice: Invoice) -> date | None:
    if invoice.issue_date is None:
        return None
    return invoice.issue_date + timedelta(days=invoice.payment_terms_days)


async def create(session: AsyncSession, principal: Principal, data: InvoiceCreate) -> Invoice:
    customer = await _customer(session, data.customer_id)
    await _check_project_and_contact(session, customer.id, data.project_id, data.contact_id)
    company = await settings_service.get(session)
    header = data.model_dump(exclude={"lines", "kind", "customer_id"}, exclude_none=True)
    invoice = Invoice(
        kind=data.kind,
        status="draft",
        customer_id=customer.id,
        created_by_id=principal.id,
        language=customer.language,
        payment_terms_days=(
            customer.payment_terms_days
            if customer.payment_terms_days is not None
            else company.default_payment_terms_days
        ),
        skonto_percent=company.skonto_percent if data.kind == "invoice" else None,
        skonto_days=company.skonto_days if data.kind == "invoice" else None,
        buyer_reference=customer.leitweg_id,
        intro_text=company.invoice_intro_text,
        closing_text=company.invoice_closing_text,
        currency="EUR",
        with_timesheet=False,
    )
    if data.kind == "quote":
        invoice.payment_terms_days = company.quote_validity_days
    for key, value in header.items():
        setattr(invoice, key, value)
    _check_skonto(invoice)
    invoice.lines = []
    session.add(invoice)
    await session.flush()
    for line in data.lines:
        append_line(invoice, line, company)
    await recalculate(session, invoice)
    audit.record(
        session,
        principal,
        action="created",
        entity_type="invoice",
        entity_id=invoice.id,
        invoice_id=invoice.id,
        changes={"kind": invoice.kind, "customer_id": customer.id, "lines": len(data.lines)},
    )
    return await get(session, invoice.id)


def _check_skonto(invoice: Invoice) -> None:
    if (invoice.skonto_percent is None) != (invoice.skonto_days is None):
        raise BusinessRuleViolation(
            "Give both the cash discount percentage and its days, or neither.",
            code="skonto_incomplete",
            errors=[field_error("skonto_days", "Needed with skonto_percent.", "skonto_incomplete")],
        )
    if invoice.skonto_days is not None and invoice.skonto_days > invoice.payment_terms_days:
        raise BusinessRuleViolation(
            "The cash discount period cannot be longer than the payment terms.",
            code="skonto_after_due",
            params={"days": invoice.payment_terms_days},
            errors=[
                field_error(
                    "skonto_days",
                    "Longer than the payment terms.",
                    "skonto_after_due",
                    {"days": invoice.payment_terms_days},
                )
            ],
        )


async def update_header(
    session: AsyncSession, principal: Principal, invoice_id: uuid.UUID, data: InvoiceUpdate
) -> Invoice:
    invoice = await get(session, invoice_id, for_update=True)
    ensure_draft(invoice)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(
        changes, ("customer_id", "payment_terms_days", "language", "currency", "with_timesheet")
    )
    customer_id = changes.get("customer_id", invoice.customer_id)
    if "customer_id" in changes and customer_id != invoice.customer_id:
        linked = await session.scalar(
            select(func.count()).select_from(TimeEntry).where(TimeEntry.invoice_id == invoice.id)
        )
        if linked:
            raise BusinessRuleViolation(
                "This draft holds time entries of its customer; the customer cannot change.",
                code="customer_has_time_entries",
                errors=[field_error("customer_id", "Draft holds time entries.", "locked")],
            )
        await _customer(session, customer_id)
    await _check_project_and_contact(
        session,
        customer_id,
        changes.get("project_id", invoice.project_id),
        changes.get("contact_id", invoice.contact_id),
    )
    if invoice.kind != "invoice" and changes.get("skonto_percent") is not None:
        raise BusinessRuleViolation(
            "Only invoices carry a cash discount.",
            code="skonto_not_applicable",
            errors=[field_error("skonto_percent", "Only on invoices.", "skonto_not_applicable")],
        )
    before = header_state(invoice)
    for key, value in changes.items():
        setattr(invoice, key, value)
    ensure_period(invoice.service_from, invoice.service_to)
    _check_skonto(invoice)
    await session.flush()
    audit.record(
        session,
        principal,
        action="updated",
        entity_type="invoice",
        entity_id=invoice.id,
        invoice_id=invoice.id,
        changes=audit.diff(before, header_state(invoice)),
    )
    return await get(session, invoice.id)


async def delete_draft(session: AsyncSession, principal: Principal, invoice_id: uuid.UUID) -> None:
    invoice = await get(session, invoice_id, for_update=True)
    ensure_draft(invoice)
    await session.execute(
        update(TimeEntry)
        .where(TimeEntry.invoice_id == invoice.id)
        .values(invoice_id=None, invoice_line_id=None)
    )
    audit.record(
        session,
        principal,
        action="deleted",
        entity_type="invoice",
        entity_id=invoice.id,
        invoice_id=invoice.id,
        changes={"lines": len(invoice.lines), "gross_total": invoice.gross_total},
    )
    await session.delete(invoice)
    await session.flush()


def append_line(invoice: Invoice, data: LineIn, company: CompanySettings) -> InvoiceLine:
    if len(invoice.lines) >= MAX_LINES:
        raise BusinessRuleViolation(
            f"A document holds at most {MAX_LINES} lines.",
            code="too_many_lines",
            params={"max": MAX_LINES},
        )
    category, rate = default_vat(company)
    line = InvoiceLine(
        invoice_id=invoice.id,
        position=len(invoice.lines) + 1,
        **data.model_dump(exclude={"vat_category", "vat_rate"}),
        vat_category=data.vat_category or category,
        vat_rate=rate if data.vat_rate is None else data.vat_rate,
    )
    normalise_vat(line)
    invoice.lines.append(line)
    return line


def normalise_vat(line: InvoiceLine) -> None:
    """Only the standard category has a rate (EN 16931 BR-Z-5, BR-E-5, BR-AE-5, ...)."""
    if line.vat_category != "standard":
        line.vat_rate = Decimal("0.00")


async def recalculate(session: AsyncSession, invoice: Invoice, *, flush: bool = True) -> None:
    """Store line amounts and totals from the calculation engine (drafts only); ``flush=False``
    leaves the writing to the caller's next flush."""
    lines = sorted(invoice.lines, key=lambda line: line.position)
    totals = calculate(
        [
            LineInput(
                quantity=line.quantity,
                unit_price=line.unit_price,
                vat_category=line.vat_category,
                vat_rate=line.vat_rate,
                discount_percent=line.discount_percent,
            )
            for line in lines
        ]
    )
    for line, result in zip(lines, totals.lines, strict=True):
        # Only changed amounts are assigned: an untouched line stays clean, is not flushed and
        # keeps what was loaded with it (e.g. its linked-entry count for the detail view).
        for name in ("gross_amount", "discount_amount", "net_amount"):
            if getattr(line, name) != getattr(result, name):
                setattr(line, name, getattr(result, name))
    invoice.net_total = totals.net_total
    invoice.vat_total = totals.vat_total
    invoice.gross_total = totals.gross_total
    invoice.vat_breakdown = [
        {
            "category": g.category,
            "rate": str(g.rate.quantize(Decimal("0.01"))),
            "taxable_amount": str(g.taxable_amount),
            "tax_amount": str(g.tax_amount),
        }
        for g in totals.vat_groups
    ]
    if flush:
        await session.flush()


def _register_links(kind: str, record_type: links.RecordType, *, gobd: bool) -> None:
    """Invoices, credit notes and quotes share a table; each is its own linkable type. A
    finalized invoice or credit note is a booking document (GoBD): its attachments are locked."""

    async def visible(
        session: AsyncSession, principal: Principal, ids: Collection[uuid.UUID]
    ) -> set[uuid.UUID]:
        if not principal.has(Permission.invoices_read):
            return set()
        return await invoice_repo.ids_of_kind(session, kind, ids)

    async def describe(
        session: AsyncSession, ids: Collection[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[str | None, str]]:
        return await invoice_repo.labels_of_kind(session, kind, ids)

    async def locked(session: AsyncSession, ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
        return await invoice_repo.finalized_of_kind(session, kind, ids) if gobd else set()

    links.register(
        links.LinkableType(
            record_type,
            visible,
            describe,
            locked,
            visible_sql=links.permission_rule(Permission.invoices_read),
        )
    )


_register_links("invoice", links.RecordType.invoice, gobd=True)
_register_links("credit_note", links.RecordType.credit_note, gobd=True)
_register_links("quote", links.RecordType.quote, gobd=False)


async def search_numbers(session: AsyncSession, q: str, limit: int) -> list[Any]:
    """(id, kind, number, status, customer name) of documents whose number contains ``q``."""
    return await invoice_repo.search_numbers(session, q, limit)
