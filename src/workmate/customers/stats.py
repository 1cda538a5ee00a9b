"""CRM statistics, all SQL aggregates (DESIGN.md 3)."""

from __future__ import annotations

import uuid
from collections import Counter

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core import aggregates, clock
from workmate.customers.schemas import CountByKey, CustomerStats, MonthCount, TopCustomer
from workmate.models import Customer

# Months are counted in the company's zone, up to today on the one clock; months without new
# customers show as 0. The range condition on created_at lets the index serve only the last
# twelve months.
_NEW_PER_MONTH = text(
    """
    WITH months AS (
        SELECT generate_series(
            date_trunc('month', CAST(:today AS date)) - interval '11 months',
            date_trunc('month', CAST(:today AS date)),
            interval '1 month')::date AS month
    ),
    recent AS (
        SELECT date_trunc('month', created_at AT TIME ZONE :tz)::date AS month, count(*) AS n
        FROM customers
        WHERE created_at >= ((SELECT min(month) FROM months)::timestamp AT TIME ZONE :tz)
        GROUP BY 1
    )
    SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(r.n, 0) AS count
    FROM months m LEFT JOIN recent r ON r.month = m.month
    ORDER BY m.month
    """
)


async def customer_stats(session: AsyncSession, time_zone: str, top: int = 10) -> CustomerStats:
    """Counts from the trigger-maintained aggregates, revenue from the invoices' aggregates."""
    by_status: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    archived = 0
    for key, figure in (await aggregates.figures(session, "customers")).items():
        status, kind, is_archived = key.split(":")
        if is_archived == "true":
            archived += figure.count
            continue
        by_status[status] += figure.count
        by_kind[kind] += figure.count
    months = [
        MonthCount(month=r.month, count=r.count)
        for r in await session.execute(
            _NEW_PER_MONTH, {"tz": time_zone, "today": clock.today(time_zone)}
        )
    ]
    leaders = [(k, f) for k, f in await aggregates.top(session, "customer", top) if f.a > 0]
    ids = [uuid.UUID(key) for key, _ in leaders]
    customers = (
        {
            c.id: c
            for c in (
                await session.execute(
                    select(Customer.id, Customer.number, Customer.name).where(Customer.id.in_(ids))
                )
            ).all()
        }
        if ids
        else {}
    )
    return CustomerStats(
        total=sum(by_status.values()),
        archived=archived,
        open_leads=by_status["lead"],
        by_status=_ordered(by_status),
        by_kind=_ordered(by_kind),
        new_per_month=months,
        top_by_revenue=[
            TopCustomer(
                id=uuid.UUID(key),
                number=customers[uuid.UUID(key)].number,
                name=customers[uuid.UUID(key)].name,
                revenue=f.a,
            )
            for key, f in leaders
            if uuid.UUID(key) in customers
        ],
    )


def _ordered(counter: Counter[str]) -> list[CountByKey]:
    return [
        CountByKey(key=key, count=count)
        for key, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        if count
    ]
