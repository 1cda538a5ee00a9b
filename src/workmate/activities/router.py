from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, status

from workmate.activities import repository as repo
from workmate.activities import service
from workmate.activities.schemas import Activity, ActivityCreate, ActivityType, ActivityUpdate
from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.db import DbSession
from workmate.core.errors import BusinessRuleViolation, Conflict, Forbidden, NotFound, responses
from workmate.core.inputs import Instant
from workmate.core.pagination import Page, PageParams, page_params, paginate
from workmate.core.routing import Router
from workmate.customers import service as customer_service

router = Router(tags=["activities"])

Reader = Annotated[Principal, require(Permission.customers_read)]
Writer = Annotated[Principal, require(Permission.customers_write)]
Paging = Annotated[PageParams, Depends(page_params)]


@router.get("/activities", response_model=Page[Activity])
async def list_activities(
    principal: Reader,
    session: DbSession,
    paging: Paging,
    customer_id: uuid.UUID | None = None,
    contact_id: uuid.UUID | None = None,
    type: Annotated[list[ActivityType] | None, Query(max_length=5)] = None,
    author_id: uuid.UUID | None = None,
    since: Annotated[Instant | None, Query(alias="from")] = None,
    until: Annotated[Instant | None, Query(alias="to")] = None,
) -> Page[Activity]:
    """Newest first. ``from``/``to`` are timestamps with zone (``to`` exclusive)."""
    stmt = repo.row_statement(
        customer_id=customer_id,
        contact_id=contact_id,
        types=type,
        author_id=author_id,
        since=since,
        until=until,
    )
    rows, total = await paginate(session, stmt, paging, repo.NEWEST_FIRST, scalars=False)
    return Page(
        items=[service.visible(principal, repo.to_read(r)) for r in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.get(
    "/customers/{customer_id}/timeline",
    response_model=Page[Activity],
    responses=responses(NotFound),
)
async def customer_timeline(
    customer_id: uuid.UUID, principal: Reader, session: DbSession, paging: Paging
) -> Page[Activity]:
    """Everything that happened with one customer, newest first: typed activities and events."""
    await customer_service.ensure_exists(session, customer_id)
    # Two statements: the page stops after LIMIT on the (customer, time) index; a window count
    # would join every activity of a long-standing customer first (measured slower).
    stmt = repo.row_statement(customer_id=customer_id)
    rows, total = await paginate(session, stmt, paging, repo.NEWEST_FIRST, scalars=False)
    return Page(
        items=[service.visible(principal, repo.to_read(r)) for r in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.post(
    "/activities",
    response_model=Activity,
    status_code=status.HTTP_201_CREATED,
    responses=responses(BusinessRuleViolation),
)
async def create_activity(body: ActivityCreate, principal: Writer, session: DbSession) -> Activity:
    return Activity.model_validate(await service.create(session, body, principal.id))


@router.get("/activities/{activity_id}", response_model=Activity, responses=responses(NotFound))
async def read_activity(activity_id: uuid.UUID, principal: Reader, session: DbSession) -> Activity:
    activity = Activity.model_validate(await service.get_or_404(session, activity_id))
    return service.visible(principal, activity)


@router.patch(
    "/activities/{activity_id}",
    response_model=Activity,
    responses=responses(NotFound, Conflict, Forbidden, BusinessRuleViolation),
)
async def update_activity(
    activity_id: uuid.UUID, body: ActivityUpdate, principal: Writer, session: DbSession
) -> Activity:
    return Activity.model_validate(await service.update(session, activity_id, body, principal))


@router.delete(
    "/activities/{activity_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(NotFound, Conflict, Forbidden),
)
async def delete_activity(activity_id: uuid.UUID, principal: Writer, session: DbSession) -> None:
    await service.delete(session, activity_id, principal)
