"""The week grid: set a project's hours for a day in one call.

``PUT /time-entries/grid {project_id, date, minutes}`` makes the project's total on that day
(in the employee's zone) equal ``minutes``. Time recorded by the timer or by hand stays as it
is; the grid owns at most one entry per project and day (``source = 'grid'``) and replaces it.

A grid entry is a *day entry*: a duration on a day, without clock times. It is stored at the
first instant of its day (so days, weeks and months come out as for every entry) and ends that
long after, but those instants mean nothing: day entries take no part in the overlap rule (the
exclusion constraint skips them) and never block a timer or an entry with times, and the API
marks them ``has_times: false``. The day's total of all entries may not exceed the day's length
(409 ``day_full``); lowering a cell below the time recorded otherwise is 409
``below_recorded_time``: those entries are edited directly.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.service import Principal
from workmate.core.errors import Conflict, NotFound, field_error
from workmate.core.timeutil import day_length, day_start
from workmate.models import TimeEntry
from workmate.models.time_entry import DAY_ENTRY_SOURCE
from workmate.settings import service as settings_service
from workmate.time_tracking import limits, service
from workmate.time_tracking import repository as repo
from workmate.time_tracking.rounding import duration_minutes
from workmate.time_tracking.schemas import GridCell, GridCellResult


def _minutes(entry: TimeEntry) -> int:
    if entry.ended_at is None:
        return 0
    return duration_minutes(int((entry.ended_at - entry.started_at).total_seconds()))


async def set_cell(session: AsyncSession, principal: Principal, cell: GridCell) -> GridCellResult:
    employee_id = cell.employee_id or principal.id
    service.check_acting_for(principal, employee_id)
    employee = await repo.lock_employee(session, employee_id)
    if employee is None:
        raise NotFound("Employee not found.")
    project = await service.loggable_project(session, principal, cell.project_id, employee_id)
    zone = ZoneInfo(employee.time_zone)
    start = day_start(cell.date, zone)
    entries = [
        e
        for e in await repo.day_entries(session, employee_id, start, start + timedelta(days=2))
        if e.started_at.astimezone(ZoneInfo(e.time_zone)).date() == cell.date
    ]
    cell_entries = [e for e in entries if e.project_id == project.id]
    grid_entries = [e for e in cell_entries if e.source == DAY_ENTRY_SOURCE]
    for entry in grid_entries:
        service.check_editable(principal, entry)
    recorded = sum(_minutes(e) for e in cell_entries if e.source != DAY_ENTRY_SOURCE)
    wanted = cell.minutes - recorded
    if wanted < 0:
        raise Conflict(
            f"{recorded} minutes are already recorded on this day by timer or by hand; "
            "edit those entries to go lower.",
            code="below_recorded_time",
            params={"minutes": recorded},
            errors=[
                field_error(
                    "minutes", f"At least {recorded}.", "below_recorded_time", {"minutes": recorded}
                )
            ],
        )
    capacity = int(day_length(cell.date, zone).total_seconds() // 60)
    others = sum(_minutes(e) for e in entries if e not in grid_entries)
    if others + wanted > capacity:
        raise Conflict(
            f"{cell.date.isoformat()} has {capacity} minutes; {others} are recorded already.",
            code="day_full",
            params={"minutes": capacity},
            errors=[field_error("minutes", "More than the day has.", "day_full")],
        )
    for entry in grid_entries:
        await session.delete(entry)
    await session.flush()
    created: TimeEntry | None = None
    if wanted > 0:
        if timedelta(minutes=wanted) > limits.ALWAYS_ALLOWED:
            limit = await settings_service.max_entry_duration(session)
            if timedelta(minutes=wanted) > limit:
                raise limits.too_long(limit)
        created = TimeEntry(
            employee_id=employee_id,
            project_id=project.id,
            started_at=start,
            ended_at=start + timedelta(minutes=wanted),
            time_zone=employee.time_zone,
            description=cell.description,
            task_type=cell.task_type,
            billable=service.default_billable(project, None),
            source=DAY_ENTRY_SOURCE,
        )
        session.add(created)
        await session.flush()
    return GridCellResult(
        project_id=project.id,
        date=cell.date,
        minutes=recorded + wanted,
        entry=await service.read(session, principal, created.id) if created else None,
    )
