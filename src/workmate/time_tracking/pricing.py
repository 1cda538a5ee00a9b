"""Billable minutes, resolved rate and value of time entries, as SQL (DESIGN.md 6).

Every list, sum and statistic selects these expressions over ``priced_entries()``, so an
entry's value is the same wherever it appears. Rate resolution, most specific first:
entry override > project member rate > project rate > customer rate > company default.
Value = billable minutes (rounded) x rate / 60, rounded half up to cents, per entry; sums add
the per-entry values so a total always equals the sum of its lines.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Numeric,
    Select,
    and_,
    case,
    func,
    literal,
    null,
    select,
)
from sqlalchemy.orm import aliased

from workmate.models import CompanySettings, Customer, Project, ProjectMember, TimeEntry

Member = aliased(ProjectMember, name="rate_member")

MODE: ColumnElement[str] = func.coalesce(
    Project.rounding_mode, CompanySettings.time_rounding_mode, literal("none")
)
STEP: ColumnElement[int] = func.coalesce(
    Project.rounding_minutes, CompanySettings.time_rounding_minutes, literal(1)
)
SECONDS = TimeEntry.duration_seconds


def _int_div(a: Any, b: Any) -> ColumnElement[int]:
    # PostgreSQL's integer division truncates; all operands here are non-negative.
    return func.div(a, b).cast(Integer)


def rounded_minutes_sql(seconds: Any, mode: Any, step: Any) -> ColumnElement[int]:
    """SQL twin of ``workmate.time_tracking.rounding.rounded_minutes``."""
    unit = step * 60
    return case(
        (mode == "up", _int_div(seconds + unit - 1, unit) * step),
        (mode == "down", _int_div(seconds, unit) * step),
        (mode == "nearest", _int_div(seconds + step * 30, unit) * step),
        else_=_int_div(seconds + 30, 60),
    )


DURATION_MINUTES: ColumnElement[int] = _int_div(SECONDS + 30, 60)
ROUNDED_MINUTES: ColumnElement[int] = rounded_minutes_sql(SECONDS, MODE, STEP)
BILLABLE_MINUTES: ColumnElement[int] = case(
    (SECONDS.is_(None), null()), (TimeEntry.billable, ROUNDED_MINUTES), else_=literal(0)
)
RATE: ColumnElement[Decimal] = func.coalesce(
    TimeEntry.hourly_rate,
    Member.hourly_rate,
    Project.hourly_rate,
    Customer.hourly_rate,
    CompanySettings.default_hourly_rate,
    literal(Decimal("0"), Numeric(12, 2)),
)


def _money(minutes: ColumnElement[int]) -> ColumnElement[Decimal]:
    return func.round(minutes.cast(Numeric) * RATE / 60, 2)


VALUE: ColumnElement[Decimal] = _money(BILLABLE_MINUTES)
# Value of all recorded time (billable or not) at the resolved rates: what the budget measures.
WORK_VALUE: ColumnElement[Decimal] = _money(ROUNDED_MINUTES)


def with_pricing(stmt: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    """Join what the pricing expressions need onto a statement selecting from time_entries."""
    return (
        stmt.join(Project, Project.id == TimeEntry.project_id)
        .join(Customer, Customer.id == Project.customer_id)
        .outerjoin(
            Member,
            and_(
                Member.project_id == TimeEntry.project_id,
                Member.employee_id == TimeEntry.employee_id,
            ),
        )
        .outerjoin(CompanySettings, CompanySettings.id == 1)
    )


def priced_entries() -> Select[*tuple[Any, ...]]:
    """One row per time entry with its pricing columns; wrap it as a subquery to aggregate."""
    return with_pricing(
        select(
            TimeEntry.id,
            TimeEntry.employee_id,
            TimeEntry.project_id,
            Project.customer_id,
            TimeEntry.started_at,
            TimeEntry.time_zone,
            TimeEntry.billable,
            TimeEntry.status,
            TimeEntry.invoiced_at,
            DURATION_MINUTES.label("duration_minutes"),
            ROUNDED_MINUTES.label("rounded_minutes"),
            BILLABLE_MINUTES.label("billable_minutes"),
            RATE.label("rate"),
            VALUE.label("value"),
            WORK_VALUE.label("work_value"),
        )
    )
