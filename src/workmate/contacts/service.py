"""Contacts of a customer; at most one is primary (partial unique index), moved in one step."""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy.ext.asyncio import AsyncSession

from workmate import links
from workmate.activities import events
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.contacts import repository as repo
from workmate.contacts.schemas import ContactFields, ContactUpdate
from workmate.core.error_handlers import register_unique_constraint
from workmate.core.errors import NotFound, reject_nulls
from workmate.customers import service as customer_service
from workmate.models import Contact

register_unique_constraint(
    "uq_contacts_primary_per_customer",
    code="primary_contact_conflict",
    field="is_primary",
    message="Another contact became primary at the same moment. Please reload and try again.",
)


async def get_or_404(session: AsyncSession, contact_id: uuid.UUID) -> Contact:
    contact = await repo.get(session, contact_id)
    if contact is None:
        raise NotFound("Contact not found.")
    return contact


async def create(
    session: AsyncSession, customer_id: uuid.UUID, data: ContactFields, author_id: uuid.UUID
) -> Contact:
    # Locking the customer serialises primary-flag changes of its contacts.
    customer = await customer_service.get_or_404(session, customer_id, for_update=True)
    values = data.model_dump(exclude={"customer_id"})
    make_primary = values.pop("is_primary") or not await repo.has_primary(session, customer.id)
    if make_primary:
        await repo.clear_primary(session, customer.id)
    contact = Contact(customer_id=customer.id, is_primary=make_primary, **values)
    session.add(contact)
    await session.flush()
    await events.record_event(
        session,
        customer_id=customer.id,
        event=events.CONTACT_ADDED,
        subject=f"Contact {contact.name} added",
        author_id=author_id,
        data={"contact_id": str(contact.id), "name": contact.name},
    )
    return await get_or_404(session, contact.id)


async def update(session: AsyncSession, contact_id: uuid.UUID, data: ContactUpdate) -> Contact:
    contact = await get_or_404(session, contact_id)
    await customer_service.get_or_404(session, contact.customer_id, for_update=True)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("name", "is_primary"))
    if changes.get("is_primary") and not contact.is_primary:
        await repo.clear_primary(session, contact.customer_id)
    for field, value in changes.items():
        setattr(contact, field, value)
    await session.flush()
    return await get_or_404(session, contact.id)


async def make_primary(session: AsyncSession, contact_id: uuid.UUID) -> Contact:
    return await update(session, contact_id, ContactUpdate(is_primary=True))


async def delete(session: AsyncSession, contact_id: uuid.UUID) -> None:
    contact = await get_or_404(session, contact_id)
    await session.delete(contact)
    await session.flush()


async def _visible_ids(
    session: AsyncSession, principal: Principal, ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    if not principal.has(Permission.customers_read):
        return set()
    return await repo.existing_ids(session, ids)


links.register(
    links.LinkableType(
        links.RecordType.contact,
        _visible_ids,
        repo.labels,
        visible_sql=links.permission_rule(Permission.customers_read),
    )
)
