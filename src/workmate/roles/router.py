from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, status

from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.db import DbSession
from workmate.core.errors import BusinessRuleViolation, Conflict, Forbidden, NotFound, responses
from workmate.core.pagination import Page, PageParams, page_params, paginate
from workmate.core.routing import Router
from workmate.models import Role as RoleModel
from workmate.roles import repository as repo
from workmate.roles import service
from workmate.roles.schemas import Role, RoleCreate, RoleUpdate

router = Router(prefix="/roles", tags=["roles"])

Reader = Annotated[Principal, require(Permission.roles_read)]
Writer = Annotated[Principal, require(Permission.roles_write)]


@router.get("", response_model=Page[Role])
async def list_roles(
    _: Reader, session: DbSession, paging: Annotated[PageParams, Depends(page_params)]
) -> Page[Role]:
    order = [RoleModel.builtin_key.is_(None), RoleModel.name, RoleModel.id]
    rows, total = await paginate(session, repo.list_statement(), paging, order, scalars=False)
    items = [service.to_read((row[0], row[1])) for row in rows]
    return Page(items=items, total=total, limit=paging.limit, offset=paging.offset)


@router.post(
    "",
    response_model=Role,
    status_code=status.HTTP_201_CREATED,
    responses=responses(Conflict, Forbidden, BusinessRuleViolation),
)
async def create_role(body: RoleCreate, principal: Writer, session: DbSession) -> Role:
    """Only with permissions the caller holds (403 ``permission_not_held``)."""
    return service.to_read(await service.create(session, principal, body))


@router.get("/{role_id}", response_model=Role, responses=responses(NotFound))
async def read_role(role_id: uuid.UUID, _: Reader, session: DbSession) -> Role:
    return service.to_read(await service.get_or_404(session, role_id))


@router.patch("/{role_id}", response_model=Role, responses=responses(NotFound, Conflict, Forbidden))
async def update_role(
    role_id: uuid.UUID, body: RoleUpdate, principal: Writer, session: DbSession
) -> Role:
    """Permissions added or removed must be the caller's own (403 ``permission_not_held``); a
    role holding system.admin or roles.write is changed by administrators only
    (403 ``role_protected``)."""
    return service.to_read(await service.update(session, principal, role_id, body))


@router.delete(
    "/{role_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(NotFound, Conflict, Forbidden),
)
async def delete_role(role_id: uuid.UUID, principal: Writer, session: DbSession) -> None:
    await service.delete(session, principal, role_id)
