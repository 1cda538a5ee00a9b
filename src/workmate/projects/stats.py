"""Project statistics: hours, values and budget use, from SQL aggregates."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.schemas import Ref
from workmate.auth.service import Principal
from workmate.core.errors import NotFound
from workmate.projects import financials
from workmate.projects import repository as repo
from workmate.projects.schemas import MemberStats, MonthStats, ProjectStats


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def _percent(used: Decimal, budget: Decimal | None) -> Decimal | None:
    if budget is None or budget == 0:
        return None
    return (used * 100 / budget).quantize(Decimal("0.1"))


async def stats(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, company_zone: str
) -> ProjectStats:
    """The project's time and, with projects.financials, its value and budget use in money.
    Per colleague only for the lead and those who see all projects or all time; a plain member
    gets the totals and their own share (``service.sees_colleagues_time``)."""
    project = await repo.get_row(session, project_id, principal)
    if project is None:
        raise NotFound("Project not found.")
    only = None if financials.sees_colleagues_time(principal, project.lead_id) else principal.id
    totals, by_member, by_month = await repo.stats(session, project.id, company_zone, only)
    money = financials.sees_money(principal)

    def shown(value: Decimal) -> Decimal | None:
        return value if money else None

    used_hours = hours(int(totals.minutes))
    return ProjectStats(
        project_id=project.id,
        minutes=totals.minutes,
        billable_minutes=totals.billable_minutes,
        not_invoiced_minutes=totals.not_invoiced_minutes,
        hours=used_hours,
        billable_hours=hours(int(totals.billable_minutes)),
        not_invoiced_hours=hours(int(totals.not_invoiced_minutes)),
        value=shown(totals.value),
        not_invoiced_value=shown(totals.not_invoiced_value),
        work_value=shown(totals.work_value),
        running_entries=totals.running,
        budget_hours=project.budget_hours,
        budget_amount=project.budget_amount if money else None,
        budget_hours_used_percent=_percent(Decimal(totals.minutes) / 60, project.budget_hours),
        budget_amount_used_percent=(
            _percent(Decimal(totals.work_value), project.budget_amount) if money else None
        ),
        by_member=[
            MemberStats(
                employee=Ref(id=r.id, name=r.name),
                minutes=r.minutes,
                billable_minutes=r.billable_minutes,
                value=shown(r.value),
                work_value=shown(r.work_value),
            )
            for r in by_member
        ],
        by_month=[
            MonthStats(
                month=r.month,
                minutes=r.minutes,
                billable_minutes=r.billable_minutes,
                value=shown(r.value),
                work_value=shown(r.work_value),
            )
            for r in by_month
        ],
    )
