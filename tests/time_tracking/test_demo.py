"""The demo company gets projects and a few months of time entries."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.demo import load_demo
from workmate.models import Project, TimeEntry


@pytest.mark.date_sensitive
async def test_demo_projects_and_time_entries(session: AsyncSession) -> None:
    await load_demo(session)
    await session.commit()
    assert await session.scalar(select(func.count()).select_from(Project)) == 12
    rows = await session.execute(select(TimeEntry.status, func.count()).group_by(TimeEntry.status))
    statuses: dict[str, int] = dict(list(rows))
    assert statuses["approved"] > 1000 and statuses["rejected"] > 0
    running = await session.scalar(
        select(func.count()).select_from(TimeEntry).where(TimeEntry.ended_at.is_(None))
    )
    assert running is not None and running <= 1
    non_billable = await session.scalar(
        select(func.count()).select_from(TimeEntry).where(TimeEntry.billable.is_(False))
    )
    assert non_billable and non_billable > 50
