"""Customers: numbering, validation, archiving instead of deleting, timeline events."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from pydantic_core import PydanticCustomError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate import links
from workmate.activities import events
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core import clock
from workmate.core.error_handlers import register_constraint
from workmate.core.errors import (
    Conflict,
    Forbidden,
    NotFound,
    field_error,
    field_violation,
    reject_nulls,
)
from workmate.customers import repository as repo
from workmate.customers import validation
from workmate.customers.schemas import Customer as CustomerRead
from workmate.customers.schemas import CustomerCreate, CustomerUpdate, PrimaryContact
from workmate.models import Customer
from workmate.numbering import service as numbering
from workmate.settings import service as settings_service

# Customers with projects (and later invoices) are archived, not deleted: the referencing
# foreign keys are RESTRICT, and their violation means exactly this.
for _constraint in ("fk_projects_customer_id_customers", "fk_invoices_customer_id_customers"):
    register_constraint(
        _constraint,
        code="customer_in_use",
        message="This customer has projects or invoices and cannot be deleted. Archive it instead.",
    )

STATUS_LABELS = {"lead": "Lead", "active": "Active", "inactive": "Inactive", "blocked": "Blocked"}


def shows_rates(principal: Principal) -> bool:
    """A customer's hourly rate is money of projects and time: shown (null otherwise), exported
    and set only with ``projects.financials``. The one place of this domain that decides it."""
    return principal.has(Permission.projects_financials)


def ensure_may_set_rate(principal: Principal, hourly_rate: object) -> None:
    if hourly_rate is not None and not shows_rates(principal):
        raise Forbidden(
            "Setting hourly rates needs the permission projects.financials.",
            code="financials_required",
            errors=[
                field_error("hourly_rate", "Needs projects.financials.", "financials_required")
            ],
        )


async def to_read(session: AsyncSession, principal: Principal, customer: Customer) -> CustomerRead:
    primary, count = await repo.primary_contact_and_count(session, customer.id)
    data: dict[str, Any] = {
        name: getattr(customer, name)
        for name in CustomerRead.model_fields
        if name not in ("archived", "primary_contact", "primary_contact_name", "contact_count")
    }
    data.update(
        archived=customer.archived_at is not None,
        primary_contact=PrimaryContact.model_validate(primary) if primary else None,
        primary_contact_name=primary.name if primary else None,
        contact_count=count,
    )
    if not shows_rates(principal):
        data["hourly_rate"] = None
    return CustomerRead.model_validate(data)


async def ensure_exists(session: AsyncSession, customer_id: uuid.UUID) -> None:
    """404 unless the customer exists (reads the key only)."""
    if await session.scalar(select(Customer.id).where(Customer.id == customer_id)) is None:
        raise NotFound("Customer not found.")


async def get_or_404(
    session: AsyncSession, customer_id: uuid.UUID, *, for_update: bool = False
) -> Customer:
    customer = await repo.get(session, customer_id, for_update=for_update)
    if customer is None:
        raise NotFound("Customer not found.")
    return customer


def _check_by_country(changes: dict[str, Any], customer: Customer) -> None:
    """Tax number and postcode checks depend on the country; a change of either side (or of
    the country) is checked against the stored other side here. The schema has checked them
    already when the request carried both."""
    country = changes.get("country", customer.country)
    tax_number = changes.get("tax_number", customer.tax_number)
    try:
        if tax_number and ("tax_number" in changes or "country" in changes):
            changes["tax_number"] = validation.tax_number(tax_number, country)
    except PydanticCustomError as exc:
        raise field_violation(exc, "tax_number") from exc
    try:
        if "postcode" in changes or "country" in changes:
            validation.postcode(changes.get("postcode", customer.postcode), country)
    except PydanticCustomError as exc:
        raise field_violation(exc, "postcode") from exc


async def create(
    session: AsyncSession, data: CustomerCreate, author_id: uuid.UUID | None, zone: str
) -> Customer:
    settings = await settings_service.get(session)
    number = await numbering.next_unused(
        session, "customer", settings.customer_number_pattern, clock.today(zone), "customers"
    )
    values = data.model_dump()
    values["tags"] = values["tags"] or []
    values["language"] = values["language"] or "de"
    customer = Customer(number=number, created_by_id=author_id, **values)
    session.add(customer)
    await session.flush()
    await events.record_event(
        session,
        customer_id=customer.id,
        event=events.CUSTOMER_CREATED,
        subject=f"Customer {customer.number} created",
        author_id=author_id,
        data={"number": number},
    )
    return await get_or_404(session, customer.id)


async def update(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, data: CustomerUpdate
) -> Customer:
    author_id = principal.id
    customer = await get_or_404(session, customer_id, for_update=True)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("name", "kind", "status", "country", "language"))
    ensure_may_set_rate(principal, changes.get("hourly_rate"))
    if not shows_rates(principal):
        changes.pop("hourly_rate", None)  # the null a read showed is no change
    if "tags" in changes and changes["tags"] is None:
        changes["tags"] = []
    _check_by_country(changes, customer)
    old_status = customer.status
    for field, value in changes.items():
        setattr(customer, field, value)
    await session.flush()
    if "status" in changes and changes["status"] != old_status:
        await events.record_event(
            session,
            customer_id=customer.id,
            event=events.CUSTOMER_STATUS_CHANGED,
            subject=f"Status changed from {STATUS_LABELS[old_status]} to "
            f"{STATUS_LABELS[changes['status']]}",
            author_id=author_id,
            data={"from": old_status, "to": changes["status"]},
        )
    return await get_or_404(session, customer.id)


async def archive(session: AsyncSession, customer_id: uuid.UUID, author_id: uuid.UUID) -> Customer:
    customer = await get_or_404(session, customer_id, for_update=True)
    if customer.archived_at is None:
        customer.archived_at = clock.now()
        await session.flush()
        await events.record_event(
            session,
            customer_id=customer.id,
            event=events.CUSTOMER_ARCHIVED,
            subject="Customer archived",
            author_id=author_id,
        )
    return await get_or_404(session, customer.id)


async def restore(session: AsyncSession, customer_id: uuid.UUID, author_id: uuid.UUID) -> Customer:
    customer = await get_or_404(session, customer_id, for_update=True)
    if customer.archived_at is not None:
        customer.archived_at = None
        await session.flush()
        await events.record_event(
            session,
            customer_id=customer.id,
            event=events.CUSTOMER_RESTORED,
            subject="Customer restored",
            author_id=author_id,
        )
    return await get_or_404(session, customer.id)


async def delete(session: AsyncSession, customer_id: uuid.UUID) -> None:
    customer = await get_or_404(session, customer_id, for_update=True)
    await session.delete(customer)
    await session.flush()  # a RESTRICT reference (projects, invoices) becomes 409 customer_in_use


def ensure_not_archived(customer: Customer, field: str = "customer_id") -> None:
    """Other domains call this before attaching new work to a customer."""
    if customer.archived_at is not None:
        raise Conflict(
            f"Customer {customer.number} is archived. Restore it first.",
            code="customer_archived",
            params={"number": customer.number, "name": customer.name},
            errors=[field_error(field, "This customer is archived.", "customer_archived")],
        )


async def _visible_ids(
    session: AsyncSession, principal: Principal, ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    if not principal.has(Permission.customers_read):
        return set()
    return await repo.existing_ids(session, ids)


links.register(
    links.LinkableType(
        links.RecordType.customer,
        _visible_ids,
        repo.labels,
        visible_sql=links.permission_rule(Permission.customers_read),
    )
)
