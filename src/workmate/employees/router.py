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
from workmate.employees import repository as repo
from workmate.employees import service
from workmate.employees.schemas import (
    Employee,
    EmployeeCreate,
    EmployeeSort,
    EmployeeSummary,
    EmployeeUpdate,
    EmploymentType,
    PasswordReset,
)
from workmate.models import Employee as EmployeeModel

router = Router(prefix="/employees", tags=["employees"])

Reader = Annotated[Principal, require(Permission.employees_read)]
Writer = Annotated[Principal, require(Permission.employees_write)]
PasswordAdmin = Annotated[Principal, require(Permission.employees_reset_password)]


@router.get("", response_model=Page[EmployeeSummary])
async def list_employees(
    _: Reader,
    session: DbSession,
    paging: Annotated[PageParams, Depends(page_params)],
    q: Annotated[str | None, Query(max_length=200, description="Name, e-mail or number")] = None,
    department_id: uuid.UUID | None = None,
    role_id: uuid.UUID | None = None,
    active: bool | None = None,
    employment_type: EmploymentType | None = None,
    sort: EmployeeSort = EmployeeSort.name,
) -> Page[EmployeeSummary]:
    stmt = repo.list_statement(
        q=q.strip() if q else None,
        department_id=department_id,
        role_id=role_id,
        active=active,
        employment_type=employment_type,
    )
    order = sort_clauses(sort.value, repo.SORTABLE, "name", EmployeeModel.id)
    rows, total = await paginate(session, stmt, paging, order)
    return Page(
        items=[EmployeeSummary.model_validate(r) for r in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.post(
    "",
    response_model=Employee,
    status_code=status.HTTP_201_CREATED,
    responses=responses(Conflict, BusinessRuleViolation),
)
async def create_employee(body: EmployeeCreate, _: Writer, session: DbSession) -> Employee:
    return service.to_read(await service.create(session, body))


@router.get("/{employee_id}", response_model=Employee, responses=responses(NotFound))
async def read_employee(employee_id: uuid.UUID, _: Reader, session: DbSession) -> Employee:
    return service.to_read(await service.get_or_404(session, employee_id))


@router.patch(
    "/{employee_id}",
    response_model=Employee,
    responses=responses(NotFound, Conflict, BusinessRuleViolation),
)
async def update_employee(
    employee_id: uuid.UUID, body: EmployeeUpdate, _: Writer, session: DbSession
) -> Employee:
    return service.to_read(await service.update(session, employee_id, body))


@router.post(
    "/{employee_id}/deactivate", response_model=Employee, responses=responses(NotFound, Conflict)
)
async def deactivate_employee(employee_id: uuid.UUID, _: Writer, session: DbSession) -> Employee:
    """Blocks sign-in and ends the employee's sessions; history stays."""
    return service.to_read(await service.deactivate(session, employee_id))


@router.post("/{employee_id}/activate", response_model=Employee, responses=responses(NotFound))
async def activate_employee(employee_id: uuid.UUID, _: Writer, session: DbSession) -> Employee:
    return service.to_read(await service.activate(session, employee_id))


@router.post(
    "/{employee_id}/password",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(NotFound),
)
async def reset_password(
    employee_id: uuid.UUID, body: PasswordReset, _: PasswordAdmin, session: DbSession
) -> None:
    """An administrator sets a new password; the employee's sessions end."""
    await service.reset_password(session, employee_id, body.new_password)
