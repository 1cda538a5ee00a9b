"""One time entry as the read schema shows it (``repository.entry_select``: names, rate,
value), read, inserted or stopped in one statement each. The write statements return the priced
row themselves: a second, separate read would cost a round trip and a wide statement per call.
"""

from __future__ import annotations

import functools
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, bindparam, insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.models import TimeEntry
from workmate.settings import service as settings_service
from workmate.time_tracking.repository import entry_select


@functools.cache
def _row_template() -> Select[Any]:
    return entry_select().where(TimeEntry.id == bindparam("te_id"))


async def get_row(session: AsyncSession, entry_id: uuid.UUID) -> Any:
    return (await session.execute(_row_template(), {"te_id": entry_id})).first()


INSERTED = (
    "id",
    "employee_id",
    "project_id",
    "started_at",
    "ended_at",
    "time_zone",
    "description",
    "task_type",
    "billable",
    "hourly_rate",
    "source",
)


@functools.cache
def _insert_template() -> Select[Any]:
    """Insert one entry and return it as ``entry_select`` shows it, in one round trip.

    The INSERT ... RETURNING runs as a CTE named like the table: inside the statement the name
    ``time_entries`` then means the inserted row (a CTE hides a table of the same name), so
    ``entry_select`` prices exactly that row. Constraint violations raise as from any INSERT.
    """
    columns = TimeEntry.__table__.c
    new = (
        insert(TimeEntry)
        .values({name: bindparam(f"new_{name}", type_=columns[name].type) for name in INSERTED})
        .returning(*columns)
        .cte(TimeEntry.__tablename__)
    )
    return entry_select().add_cte(new)


@functools.cache
def _stop_template() -> Select[Any]:
    """Stop a person's running entry and return it priced, in one round trip (the CTE hides
    the table as in ``_insert_template``). Only an entry that started by ``stop_started_by``
    matches: a shorter one is left for the caller to discard, and one that would be longer
    than the company's limit for the caller to refuse."""
    stop_at = bindparam("stop_at", type_=TimeEntry.started_at.type)
    stopped = (
        update(TimeEntry)
        .where(
            TimeEntry.employee_id == bindparam("stop_employee_id"),
            TimeEntry.ended_at.is_(None),
            TimeEntry.started_at <= bindparam("stop_started_by"),
            TimeEntry.started_at >= stop_at - settings_service.max_entry_interval(),
        )
        .values(ended_at=bindparam("stop_at"))
        .returning(*TimeEntry.__table__.c)
        .cte(TimeEntry.__tablename__)
    )
    return entry_select().add_cte(stopped)


async def stop_running_row(
    session: AsyncSession, employee_id: uuid.UUID, at: datetime, shortest: timedelta
) -> Any:
    """The person's running entry, stopped at ``at`` if it ran at least ``shortest``;
    ``None`` if none was stopped."""
    params = {"stop_employee_id": employee_id, "stop_at": at, "stop_started_by": at - shortest}
    return (await session.execute(_stop_template(), params)).first()


async def insert_row(session: AsyncSession, values: dict[str, Any]) -> Any:
    """Insert an entry (``values``: every name of ``INSERTED``) and return its priced row."""
    params = {f"new_{name}": values[name] for name in INSERTED}
    return (await session.execute(_insert_template(), params)).one()
