from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, status
from sqlalchemy import select

from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.db import DbSession
from workmate.core.errors import BusinessRuleViolation, Conflict, NotFound, responses
from workmate.core.inputs import Day
from workmate.core.pagination import Page, PageParams, page_params, paginate
from workmate.core.routing import Router
from workmate.models import Customer, Invoice
from workmate.models import Payment as PaymentModel
from workmate.payments import service
from workmate.payments.schemas import (
    Payment,
    PaymentCreate,
    PaymentCreateFor,
    PaymentListItem,
    PaymentMethod,
    PaymentUpdate,
)

router = Router(tags=["payments"])
Reader = Annotated[Principal, require(Permission.payments_read)]
Writer = Annotated[Principal, require(Permission.payments_write)]
EDIT = responses(NotFound, Conflict, BusinessRuleViolation)


@router.get("/payments", response_model=Page[PaymentListItem])
async def list_payments(
    _: Reader,
    session: DbSession,
    paging: Annotated[PageParams, Depends(page_params)],
    customer_id: uuid.UUID | None = None,
    invoice_id: uuid.UUID | None = None,
    method: PaymentMethod | None = None,
    paid_from: Day | None = None,
    paid_to: Day | None = None,
    reference: Annotated[str | None, Query(max_length=200)] = None,
) -> Page[PaymentListItem]:
    """Payments, newest first, with their invoice number and customer."""
    stmt = (
        select(PaymentModel, Invoice.number, Customer.name)
        .join(Invoice, Invoice.id == PaymentModel.invoice_id)
        .join(Customer, Customer.id == Invoice.customer_id)
    )
    if customer_id:
        stmt = stmt.where(Invoice.customer_id == customer_id)
    if invoice_id:
        stmt = stmt.where(PaymentModel.invoice_id == invoice_id)
    if method:
        stmt = stmt.where(PaymentModel.method == method)
    if paid_from:
        stmt = stmt.where(PaymentModel.paid_on >= paid_from)
    if paid_to:
        stmt = stmt.where(PaymentModel.paid_on <= paid_to)
    if reference:
        stmt = stmt.where(PaymentModel.reference.ilike(f"%{reference.strip()}%"))
    order = [PaymentModel.paid_on.desc(), PaymentModel.created_at.desc(), PaymentModel.id]
    rows, total = await paginate(session, stmt, paging, order, scalars=False)
    items = [
        PaymentListItem(
            **Payment.model_validate(p).model_dump(), invoice_number=number, customer_name=name
        )
        for p, number, name in rows
    ]
    return Page(items=items, total=total, limit=paging.limit, offset=paging.offset)


@router.post(
    "/payments", response_model=Payment, status_code=status.HTTP_201_CREATED, responses=EDIT
)
async def create_payment(body: PaymentCreateFor, principal: Writer, session: DbSession) -> Payment:
    """Record a payment; it may not exceed the open amount (409/422), Skonto is recognised."""
    data = PaymentCreate(**body.model_dump(exclude={"invoice_id"}))
    return Payment.model_validate(await service.create(session, principal, body.invoice_id, data))


@router.get(
    "/invoices/{invoice_id}/payments", response_model=list[Payment], responses=responses(NotFound)
)
async def invoice_payments(invoice_id: uuid.UUID, _: Reader, session: DbSession) -> list[Payment]:
    return [Payment.model_validate(p) for p in await service.of_invoice(session, invoice_id)]


@router.post(
    "/invoices/{invoice_id}/payments",
    response_model=Payment,
    status_code=status.HTTP_201_CREATED,
    responses=EDIT,
)
async def add_invoice_payment(
    invoice_id: uuid.UUID, body: PaymentCreate, principal: Writer, session: DbSession
) -> Payment:
    return Payment.model_validate(await service.create(session, principal, invoice_id, body))


@router.get("/payments/{payment_id}", response_model=Payment, responses=responses(NotFound))
async def get_payment(payment_id: uuid.UUID, _: Reader, session: DbSession) -> Payment:
    return Payment.model_validate(await service.get(session, payment_id))


@router.patch("/payments/{payment_id}", response_model=Payment, responses=EDIT)
async def update_payment(
    payment_id: uuid.UUID, body: PaymentUpdate, principal: Writer, session: DbSession
) -> Payment:
    """Change a payment; the invoice's status is re-derived both ways."""
    return Payment.model_validate(await service.update(session, principal, payment_id, body))


@router.delete("/payments/{payment_id}", status_code=status.HTTP_204_NO_CONTENT, responses=EDIT)
async def delete_payment(payment_id: uuid.UUID, principal: Writer, session: DbSession) -> None:
    """Delete a payment; paid becomes partially paid or sent again."""
    await service.delete(session, principal, payment_id)
