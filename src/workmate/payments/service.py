"""Payments settle invoices: partial payments, Skonto, status derived both ways.

The invoice row is locked (``SELECT ... FOR UPDATE``) before anything is summed, so two payments
arriving at the same moment are applied one after the other and the second sees the first: the
paid amount can never exceed the invoice total (DESIGN.md 5).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate import links
from workmate.activities import events
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.errors import (
    BusinessRuleViolation,
    Conflict,
    NotFound,
    field_error,
    reject_nulls,
)
from workmate.invoices import audit
from workmate.invoices import service as invoice_service
from workmate.invoices.calculation import skonto_amount
from workmate.invoices.rules import PAYABLE_STATUSES, settled_status
from workmate.models import Invoice, Payment
from workmate.payments import repository as repo
from workmate.payments.schemas import PaymentCreate, PaymentUpdate

ZERO = Decimal("0.00")
FIELDS = ("amount", "skonto_amount", "paid_on", "method", "reference", "note")


def _state(payment: Payment) -> dict[str, object]:
    return {name: getattr(payment, name) for name in FIELDS}


async def get(session: AsyncSession, payment_id: uuid.UUID) -> Payment:
    payment = await session.get(Payment, payment_id)
    if payment is None:
        raise NotFound("This payment does not exist.", code="payment_not_found")
    return payment


async def _others(
    session: AsyncSession, invoice_id: uuid.UUID, excluding: uuid.UUID | None
) -> tuple[Decimal, Decimal, date | None]:
    """Sum paid, Skonto granted and the latest payment date of the invoice's other payments."""
    stmt = select(
        func.coalesce(func.sum(Payment.amount), 0),
        func.coalesce(func.sum(Payment.skonto_amount), 0),
        func.max(Payment.paid_on),
    ).where(Payment.invoice_id == invoice_id)
    if excluding is not None:
        stmt = stmt.where(Payment.id != excluding)
    paid, skonto, last = (await session.execute(stmt)).one()
    return Decimal(paid), Decimal(skonto), last


def _ensure_payable(invoice: Invoice) -> None:
    if invoice.kind != "invoice":
        raise Conflict(
            "Payments are recorded on invoices only, not on credit notes or quotes.",
            code="payment_not_allowed",
        )
    if invoice.status == "draft":
        raise Conflict(
            "Finalize the invoice before recording payments.", code="payment_not_allowed"
        )
    if invoice.status == "cancelled":
        raise Conflict(
            "This invoice is cancelled; it takes no payments.", code="payment_not_allowed"
        )


def _ensure_changeable(invoice: Invoice) -> None:
    """Payments of a cancelled invoice stay as they were: the credit note states them."""
    if invoice.status == "cancelled":
        raise Conflict(
            f"{invoice.number} is cancelled; its payments can no longer be changed.",
            code="payment_locked",
            params={"number": invoice.number},
        )
    _ensure_payable(invoice)


def _skonto_for(invoice: Invoice, payment: Payment, paid_before: Decimal) -> Decimal:
    """The discount this payment settles: only a payment inside the window that brings the
    total paid to exactly the discounted amount (nothing partial earns Skonto)."""
    if invoice.skonto_percent is None or invoice.skonto_days is None or invoice.issue_date is None:
        return ZERO
    if payment.paid_on > invoice.issue_date + timedelta(days=invoice.skonto_days):
        return ZERO
    discount = skonto_amount(invoice.gross_total, invoice.skonto_percent)
    if paid_before + payment.amount == invoice.gross_total - discount:
        return discount
    return ZERO


def _apply(invoice: Invoice, payment: Payment, paid: Decimal, skonto: Decimal) -> None:
    payment.skonto_amount = _skonto_for(invoice, payment, paid)
    outstanding = invoice.gross_total - paid - skonto
    if payment.amount + payment.skonto_amount > outstanding:
        raise BusinessRuleViolation(
            f"The payment of {payment.amount} exceeds the open amount of {outstanding} "
            f"{invoice.currency} of {invoice.number}.",
            code="payment_exceeds_outstanding",
            params={"open": outstanding, "currency": invoice.currency, "number": invoice.number},
            errors=[
                field_error(
                    "amount",
                    f"At most {outstanding} is open.",
                    "payment_exceeds_outstanding",
                    {"open": outstanding, "currency": invoice.currency},
                )
            ],
        )
    invoice.paid_amount = paid + payment.amount
    invoice.skonto_granted = skonto + payment.skonto_amount


async def _settle(session: AsyncSession, invoice: Invoice) -> None:
    invoice.status = settled_status(invoice)
    invoice.paid_at = (
        await session.scalar(
            select(func.max(Payment.paid_on)).where(Payment.invoice_id == invoice.id)
        )
        if invoice.status == "paid"
        else None
    )
    await session.flush()


async def create(
    session: AsyncSession, principal: Principal, invoice_id: uuid.UUID, data: PaymentCreate
) -> Payment:
    invoice = await invoice_service.get(session, invoice_id, for_update=True, related=False)
    _ensure_payable(invoice)
    if invoice.status not in PAYABLE_STATUSES:
        raise Conflict(
            f"{invoice.number} is already paid in full.",
            code="invoice_already_paid",
            params={"number": invoice.number},
        )
    paid, skonto, last_paid_on = await _others(session, invoice.id, None)
    # The id is chosen here so the audit entry can name the payment before anything is written:
    # payment, invoice, audit entry and activity go out in one flush at the end.
    payment = Payment(
        id=uuid.uuid4(), invoice_id=invoice.id, created_by_id=principal.id, **data.model_dump()
    )
    _apply(invoice, payment, paid, skonto)
    session.add(payment)
    invoice.status = settled_status(invoice)
    invoice.paid_at = (
        max(payment.paid_on, last_paid_on or payment.paid_on) if invoice.status == "paid" else None
    )
    audit.record(
        session,
        principal,
        action="payment_added",
        entity_type="payment",
        entity_id=payment.id,
        invoice_id=invoice.id,
        changes={**_state(payment), "status": invoice.status},
    )
    events.add_event(
        session,
        customer_id=invoice.customer_id,
        event=events.PAYMENT_RECEIVED,
        subject=f"Payment of {payment.amount} {invoice.currency} received for {invoice.number}",
        author_id=principal.id,
        data={
            "invoice_id": str(invoice.id),
            "number": invoice.number,
            "amount": str(payment.amount),
            "currency": invoice.currency,
            "status": invoice.status,
        },
    )
    await session.flush()  # INSERT ... RETURNING fills the payment's server defaults
    return payment


async def update(
    session: AsyncSession, principal: Principal, payment_id: uuid.UUID, data: PaymentUpdate
) -> Payment:
    payment = await get(session, payment_id)
    invoice = await invoice_service.get(session, payment.invoice_id, for_update=True, related=False)
    await session.refresh(payment)  # re-read under the invoice lock
    _ensure_changeable(invoice)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("amount", "paid_on", "method"))
    before = _state(payment)
    for key, value in changes.items():
        setattr(payment, key, value)
    paid, skonto, _ = await _others(session, invoice.id, payment.id)
    _apply(invoice, payment, paid, skonto)
    await session.flush()
    await session.refresh(payment)
    await _settle(session, invoice)
    audit.record(
        session,
        principal,
        action="payment_changed",
        entity_type="payment",
        entity_id=payment.id,
        invoice_id=invoice.id,
        changes={**audit.diff(before, _state(payment)), "status": invoice.status},
    )
    return payment


async def delete(session: AsyncSession, principal: Principal, payment_id: uuid.UUID) -> None:
    payment = await get(session, payment_id)
    invoice = await invoice_service.get(session, payment.invoice_id, for_update=True, related=False)
    _ensure_changeable(invoice)
    state = _state(payment)
    await session.delete(payment)
    await session.flush()
    paid, skonto, _ = await _others(session, invoice.id, None)
    invoice.paid_amount, invoice.skonto_granted = paid, skonto
    await _settle(session, invoice)
    audit.record(
        session,
        principal,
        action="payment_deleted",
        entity_type="payment",
        entity_id=payment_id,
        invoice_id=invoice.id,
        changes={**state, "status": invoice.status},
    )


async def of_invoice(session: AsyncSession, invoice_id: uuid.UUID) -> list[Payment]:
    """The payments of a document, oldest first (404 ``invoice_not_found`` if it does not
    exist: an empty list would say it has none)."""
    if not await repo.invoice_exists(session, invoice_id):
        raise NotFound("This document does not exist.", code="invoice_not_found")
    return await repo.of_invoice(session, invoice_id)


async def _visible_ids(
    session: AsyncSession, principal: Principal, ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    if not principal.has(Permission.payments_read):
        return set()
    return await repo.payment_ids(session, ids)


async def _locked(session: AsyncSession, ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    """A payment is a booking (GoBD): its receipts stay as they are."""
    return await repo.payment_ids(session, ids)


links.register(
    links.LinkableType(
        links.RecordType.payment,
        _visible_ids,
        repo.payment_labels,
        _locked,
        visible_sql=links.permission_rule(Permission.payments_read),
    )
)
