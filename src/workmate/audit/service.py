"""Append-only audit log (GoBD): who changed what, when.

Entries are written in the same transaction as the change they describe; the table refuses
UPDATE and DELETE by trigger, so history cannot be rewritten through the application.
Invoices and payments (``invoice_id`` set), documents and the file storage write here.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.service import Principal
from workmate.models import AuditEntry


def jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """``{field: [old, new]}`` for the fields that changed."""
    return {
        key: [jsonable(before.get(key)), jsonable(after[key])]
        for key in after
        if before.get(key) != after[key]
    }


def record(
    session: AsyncSession,
    principal: Principal | None,
    *,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID,
    invoice_id: uuid.UUID | None = None,
    changes: Mapping[str, Any] | None = None,
) -> None:
    session.add(
        AuditEntry(
            actor_id=principal.id if principal else None,
            actor_name=principal.name if principal else "system",
            entity_type=entity_type,
            entity_id=entity_id,
            invoice_id=invoice_id,
            action=action,
            changes=jsonable(dict(changes or {})),
        )
    )


async def entries_for(
    session: AsyncSession, entity_type: str, entity_id: uuid.UUID, limit: int = 500
) -> list[AuditEntry]:
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.entity_type == entity_type, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())
