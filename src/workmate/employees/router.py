from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, status

from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.db import DbSession
from workmate.core.errors import BusinessRuleViolation, Conflict, Forbidden, NotFound, responses
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
    responses=responses(Conflict, Forbidden, BusinessRuleViolation),
)
async def create_employee(body: EmployeeCreate, principal: Writer, session: DbSession) -> Employee:
    """Nobody grants a role with permissions they do not hold (403 ``permission_not_held``);
    only administrators create accounts holding system.admin or roles.write."""
    return service.to_read(await service.create(session, body, principal))


@router.get("/{employee_id}", response_model=Employee, responses=responses(NotFound))
async def read_employee(employee_id: uuid.UUID, _: Reader, session: DbSession) -> Employee:
    return service.to_read(await service.get_or_404(session, employee_id))


@router.patch(
    "/{employee_id}",
    response_model=Employee,
    responses=responses(NotFound, Conflict, Forbidden, BusinessRuleViolation),
)
async def update_employee(
    employee_id: uuid.UUID, body: EmployeeUpdate, principal: Writer, session: DbSession
) -> Employee:
    """Only someone holding every permission of the account changes it (403
    ``account_protected``); a new role follows the granting rule (403 ``permission_not_held``)."""
    return service.to_read(await service.update(session, principal, employee_id, body))


@router.post(
    "/{employee_id}/deactivate",
    response_model=Employee,
    responses=responses(NotFound, Conflict, Forbidden),
)
async def deactivate_employee(
    employee_id: uuid.UUID, principal: Writer, session: DbSession
) -> Employee:
    """Blocks sign-in, ends the employee's sessions and revokes their API tokens for good;
    history stays."""
    return service.to_read(await service.deactivate(session, principal, employee_id))


@router.post(
    "/{employee_id}/activate", response_model=Employee, responses=responses(NotFound, Forbidden)
)
async def activate_employee(
    employee_id: uuid.UUID, principal: Writer, session: DbSession
) -> Employee:
    return service.to_read(await service.activate(session, principal, employee_id))


@router.post(
    "/{employee_id}/password",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(NotFound, Forbidden, BusinessRuleViolation),
)
async def reset_password(
    employee_id: uuid.UUID, body: PasswordReset, principal: PasswordAdmin, session: DbSession
) -> None:
    """An administrator sets a new password; the employee's sessions end and their API tokens
    are revoked. Only for accounts whose permissions the caller holds all of."""
    await service.reset_password(session, principal, employee_id, body.new_password)
