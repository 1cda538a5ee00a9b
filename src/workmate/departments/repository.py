from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from workmate.core.references import like_pattern
from workmate.models import Department, Employee

SORTABLE: dict[str, Any] = {
    "name": func.lower(Department.name),
    "code": func.lower(Department.code),
    "created_at": Department.created_at,
}

member_count = (
    select(func.count(Employee.id))
    .where(Employee.department_id == Department.id, Employee.active.is_(True))
    .correlate(Department)
    .scalar_subquery()
    .label("member_count")
)


def list_statement(q: str | None) -> Select[Department, int]:
    stmt = select(Department, member_count).options(
        joinedload(Department.manager), joinedload(Department.parent)
    )
    if q:
        pattern = like_pattern(q)
        stmt = stmt.where(
            func.lower(Department.name).like(pattern) | func.lower(Department.code).like(pattern)
        )
    return stmt


async def get(session: AsyncSession, department_id: uuid.UUID) -> tuple[Department, int] | None:
    stmt = (
        list_statement(None)
        .where(Department.id == department_id)
        .execution_options(populate_existing=True)
    )
    row = (await session.execute(stmt)).first()
    return (row[0], row[1]) if row else None


async def name_or_code_taken(
    session: AsyncSession, *, name: str | None, code: str | None, exclude: uuid.UUID | None
) -> str | None:
    for field, column, value in (("name", Department.name, name), ("code", Department.code, code)):
        if value is None:
            continue
        stmt = select(Department.id).where(func.lower(column) == value.lower())
        if exclude is not None:
            stmt = stmt.where(Department.id != exclude)
        if await session.scalar(stmt) is not None:
            return field
    return None


async def all_members(session: AsyncSession, department_id: uuid.UUID) -> int:
    """Members including deactivated employees: they still point at the department."""
    stmt = select(func.count()).select_from(Employee).where(Employee.department_id == department_id)
    return int(await session.scalar(stmt) or 0)


async def child_count(session: AsyncSession, department_id: uuid.UUID) -> int:
    stmt = select(func.count()).select_from(Department).where(Department.parent_id == department_id)
    return int(await session.scalar(stmt) or 0)


async def ancestors_contain(session: AsyncSession, start: uuid.UUID, target: uuid.UUID) -> bool:
    chain = (
        select(Department.id, Department.parent_id)
        .where(Department.id == start)
        .cte("chain", recursive=True)
    )
    chain = chain.union(
        select(Department.id, Department.parent_id).join(chain, Department.id == chain.c.parent_id)
    )
    return await session.scalar(select(chain.c.id).where(chain.c.id == target).limit(1)) is not None
