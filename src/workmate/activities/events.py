"""Events the system writes into a customer's timeline (customer created, project created, ...).

Other domains call ``record_event`` inside their own transaction, so the event and the change it
describes commit together.
"""

from __future__ import annotations

import uuid
from typing import Any, Required, TypedDict, Unpack

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core import clock
from workmate.models import Activity

# Stable event names; the UI translates them.
CUSTOMER_CREATED = "customer_created"
CUSTOMER_STATUS_CHANGED = "customer_status_changed"
CUSTOMER_ARCHIVED = "customer_archived"
CUSTOMER_RESTORED = "customer_restored"
CONTACT_ADDED = "contact_added"
PROJECT_CREATED = "project_created"
PROJECT_STATUS_CHANGED = "project_status_changed"
INVOICE_ISSUED = "invoice_issued"
INVOICE_CANCELLED = "invoice_cancelled"
PAYMENT_RECEIVED = "payment_received"


class EventFields(TypedDict, total=False):
    customer_id: Required[uuid.UUID]
    event: Required[str]
    subject: Required[str]
    author_id: uuid.UUID | None
    data: dict[str, Any] | None


def add_event(session: AsyncSession, **fields: Unpack[EventFields]) -> Activity:
    """Add the event to the session; it is written with the session's next flush (a write that
    flushes once at its end saves a round of the unit of work)."""
    activity = Activity(
        customer_id=fields["customer_id"],
        type="event",
        event=fields["event"],
        subject=fields["subject"][:200],
        author_id=fields.get("author_id"),
        data=fields.get("data") or {},
        occurred_at=clock.now(),
    )
    session.add(activity)
    return activity


async def record_event(session: AsyncSession, **fields: Unpack[EventFields]) -> Activity:
    """``add_event`` and flush."""
    activity = add_event(session, **fields)
    await session.flush()
    return activity
