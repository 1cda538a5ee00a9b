"""Invoice KPIs: SQL aggregates only; drafts and cancelled documents are never receivables."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.invoices import repository as repo
from workmate.invoices.schemas import (
    InvoiceStats,
    MonthRevenue,
    StatusBucket,
    TopCustomer,
)
from workmate.models import Invoice


async def stats(session: AsyncSession, today: date) -> InvoiceStats:
    params = {"today": today}
    months = [
        MonthRevenue(month=r.month, net=r.net, gross=r.gross)
        for r in await session.execute(repo.REVENUE, params)
    ]
    rec = (await session.execute(repo.RECEIVABLES, params)).one()
    days = await session.scalar(repo.DAYS_TO_PAY, params)
    top = [
        TopCustomer(customer={"id": r.id, "name": r.name}, net=r.net)
        for r in await session.execute(repo.TOP, params)
    ]
    by_status = [
        StatusBucket(status=r.status, count=r.count, gross_total=r.gross)
        for r in await session.execute(repo.BY_STATUS)
    ]
    drafts = await session.scalar(
        select(func.count()).select_from(Invoice).where(Invoice.status == "draft")
    )
    return InvoiceStats(
        currency="EUR",
        revenue_by_month=months,
        revenue_net_12m=sum((m.net for m in months), Decimal("0.00")),
        revenue_gross_12m=sum((m.gross for m in months), Decimal("0.00")),
        open_receivables=rec.open_amount,
        open_count=rec.open_count,
        overdue_count=rec.overdue_count,
        overdue_amount=rec.overdue_amount,
        average_days_to_payment=days,
        top_customers=top,
        by_status=by_status,
        drafts=int(drafts or 0),
    )
