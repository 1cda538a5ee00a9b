"""Factories for projects and time entries (plain functions with overridable fields)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tests.factories import make_customer
from workmate.models import Employee, Project, ProjectMember, TimeEntry

_counter = itertools.count(1)


async def make_project(
    session: AsyncSession,
    *,
    lead: Employee | None = None,
    members: list[Employee] | None = None,
    member_rates: dict[Any, Any] | None = None,
    **overrides: Any,
) -> Project:
    n = next(_counter)
    values: dict[str, Any] = {"number": f"TP-{n:04d}", "title": f"Projekt {n}", "status": "active"}
    if "customer_id" not in overrides:
        values["customer_id"] = (await make_customer(session)).id
    values["lead_id"] = lead.id if lead else None
    values.update(overrides)
    project = Project(**values)
    rates = member_rates or {}
    project.members = [
        ProjectMember(employee_id=m.id, hourly_rate=rates.get(m.id)) for m in members or []
    ]
    session.add(project)
    await session.flush()
    return project


async def make_entry(
    session: AsyncSession,
    employee: Employee,
    project: Project,
    started_at: datetime,
    ended_at: datetime | None,
    **overrides: Any,
) -> TimeEntry:
    values: dict[str, Any] = {
        "employee_id": employee.id,
        "project_id": project.id,
        "started_at": started_at,
        "ended_at": ended_at,
        "time_zone": employee.time_zone or "Europe/Berlin",
    }
    values.update(overrides)
    entry = TimeEntry(**values)
    session.add(entry)
    await session.flush()
    return entry


@contextmanager
def count_statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """Collect the SQL statements run on ``engine`` inside the block."""
    seen: list[str] = []

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", before)
