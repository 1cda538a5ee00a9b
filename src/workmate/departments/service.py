from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core.error_handlers import register_unique_constraint
from workmate.core.errors import (
    BusinessRuleViolation,
    Conflict,
    NotFound,
    field_error,
    reject_nulls,
)
from workmate.core.references import ensure_exists
from workmate.departments import repository as repo
from workmate.departments.schemas import Department as DepartmentRead
from workmate.departments.schemas import DepartmentCreate, DepartmentUpdate
from workmate.models import Department, Employee

register_unique_constraint(
    "uq_departments_lower_name",
    code="department_exists",
    field="name",
    message="Another department already has this name.",
)
register_unique_constraint(
    "uq_departments_lower_code",
    code="department_exists",
    field="code",
    message="Another department already has this code.",
)


def to_read(row: tuple[Department, int]) -> DepartmentRead:
    department, members = row
    data = {c: getattr(department, c) for c in DepartmentRead.model_fields if c != "member_count"}
    return DepartmentRead.model_validate({**data, "member_count": members})


async def get_or_404(session: AsyncSession, department_id: uuid.UUID) -> tuple[Department, int]:
    row = await repo.get(session, department_id)
    if row is None:
        raise NotFound("Department not found.")
    return row


async def _check_unique(
    session: AsyncSession, name: str | None, code: str | None, exclude: uuid.UUID | None = None
) -> None:
    field = await repo.name_or_code_taken(session, name=name, code=code, exclude=exclude)
    if field:
        raise Conflict(
            f"Another department already has this {field}.",
            code="department_exists",
            errors=[field_error(field, f"This {field} is already in use.", "taken")],
        )


async def create(session: AsyncSession, data: DepartmentCreate) -> tuple[Department, int]:
    await _check_unique(session, data.name, data.code)
    await ensure_exists(session, Employee, data.manager_id, "manager_id", "employee")
    await ensure_exists(session, Department, data.parent_id, "parent_id", "department")
    department = Department(**data.model_dump())
    session.add(department)
    await session.flush()
    return await get_or_404(session, department.id)


async def update(
    session: AsyncSession, department_id: uuid.UUID, data: DepartmentUpdate
) -> tuple[Department, int]:
    department, _ = await get_or_404(session, department_id)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("name", "code"))
    await _check_unique(session, changes.get("name"), changes.get("code"), exclude=department.id)
    if changes.get("manager_id"):
        await ensure_exists(session, Employee, changes["manager_id"], "manager_id", "employee")
    if changes.get("parent_id"):
        await ensure_exists(session, Department, changes["parent_id"], "parent_id", "department")
        if await repo.ancestors_contain(session, changes["parent_id"], department.id):
            raise BusinessRuleViolation(
                "A department cannot be placed below itself or one of its sub-departments.",
                code="department_cycle",
                errors=[field_error("parent_id", "This would create a cycle.", "department_cycle")],
            )
    for field, value in changes.items():
        setattr(department, field, value)
    await session.flush()
    return await get_or_404(session, department.id)


async def delete(session: AsyncSession, department_id: uuid.UUID) -> None:
    department, _ = await get_or_404(session, department_id)
    members = await repo.all_members(session, department.id)
    if members:
        raise Conflict(
            f"The department '{department.name}' still has {members} member(s). "
            "Move them to another department first.",
            code="department_has_members",
            params={"name": department.name, "count": members},
        )
    if await repo.child_count(session, department.id):
        raise Conflict(
            f"The department '{department.name}' has sub-departments. Move or delete them first.",
            code="department_has_children",
            params={"name": department.name},
        )
    await session.delete(department)
    await session.flush()
