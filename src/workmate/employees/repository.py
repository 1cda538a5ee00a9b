from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, String, any_, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from workmate.auth.permissions import Permission
from workmate.core.references import ids_among, labels_among, like_pattern
from workmate.models import Employee, Role

SORTABLE: dict[str, Any] = {
    "name": func.lower(Employee.name),
    "email": func.lower(Employee.email),
    "employee_number": Employee.employee_number,
    "hire_date": Employee.hire_date,
    "created_at": Employee.created_at,
}

SEARCH_EXPRESSION = Employee.search_text


def list_statement(
    *,
    q: str | None,
    department_id: uuid.UUID | None,
    role_id: uuid.UUID | None,
    active: bool | None,
    employment_type: str | None,
) -> Select[Employee]:
    stmt = select(Employee).options(joinedload(Employee.department), joinedload(Employee.role))
    if q:
        stmt = stmt.where(SEARCH_EXPRESSION.like(like_pattern(q)))
    if department_id is not None:
        stmt = stmt.where(Employee.department_id == department_id)
    if role_id is not None:
        stmt = stmt.where(Employee.role_id == role_id)
    if active is not None:
        stmt = stmt.where(Employee.active.is_(active))
    if employment_type is not None:
        stmt = stmt.where(Employee.employment_type == employment_type)
    return stmt


async def get(
    session: AsyncSession, employee_id: uuid.UUID, *, for_update: bool = False
) -> Employee | None:
    stmt = (
        select(Employee)
        .where(Employee.id == employee_id)
        .options(
            joinedload(Employee.department), joinedload(Employee.role), joinedload(Employee.manager)
        )
        .execution_options(populate_existing=True)
    )
    if for_update:
        stmt = stmt.with_for_update(of=Employee)
    return (await session.scalars(stmt)).first()


async def email_taken(
    session: AsyncSession, email: str, *, exclude: uuid.UUID | None = None
) -> bool:
    stmt = select(Employee.id).where(func.lower(Employee.email) == email.lower())
    if exclude is not None:
        stmt = stmt.where(Employee.id != exclude)
    return (await session.scalar(stmt)) is not None


async def lock_admin_set(session: AsyncSession) -> None:
    """Serialise changes that could remove the last admin (two admins deactivating each other)."""
    await session.execute(select(func.pg_advisory_xact_lock(7_310_001)))


async def active_admin_count(session: AsyncSession, *, excluding: uuid.UUID | None = None) -> int:
    stmt = (
        select(func.count())
        .select_from(Employee)
        .join(Role, Role.id == Employee.role_id)
        .where(Employee.active.is_(True), literal(Permission.admin.value) == any_(Role.permissions))
    )
    if excluding is not None:
        stmt = stmt.where(Employee.id != excluding)
    return int(await session.scalar(stmt) or 0)


async def manager_chain_contains(
    session: AsyncSession, start: uuid.UUID, target: uuid.UUID
) -> bool:
    """Whether ``target`` is ``start`` or above it in the manager chain (prevents cycles)."""
    chain = (
        select(Employee.id, Employee.manager_id)
        .where(Employee.id == start)
        .cte("chain", recursive=True)
    )
    chain = chain.union(
        select(Employee.id, Employee.manager_id).join(chain, Employee.id == chain.c.manager_id)
    )
    found = await session.scalar(select(chain.c.id).where(chain.c.id == target).limit(1))
    return found is not None


async def existing_ids(session: AsyncSession, ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    return await ids_among(session, Employee.id, ids)


async def labels(
    session: AsyncSession, ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, tuple[str | None, str]]:
    return await labels_among(session, Employee.id, literal(None, String), Employee.name, ids)
