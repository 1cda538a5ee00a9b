"""SQL for one person's week (submission and approval) and the weeks waiting for review."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, and_, func, literal_column, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.service import Principal
from workmate.models import Employee, TimeEntry
from workmate.time_tracking.pricing import BILLABLE_MINUTES, DURATION_MINUTES, with_pricing
from workmate.time_tracking.repository import LOCAL_DATE, LOCAL_START, reviewable_by


def in_week(employee_id: uuid.UUID, week_start: date) -> ColumnElement[bool]:
    """Entries of the employee whose start lies in the week, in the entry's own zone."""
    # The UTC pre-filter (a day of slack each side covers every zone) lets the index work.
    lower = datetime(week_start.year, week_start.month, week_start.day, tzinfo=UTC)
    lower -= timedelta(days=1)
    upper = lower + timedelta(days=9)
    return and_(
        TimeEntry.employee_id == employee_id,
        TimeEntry.started_at >= lower,
        TimeEntry.started_at < upper,
        week_start <= LOCAL_DATE,
        week_start + timedelta(days=7) > LOCAL_DATE,
    )


async def week_counts(
    session: AsyncSession,
    employee_id: uuid.UUID,
    week_start: date,
    scope: ColumnElement[bool] | None = None,
) -> Any:
    """Counts of one employee's week; ``scope`` narrows it to the entries a reviewer may see."""
    stmt = select(
        func.count().filter(TimeEntry.status == "open").label("open"),
        func.count().filter(TimeEntry.status == "submitted").label("submitted"),
        func.count().filter(TimeEntry.status == "approved").label("approved"),
        func.count().filter(TimeEntry.status == "rejected").label("rejected"),
        func.coalesce(func.sum(DURATION_MINUTES), 0).label("minutes"),
        func.count().filter(TimeEntry.ended_at.is_(None)).label("running"),
    ).where(in_week(employee_id, week_start), scope if scope is not None else true())
    return (await session.execute(stmt)).one()


async def latest_comment(
    session: AsyncSession,
    employee_id: uuid.UUID,
    week_start: date,
    scope: ColumnElement[bool] | None = None,
) -> str | None:
    stmt = (
        select(TimeEntry.review_comment)
        .where(
            in_week(employee_id, week_start),
            TimeEntry.review_comment.is_not(None),
            scope if scope is not None else true(),
        )
        .order_by(TimeEntry.reviewed_at.desc().nulls_last())
        .limit(1)
    )
    return await session.scalar(stmt)


# Sort keys of the pending weeks, by the labels of ``pending_weeks_statement``'s columns.
PENDING_SORTABLE: dict[str, Any] = {
    "week_start": literal_column("week_start"),
    "employee": func.lower(Employee.name),
    "submitted_at": literal_column("submitted_at"),
}


def pending_weeks_statement(principal: Principal, *, own: bool) -> Select[Any]:
    week = func.date_trunc("week", LOCAL_START).cast(Date)
    return (
        with_pricing(
            select(
                Employee.id.label("employee_id"),
                Employee.name.label("employee_name"),
                week.label("week_start"),
                func.count().label("entries"),
                func.coalesce(func.sum(DURATION_MINUTES), 0).label("minutes"),
                func.coalesce(func.sum(BILLABLE_MINUTES), 0).label("billable_minutes"),
                func.max(TimeEntry.submitted_at).label("submitted_at"),
            )
        )
        .join(Employee, Employee.id == TimeEntry.employee_id)
        .where(TimeEntry.status == "submitted", reviewable_by(principal, own=own))
        .group_by(Employee.id, Employee.name, week)
    )
