"""The audit log of invoices and payments: written through ``workmate.audit.service``; the
history of one document (its own entries and those of its lines and payments) is read here."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.audit.service import diff, jsonable, record
from workmate.models import AuditEntry

__all__ = ["diff", "history", "jsonable", "record"]


async def history(session: AsyncSession, invoice_id: uuid.UUID) -> list[AuditEntry]:
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.invoice_id == invoice_id)
        .order_by(AuditEntry.id)
        .limit(5_000)
    )
    return list((await session.scalars(stmt)).all())
