from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core.errors import reject_nulls
from workmate.models import CompanySettings
from workmate.settings.schemas import CompanySettingsUpdate


async def get(session: AsyncSession, *, for_update: bool = False) -> CompanySettings:
    stmt = select(CompanySettings).where(CompanySettings.id == 1)
    if for_update:
        stmt = stmt.with_for_update()
    found = (await session.scalars(stmt)).first()
    if found is None:  # the migration inserts the row; recreate it if someone deleted it
        found = CompanySettings(id=1)
        session.add(found)
        await session.flush()
        await session.refresh(found)
    return found


async def update(session: AsyncSession, data: CompanySettingsUpdate) -> CompanySettings:
    current = await get(session, for_update=True)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, tuple(changes))
    for field, value in changes.items():
        setattr(current, field, value)
    await session.flush()
    await session.refresh(current)
    return current
