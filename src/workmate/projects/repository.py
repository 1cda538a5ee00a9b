"""SQL for projects. Row-level visibility lives in ``visible_to`` and nowhere else."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, case, exists, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, joinedload, selectinload

from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.references import ids_among, labels_among, like_pattern
from workmate.links import IdColumn
from workmate.models import Customer, Department, Employee, Project, ProjectMember, TimeEntry
from workmate.time_tracking.pricing import DURATION_MINUTES, priced_entries

SORTABLE: dict[str, Any] = {
    "number": Project.number,
    "title": func.lower(Project.title),
    "customer": func.lower(Customer.name),
    "status": Project.status,
    "priority": case({"low": 0, "normal": 1, "high": 2, "urgent": 3}, value=Project.priority),
    "start_date": Project.start_date,
    "end_date": Project.end_date,
    "deadline": Project.deadline,
    "created_at": Project.created_at,
}


def visible_to(principal: Principal) -> ColumnElement[bool]:
    """Projects the caller may see: all with projects.read_all, else those they lead or join."""
    if principal.has(Permission.projects_read_all):
        return true()
    return leads_or_joins(principal.id)


def leads_or_joins(employee_id: uuid.UUID) -> ColumnElement[bool]:
    """The employee leads the project or is one of its members."""
    return or_(
        Project.lead_id == employee_id,
        exists().where(
            ProjectMember.project_id == Project.id, ProjectMember.employee_id == employee_id
        ),
    )


def logged_minutes() -> ColumnElement[int]:
    return (
        select(func.coalesce(func.sum(DURATION_MINUTES), 0))
        .where(TimeEntry.project_id == Project.id, TimeEntry.ended_at.is_not(None))
        .correlate(Project)
        .scalar_subquery()
    )


SUMMARY_COLUMNS = (
    "id", "number", "title", "customer_id", "lead_id", "department_id", "status", "priority",
    "start_date", "end_date", "deadline", "billing_type", "budget_hours", "budget_amount",
    "created_at",
)  # fmt: skip
_Lead = aliased(Employee, name="lead")


def list_statement(
    principal: Principal,
    *,
    q: str | None,
    customer_id: uuid.UUID | None,
    statuses: Sequence[str] | None,
    lead_id: uuid.UUID | None,
    member_id: uuid.UUID | None,
    department_id: uuid.UUID | None,
    priority: str | None,
) -> Select[Any]:
    """Summary rows of the visible projects: plain columns with the customer's, lead's and
    department's names and the logged minutes (a list shows no more; no ORM entities)."""
    stmt = (
        select(
            *(Project.__table__.c[name] for name in SUMMARY_COLUMNS),
            Customer.name.label("customer_name"),
            _Lead.name.label("lead_name"),
            Department.name.label("department_name"),
            logged_minutes().label("logged_minutes"),
        )
        .join_from(Project, Customer, Customer.id == Project.customer_id)
        .outerjoin(_Lead, _Lead.id == Project.lead_id)
        .outerjoin(Department, Department.id == Project.department_id)
        .where(visible_to(principal))
    )
    if q:
        stmt = stmt.where(Project.search_text.like(like_pattern(q)))
    if customer_id is not None:
        stmt = stmt.where(Project.customer_id == customer_id)
    if statuses:
        stmt = stmt.where(Project.status.in_(statuses))
    if lead_id is not None:
        stmt = stmt.where(Project.lead_id == lead_id)
    if member_id is not None:
        stmt = stmt.where(
            exists().where(
                ProjectMember.project_id == Project.id, ProjectMember.employee_id == member_id
            )
        )
    if department_id is not None:
        stmt = stmt.where(Project.department_id == department_id)
    if priority is not None:
        stmt = stmt.where(Project.priority == priority)
    return stmt


async def get(
    session: AsyncSession,
    project_id: uuid.UUID,
    principal: Principal | None,
    *,
    for_update: bool = False,
) -> tuple[Project, int] | None:
    """The project with members and its logged minutes, if ``principal`` may see it."""
    stmt = (
        select(Project, logged_minutes().label("logged_minutes"))
        .where(Project.id == project_id)
        .options(
            joinedload(Project.customer),
            joinedload(Project.lead),
            joinedload(Project.department),
            selectinload(Project.members).joinedload(ProjectMember.employee),
        )
        .execution_options(populate_existing=True)
    )
    if principal is not None:
        stmt = stmt.where(visible_to(principal))
    if for_update:
        stmt = stmt.with_for_update(of=Project)
    row = (await session.execute(stmt)).unique().first()
    return (row[0], int(row[1])) if row else None


async def get_row(
    session: AsyncSession, project_id: uuid.UUID, principal: Principal
) -> Project | None:
    """The project row alone (no members, no logged minutes), if ``principal`` may see it."""
    stmt = select(Project).where(Project.id == project_id, visible_to(principal))
    return (await session.scalars(stmt)).first()


async def lock(session: AsyncSession, project_id: uuid.UUID) -> None:
    await session.execute(select(Project.id).where(Project.id == project_id).with_for_update())


async def has_time_entries(session: AsyncSession, project_id: uuid.UUID) -> bool:
    found = await session.scalar(
        select(TimeEntry.id).where(TimeEntry.project_id == project_id).limit(1)
    )
    return found is not None


async def with_membership(
    session: AsyncSession, project_id: uuid.UUID, employee_id: uuid.UUID
) -> tuple[Project, bool] | None:
    """The project row and whether the employee leads or joins it, in one statement."""
    stmt = select(Project, leads_or_joins(employee_id)).where(Project.id == project_id)
    row = (await session.execute(stmt)).first()
    return None if row is None else (row[0], bool(row[1]))


def _sums(priced: Any) -> list[Any]:
    c = priced.c
    return [
        func.coalesce(func.sum(c.duration_minutes), 0).label("minutes"),
        func.coalesce(func.sum(c.billable_minutes), 0).label("billable_minutes"),
        func.coalesce(func.sum(c.value), 0).label("value"),
        func.coalesce(func.sum(c.work_value), 0).label("work_value"),
    ]


async def stats(
    session: AsyncSession, project_id: uuid.UUID, company_zone: str, only: uuid.UUID | None
) -> tuple[Any, list[Any], list[Any]]:
    """Totals, per member (``only`` that employee, if given) and per month (company zone) of the
    project's entries, in SQL."""
    priced = priced_entries().where(TimeEntry.project_id == project_id).subquery("priced")
    c = priced.c
    finished = c.duration_minutes.is_not(None)
    not_invoiced = c.invoiced_at.is_(None)
    totals = (
        await session.execute(
            select(
                *_sums(priced),
                func.coalesce(func.sum(c.billable_minutes).filter(not_invoiced), 0).label(
                    "not_invoiced_minutes"
                ),
                func.coalesce(func.sum(c.value).filter(not_invoiced), 0).label(
                    "not_invoiced_value"
                ),
                func.count().filter(~finished).label("running"),
            )
        )
    ).one()
    by_member = (
        await session.execute(
            select(Employee.id, Employee.name, *_sums(priced))
            .join(Employee, Employee.id == c.employee_id)
            .where(finished, *([c.employee_id == only] if only is not None else []))
            .group_by(Employee.id, Employee.name)
            .order_by(func.sum(c.duration_minutes).desc(), Employee.name)
        )
    ).all()
    month = func.date_trunc("month", func.timezone(company_zone, c.started_at)).cast(Date)
    by_month = (
        await session.execute(
            select(month.label("month"), *_sums(priced))
            .where(finished)
            .group_by(month)
            .order_by(month)
        )
    ).all()
    return totals, list(by_member), list(by_month)


def visible_ids_sql(principal: Principal, ids: IdColumn) -> ColumnElement[bool]:
    """``ids`` (a column of project ids) names a project the caller may see (``visible_to``)."""
    if not (principal.has(Permission.projects_read) or principal.has(Permission.projects_read_all)):
        return false()
    if principal.has(Permission.projects_read_all):
        return true()
    return ids.in_(select(Project.id).where(leads_or_joins(principal.id)))


async def visible_ids(
    session: AsyncSession, principal: Principal, ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    return await ids_among(session, Project.id, ids, visible_to(principal))


async def labels(
    session: AsyncSession, ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, tuple[str | None, str]]:
    return await labels_among(session, Project.id, Project.number, Project.title, ids)


async def search(session: AsyncSession, principal: Principal, q: str, limit: int) -> list[Any]:
    """Visible projects whose number or title contains ``q`` (command palette), open first."""
    stmt = (
        select(Project.id, Project.number, Project.title, Project.status, Customer.name)
        .join(Customer, Customer.id == Project.customer_id)
        .where(visible_to(principal), Project.search_text.like(like_pattern(q)))
        .order_by(Project.status.in_(("completed", "cancelled")), Project.number.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).all())
