from __future__ import annotations

import uuid

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.models import Employee, Role

member_count = (
    select(func.count(Employee.id))
    .where(Employee.role_id == Role.id)
    .correlate(Role)
    .scalar_subquery()
    .label("member_count")
)


def list_statement() -> Select[Role, int]:
    return select(Role, member_count)


async def get(
    session: AsyncSession, role_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Role, int] | None:
    stmt = list_statement().where(Role.id == role_id).execution_options(populate_existing=True)
    if for_update:
        stmt = stmt.with_for_update(of=Role)
    row = (await session.execute(stmt)).first()
    return (row[0], row[1]) if row else None


async def name_taken(session: AsyncSession, name: str, exclude: uuid.UUID | None = None) -> bool:
    stmt = select(Role.id).where(func.lower(Role.name) == name.lower())
    if exclude is not None:
        stmt = stmt.where(Role.id != exclude)
    return await session.scalar(stmt) is not None


async def active_members(session: AsyncSession, role_id: uuid.UUID) -> int:
    stmt = (
        select(func.count())
        .select_from(Employee)
        .where(Employee.role_id == role_id, Employee.active.is_(True))
    )
    return int(await session.scalar(stmt) or 0)
