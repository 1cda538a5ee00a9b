"""Transitions after finalizing: sent, cancelled by a credit note, quote decisions and conversion.

Invalid transitions are 409 with a reason; every transition is audited.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.activities import events
from workmate.auth.service import Principal
from workmate.core import clock
from workmate.core.errors import Conflict
from workmate.invoices import audit, finalize, printable, service
from workmate.invoices.rules import settled_status
from workmate.models import Invoice, InvoiceLine, TimeEntry
from workmate.settings import service as settings_service


def _refuse(invoice: Invoice, action: str, reason: str) -> Conflict:
    return Conflict(
        f"{invoice.number or 'This draft'} cannot be {action}: {reason}",
        code="invalid_transition",
        params={"number": invoice.number, "invoice_status": invoice.status},
    )


async def mark_sent(session: AsyncSession, principal: Principal, invoice_id: uuid.UUID) -> Invoice:
    invoice = await service.get(session, invoice_id, for_update=True)
    if invoice.status == "draft":
        raise _refuse(invoice, "marked as sent", "finalize it first.")
    if invoice.sent_at is not None:
        raise _refuse(invoice, "marked as sent", "it was already sent.")
    if invoice.status in ("cancelled", "declined", "expired", "accepted"):
        raise _refuse(invoice, "marked as sent", f"it is {invoice.status}.")
    invoice.sent_at = clock.now()
    if invoice.kind == "invoice":
        invoice.status = settled_status(invoice)
    else:
        invoice.status = "sent"
    await session.flush()
    audit.record(
        session,
        principal,
        action="sent",
        entity_type="invoice",
        entity_id=invoice.id,
        invoice_id=invoice.id,
        changes={"status": invoice.status},
    )
    return await service.get(session, invoice.id)


async def cancel(
    session: AsyncSession,
    principal: Principal,
    invoice_id: uuid.UUID,
    zone: str,
    reason: str | None = None,
    issue_date: date | None = None,
    *,
    backdate_reason: str | None = None,
) -> Invoice:
    """Cancel an invoice by a credit note copying its lines negated; returns the credit note.

    Paid and partly paid invoices too: the credit note reverses the whole invoice (a partial
    correction would be a credit note of its own, not a cancellation). Payments stay on the
    invoice as received: they happened, and the bank statement names this invoice (GoBD: no
    booking is rewritten). What was paid becomes a credit of the customer, owed back: the
    credit note records it as ``refund_amount`` and says so; the unpaid rest just lapses. Skonto
    granted lapses with the invoice (it was a discount on a price that no longer stands). The
    invoice's payments are locked from then on (``payments.service``).
    """
    invoice = await service.get(session, invoice_id, for_update=True)
    if invoice.kind != "invoice":
        raise _refuse(invoice, "cancelled", "only invoices are cancelled by a credit note.")
    if invoice.status == "draft":
        raise _refuse(invoice, "cancelled", "a draft is deleted, not cancelled.")
    if invoice.status == "cancelled":
        raise _refuse(invoice, "cancelled", "it is already cancelled.")
    printable.ensure_printable(reason, "reason")  # before the credit note's number is drawn
    credit = Invoice(
        kind="credit_note",
        status="draft",
        customer_id=invoice.customer_id,
        project_id=invoice.project_id,
        contact_id=invoice.contact_id,
        issue_date=issue_date,
        service_date=invoice.service_date,
        service_from=invoice.service_from,
        service_to=invoice.service_to,
        payment_terms_days=0,
        currency=invoice.currency,
        language=invoice.language,
        title=None,
        intro_text=reason,
        buyer_reference=invoice.buyer_reference,
        order_reference=invoice.order_reference,
        cancels_invoice_id=invoice.id,
        refund_amount=invoice.paid_amount,
        created_by_id=principal.id,
        with_timesheet=False,
    )
    credit.lines = [
        InvoiceLine(
            position=line.position,
            description=line.description,
            quantity=-line.quantity,
            unit_code=line.unit_code,
            unit_price=line.unit_price,
            discount_percent=line.discount_percent,
            vat_category=line.vat_category,
            vat_rate=line.vat_rate,
            service_from=line.service_from,
            service_to=line.service_to,
            product_id=line.product_id,
        )
        for line in invoice.lines
    ]
    session.add(credit)
    await session.flush()
    audit.record(
        session,
        principal,
        action="created",
        entity_type="invoice",
        entity_id=credit.id,
        invoice_id=credit.id,
        changes={
            "kind": "credit_note",
            "cancels": invoice.number,
            "refund_amount": invoice.paid_amount,
        },
    )
    credit = await finalize.finalize(
        session, principal, credit.id, zone, backdate_reason=backdate_reason
    )
    # The cancelled invoice's time entries can be invoiced again.
    await session.execute(
        update(TimeEntry)
        .where(TimeEntry.invoice_id == invoice.id)
        .values(invoice_id=None, invoice_line_id=None, invoiced_at=None)
    )
    invoice.status = "cancelled"
    invoice.cancelled_at = clock.now()
    await session.flush()
    audit.record(
        session,
        principal,
        action="cancelled",
        entity_type="invoice",
        entity_id=invoice.id,
        invoice_id=invoice.id,
        changes={"credit_note": credit.number, "reason": reason},
    )
    await events.record_event(
        session,
        customer_id=invoice.customer_id,
        event=events.INVOICE_CANCELLED,
        subject=f"Invoice {invoice.number} cancelled by {credit.number}",
        author_id=principal.id,
        data={
            "invoice_id": str(invoice.id),
            "number": invoice.number,
            "credit_note": credit.number,
        },
    )
    return credit


async def decide_quote(
    session: AsyncSession, principal: Principal, invoice_id: uuid.UUID, decision: str
) -> Invoice:
    quote = await service.get(session, invoice_id, for_update=True)
    if quote.kind != "quote":
        raise _refuse(quote, decision, "only quotes are accepted, declined or expire.")
    if quote.status not in ("finalized", "sent"):
        raise _refuse(quote, decision, f"it is {quote.status}.")
    quote.status = decision
    quote.decided_at = clock.now()
    await session.flush()
    audit.record(
        session,
        principal,
        action=f"quote_{decision}",
        entity_type="invoice",
        entity_id=quote.id,
        invoice_id=quote.id,
        changes={"status": decision},
    )
    return await service.get(session, quote.id)


async def convert_quote(
    session: AsyncSession, principal: Principal, invoice_id: uuid.UUID
) -> Invoice:
    """An accepted quote becomes a draft invoice with the same header and lines."""
    quote = await service.get(session, invoice_id, for_update=True)
    if quote.kind != "quote" or quote.status != "accepted":
        raise _refuse(quote, "converted", "only accepted quotes convert to invoices.")
    if await session.scalar(select(Invoice.id).where(Invoice.quote_id == quote.id)):
        raise _refuse(quote, "converted", "it was already converted to an invoice.")
    company_terms = (await settings_service.get(session)).default_payment_terms_days
    draft = Invoice(
        kind="invoice",
        status="draft",
        customer_id=quote.customer_id,
        project_id=quote.project_id,
        contact_id=quote.contact_id,
        service_date=quote.service_date,
        service_from=quote.service_from,
        service_to=quote.service_to,
        payment_terms_days=company_terms,
        currency=quote.currency,
        language=quote.language,
        intro_text=None,
        closing_text=None,
        buyer_reference=quote.buyer_reference,
        order_reference=quote.order_reference or quote.number,
        quote_id=quote.id,
        created_by_id=principal.id,
        with_timesheet=False,
    )
    customer_terms = quote.customer.payment_terms_days
    if customer_terms is not None:
        draft.payment_terms_days = customer_terms
    draft.lines = [
        InvoiceLine(
            position=line.position,
            description=line.description,
            quantity=line.quantity,
            unit_code=line.unit_code,
            unit_price=line.unit_price,
            discount_percent=line.discount_percent,
            vat_category=line.vat_category,
            vat_rate=line.vat_rate,
            service_from=line.service_from,
            service_to=line.service_to,
            product_id=line.product_id,
        )
        for line in quote.lines
    ]
    session.add(draft)
    await session.flush()
    await service.recalculate(session, draft)
    audit.record(
        session,
        principal,
        action="converted",
        entity_type="invoice",
        entity_id=quote.id,
        invoice_id=quote.id,
        changes={"invoice_id": draft.id},
    )
    audit.record(
        session,
        principal,
        action="created",
        entity_type="invoice",
        entity_id=draft.id,
        invoice_id=draft.id,
        changes={"from_quote": quote.number},
    )
    return await service.get(session, draft.id)
