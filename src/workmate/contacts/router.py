from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, status

from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.contacts import repository as repo
from workmate.contacts import service
from workmate.contacts.schemas import (
    Contact,
    ContactCreate,
    ContactFields,
    ContactSort,
    ContactUpdate,
)
from workmate.core.db import DbSession
from workmate.core.errors import Conflict, NotFound, responses
from workmate.core.pagination import Page, PageParams, page_params, paginate, sort_clauses
from workmate.core.routing import Router
from workmate.customers import service as customer_service
from workmate.models import Contact as ContactModel

router = Router(tags=["contacts"])

Reader = Annotated[Principal, require(Permission.customers_read)]
Writer = Annotated[Principal, require(Permission.customers_write)]
Paging = Annotated[PageParams, Depends(page_params)]
Search = Annotated[str | None, Query(max_length=200, description="Name or e-mail")]


async def _page(
    session: DbSession,
    customer_id: uuid.UUID | None,
    q: str | None,
    sort: ContactSort,
    paging: PageParams,
) -> Page[Contact]:
    stmt = repo.list_statement(customer_id, q.strip() if q else None)
    order = sort_clauses(sort.value, repo.SORTABLE, "name", ContactModel.id)
    if customer_id is not None:  # the primary contact first within one customer
        order.insert(0, ContactModel.is_primary.desc())
    rows, total = await paginate(session, stmt, paging, order)
    return Page(
        items=[Contact.model_validate(r) for r in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.get("/contacts", response_model=Page[Contact])
async def list_contacts(
    _: Reader,
    session: DbSession,
    paging: Paging,
    q: Search = None,
    customer_id: uuid.UUID | None = None,
    sort: ContactSort = ContactSort.name,
) -> Page[Contact]:
    return await _page(session, customer_id, q, sort, paging)


@router.get(
    "/customers/{customer_id}/contacts", response_model=Page[Contact], responses=responses(NotFound)
)
async def list_customer_contacts(
    customer_id: uuid.UUID,
    _: Reader,
    session: DbSession,
    paging: Paging,
    q: Search = None,
    sort: ContactSort = ContactSort.name,
) -> Page[Contact]:
    await customer_service.get_or_404(session, customer_id)
    return await _page(session, customer_id, q, sort, paging)


@router.post(
    "/contacts",
    response_model=Contact,
    status_code=status.HTTP_201_CREATED,
    responses=responses(NotFound),
)
async def create_contact(body: ContactCreate, principal: Writer, session: DbSession) -> Contact:
    fields = ContactFields.model_validate(body.model_dump(exclude={"customer_id"}))
    contact = await service.create(session, body.customer_id, fields, principal.id)
    return Contact.model_validate(contact)


@router.post(
    "/customers/{customer_id}/contacts",
    response_model=Contact,
    status_code=status.HTTP_201_CREATED,
    responses=responses(NotFound),
)
async def create_customer_contact(
    customer_id: uuid.UUID, body: ContactFields, principal: Writer, session: DbSession
) -> Contact:
    return Contact.model_validate(await service.create(session, customer_id, body, principal.id))


@router.get("/contacts/{contact_id}", response_model=Contact, responses=responses(NotFound))
async def read_contact(contact_id: uuid.UUID, _: Reader, session: DbSession) -> Contact:
    return Contact.model_validate(await service.get_or_404(session, contact_id))


@router.patch(
    "/contacts/{contact_id}", response_model=Contact, responses=responses(NotFound, Conflict)
)
async def update_contact(
    contact_id: uuid.UUID, body: ContactUpdate, _: Writer, session: DbSession
) -> Contact:
    return Contact.model_validate(await service.update(session, contact_id, body))


@router.post(
    "/contacts/{contact_id}/make-primary", response_model=Contact, responses=responses(NotFound)
)
async def make_primary_contact(contact_id: uuid.UUID, _: Writer, session: DbSession) -> Contact:
    """Moves the primary flag of the customer to this contact in one step."""
    return Contact.model_validate(await service.make_primary(session, contact_id))


@router.delete(
    "/contacts/{contact_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(NotFound),
)
async def delete_contact(contact_id: uuid.UUID, _: Writer, session: DbSession) -> None:
    await service.delete(session, contact_id)
