"""A draft invoice from approved, billable, not yet invoiced time entries.

Lines group entries by task type, employee, month or one per entry (and by rate, since a line
has one price). Each line carries the service period of its entries, the resolved rate and the
rounded hours; the entries are linked to their line and locked as invoiced on finalizing.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.auth.service import Principal
from workmate.core.errors import BusinessRuleViolation, field_error
from workmate.core.money import round_cents
from workmate.invoices import audit, service
from workmate.invoices.schemas import (
    FromTimeRequest,
    InvoiceCreate,
    LineIn,
    TimePreview,
    TimePreviewLine,
)
from workmate.models import Customer, Employee, Invoice, Project, TimeEntry
from workmate.settings import service as settings_service
from workmate.time_tracking.pricing import priced_entries

TASK_LABELS = {
    "de": {
        "development": "Entwicklung",
        "design": "Design",
        "meeting": "Besprechungen",
        "consulting": "Beratung",
        "support": "Support",
        "travel": "Reisezeit",
        "other": "Sonstiges",
    },
    "en": {
        "development": "Development",
        "design": "Design",
        "meeting": "Meetings",
        "consulting": "Consulting",
        "support": "Support",
        "travel": "Travel time",
        "other": "Other",
    },
}
MONTHS = {
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
MAX_ENTRIES = 20_000


def entry_hours(minutes: int) -> Decimal:
    """Billable hours of one entry, rounded to hundredths; a line's quantity is the sum of its
    entries' hours, so the timesheet annex adds up to the invoice line exactly."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class _Group:
    description: str
    rate: Decimal
    minutes: int = 0
    hours: Decimal = Decimal("0.00")
    first: date | None = None
    last: date | None = None
    entry_ids: list[uuid.UUID] = field(default_factory=list)

    def add(self, entry_id: uuid.UUID, minutes: int, day: date) -> None:
        self.minutes += minutes
        self.hours += entry_hours(minutes)
        self.first = day if self.first is None or day < self.first else self.first
        self.last = day if self.last is None or day > self.last else self.last
        self.entry_ids.append(entry_id)


async def _entries(session: AsyncSession, req: FromTimeRequest, zone: str, *, lock: bool) -> Any:
    tz = ZoneInfo(zone)
    end = datetime.combine(req.date_to + timedelta(days=1), time.min, tz)
    priced = priced_entries().add_columns(
        TimeEntry.task_type,
        TimeEntry.description,
        Project.title.label("project_title"),
        Project.number.label("project_number"),
    )
    stmt = priced.where(
        TimeEntry.status == "approved",
        TimeEntry.billable.is_(True),
        TimeEntry.invoice_id.is_(None),
        TimeEntry.ended_at.is_not(None),
        TimeEntry.started_at < end,
    )
    if req.date_from is not None:
        stmt = stmt.where(TimeEntry.started_at >= datetime.combine(req.date_from, time.min, tz))
    if req.project_id is not None:
        stmt = stmt.where(TimeEntry.project_id == req.project_id)
    else:
        stmt = stmt.where(Project.customer_id == req.customer_id)
    sub = stmt.subquery()
    query = (
        select(sub, Employee.name.label("employee_name"))
        .join(Employee, Employee.id == sub.c.employee_id)
        .order_by(sub.c.started_at)
        .limit(MAX_ENTRIES + 1)
    )
    rows = (await session.execute(query)).all()
    if len(rows) > MAX_ENTRIES:
        raise BusinessRuleViolation(
            f"More than {MAX_ENTRIES} entries in this range; choose a shorter period.",
            code="too_many_entries",
            params={"max": MAX_ENTRIES},
        )
    if lock and rows:
        # Lock the entries; a concurrent request that took them first makes them drop out here.
        ids = [r.id for r in rows]
        locked = set(
            (
                await session.scalars(
                    select(TimeEntry.id)
                    .where(TimeEntry.id.in_(ids), TimeEntry.invoice_id.is_(None))
                    .with_for_update()
                )
            ).all()
        )
        rows = [r for r in rows if r.id in locked]
    return rows


def _group(rows: Any, grouping: str, language: str, many_projects: bool) -> list[_Group]:
    groups: OrderedDict[tuple[Any, ...], _Group] = OrderedDict()
    for row in rows:
        day = row.started_at.astimezone(ZoneInfo(row.time_zone)).date()
        prefix = f"{row.project_title} – " if many_projects else ""  # noqa: RUF001
        if grouping == "task_type":
            key: tuple[Any, ...] = (row.project_id, row.task_type)
            text = prefix + TASK_LABELS[language][row.task_type]
        elif grouping == "employee":
            key = (row.project_id, row.employee_id)
            text = prefix + row.employee_name
        elif grouping == "month":
            key = (row.project_id, day.year, day.month)
            text = prefix + f"{MONTHS[language][day.month - 1]} {day.year}"
        else:
            key = (row.id,)
            text = prefix + (row.description or TASK_LABELS[language][row.task_type])
            text += f" ({row.employee_name}, {day.strftime('%d.%m.%Y')})"
        key = (*key, row.rate)
        group = groups.setdefault(key, _Group(description=text[:2000], rate=row.rate))
        group.add(row.id, int(row.billable_minutes or 0), day)
    return [g for g in groups.values() if g.minutes > 0]


async def _scope(session: AsyncSession, req: FromTimeRequest) -> Customer:
    if req.project_id is not None:
        project = await session.get(Project, req.project_id)
        if project is None:
            raise BusinessRuleViolation(
                "Unknown project.",
                code="unknown_reference",
                errors=[field_error("project_id", "No project with this id.", "unknown_reference")],
            )
        if req.customer_id is not None and req.customer_id != project.customer_id:
            raise BusinessRuleViolation(
                "The project belongs to another customer.",
                code="project_of_other_customer",
                errors=[field_error("project_id", "Other customer.", "project_of_other_customer")],
            )
        customer_id = project.customer_id
    else:
        assert req.customer_id is not None
        customer_id = req.customer_id
    customer = await session.get(Customer, customer_id)
    if customer is None:
        raise BusinessRuleViolation(
            "Unknown customer.",
            code="unknown_reference",
            errors=[field_error("customer_id", "No customer with this id.", "unknown_reference")],
        )
    return customer


async def preview(session: AsyncSession, req: FromTimeRequest, zone: str) -> TimePreview:
    customer = await _scope(session, req)
    rows = await _entries(session, req, zone, lock=False)
    groups = _group(rows, req.grouping, customer.language, _many_projects(rows))
    lines = [
        TimePreviewLine(
            description=g.description,
            quantity=g.hours,
            unit_price=g.rate,
            net_amount=round_cents(g.hours * g.rate),
            service_from=g.first or req.date_to,
            service_to=g.last or req.date_to,
            entry_count=len(g.entry_ids),
        )
        for g in groups
    ]
    return TimePreview(
        customer={"id": customer.id, "name": customer.name},
        entry_count=sum(line.entry_count for line in lines),
        hours=sum((line.quantity for line in lines), Decimal("0.00")),
        net_total=sum((line.net_amount for line in lines), Decimal("0.00")),
        lines=lines,
    )


def _many_projects(rows: Any) -> bool:
    return len({row.project_id for row in rows}) > 1


async def create(
    session: AsyncSession, principal: Principal, req: FromTimeRequest, zone: str
) -> Invoice:
    customer = await _scope(session, req)
    rows = await _entries(session, req, zone, lock=True)
    groups = _group(rows, req.grouping, customer.language, _many_projects(rows))
    if not groups:
        raise BusinessRuleViolation(
            "There are no approved, billable, not yet invoiced time entries in this range.",
            code="no_billable_entries",
        )
    invoice = await service.create(
        session,
        principal,
        InvoiceCreate(
            customer_id=customer.id,
            project_id=req.project_id,
            service_from=min(g.first for g in groups if g.first),
            service_to=max(g.last for g in groups if g.last),
            with_timesheet=req.with_timesheet,
        ),
    )
    invoice = await service.get(session, invoice.id, for_update=True)
    company = await settings_service.get(session)
    for g in groups:
        line = service.append_line(
            invoice,
            LineIn(
                description=g.description,
                quantity=g.hours,
                unit_code="HUR",
                unit_price=g.rate,
                service_from=g.first,
                service_to=g.last,
            ),
            company,
        )
        await session.flush()
        await session.execute(
            update(TimeEntry)
            .where(TimeEntry.id.in_(g.entry_ids))
            .values(invoice_id=invoice.id, invoice_line_id=line.id)
        )
    await service.recalculate(session, invoice)
    audit.record(
        session,
        principal,
        action="time_added",
        entity_type="invoice",
        entity_id=invoice.id,
        invoice_id=invoice.id,
        changes={
            "entries": sum(len(g.entry_ids) for g in groups),
            "grouping": req.grouping,
            "from": req.date_from,
            "to": req.date_to,
        },
    )
    return await service.get(session, invoice.id)
