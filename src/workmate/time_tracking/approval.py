"""Week approval: submit, withdraw, approve, reject (issue 3, "Approval").

A week is the ISO week (Monday to Sunday) of each entry's start in the entry's own time zone.
Status lives on the entries, so a week can be partly approved (entries on projects of
different leads) and new entries added later can be submitted later.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, literal_column, update
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.permissions import Permission
from workmate.auth.schemas import Ref
from workmate.auth.service import Principal
from workmate.core import clock
from workmate.core.errors import BusinessRuleViolation, Conflict, Forbidden, field_error
from workmate.core.pagination import Page, PageParams, paginate, sort_clauses
from workmate.models import TimeEntry
from workmate.settings import service as settings_service
from workmate.time_tracking import repository as repo
from workmate.time_tracking import weeks
from workmate.time_tracking.schemas import PendingWeek, ReviewResult, Week, WeekCounts


def check_monday(week_start: date) -> None:
    if week_start.isoweekday() != 1:
        raise BusinessRuleViolation(
            "A week starts on a Monday.",
            code="not_a_monday",
            errors=[field_error("week_start", "Use the Monday of the week.", "not_a_monday")],
        )


def _state(counts: Any) -> str:
    total = counts.open + counts.submitted + counts.approved + counts.rejected
    if total == 0:
        return "empty"
    if counts.rejected:
        return "rejected"
    if counts.open:
        return "open"
    if counts.submitted:
        return "partly_approved" if counts.approved else "submitted"
    return "approved"


async def week(
    session: AsyncSession,
    employee_id: uuid.UUID,
    week_start: date,
    scope: ColumnElement[bool] | None = None,
) -> Week:
    check_monday(week_start)
    row = await weeks.week_counts(session, employee_id, week_start, scope)
    return Week(
        employee_id=employee_id,
        week_start=week_start,
        status=_state(row),
        counts=WeekCounts(
            open=row.open, submitted=row.submitted, approved=row.approved, rejected=row.rejected
        ),
        minutes=row.minutes,
        running=row.running > 0,
        review_comment=await weeks.latest_comment(session, employee_id, week_start, scope),
    )


async def read_week(
    session: AsyncSession, principal: Principal, employee_id: uuid.UUID | None, week_start: date
) -> Week:
    employee_id = employee_id or principal.id
    if employee_id != principal.id and not (
        principal.has(Permission.time_read_all) or principal.has(Permission.time_approve)
    ):
        raise Forbidden("You may only see your own weeks.", code="not_own_time_entry")
    if employee_id == principal.id:
        return await week(session, employee_id, week_start)
    # A reviewer without time.read_all sees only the entries on projects they lead.
    return await week(session, employee_id, week_start, repo.visible_to(principal))


async def submit(session: AsyncSession, principal: Principal, week_start: date) -> ReviewResult:
    check_monday(week_start)
    current = await weeks.week_counts(session, principal.id, week_start)
    if current.running:
        raise Conflict(
            "A timer is still running in this week. Stop it before submitting.",
            code="timer_running",
        )
    result = await session.execute(
        update(TimeEntry)
        .where(
            weeks.in_week(principal.id, week_start),
            TimeEntry.status.in_(("open", "rejected")),
            TimeEntry.invoiced_at.is_(None),
        )
        .values(status="submitted", submitted_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    changed = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if changed == 0:
        raise Conflict("There is nothing to submit in this week.", code="nothing_to_submit")
    return ReviewResult(changed=changed, week=await week(session, principal.id, week_start))


async def withdraw(session: AsyncSession, principal: Principal, week_start: date) -> ReviewResult:
    """Take a submitted (not yet reviewed) week back to edit it."""
    check_monday(week_start)
    result = await session.execute(
        update(TimeEntry)
        .where(weeks.in_week(principal.id, week_start), TimeEntry.status == "submitted")
        .values(status="open", submitted_at=None)
        .execution_options(synchronize_session=False)
    )
    changed = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if changed == 0:
        raise Conflict("Nothing in this week is waiting for approval.", code="nothing_submitted")
    return ReviewResult(changed=changed, week=await week(session, principal.id, week_start))


async def _own_allowed(session: AsyncSession) -> bool:
    """Whether anyone may approve their own week: off unless the company allows it (a company of
    one has nobody else to ask); the four-eyes rule otherwise holds for management too."""
    return (await settings_service.get(session)).allow_self_approval


async def pending(
    session: AsyncSession, principal: Principal, paging: PageParams, sort: str | None
) -> Page[PendingWeek]:
    stmt = weeks.pending_weeks_statement(principal, own=await _own_allowed(session))
    order = sort_clauses(sort, weeks.PENDING_SORTABLE, "submitted_at", literal_column("week_start"))
    rows, total = await paginate(
        session, stmt, paging, [*order, literal_column("employee_name")], scalars=False
    )
    return Page(
        items=[
            PendingWeek(
                employee=Ref(id=r[0], name=r[1]),
                week_start=r[2],
                entries=r[3],
                minutes=r[4],
                billable_minutes=r[5],
                submitted_at=r[6],
            )
            for r in rows
        ],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


async def review(
    session: AsyncSession,
    principal: Principal,
    employee_id: uuid.UUID,
    week_start: date,
    *,
    approve: bool,
    comment: str | None,
) -> ReviewResult:
    """Approve or reject the submitted entries of a week that the caller may review."""
    check_monday(week_start)
    own = await _own_allowed(session)
    if employee_id == principal.id and not own:
        raise Forbidden(
            "You cannot approve your own time; someone else approves it (or the company "
            "settings allow approving one's own week).",
            code="own_time",
        )
    result = await session.execute(
        update(TimeEntry)
        .where(
            weeks.in_week(employee_id, week_start),
            TimeEntry.status == "submitted",
            repo.reviewable_by(principal, own=own),
        )
        .values(
            status="approved" if approve else "rejected",
            reviewed_at=clock.now(),
            reviewed_by_id=principal.id,
            review_comment=comment,
        )
        .execution_options(synchronize_session=False)
    )
    changed = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if changed == 0:
        raise Conflict(
            "No submitted entries in this week that you may review.", code="nothing_to_review"
        )
    return ReviewResult(changed=changed, week=await week(session, employee_id, week_start))
