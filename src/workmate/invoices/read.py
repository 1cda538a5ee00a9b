"""Read models: one document with everything its window shows, in a bounded number of queries."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.invoices import documents, rules
from workmate.invoices.schemas import Invoice as InvoiceRead
from workmate.invoices.schemas import InvoiceSummary, Line, Payment, SkontoOffer, VatGroupOut
from workmate.models import Invoice, TimeEntry
from workmate.models import Payment as PaymentModel


def summary(invoice: Invoice | Any, customer_name: str, today: date) -> InvoiceSummary:
    """A list row: an ``Invoice`` or a row of ``repository.SUMMARY_COLUMNS``."""
    owed = rules.outstanding(invoice)
    late = rules.days_overdue(invoice, today, owed)
    return InvoiceSummary(
        id=invoice.id,
        kind=invoice.kind,
        status=invoice.status,
        number=invoice.number,
        customer={"id": invoice.customer_id, "name": customer_name},
        project_id=invoice.project_id,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        currency=invoice.currency,
        net_total=invoice.net_total,
        gross_total=invoice.gross_total,
        paid_amount=invoice.paid_amount,
        outstanding=owed,
        overdue=late > 0,
        days_overdue=late,
        created_at=invoice.created_at,
    )


def _ref(row: Any) -> dict[str, Any] | None:
    return {"id": row.id, "name": row.number or ""} if row else None


def _skonto(invoice: Invoice, today: date) -> SkontoOffer | None:
    if invoice.issue_date is None:
        return None
    offer = documents.cash_discount(invoice, invoice.issue_date)
    if offer is None:
        return None
    return SkontoOffer(
        percent=offer.percent,
        days=offer.days,
        until=offer.until,
        amount=offer.amount,
        payable=offer.payable,
        remaining=max(offer.payable - invoice.paid_amount, Decimal("0.00")),
        # Partial payments inside the window still earn the discount when they add up to it.
        available=today <= offer.until and invoice.status in rules.PAYABLE_STATUSES,
    )


async def detail(session: AsyncSession, invoice: Invoice, today: date) -> InvoiceRead:
    payments = (
        await session.scalars(
            select(PaymentModel)
            .where(PaymentModel.invoice_id == invoice.id)
            .order_by(PaymentModel.paid_on, PaymentModel.created_at)
        )
    ).all()
    if all(line.linked_entries is not None for line in invoice.lines):
        # Loaded with the lines (``service.get(..., line_counts=True)``).
        counts: dict[uuid.UUID | None, int] = {
            line.id: int(line.linked_entries or 0) for line in invoice.lines
        }
    else:
        count_rows = await session.execute(
            select(TimeEntry.invoice_line_id, func.count())
            .where(TimeEntry.invoice_id == invoice.id)
            .group_by(TimeEntry.invoice_line_id)
        )
        counts = {row[0]: int(row[1]) for row in count_rows}
    # Linked documents exist only for a credit note that cancels, a cancelled invoice (its
    # credit note is written in the same transaction) and a quote (converted once): the common
    # invoice needs no lookup.
    related: list[Any] = []
    if (
        invoice.cancels_invoice_id is not None
        or invoice.status == "cancelled"
        or invoice.kind == "quote"
    ):
        related = list(
            (
                await session.execute(
                    select(
                        Invoice.id,
                        Invoice.number,
                        Invoice.kind,
                        Invoice.cancels_invoice_id,
                        Invoice.quote_id,
                    ).where(
                        (Invoice.id == invoice.cancels_invoice_id)
                        | (Invoice.cancels_invoice_id == invoice.id)
                        | (Invoice.quote_id == invoice.id)
                    )
                )
            ).all()
        )
    cancels = next((r for r in related if r.id == invoice.cancels_invoice_id), None)
    cancelled_by = next((r for r in related if r.cancels_invoice_id == invoice.id), None)
    converted = next((r for r in related if r.quote_id == invoice.id), None)
    base = summary(invoice, invoice.customer.name, today)
    categories = {line.vat_category for line in invoice.lines}
    seller = dict(invoice.seller_snapshot or {})
    seller.pop("logo_png", None)
    return InvoiceRead(
        **base.model_dump(),
        contact_id=invoice.contact_id,
        project=_ref_project(invoice),
        service_date=invoice.service_date,
        service_from=invoice.service_from,
        service_to=invoice.service_to,
        payment_terms_days=invoice.payment_terms_days,
        skonto_percent=invoice.skonto_percent,
        skonto_days=invoice.skonto_days,
        skonto=_skonto(invoice, today),
        skonto_granted=invoice.skonto_granted,
        language=invoice.language,
        title=invoice.title,
        intro_text=invoice.intro_text,
        closing_text=invoice.closing_text,
        buyer_reference=invoice.buyer_reference,
        order_reference=invoice.order_reference,
        internal_note=invoice.internal_note,
        with_timesheet=invoice.with_timesheet,
        vat_total=invoice.vat_total,
        vat_breakdown=[
            VatGroupOut(
                category=g["category"],
                rate=Decimal(g["rate"]),
                taxable_amount=Decimal(g["taxable_amount"]),
                tax_amount=Decimal(g["tax_amount"]),
            )
            for g in invoice.vat_breakdown
        ],
        lines=[
            Line.model_validate(line).model_copy(
                update={"time_entry_count": counts.get(line.id, 0)}
            )
            for line in sorted(invoice.lines, key=lambda line: line.position)
        ],
        payments=[Payment.model_validate(p) for p in payments],
        cancels_invoice=_ref(cancels),
        refund_amount=invoice.refund_amount,
        cancelled_by=_ref(cancelled_by),
        quote_id=invoice.quote_id,
        converted_invoice=_ref(converted) if converted else None,
        einvoice_format=invoice.einvoice_format,
        render_status=invoice.render_status,
        seller=seller or None,
        buyer=invoice.buyer_snapshot,
        finalized_at=invoice.finalized_at,
        sent_at=invoice.sent_at,
        paid_at=invoice.paid_at,
        cancelled_at=invoice.cancelled_at,
        updated_at=invoice.updated_at,
        legal_notes=documents.legal_notes(categories, invoice.language),
        allowed_actions=rules.allowed_actions(invoice, converted=converted is not None),
    )


def _ref_project(invoice: Invoice) -> dict[str, Any] | None:
    if invoice.project is None:
        return None
    return {"id": invoice.project.id, "name": f"{invoice.project.number} {invoice.project.title}"}
