"""SQL for payments."""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import String, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core.references import ids_among, labels_among
from workmate.models import Invoice, Payment


async def payment_ids(session: AsyncSession, ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    return await ids_among(session, Payment.id, ids)


async def payment_labels(
    session: AsyncSession, ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, tuple[str | None, str]]:
    """A payment is shown by the number of the invoice it settles."""
    number = select(Invoice.number).where(Invoice.id == Payment.invoice_id).scalar_subquery()
    return await labels_among(session, Payment.id, literal(None, String), number, ids)


async def invoice_exists(session: AsyncSession, invoice_id: uuid.UUID) -> bool:
    return await session.scalar(select(Invoice.id).where(Invoice.id == invoice_id)) is not None


async def of_invoice(session: AsyncSession, invoice_id: uuid.UUID) -> list[Payment]:
    stmt = (
        select(Payment)
        .where(Payment.invoice_id == invoice_id)
        .order_by(Payment.paid_on, Payment.created_at)
    )
    return list((await session.scalars(stmt)).all())
