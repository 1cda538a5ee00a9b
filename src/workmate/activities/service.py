"""Activities typed by people; events written by the system are read-only."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.activities import events
from workmate.activities import repository as repo
from workmate.activities.schemas import Activity as ActivityRead
from workmate.activities.schemas import ActivityCreate, ActivityUpdate
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core import clock
from workmate.core.errors import (
    BusinessRuleViolation,
    Conflict,
    Forbidden,
    NotFound,
    field_error,
    reject_nulls,
)
from workmate.customers import service as customer_service
from workmate.models import Activity

# Amounts in the system's events and the permission that shows them: invoices, credit notes and
# quotes need invoices.read, payments payments.read. Without it the amount is null (the key
# stays) and a subject naming it is replaced. The one place of this domain that decides it.
_AMOUNTS: dict[str, tuple[Permission, tuple[str, ...]]] = {
    events.INVOICE_ISSUED: (Permission.invoices_read, ("gross_total",)),
    events.PAYMENT_RECEIVED: (Permission.payments_read, ("amount",)),
}


def visible(principal: Principal, activity: ActivityRead) -> ActivityRead:
    """``activity`` as the caller may see it."""
    permission, keys = _AMOUNTS.get(activity.event or "", (None, ()))
    if permission is None or principal.has(permission):
        return activity
    data = {**activity.data, **dict.fromkeys(keys)}
    subject = activity.subject
    if activity.event == events.PAYMENT_RECEIVED:
        subject = f"Payment received for {data.get('number') or 'an invoice'}"
    return activity.model_copy(update={"data": data, "subject": subject})


async def get_or_404(session: AsyncSession, activity_id: uuid.UUID) -> Activity:
    activity = await repo.get(session, activity_id)
    if activity is None:
        raise NotFound("Activity not found.")
    return activity


async def _check_contact(
    session: AsyncSession, contact_id: uuid.UUID | None, customer_id: uuid.UUID
) -> None:
    if contact_id is None:
        return
    owner = await repo.contact_customer(session, contact_id)
    if owner is None:
        raise BusinessRuleViolation(
            "Unknown contact.",
            code="unknown_reference",
            errors=[
                field_error("contact_id", "No contact with this id exists.", "unknown_reference")
            ],
        )
    if owner != customer_id:
        raise BusinessRuleViolation(
            "The contact belongs to another customer.",
            code="contact_not_of_customer",
            errors=[
                field_error(
                    "contact_id",
                    "This contact belongs to another customer.",
                    "contact_not_of_customer",
                )
            ],
        )


async def create(session: AsyncSession, data: ActivityCreate, author_id: uuid.UUID) -> Activity:
    try:
        customer = await customer_service.get_or_404(session, data.customer_id)
    except NotFound as exc:
        raise BusinessRuleViolation(
            "Unknown customer.",
            code="unknown_reference",
            errors=[
                field_error("customer_id", "No customer with this id exists.", "unknown_reference")
            ],
        ) from exc
    await _check_contact(session, data.contact_id, customer.id)
    activity = Activity(
        customer_id=customer.id,
        contact_id=data.contact_id,
        author_id=author_id,
        type=data.type,
        subject=data.subject,
        body=data.body,
        occurred_at=data.occurred_at or clock.now(),
    )
    session.add(activity)
    await session.flush()
    return await get_or_404(session, activity.id)


def _ensure_editable(activity: Activity, principal: Principal) -> None:
    if activity.type == "event":
        raise Conflict("Events written by the system cannot be changed.", code="event_read_only")
    if activity.author_id != principal.id and not principal.has(Permission.admin):
        raise Forbidden("Only the author can change this activity.", code="not_author")


async def update(
    session: AsyncSession, activity_id: uuid.UUID, data: ActivityUpdate, principal: Principal
) -> Activity:
    activity = await get_or_404(session, activity_id)
    _ensure_editable(activity, principal)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("type", "subject", "occurred_at"))
    if "contact_id" in changes:
        await _check_contact(session, changes["contact_id"], activity.customer_id)
    for field, value in changes.items():
        setattr(activity, field, value)
    await session.flush()
    return await get_or_404(session, activity.id)


async def delete(session: AsyncSession, activity_id: uuid.UUID, principal: Principal) -> None:
    activity = await get_or_404(session, activity_id)
    _ensure_editable(activity, principal)
    await session.delete(activity)
    await session.flush()
