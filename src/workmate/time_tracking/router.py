from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends, Query, status

from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.db import DbSession
from workmate.core.errors import (
    BusinessRuleViolation,
    Conflict,
    Forbidden,
    NotFound,
    field_error,
    responses,
)
from workmate.core.inputs import Day
from workmate.core.pagination import Page, PageParams, page_params
from workmate.core.routing import Router
from workmate.time_tracking import approval, grid, service
from workmate.time_tracking import repository as repo
from workmate.time_tracking.schemas import (
    EntrySort,
    EntryStatus,
    GridCell,
    GridCellResult,
    PendingWeek,
    PendingWeekSort,
    ReviewResult,
    Summary,
    SummaryBy,
    SummaryGroup,
    TimeEntry,
    TimeEntryCreate,
    TimeEntryPage,
    TimeEntryUpdate,
    TimerStart,
    Week,
    WeekRejection,
    WeekReview,
)

router = Router(prefix="/time-entries", tags=["time-entries"])

Reader = Annotated[Principal, require(Permission.time_read_own)]
Writer = Annotated[Principal, require(Permission.time_write_own)]
Approver = Annotated[Principal, require(Permission.time_approve)]
WRITE_ERRORS = responses(NotFound, Forbidden, Conflict, BusinessRuleViolation)
MAX_RANGE_DAYS = 3 * 366

FromDate = Annotated[
    Day | None, Query(alias="from", description="First day, in the caller's time zone")
]
ToDate = Annotated[Day | None, Query(alias="to", description="Last day, in the caller's zone")]


def _bounds(
    principal: Principal, from_date: date | None, to_date: date | None
) -> tuple[datetime | None, datetime | None]:
    """Local days of the caller -> UTC instants [from 00:00, day after `to` 00:00)."""
    if from_date and to_date and to_date < from_date:
        raise BusinessRuleViolation(
            "'to' must not be before 'from'.",
            code="invalid_range",
            errors=[field_error("to", "Must not be before 'from'.", "invalid_range")],
        )
    zone = ZoneInfo(principal.time_zone)
    lower = datetime.combine(from_date, time(0), zone).astimezone(UTC) if from_date else None
    upper = (
        datetime.combine(to_date + timedelta(days=1), time(0), zone).astimezone(UTC)
        if to_date
        else None
    )
    return lower, upper


@router.get("", response_model=TimeEntryPage)
async def list_time_entries(
    principal: Reader,
    session: DbSession,
    paging: Annotated[PageParams, Depends(page_params)],
    from_date: FromDate = None,
    to_date: ToDate = None,
    employee_id: uuid.UUID | None = None,
    project_id: uuid.UUID | None = None,
    customer_id: uuid.UUID | None = None,
    billable: bool | None = None,
    status: Annotated[list[EntryStatus] | None, Query(max_length=4)] = None,
    invoiced: bool | None = None,
    running: bool | None = None,
    sort: EntrySort = EntrySort.started_at_desc,
) -> TimeEntryPage:
    """Entries the caller may see, with sums (hours, billable hours, value) over the filter.

    Own entries; all with time.read_all; a project lead also sees entries on their projects.
    """
    lower, upper = _bounds(principal, from_date, to_date)
    filters = repo.Filters(
        employee_id=employee_id,
        project_id=project_id,
        customer_id=customer_id,
        starts_from=lower,
        starts_before=upper,
        billable=billable,
        statuses=status,
        invoiced=invoiced,
        running=running,
    )
    rows, totals = await repo.list_page(
        session, principal, filters, sort.value, paging.limit, paging.offset
    )
    return TimeEntryPage(
        items=service.to_reads(rows, principal),
        total=totals.entries,
        limit=paging.limit,
        offset=paging.offset,
        sums=service.sums(totals, principal),
    )


@router.post(
    "", response_model=TimeEntry, status_code=status.HTTP_201_CREATED, responses=WRITE_ERRORS
)
async def create_time_entry(
    body: TimeEntryCreate, principal: Writer, session: DbSession
) -> TimeEntry:
    """A finished entry. Overlapping another entry of the person is 409 ``time_entry_overlap``."""
    return await service.create(session, principal, body)


@router.get("/timer", response_model=TimeEntry | None)
async def current_timer(principal: Reader, session: DbSession) -> TimeEntry | None:
    """The caller's running entry, or null."""
    return await service.current_timer(session, principal)


@router.post(
    "/timer/start",
    response_model=TimeEntry,
    status_code=status.HTTP_201_CREATED,
    responses=WRITE_ERRORS,
)
async def start_timer(body: TimerStart, principal: Writer, session: DbSession) -> TimeEntry:
    """409 ``timer_already_running`` unless ``stop_running`` stops the running one first."""
    return await service.start_timer(session, principal, body)


@router.post("/timer/stop", response_model=TimeEntry | None, responses=responses(Conflict))
async def stop_timer(principal: Writer, session: DbSession) -> TimeEntry | None:
    """The stopped entry (null if it ran under a second and was discarded)."""
    return await service.stop_timer(session, principal)


@router.get("/summary", response_model=Summary)
async def summary(
    principal: Reader,
    session: DbSession,
    from_date: Annotated[Day, Query(alias="from")],
    to_date: Annotated[Day, Query(alias="to")],
    group: SummaryGroup = "day",
    by: SummaryBy = "project",
    employee_id: uuid.UUID | None = None,
    project_id: uuid.UUID | None = None,
    customer_id: uuid.UUID | None = None,
    billable: bool | None = None,
) -> Summary:
    """Minutes and value per day/week/month (in each entry's zone) and project or employee.

    The week grid: ``group=day&by=project&employee_id=<me>&from=<Monday>&to=<Sunday>``.
    """
    if (to_date - from_date).days > MAX_RANGE_DAYS:
        raise BusinessRuleViolation(
            "The range may span at most three years.",
            code="range_too_long",
            params={"max_years": 3},
            errors=[
                field_error(
                    "to", "At most three years after 'from'.", "range_too_long", {"max_years": 3}
                )
            ],
        )
    lower, upper = _bounds(principal, from_date, to_date)
    filters = repo.Filters(
        employee_id=employee_id,
        project_id=project_id,
        customer_id=customer_id,
        starts_from=lower,
        starts_before=upper,
        billable=billable,
    )
    rows, totals = await repo.summary_rows(session, principal, filters, group, by)
    return Summary(
        group=group,
        by=by,
        from_date=from_date,
        to_date=to_date,
        rows=service.summary_rows(rows, principal),
        sums=service.sums(totals, principal),
    )


@router.put("/grid", response_model=GridCellResult, responses=WRITE_ERRORS)
async def set_grid_cell(body: GridCell, principal: Writer, session: DbSession) -> GridCellResult:
    """Make a project's total on a day equal ``minutes`` (see docs/domain/projects-and-time.md)."""
    return await grid.set_cell(session, principal, body)


@router.get("/weeks/pending", response_model=Page[PendingWeek])
async def pending_weeks(
    principal: Approver,
    session: DbSession,
    paging: Annotated[PageParams, Depends(page_params)],
    sort: PendingWeekSort | None = None,
) -> Page[PendingWeek]:
    """Submitted weeks the caller may review (leads: entries on their projects; one's own
    week only where the company allows approving it); the longest waiting first."""
    return await approval.pending(session, principal, paging, sort.value if sort else None)


@router.get("/weeks/{week_start}", response_model=Week, responses=responses(Forbidden))
async def read_week(
    week_start: Day,
    principal: Reader,
    session: DbSession,
    employee_id: uuid.UUID | None = None,
) -> Week:
    """Approval state of a week (default: the caller's)."""
    return await approval.read_week(session, principal, employee_id, week_start)


@router.post(
    "/weeks/{week_start}/submit", response_model=ReviewResult, responses=responses(Conflict)
)
async def submit_week(week_start: Day, principal: Writer, session: DbSession) -> ReviewResult:
    """Submit the caller's open and rejected entries of the week (Monday, in their zone)."""
    return await approval.submit(session, principal, week_start)


@router.post(
    "/weeks/{week_start}/withdraw", response_model=ReviewResult, responses=responses(Conflict)
)
async def withdraw_week(week_start: Day, principal: Writer, session: DbSession) -> ReviewResult:
    return await approval.withdraw(session, principal, week_start)


@router.post(
    "/weeks/{week_start}/approve",
    response_model=ReviewResult,
    responses=responses(Forbidden, Conflict),
)
async def approve_week(
    week_start: Day, body: WeekReview, principal: Approver, session: DbSession
) -> ReviewResult:
    """Approved entries are locked for the employee."""
    return await approval.review(
        session, principal, body.employee_id, week_start, approve=True, comment=body.comment
    )


@router.post(
    "/weeks/{week_start}/reject",
    response_model=ReviewResult,
    responses=responses(Forbidden, Conflict),
)
async def reject_week(
    week_start: Day, body: WeekRejection, principal: Approver, session: DbSession
) -> ReviewResult:
    """Rejected entries become editable again; the comment is shown with them."""
    return await approval.review(
        session, principal, body.employee_id, week_start, approve=False, comment=body.comment
    )


@router.get("/{entry_id}", response_model=TimeEntry, responses=responses(NotFound))
async def read_time_entry(entry_id: uuid.UUID, principal: Reader, session: DbSession) -> TimeEntry:
    return await service.read_visible(session, principal, entry_id)


@router.patch("/{entry_id}", response_model=TimeEntry, responses=WRITE_ERRORS)
async def update_time_entry(
    entry_id: uuid.UUID, body: TimeEntryUpdate, principal: Writer, session: DbSession
) -> TimeEntry:
    """Approved or submitted entries are locked for the employee, invoiced ones for everyone."""
    return await service.update_entry(session, principal, entry_id, body)


@router.delete("/{entry_id}", status_code=status.HTTP_204_NO_CONTENT, responses=WRITE_ERRORS)
async def delete_time_entry(entry_id: uuid.UUID, principal: Writer, session: DbSession) -> None:
    await service.delete_entry(session, principal, entry_id)
