from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth import grants
from workmate.auth.permissions import ADMIN_ROLE_KEY, Permission
from workmate.auth.service import Principal
from workmate.core.error_handlers import register_unique_constraint
from workmate.core.errors import (
    Conflict,
    NotFound,
    field_error,
    reject_nulls,
)
from workmate.employees import repository as employee_repo
from workmate.models import Role
from workmate.roles import repository as repo
from workmate.roles.schemas import Role as RoleRead
from workmate.roles.schemas import RoleCreate, RoleUpdate

register_unique_constraint(
    "uq_roles_lower_name",
    code="role_exists",
    field="name",
    message="Another role already has this name.",
)


def to_read(row: tuple[Role, int]) -> RoleRead:
    role, members = row
    return RoleRead.model_validate(
        {
            "id": role.id,
            "name": role.name,
            "description": role.description,
            "permissions": sorted(role.permissions),
            "is_builtin": role.builtin_key is not None,
            "builtin_key": role.builtin_key,
            "member_count": members,
            "created_at": role.created_at,
            "updated_at": role.updated_at,
        }
    )


async def get_or_404(
    session: AsyncSession, role_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Role, int]:
    row = await repo.get(session, role_id, for_update=for_update)
    if row is None:
        raise NotFound("Role not found.")
    return row


async def _check_name(session: AsyncSession, name: str, exclude: uuid.UUID | None = None) -> None:
    if await repo.name_taken(session, name, exclude):
        raise Conflict(
            "Another role already has this name.",
            code="role_exists",
            errors=[field_error("name", "This name is already in use.", "taken")],
        )


async def create(session: AsyncSession, principal: Principal, data: RoleCreate) -> tuple[Role, int]:
    grants.ensure_may_grant(principal, data.permissions, "permissions")
    await _check_name(session, data.name)
    role = Role(name=data.name, description=data.description, permissions=data.permissions)
    session.add(role)
    await session.flush()
    return await get_or_404(session, role.id)


async def update(
    session: AsyncSession, principal: Principal, role_id: uuid.UUID, data: RoleUpdate
) -> tuple[Role, int]:
    role, _ = await get_or_404(session, role_id, for_update=True)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("name", "description", "permissions"))
    grants.ensure_may_change_role(principal, role.permissions, changes.get("permissions"))
    if "name" in changes:
        await _check_name(session, changes["name"], exclude=role.id)
    new_permissions = changes.get("permissions")
    if new_permissions is not None and Permission.admin.value not in new_permissions:
        if role.builtin_key == ADMIN_ROLE_KEY:
            raise Conflict(
                "The built-in Admin role always keeps the administration permission.",
                code="admin_role_protected",
                errors=[field_error("permissions", "system.admin cannot be removed.", "protected")],
            )
        if Permission.admin.value in role.permissions:
            await employee_repo.lock_admin_set(session)
            admins_elsewhere = await employee_repo.active_admin_count(session) - (
                await repo.active_members(session, role.id)
            )
            if admins_elsewhere <= 0:
                raise Conflict(
                    "This change would leave no active administrator.", code="last_admin"
                )
    for field in ("name", "description", "permissions"):
        if changes.get(field) is not None:
            setattr(role, field, changes[field])
    await session.flush()
    return await get_or_404(session, role.id)


async def delete(session: AsyncSession, principal: Principal, role_id: uuid.UUID) -> None:
    role, members = await get_or_404(session, role_id, for_update=True)
    grants.ensure_may_change_role(principal, role.permissions, None)
    if role.builtin_key is not None:
        raise Conflict(
            f"The built-in role '{role.name}' cannot be deleted.",
            code="builtin_role",
            params={"name": role.name},
        )
    if members:
        raise Conflict(
            f"The role '{role.name}' is still assigned to {members} employee(s). "
            "Give them another role first.",
            code="role_in_use",
            params={"name": role.name, "count": members},
        )
    await session.delete(role)
    await session.flush()
