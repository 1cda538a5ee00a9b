from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, status

from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.db import DbSession
from workmate.core.errors import BusinessRuleViolation, Conflict, NotFound, responses
from workmate.core.pagination import Page, PageParams, page_params, paginate, sort_clauses
from workmate.core.routing import Router
from workmate.departments import repository as repo
from workmate.departments import service
from workmate.departments.schemas import (
    Department,
    DepartmentCreate,
    DepartmentSort,
    DepartmentUpdate,
)
from workmate.models import Department as DepartmentModel

router = Router(prefix="/departments", tags=["departments"])

Reader = Annotated[Principal, require(Permission.departments_read)]
Writer = Annotated[Principal, require(Permission.departments_write)]


@router.get("", response_model=Page[Department])
async def list_departments(
    _: Reader,
    session: DbSession,
    paging: Annotated[PageParams, Depends(page_params)],
    q: Annotated[str | None, Query(max_length=200)] = None,
    sort: DepartmentSort = DepartmentSort.name,
) -> Page[Department]:
    stmt = repo.list_statement(q.strip() if q else None)
    order = sort_clauses(sort.value, repo.SORTABLE, "name", DepartmentModel.id)
    rows, total = await paginate(session, stmt, paging, order, scalars=False)
    items = [service.to_read((row[0], row[1])) for row in rows]
    return Page(items=items, total=total, limit=paging.limit, offset=paging.offset)


@router.post(
    "",
    response_model=Department,
    status_code=status.HTTP_201_CREATED,
    responses=responses(Conflict, BusinessRuleViolation),
)
async def create_department(body: DepartmentCreate, _: Writer, session: DbSession) -> Department:
    return service.to_read(await service.create(session, body))


@router.get("/{department_id}", response_model=Department, responses=responses(NotFound))
async def read_department(department_id: uuid.UUID, _: Reader, session: DbSession) -> Department:
    return service.to_read(await service.get_or_404(session, department_id))


@router.patch(
    "/{department_id}",
    response_model=Department,
    responses=responses(NotFound, Conflict, BusinessRuleViolation),
)
async def update_department(
    department_id: uuid.UUID, body: DepartmentUpdate, _: Writer, session: DbSession
) -> Department:
    return service.to_read(await service.update(session, department_id, body))


@router.delete(
    "/{department_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(NotFound, Conflict),
)
async def delete_department(department_id: uuid.UUID, _: Writer, session: DbSession) -> None:
    await service.delete(session, department_id)
