"""Time entries: who may log and edit what, locks, the timer, week approval, the week grid."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core import clock
from workmate.core.error_handlers import register_constraint
from workmate.core.errors import (
    BusinessRuleViolation,
    Conflict,
    Forbidden,
    NotFound,
    field_error,
    reject_nulls,
)
from workmate.models import Employee, Project, TimeEntry
from workmate.models.time_entry import DAY_ENTRY_SOURCE, ONE_RUNNING_INDEX, OVERLAP_CONSTRAINT
from workmate.projects import repository as project_repo
from workmate.settings import service as settings_service
from workmate.time_tracking import entry_rows, limits
from workmate.time_tracking import repository as repo
from workmate.time_tracking.schemas import (
    SummaryRow,
    Sums,
    TimeEntryCreate,
    TimeEntryUpdate,
    TimerStart,
)
from workmate.time_tracking.schemas import TimeEntry as TimeEntryRead

register_constraint(
    OVERLAP_CONSTRAINT,
    code="time_entry_overlap",
    field="started_at",
    message="This time overlaps another entry of the same person.",
)
register_constraint(
    ONE_RUNNING_INDEX,
    code="timer_already_running",
    field="project_id",
    message="A timer is already running. Stop it first or start with stop_running.",
)

CLOSED_PROJECT = frozenset({"completed", "cancelled"})
# One rule for very short timers: a timer stopped (or replaced by another) within its first
# minute recorded nothing a person would bill or approve, so it is discarded rather than left as
# a 0:00 entry; hand-made entries must be at least this long too.
SHORTEST_TIMER = timedelta(minutes=1)


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def shows_money(principal: Principal) -> bool:
    """Rates and values of time are shown only with ``projects.financials`` (the one place of
    this domain that decides it): without it ``hourly_rate``, ``rate`` and ``value`` of entries,
    sums and summaries are null. Everyone sees minutes and hours."""
    return principal.has(Permission.projects_financials)


def sums(row: Any, principal: Principal) -> Sums:
    return Sums(
        entries=row.entries,
        minutes=row.minutes,
        billable_minutes=row.billable_minutes,
        hours=hours(int(row.minutes)),
        billable_hours=hours(int(row.billable_minutes)),
        value=row.value if shows_money(principal) else None,
    )


def summary_rows(rows: Sequence[Any], principal: Principal) -> list[SummaryRow]:
    money = shows_money(principal)
    return [
        SummaryRow(
            period=r.period,
            id=r.id,
            label=r.label,
            minutes=r.minutes,
            billable_minutes=r.billable_minutes,
            value=r.value if money else None,
        )
        for r in rows
    ]


def to_read(row: Any, principal: Principal) -> TimeEntryRead:
    """A row of ``repository.entry_select``: the entry's columns plus names and prices."""
    return to_reads([row], principal)[0]


_READS = TypeAdapter(list[TimeEntryRead])


def to_reads(rows: Sequence[Any], principal: Principal) -> list[TimeEntryRead]:
    """``to_read`` for a page: one validation call for all rows (about half the CPU)."""
    money = shows_money(principal)
    items = []
    for row in rows:
        item = dict(row._mapping)
        item["employee"] = {"id": item["employee_id"], "name": item["employee_name"]}
        item["project"] = {
            "id": item["project_id"],
            "number": item["project_number"],
            "title": item["project_title"],
        }
        item["customer"] = {"id": item["customer_id"], "name": item["customer_name"]}
        item["running"] = item["ended_at"] is None
        item["has_times"] = item["source"] != DAY_ENTRY_SOURCE
        if not money:
            item.update(hourly_rate=None, rate=None, value=None)
        items.append(item)
    return _READS.validate_python(items)


async def read(session: AsyncSession, principal: Principal, entry_id: uuid.UUID) -> TimeEntryRead:
    row = await entry_rows.get_row(session, entry_id)
    if row is None:
        raise NotFound("Time entry not found.")
    return to_read(row, principal)


async def read_visible(
    session: AsyncSession, principal: Principal, entry_id: uuid.UUID
) -> TimeEntryRead:
    if await repo.get_for_update(session, principal, entry_id) is None:
        raise NotFound("Time entry not found.")
    return await read(session, principal, entry_id)


def _seconds(value: datetime) -> datetime:
    """Entries are kept to the second (a timer's microseconds carry no meaning)."""
    return value.astimezone(UTC).replace(microsecond=0)


def check_acting_for(principal: Principal, employee_id: uuid.UUID) -> None:
    if employee_id != principal.id and not principal.has(Permission.time_write_all):
        raise Forbidden("You may only log and change your own time.", code="not_own_time_entry")


async def _employee(session: AsyncSession, employee_id: uuid.UUID) -> Employee:
    employee = await session.get(Employee, employee_id)
    if employee is None:
        raise BusinessRuleViolation(
            "Unknown employee.",
            code="unknown_reference",
            errors=[
                field_error("employee_id", "No employee with this id exists.", "unknown_reference")
            ],
        )
    return employee


async def _time_zone(session: AsyncSession, principal: Principal, employee_id: uuid.UUID) -> str:
    """The zone an entry of ``employee_id`` is recorded in. The caller's own arrives with the
    principal (read with the session in this request): no second read of the same row."""
    if employee_id == principal.id:
        return principal.time_zone
    return (await _employee(session, employee_id)).time_zone


async def loggable_project(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, employee_id: uuid.UUID
) -> Project:
    """The project, if the employee may log time on it (member or lead; any with write_all).

    Without write_all the employee is the caller, and a project they neither lead nor join is
    "unknown" unless they may read all projects (then: not a member). Reads the project row only:
    this runs on every entry and timer write.
    """
    found = await project_repo.with_membership(session, project_id, employee_id)
    project = found[0] if found else None
    member = found is None or found[1] or principal.has(Permission.time_write_all)
    if not member and not principal.has(Permission.projects_read_all):
        project = None  # invisible to the caller: don't reveal that it exists
    elif not member:
        raise BusinessRuleViolation(
            "Only members and the lead of a project can log time on it.",
            code="not_project_member",
            errors=[
                field_error("project_id", "Not a member of this project.", "not_project_member")
            ],
        )
    if project is None:
        raise BusinessRuleViolation(
            "Unknown project.",
            code="unknown_reference",
            errors=[
                field_error("project_id", "No project with this id exists.", "unknown_reference")
            ],
        )
    if project.status in CLOSED_PROJECT:
        raise Conflict(
            f"The project is {project.status}; no more time can be logged on it.",
            code="project_closed",
            params={"project_status": project.status},
            errors=[
                field_error(
                    "project_id",
                    f"The project is {project.status}.",
                    "project_closed",
                    {"project_status": project.status},
                )
            ],
        )
    return project


def _check_rate_override(principal: Principal, rate: Decimal | None) -> None:
    if rate is not None and not (
        principal.has(Permission.time_write_all) and shows_money(principal)
    ):
        raise Forbidden(
            "Only users who manage everyone's time may override the rate of an entry.",
            code="rate_override_not_allowed",
        )


def check_editable(principal: Principal, entry: TimeEntry) -> None:
    if entry.invoiced_at is not None:
        raise Conflict(
            "This entry has been invoiced and can no longer be changed.",
            code="time_entry_locked",
        )
    if entry.invoice_id is not None:
        raise Conflict(
            "This entry is on a draft invoice; remove it from the draft to change it.",
            code="time_entry_on_draft",
        )
    check_acting_for(principal, entry.employee_id)
    if entry.status in ("submitted", "approved") and not principal.has(Permission.time_write_all):
        what = "approved" if entry.status == "approved" else "submitted for approval"
        raise Conflict(
            f"This entry is {what} and locked. Ask an approver to reject the week to change it.",
            code="time_entry_locked",
        )


async def create(
    session: AsyncSession, principal: Principal, data: TimeEntryCreate
) -> TimeEntryRead:
    employee_id = data.employee_id or principal.id
    check_acting_for(principal, employee_id)
    zone = await _time_zone(session, principal, employee_id)
    project = await loggable_project(session, principal, data.project_id, employee_id)
    _check_rate_override(principal, data.hourly_rate)
    started_at, ended_at = _seconds(data.started_at), _seconds(data.ended_at)
    _check_not_empty(started_at, ended_at)
    await limits.check(session, started_at, ended_at)
    row = await entry_rows.insert_row(
        session,
        {
            "id": uuid.uuid4(),
            "employee_id": employee_id,
            "project_id": project.id,
            "started_at": started_at,
            "ended_at": ended_at,
            "time_zone": zone,
            "description": data.description,
            "task_type": data.task_type,
            "billable": default_billable(project, data.billable),
            "hourly_rate": data.hourly_rate,
            "source": "manual",
        },
    )
    return to_read(row, principal)


def default_billable(project: Project, billable: bool | None) -> bool:
    # Time on fixed-price work is not billed by the hour.
    return billable if billable is not None else project.billing_type == "time_and_materials"


def _check_not_empty(started_at: datetime, ended_at: datetime | None) -> None:
    if ended_at is not None and ended_at <= started_at:
        raise BusinessRuleViolation(
            "The end must be after the start.",
            code="invalid_times",
            errors=[field_error("ended_at", "Must be after started_at.", "invalid_times")],
        )
    if ended_at is not None and ended_at - started_at < SHORTEST_TIMER:
        minutes = int(SHORTEST_TIMER.total_seconds() // 60)
        raise BusinessRuleViolation(
            "An entry lasts at least one minute.",
            code="entry_too_short",
            params={"minutes": minutes},
            errors=[
                field_error(
                    "ended_at", "At least one minute.", "entry_too_short", {"minutes": minutes}
                )
            ],
        )


async def _editable_entry(
    session: AsyncSession, principal: Principal, entry_id: uuid.UUID
) -> TimeEntry:
    entry = await repo.get_for_update(session, principal, entry_id)
    if entry is None:
        raise NotFound("Time entry not found.")
    check_editable(principal, entry)
    return entry


async def update_entry(
    session: AsyncSession, principal: Principal, entry_id: uuid.UUID, data: TimeEntryUpdate
) -> TimeEntryRead:
    entry = await _editable_entry(session, principal, entry_id)
    changes = data.model_dump(exclude_unset=True)
    reject_nulls(changes, ("project_id", "started_at", "task_type", "billable"))
    if "hourly_rate" in changes:
        _check_rate_override(principal, changes["hourly_rate"])
    if "project_id" in changes and changes["project_id"] != entry.project_id:
        await loggable_project(session, principal, changes["project_id"], entry.employee_id)
    for name in ("started_at", "ended_at"):
        if changes.get(name) is not None:
            changes[name] = _seconds(changes[name])
    if "ended_at" in changes and changes["ended_at"] is None and entry.ended_at is not None:
        raise BusinessRuleViolation(
            "A finished entry cannot be turned back into a running timer.",
            code="invalid_times",
            errors=[field_error("ended_at", "Cannot be emptied.", "invalid_times")],
        )
    if entry.source == DAY_ENTRY_SOURCE and changes.get("started_at") is not None:
        # Given a clock start, a day entry becomes an entry with times (and meets the overlap
        # rule); a new end alone only changes its length.
        changes["source"] = "manual"
    for name, value in changes.items():
        setattr(entry, name, value)
    _check_not_empty(entry.started_at, entry.ended_at)
    if "started_at" in changes or "ended_at" in changes:
        await limits.check(session, entry.started_at, entry.ended_at)
    await session.flush()
    return await read(session, principal, entry.id)


async def delete_entry(session: AsyncSession, principal: Principal, entry_id: uuid.UUID) -> None:
    entry = await _editable_entry(session, principal, entry_id)
    await session.delete(entry)
    await session.flush()


async def current_timer(session: AsyncSession, principal: Principal) -> TimeEntryRead | None:
    running = await repo.running_entry(session, principal.id)
    return await read(session, principal, running.id) if running else None


async def _stop(session: AsyncSession, entry: TimeEntry, now: datetime) -> None:
    if now - entry.started_at > limits.ALWAYS_ALLOWED:
        limit = await settings_service.max_entry_duration(session)
        if now - entry.started_at > limit:
            raise limits.too_long(limit, timer=True)
    if now - entry.started_at < SHORTEST_TIMER:
        await session.delete(entry)
    else:
        entry.ended_at = now
    await session.flush()


async def start_timer(
    session: AsyncSession, principal: Principal, data: TimerStart
) -> TimeEntryRead:
    project = await loggable_project(session, principal, data.project_id, principal.id)
    # Starts of one person queue here (as the week grid's writes do): the loser of two starts
    # at once sees the winner's timer and gets timer_already_running, not an overlap.
    await repo.lock_employee(session, principal.id)
    now = _seconds(clock.now())
    running = await repo.running_entry(session, principal.id, for_update=True)
    if running is not None:
        if not data.stop_running:
            raise Conflict(
                "A timer is already running. Stop it first or start with stop_running.",
                code="timer_already_running",
            )
        await _stop(session, running, now)
    row = await entry_rows.insert_row(
        session,
        {
            "id": uuid.uuid4(),
            "employee_id": principal.id,
            "project_id": project.id,
            "started_at": now,
            "ended_at": None,
            "time_zone": principal.time_zone,
            "description": data.description,
            "task_type": data.task_type,
            "billable": default_billable(project, data.billable),
            "hourly_rate": None,
            "source": "timer",
        },
    )
    return to_read(row, principal)


async def stop_timer(session: AsyncSession, principal: Principal) -> TimeEntryRead | None:
    """Stop the caller's timer; ``None`` if it had run for less than a minute (discarded)."""
    now = _seconds(clock.now())
    stopped = await entry_rows.stop_running_row(session, principal.id, now, SHORTEST_TIMER)
    if stopped is not None:
        return to_read(stopped, principal)
    # Nothing stopped: no timer runs, or it started less than a minute ago.
    running = await repo.running_entry(session, principal.id, for_update=True)
    if running is None:
        raise Conflict("No timer is running.", code="no_timer_running")
    entry_id = running.id
    await _stop(session, running, now)
    if await session.get(TimeEntry, entry_id) is None:
        return None
    return await read(session, principal, entry_id)
