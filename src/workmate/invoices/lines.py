"""Lines of a draft: add, change, move, delete, reorder; positions renumber themselves."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.service import Principal
from workmate.core.errors import BusinessRuleViolation, NotFound, field_error, reject_nulls
from workmate.invoices import audit, service
from workmate.invoices.rules import ensure_draft, ensure_period
from workmate.invoices.schemas import LineIn, LineUpdate
from workmate.models import Invoice, InvoiceLine, Product, TimeEntry
from workmate.settings import service as settings_service


def line_state(line: InvoiceLine) -> dict[str, Any]:
    return {
        name: getattr(line, name)
        for name in (
            "position",
            "description",
            "quantity",
            "unit_code",
            "unit_price",
            "discount_percent",
            "vat_category",
            "vat_rate",
            "service_from",
            "service_to",
        )
    }


async def add_line(
    session: AsyncSession, principal: Principal, invoice_id: uuid.UUID, data: LineIn
) -> Invoice:
    invoice = await service.get(session, invoice_id, for_update=True)
    ensure_draft(invoice)
    if data.product_id is not None and await session.get(Product, data.product_id) is None:
        raise BusinessRuleViolation(
            "Unknown product.",
            code="unknown_reference",
            errors=[field_error("product_id", "No product with this id.", "unknown_reference")],
        )
    company = await settings_service.get(session)
    line = service.append_line(invoice, data, company)
    await session.flush()
    await service.recalculate(session, invoice)
    audit.record(
        session,
        principal,
        action="line_added",
        entity_type="invoice",
        entity_id=invoice.id,
        invoice_id=invoice.id,
        changes={"line_id": line.id, **audit.jsonable(line_state(line))},
    )
    return await service.get(session, invoice.id)


def _find_line(invoice: Invoice, line_id: uuid.UUID) -> InvoiceLine:
    for line in invoice.lines:
        if line.id == line_id:
            return line
    raise NotFound("This line does not exist on this document.", code="line_not_found")


def _move(invoice: Invoice, line: InvoiceLine, position: int) -> None:
    ordered = [other for other in invoice.lines if other is not line]
    ordered.insert(min(position, len(ordered) + 1) - 1, line)
    _renumber(ordered)


def _renumber(ordered: list[InvoiceLine]) -> None:
    # The (invoice_id, position) unique constraint is deferred, so swaps inside one flush work.
    for index, line in enumerate(ordered, start=1):
        line.position = index


async def update_line(
    session: AsyncSession,
    principal: Principal,
    invoice_id: uuid.UUID,
    line_id: uuid.UUID,
    data: LineUpdate,
) -> Invoice:
    invoice = await service.get(session, invoice_id, for_update=True)
    ensure_draft(invoice)
    line = _find_line(invoice, line_id)
    before = line_state(line)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("description", "quantity", "unit_code", "unit_price", "vat_category"))
    position = changes.pop("position", None)
    if changes.get("vat_rate", 0) is None:
        changes["vat_rate"] = Decimal("0.00")
    for key, value in changes.items():
        setattr(line, key, value)
    ensure_period(line.service_from, line.service_to)
    service.normalise_vat(line)
    if position is not None:
        _move(invoice, line, position)
    await session.flush()
    await service.recalculate(session, invoice)
    audit.record(
        session,
        principal,
        action="line_changed",
        entity_type="invoice",
        entity_id=invoice.id,
        invoice_id=invoice.id,
        changes={"line_id": line.id, **audit.diff(before, line_state(line))},
    )
    return await service.get(session, invoice.id)


async def delete_line(
    session: AsyncSession, principal: Principal, invoice_id: uuid.UUID, line_id: uuid.UUID
) -> Invoice:
    invoice = await service.get(session, invoice_id, for_update=True)
    ensure_draft(invoice)
    line = _find_line(invoice, line_id)
    await session.execute(
        update(TimeEntry)
        .where(TimeEntry.invoice_line_id == line.id)
        .values(invoice_id=None, invoice_line_id=None)
    )
    invoice.lines.remove(line)
    _renumber(list(invoice.lines))
    await session.flush()
    await service.recalculate(session, invoice)
    audit.record(
        session,
        principal,
        action="line_deleted",
        entity_type="invoice",
        entity_id=invoice.id,
        invoice_id=invoice.id,
        changes={"line_id": line.id, **audit.jsonable(line_state(line))},
    )
    return await service.get(session, invoice.id)


async def reorder_lines(
    session: AsyncSession, principal: Principal, invoice_id: uuid.UUID, line_ids: list[uuid.UUID]
) -> Invoice:
    invoice = await service.get(session, invoice_id, for_update=True)
    ensure_draft(invoice)
    current = {line.id: line for line in invoice.lines}
    if len(line_ids) != len(set(line_ids)) or set(line_ids) != set(current):
        raise BusinessRuleViolation(
            "Send every line id of this document exactly once.",
            code="invalid_line_order",
            errors=[field_error("line_ids", "Every line exactly once.", "invalid_line_order")],
        )
    _renumber([current[i] for i in line_ids])
    await session.flush()
    audit.record(
        session,
        principal,
        action="lines_reordered",
        entity_type="invoice",
        entity_id=invoice.id,
        invoice_id=invoice.id,
        changes={"order": line_ids},
    )
    return await service.get(session, invoice.id)
