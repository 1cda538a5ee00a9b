"""Invoice KPIs from the trigger-maintained aggregates (``workmate.models.stats``), exact at the
moment of reading; only the overdue figures query invoices (a small, indexed set). Drafts and
cancelled documents are never receivables."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core import aggregates
from workmate.invoices import repository as repo
from workmate.invoices.schemas import (
    InvoiceStats,
    MonthRevenue,
    StatusBucket,
    TopCustomer,
)
from workmate.models import Customer

ZERO = Decimal("0.00")


def last_months(today: date, n: int = 12) -> list[str]:
    months = []
    year, month = today.year, today.month
    for _ in range(n):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


async def stats(session: AsyncSession, today: date) -> InvoiceStats:
    months = last_months(today)
    revenue = await aggregates.figures(session, "revenue", months[0], months[-1])
    by_month = [
        MonthRevenue(
            month=m,
            net=revenue[m].a if m in revenue else ZERO,
            gross=revenue[m].b if m in revenue else ZERO,
        )
        for m in months
    ]
    statuses = await aggregates.figures(session, "status", "invoice:", "invoice:~")
    open_keys = [f"invoice:{s}" for s in ("finalized", "sent", "partially_paid")]
    paid = await aggregates.figures(session, "paid_days", months[0], months[-1])
    paid_count = sum(f.count for f in paid.values())
    days = sum((f.a for f in paid.values()), ZERO)
    overdue = await repo.overdue_figure(session, today)
    drafts = statuses.get("invoice:draft")
    return InvoiceStats(
        currency="EUR",
        revenue_by_month=by_month,
        revenue_net_12m=sum((m.net for m in by_month), ZERO),
        revenue_gross_12m=sum((m.gross for m in by_month), ZERO),
        open_receivables=sum((statuses[k].b for k in open_keys if k in statuses), ZERO),
        open_count=sum(statuses[k].count for k in open_keys if k in statuses),
        overdue_count=overdue.count,
        overdue_amount=overdue.b,
        average_days_to_payment=(days / paid_count).quantize(Decimal("0.1"))
        if paid_count
        else None,
        top_customers=await top_customers(session, 10),
        by_status=[
            StatusBucket(status=key.split(":", 1)[1], count=f.count, gross_total=f.a)
            for key, f in sorted(statuses.items())
            if f.count
        ],
        drafts=drafts.count if drafts else 0,
    )


async def top_customers(session: AsyncSession, limit: int) -> list[TopCustomer]:
    """Customers by net revenue of finalized invoices and credit notes (all time)."""
    leaders = [(key, f) for key, f in await aggregates.top(session, "customer", limit) if f.a > 0]
    ids = [uuid.UUID(key) for key, _ in leaders]
    names: dict[uuid.UUID, str] = {}
    if ids:
        rows = await session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(ids)))
        names = {row[0]: row[1] for row in rows}
    return [
        TopCustomer(customer={"id": uuid.UUID(key), "name": names.get(uuid.UUID(key), "")}, net=f.a)
        for key, f in leaders
    ]
