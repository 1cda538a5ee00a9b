"""Migration i13_0002: grid entries with a made-up 09:00 become day entries, and back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from tests.factories import make_employee
from tests.projects.helpers import make_entry, make_project
from workmate.bootstrap import ensure_default_roles
from workmate.core import embedded
from workmate.core.database_url import with_database
from workmate.core.db import Database
from workmate.migrations_state import downgrade, upgrade

NAME = "workmate_grid_migration"
BEFORE = "i13_0001"


@pytest.fixture
async def old_schema(server_url: str) -> AsyncIterator[tuple[str, Database]]:
    embedded.drop_database(server_url, NAME)
    embedded.create_database(server_url, NAME)
    url = with_database(server_url, NAME)
    upgrade(url)
    db = Database(url, pool_size=1)
    try:
        yield url, db
    finally:
        await db.dispose()
        embedded.drop_database(server_url, NAME)


async def _rows(db: Database) -> list[tuple[str, datetime, datetime]]:
    async with db.transaction() as session:
        result = await session.execute(
            text("SELECT source, started_at, ended_at FROM time_entries ORDER BY started_at")
        )
        return [(r[0], r[1], r[2]) for r in result.all()]


async def test_grid_entries_move_to_the_start_of_their_day_and_back(
    old_schema: tuple[str, Database],
) -> None:
    url, db = old_schema
    downgrade(url, BEFORE)  # the schema as it was: grid entries take part in the overlap rule
    async with db.transaction() as session:
        await ensure_default_roles(session)
        me = await make_employee(session)
        project = await make_project(session, members=[me])
        # The old grid placed 3 hours at 09:00 Berlin (08:00 UTC) on 3 March; a timer ran
        # 07:00-08:00 Berlin before it.
        nine = datetime(2026, 3, 3, 8, tzinfo=UTC)
        await make_entry(session, me, project, nine, nine.replace(hour=11), source="grid")
        await make_entry(
            session, me, project, nine.replace(hour=6), nine.replace(hour=7), source="timer"
        )
    await db.dispose()  # no pooled connection may hold locks while the migration runs

    upgrade(url)
    rows = await _rows(db)
    midnight = datetime(2026, 3, 2, 23, tzinfo=UTC)  # 00:00 on 3 March in Berlin
    assert ("grid", midnight, midnight.replace(day=3, hour=2)) in rows
    assert ("timer", nine.replace(hour=6), nine.replace(hour=7)) in rows
    # The day entry no longer blocks time with clock times over the night.
    async with db.transaction() as session:
        await session.execute(
            text(
                "INSERT INTO time_entries (id, employee_id, project_id, started_at, ended_at, "
                "time_zone, source) SELECT gen_random_uuid(), employee_id, project_id, "
                "started_at, started_at + interval '1 hour', time_zone, 'manual' "
                "FROM time_entries WHERE source = 'grid'"
            )
        )
        await session.execute(text("DELETE FROM time_entries WHERE source = 'manual'"))
    await db.dispose()

    downgrade(url, BEFORE)  # back: placed again as the old grid did, from 09:00
    rows = await _rows(db)
    assert ("grid", nine, nine.replace(hour=11)) in rows
