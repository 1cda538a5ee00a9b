"""The week grid: set a project's hours for a day in one call.

``PUT /time-entries/grid {project_id, date, minutes}`` makes the project's total on that day
(in the employee's zone) equal ``minutes``. Time recorded by the timer or by hand stays as it
is; the grid owns at most one entry per project and day (``source = 'grid'``) and replaces it.
The new entry is placed at the first free gap of that length from 09:00 local time, else from
midnight; if the day has no such gap it is a 409 ``day_full``. Lowering the total below the
time recorded otherwise is a 409 ``below_recorded_time``: those entries are edited directly.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.service import Principal
from workmate.core.errors import Conflict, NotFound, field_error
from workmate.models import TimeEntry
from workmate.settings import service as settings_service
from workmate.time_tracking import limits, service
from workmate.time_tracking import repository as repo
from workmate.time_tracking.rounding import duration_minutes
from workmate.time_tracking.schemas import GridCell, GridCellResult

GRID_START = time(9, 0)


def find_gap(
    busy: list[tuple[datetime, datetime | None]],
    day_start: datetime,
    day_end: datetime,
    preferred: datetime,
    length: timedelta,
) -> datetime | None:
    """The first start >= ``preferred`` (else >= ``day_start``) where ``length`` fits."""
    ends = sorted(end for _, end in busy if end is not None)
    for floor in (preferred, day_start):
        for candidate in [floor, *(e for e in ends if e > floor)]:
            stop = candidate + length
            if stop > day_end:
                continue
            if all(not (start < stop and (end is None or end > candidate)) for start, end in busy):
                return candidate
    return None


async def set_cell(session: AsyncSession, principal: Principal, cell: GridCell) -> GridCellResult:
    employee_id = cell.employee_id or principal.id
    service.check_acting_for(principal, employee_id)
    employee = await repo.lock_employee(session, employee_id)
    if employee is None:
        raise NotFound("Employee not found.")
    project = await service.loggable_project(session, principal, cell.project_id, employee_id)
    zone = ZoneInfo(employee.time_zone)
    day_start = datetime.combine(cell.date, time(0), zone).astimezone(UTC)
    day_end = datetime.combine(cell.date + timedelta(days=1), time(0), zone).astimezone(UTC)
    entries = await repo.day_entries(session, employee_id, day_start, day_end)
    cell_entries = [
        e
        for e in entries
        if e.project_id == project.id
        and e.started_at.astimezone(ZoneInfo(e.time_zone)).date() == cell.date
    ]
    grid_entries = [e for e in cell_entries if e.source == "grid"]
    for entry in grid_entries:
        service.check_editable(principal, entry)
    recorded = sum(
        duration_minutes(int((e.ended_at - e.started_at).total_seconds()))
        for e in cell_entries
        if e.source != "grid" and e.ended_at is not None
    )
    wanted = cell.minutes - recorded
    if wanted < 0:
        raise Conflict(
            f"{recorded} minutes are already recorded on this day by timer or by hand; "
            "edit those entries to go lower.",
            code="below_recorded_time",
            errors=[field_error("minutes", f"At least {recorded}.", "below_recorded_time")],
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
        busy = [(e.started_at, e.ended_at) for e in entries if e not in grid_entries]
        preferred = datetime.combine(cell.date, GRID_START, zone).astimezone(UTC)
        start = find_gap(busy, day_start, day_end, preferred, timedelta(minutes=wanted))
        if start is None:
            raise Conflict(
                f"There is no free stretch of {wanted} minutes on {cell.date.isoformat()}.",
                code="day_full",
                errors=[field_error("minutes", "The day has no gap this long.", "day_full")],
            )
        created = TimeEntry(
            employee_id=employee_id,
            project_id=project.id,
            started_at=start,
            ended_at=start + timedelta(minutes=wanted),
            time_zone=employee.time_zone,
            description=cell.description,
            task_type=cell.task_type,
            billable=service.default_billable(project, None),
            source="grid",
        )
        session.add(created)
        await session.flush()
    return GridCellResult(
        project_id=project.id,
        date=cell.date,
        minutes=recorded + wanted,
        entry=await service.read(session, principal, created.id) if created else None,
    )
