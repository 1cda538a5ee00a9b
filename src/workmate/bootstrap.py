"""Data every installation needs: the default roles (inserted once, never overwritten)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.permissions import DEFAULT_ROLES
from workmate.models import Role


async def ensure_default_roles(session: AsyncSession) -> dict[str, Role]:
    existing = {
        r.builtin_key: r for r in (await session.scalars(select(Role))).all() if r.builtin_key
    }
    for key, (name, description, permissions) in DEFAULT_ROLES.items():
        if key not in existing:
            role = Role(
                name=name, description=description, permissions=sorted(permissions), builtin_key=key
            )
            session.add(role)
            existing[key] = role
    await session.flush()
    return {k: v for k, v in existing.items() if k is not None}
