"""SQL for time entries. Row-level visibility lives in ``visible_to`` and nowhere else."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    and_,
    bindparam,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.pagination import sort_clauses
from workmate.models import Customer, Employee, Project, TimeEntry
from workmate.time_tracking.pricing import (
    BILLABLE_MINUTES,
    DURATION_MINUTES,
    RATE,
    VALUE,
    with_pricing,
)

LOCAL_START = func.timezone(TimeEntry.time_zone, TimeEntry.started_at)
LOCAL_DATE: ColumnElement[date] = LOCAL_START.cast(Date)

SORTABLE: dict[str, Any] = {
    "started_at": TimeEntry.started_at,
    "duration": TimeEntry.duration_seconds,
    "employee": func.lower(Employee.name),
    "project": Project.number,
    "created_at": TimeEntry.created_at,
}


def led_projects(employee_id: uuid.UUID | ColumnElement[Any]) -> Select[uuid.UUID]:
    return select(Project.id).where(Project.lead_id == employee_id)


def visible_to(principal: Principal) -> ColumnElement[bool]:
    """Own entries; all with time.read_all; a lead also sees entries on projects they lead."""
    if principal.has(Permission.time_read_all):
        return true()
    return or_(
        TimeEntry.employee_id == principal.id,
        TimeEntry.project_id.in_(led_projects(principal.id)),
    )


def reviewable_by(principal: Principal, *, own: bool = False) -> ColumnElement[bool]:
    """Entries the caller may approve: all with time.read_all, else those on projects they lead;
    their own only with ``own`` (the company setting ``allow_self_approval``)."""
    scope: ColumnElement[bool] = (
        true()
        if principal.has(Permission.time_read_all)
        else TimeEntry.project_id.in_(led_projects(principal.id))
    )
    return scope if own else and_(scope, TimeEntry.employee_id != principal.id)


@dataclass
class Filters:
    employee_id: uuid.UUID | None = None
    project_id: uuid.UUID | None = None
    customer_id: uuid.UUID | None = None
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    billable: bool | None = None
    statuses: Sequence[str] | None = None
    invoiced: bool | None = None
    running: bool | None = None


# Lists, totals and summaries are prebuilt once per *shape* (which filters are set, whether the
# caller sees every entry, the sort) with bind parameters for the values, and reused: building
# these wide, priced statements and computing their cache keys cost ~1.6 ms of CPU per request,
# more than running them. Values only ever travel as parameters, so a cached statement holds
# nothing of the request that made it.
Shape = tuple[Any, ...]


def shape_of(principal: Principal, f: Filters) -> tuple[Shape, dict[str, Any]]:
    """The filter's structure (a cache key) and the parameter values that go with it."""
    sees_all = principal.has(Permission.time_read_all)
    params: dict[str, Any] = {} if sees_all else {"te_viewer": principal.id}
    for name in ("employee_id", "project_id", "customer_id", "starts_from", "starts_before"):
        value = getattr(f, name)
        if value is not None:
            params[f"te_{name}"] = value
    if f.statuses:
        params["te_statuses"] = list(f.statuses)
    shape = (
        sees_all,
        *(getattr(f, n) is not None for n in ("employee_id", "project_id", "customer_id")),
        f.starts_from is not None,
        f.starts_before is not None,
        f.billable,
        bool(f.statuses),
        f.invoiced,
        f.running,
    )
    return shape, params


def _conditions(shape: Shape) -> list[ColumnElement[bool]]:
    (sees_all, employee, project, customer, starts_from, starts_before, billable, statuses,
     invoiced, running) = shape  # fmt: skip
    where: list[ColumnElement[bool]] = []
    if not sees_all:
        viewer = bindparam("te_viewer", type_=TimeEntry.employee_id.type)
        where.append(
            or_(TimeEntry.employee_id == viewer, TimeEntry.project_id.in_(led_projects(viewer)))
        )
    if employee:
        where.append(TimeEntry.employee_id == bindparam("te_employee_id"))
    if project:
        where.append(TimeEntry.project_id == bindparam("te_project_id"))
    if customer:
        where.append(Project.customer_id == bindparam("te_customer_id"))
    if starts_from:
        where.append(TimeEntry.started_at >= bindparam("te_starts_from"))
    if starts_before:
        where.append(TimeEntry.started_at < bindparam("te_starts_before"))
    if billable is not None:
        where.append(TimeEntry.billable.is_(billable))
    if statuses:
        where.append(TimeEntry.status.in_(bindparam("te_statuses", expanding=True)))
    if invoiced is not None:
        done = TimeEntry.invoiced_at.is_not(None)
        where.append(done if invoiced else ~done)
    if running is not None:
        open_ = TimeEntry.ended_at.is_(None)
        where.append(open_ if running else ~open_)
    return where


def entry_select() -> Select[Any]:
    """Entries with everything the read schema shows, in one statement (no lazy loads), as
    plain rows: lists only read them, and ORM entities cost ~20 % more CPU per page."""
    return with_pricing(
        select(
            *TimeEntry.__table__.c,
            Employee.name.label("employee_name"),
            Project.number.label("project_number"),
            Project.title.label("project_title"),
            Customer.id.label("customer_id"),
            Customer.name.label("customer_name"),
            LOCAL_DATE.label("local_date"),
            DURATION_MINUTES.label("duration_minutes"),
            BILLABLE_MINUTES.label("billable_minutes"),
            RATE.label("rate"),
            VALUE.label("value"),
        )
    ).join(Employee, Employee.id == TimeEntry.employee_id)


def sums_columns(minutes: Any, billable: Any, value: Any) -> list[Any]:
    return [
        func.count().label("entries"),
        func.coalesce(func.sum(minutes), 0).label("minutes"),
        func.coalesce(func.sum(billable), 0).label("billable_minutes"),
        func.coalesce(func.sum(value), 0).label("value"),
    ]


@functools.lru_cache(maxsize=256)
def _totals_template(shape: Shape, finished_only: bool) -> Select[Any]:
    """Count and sums over the same rows as ``entry_select`` with the filters, aggregated in
    place (a subquery of the wide entry select copied every column per request)."""
    stmt = with_pricing(select(*sums_columns(DURATION_MINUTES, BILLABLE_MINUTES, VALUE))).join(
        Employee, Employee.id == TimeEntry.employee_id
    )
    stmt = stmt.where(*_conditions(shape))
    return stmt.where(TimeEntry.ended_at.is_not(None)) if finished_only else stmt


@functools.lru_cache(maxsize=256)
def _page_template(shape: Shape, sort: str) -> Select[Any]:
    order = sort_clauses(sort, SORTABLE, "-started_at", TimeEntry.id)
    return (
        entry_select()
        .where(*_conditions(shape))
        .order_by(*order)
        .limit(bindparam("te_limit"))
        .offset(bindparam("te_offset"))
    )


TOTALS = ("entries", "minutes", "billable_minutes", "value")


@functools.lru_cache(maxsize=256)
def _bounded_page_template(shape: Shape, sort: str) -> Select[Any]:
    """Page and totals in one statement, for filters that bound the rows to one person's period.

    The priced rows are computed once (a CTE referenced twice is materialised), then summed and
    paged; the two-statement form joins and prices every row of the filter twice. Every result
    row carries the totals; a page past the end is one row of totals with NULL entry columns.
    """
    rows = entry_select().where(*_conditions(shape)).cte("te_rows")
    page = (
        select(rows)
        .order_by(*_sort_over(rows, sort))
        .limit(bindparam("te_limit"))
        .offset(bindparam("te_offset"))
        .lateral("te_page")
    )
    totals = select(
        *sums_columns(rows.c.duration_minutes, rows.c.billable_minutes, rows.c.value)
    ).subquery("te_totals")
    return (
        select(page, *(totals.c[name].label(f"total_{name}") for name in TOTALS))
        .select_from(totals)
        .outerjoin(page, true())
        .order_by(*_sort_over(page, sort))
    )


def _sort_over(rows: Any, sort: str) -> list[ColumnElement[Any]]:
    """``SORTABLE`` for a selectable with ``entry_select``'s columns."""
    sortable = {
        "started_at": rows.c.started_at,
        "duration": rows.c.duration_seconds,
        "employee": func.lower(rows.c.employee_name),
        "project": rows.c.project_number,
        "created_at": rows.c.created_at,
    }
    return sort_clauses(sort, sortable, "-started_at", rows.c.id)


async def list_page(
    session: AsyncSession,
    principal: Principal,
    f: Filters,
    sort: str,
    limit: int,
    offset: int,
) -> tuple[list[Any], Any]:
    """One page of rows plus count and sums over the whole filter (one statement for one
    person's period, else two).
    ``sort``: a validated sort key of ``SORTABLE`` (``-`` for descending)."""
    shape, params = shape_of(principal, f)
    params.update(te_limit=limit, te_offset=offset)
    if f.employee_id is not None and f.starts_from is not None and f.starts_before is not None:
        result = (await session.execute(_bounded_page_template(shape, sort), params)).all()
        first = result[0]
        sums = SimpleNamespace(**{name: first._mapping[f"total_{name}"] for name in TOTALS})
        return [row for row in result if row.id is not None], sums
    totals = (await session.execute(_totals_template(shape, False), params)).one()
    rows = await session.execute(_page_template(shape, sort), params)
    return list(rows.all()), totals


async def get_for_update(
    session: AsyncSession, principal: Principal, entry_id: uuid.UUID
) -> TimeEntry | None:
    stmt = (
        select(TimeEntry)
        .where(TimeEntry.id == entry_id, visible_to(principal))
        .with_for_update(of=TimeEntry)
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(stmt)).first()


async def running_entry(
    session: AsyncSession, employee_id: uuid.UUID, *, for_update: bool = False
) -> TimeEntry | None:
    stmt = select(TimeEntry).where(
        TimeEntry.employee_id == employee_id, TimeEntry.ended_at.is_(None)
    )
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt.execution_options(populate_existing=True))).first()


@functools.lru_cache(maxsize=256)
def _summary_template(shape: Shape, group: str, by: str) -> Select[Any]:
    period = func.date_trunc(group, LOCAL_START).cast(Date).label("period")
    if by == "project":
        key: Any = Project.id
        label: Any = Project.number + " " + Project.title
    else:
        key, label = Employee.id, Employee.name
    return (
        with_pricing(
            select(
                period,
                key.label("id"),
                label.label("label"),
                func.sum(DURATION_MINUTES).label("minutes"),
                func.sum(BILLABLE_MINUTES).label("billable_minutes"),
                func.sum(VALUE).label("value"),
            )
        )
        .join(Employee, Employee.id == TimeEntry.employee_id)
        .where(*_conditions(shape), TimeEntry.ended_at.is_not(None))
        .group_by(period, key, label)
        .order_by(period, label)
    )


async def summary_rows(
    session: AsyncSession, principal: Principal, f: Filters, group: str, by: str
) -> tuple[list[Any], Any]:
    shape, params = shape_of(principal, f)
    rows = (await session.execute(_summary_template(shape, group, by), params)).all()
    totals = (await session.execute(_totals_template(shape, True), params)).one()
    return list(rows), totals


async def day_entries(
    session: AsyncSession, employee_id: uuid.UUID, start: datetime, end: datetime
) -> list[TimeEntry]:
    """The employee's entries touching [start, end), oldest first."""
    stmt = (
        select(TimeEntry)
        .where(
            TimeEntry.employee_id == employee_id,
            TimeEntry.started_at < end,
            or_(TimeEntry.ended_at.is_(None), TimeEntry.ended_at > start),
        )
        .order_by(TimeEntry.started_at)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return list((await session.scalars(stmt)).all())


async def lock_employee(session: AsyncSession, employee_id: uuid.UUID) -> Employee | None:
    """Serialise grid writes of one employee (the exclusion constraint still has the last word)."""
    stmt = select(Employee).where(Employee.id == employee_id).with_for_update()
    return (await session.scalars(stmt)).first()
