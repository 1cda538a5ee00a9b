"""Employees: create, edit, deactivate, admin password reset. The last admin stays."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate import links
from workmate.auth import grants
from workmate.auth import service as auth_service
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.error_handlers import register_unique_constraint
from workmate.core.errors import (
    BusinessRuleViolation,
    Conflict,
    NotFound,
    field_error,
    reject_nulls,
)
from workmate.core.references import ensure_exists
from workmate.employees import repository as repo
from workmate.employees.schemas import Employee as EmployeeRead
from workmate.employees.schemas import EmployeeCreate, EmployeeUpdate
from workmate.models import Department, Employee, Role

register_unique_constraint(
    "uq_employees_lower_email",
    code="email_taken",
    field="email",
    message="This e-mail address is already in use.",
)


def to_read(employee: Employee) -> EmployeeRead:
    data: dict[str, Any] = {
        c: getattr(employee, c) for c in EmployeeRead.model_fields if c != "can_sign_in"
    }
    data["can_sign_in"] = employee.password_hash is not None and employee.active
    return EmployeeRead.model_validate(data)


async def get_or_404(
    session: AsyncSession, employee_id: uuid.UUID, *, for_update: bool = False
) -> Employee:
    employee = await repo.get(session, employee_id, for_update=for_update)
    if employee is None:
        raise NotFound("Employee not found.")
    return employee


async def _check_email(session: AsyncSession, email: str, exclude: uuid.UUID | None = None) -> None:
    if await repo.email_taken(session, email, exclude=exclude):
        raise Conflict(
            "Another employee already uses this e-mail address.",
            code="email_taken",
            errors=[field_error("email", "This e-mail address is already in use.", "email_taken")],
        )


async def _role_permissions(session: AsyncSession, role_id: uuid.UUID) -> list[str]:
    """The role's permissions (422 ``unknown_reference`` naming ``role_id`` if it is unknown)."""
    await ensure_exists(session, Role, role_id, "role_id", "role")
    return list(await session.scalar(select(Role.permissions).where(Role.id == role_id)) or [])


async def _role_is_admin(session: AsyncSession, role_id: uuid.UUID) -> bool:
    return Permission.admin.value in await _role_permissions(session, role_id)


async def create(
    session: AsyncSession, data: EmployeeCreate, principal: Principal | None
) -> Employee:
    """``principal`` None: the command line (``workmate user create``), which may do anything."""
    await _check_email(session, data.email)
    role_permissions = await _role_permissions(session, data.role_id)
    if principal is not None:
        grants.ensure_may_grant(principal, role_permissions, "role_id")
    await ensure_exists(session, Department, data.department_id, "department_id", "department")
    await ensure_exists(session, Employee, data.manager_id, "manager_id", "employee")
    values = data.model_dump(exclude={"password"})
    employee = Employee(**values)
    if data.password:
        auth_service.ensure_strong_password(data.password, "password", data.email, data.name)
        auth_service.set_password(employee, data.password)
    session.add(employee)
    await session.flush()
    return await get_or_404(session, employee.id)


async def _managed(session: AsyncSession, principal: Principal, employee_id: uuid.UUID) -> Employee:
    """The employee, locked, if the caller may change the account (``auth.grants``)."""
    employee = await get_or_404(session, employee_id, for_update=True)
    grants.ensure_may_manage(principal, employee.role.permissions)
    return employee


async def update(
    session: AsyncSession, principal: Principal, employee_id: uuid.UUID, data: EmployeeUpdate
) -> Employee:
    employee = await _managed(session, principal, employee_id)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(
        changes,
        ("name", "email", "role_id", "employment_type", "time_zone", "language", "theme"),
    )
    if "email" in changes:
        await _check_email(session, changes["email"], exclude=employee.id)
    if changes.get("role_id") and changes["role_id"] != employee.role_id:
        role_permissions = await _role_permissions(session, changes["role_id"])
        grants.ensure_may_grant(principal, role_permissions, "role_id")
        if employee.active and Permission.admin.value not in role_permissions:
            await _ensure_not_last_admin(session, employee, "change the role of")
    if changes.get("department_id"):
        await ensure_exists(
            session, Department, changes["department_id"], "department_id", "department"
        )
    if changes.get("manager_id"):
        await ensure_exists(session, Employee, changes["manager_id"], "manager_id", "employee")
        if await repo.manager_chain_contains(session, changes["manager_id"], employee.id):
            raise BusinessRuleViolation(
                "An employee cannot report to themselves or to someone who reports to them.",
                code="manager_cycle",
                errors=[
                    field_error(
                        "manager_id", "This would create a reporting cycle.", "manager_cycle"
                    )
                ],
            )
    hire = changes.get("hire_date", employee.hire_date)
    leave = changes.get("leave_date", employee.leave_date)
    if hire and leave and leave < hire:
        raise BusinessRuleViolation(
            "The leave date must not be before the hire date.",
            code="invalid_dates",
            params={"start": hire},
            errors=[
                field_error(
                    "leave_date",
                    "Must not be before the hire date.",
                    "invalid_dates",
                    {"start": hire},
                )
            ],
        )
    for field, value in changes.items():
        setattr(employee, field, value)
    await session.flush()
    return await get_or_404(session, employee.id)


async def _ensure_not_last_admin(session: AsyncSession, employee: Employee, action: str) -> None:
    if not await _role_is_admin(session, employee.role_id):
        return
    await repo.lock_admin_set(session)
    if await repo.active_admin_count(session, excluding=employee.id) == 0:
        raise Conflict(
            f"You cannot {action} the last active administrator. Make someone else admin first.",
            code="last_admin",
        )


async def deactivate(
    session: AsyncSession, principal: Principal, employee_id: uuid.UUID
) -> Employee:
    employee = await _managed(session, principal, employee_id)
    if employee.active:
        await _ensure_not_last_admin(session, employee, "deactivate")
        employee.active = False
        # Deactivation blocks sign-in at once: sessions end, API tokens are revoked for good
        # (a re-activated account does not get them back).
        await auth_service.end_access(session, employee.id)
        await session.flush()
    return await get_or_404(session, employee.id)


async def activate(session: AsyncSession, principal: Principal, employee_id: uuid.UUID) -> Employee:
    employee = await _managed(session, principal, employee_id)
    employee.active = True
    await session.flush()
    return await get_or_404(session, employee.id)


async def reset_password(
    session: AsyncSession, principal: Principal, employee_id: uuid.UUID, new_password: str
) -> None:
    employee = await _managed(session, principal, employee_id)
    auth_service.ensure_strong_password(new_password, "new_password", employee.email, employee.name)
    auth_service.set_password(employee, new_password)
    # Whoever held the old password may have made tokens with it: they end with the reset.
    await auth_service.end_access(session, employee.id)
    await session.flush()


async def _visible_ids(
    session: AsyncSession, principal: Principal, ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    if not principal.has(Permission.employees_read):
        return set()
    return await repo.existing_ids(session, ids)


links.register(
    links.LinkableType(
        links.RecordType.employee,
        _visible_ids,
        repo.labels,
        visible_sql=links.permission_rule(Permission.employees_read),
    )
)
