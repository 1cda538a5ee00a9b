"""CRM statistics, all SQL aggregates (DESIGN.md 3)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.customers.schemas import CountByKey, CustomerStats, MonthCount, TopCustomer

_COUNTS = text(
    """
    SELECT count(*) FILTER (WHERE archived_at IS NULL) AS total,
           count(*) FILTER (WHERE archived_at IS NOT NULL) AS archived,
           count(*) FILTER (WHERE archived_at IS NULL AND status = 'lead') AS open_leads
    FROM customers
    """
)

_BY = {
    column: text(
        f"SELECT {column} AS key, count(*) AS count FROM customers "  # noqa: S608 - fixed names
        f"WHERE archived_at IS NULL GROUP BY {column} ORDER BY count DESC, key"
    )
    for column in ("status", "kind")
}

# Months are counted in the company's zone; months without new customers show as 0.
_NEW_PER_MONTH = text(
    """
    WITH months AS (
        SELECT generate_series(
            date_trunc('month', (now() AT TIME ZONE :tz)::date) - interval '11 months',
            date_trunc('month', (now() AT TIME ZONE :tz)::date),
            interval '1 month')::date AS month
    )
    SELECT to_char(m.month, 'YYYY-MM') AS month, count(c.id) AS count
    FROM months m
    LEFT JOIN customers c
      ON date_trunc('month', c.created_at AT TIME ZONE :tz)::date = m.month
    GROUP BY m.month ORDER BY m.month
    """
)

# Revenue: net of finalized invoices and credit notes (a cancelled invoice and its credit note
# cancel out); drafts and quotes never count.
_TOP_BY_REVENUE = text(
    """
    SELECT c.id, c.number, c.name, coalesce(r.revenue, 0)::numeric(14, 2) AS revenue
    FROM customers c
    LEFT JOIN (
        SELECT customer_id, sum(net_total) AS revenue FROM invoices
        WHERE kind IN ('invoice', 'credit_note') AND status <> 'draft'
        GROUP BY customer_id
    ) r ON r.customer_id = c.id
    WHERE c.archived_at IS NULL
    ORDER BY revenue DESC, c.created_at DESC, c.id
    LIMIT :limit
    """
)


async def customer_stats(session: AsyncSession, time_zone: str, top: int = 10) -> CustomerStats:
    counts = (await session.execute(_COUNTS)).one()
    by = {
        column: [CountByKey(key=r.key, count=r.count) for r in await session.execute(stmt)]
        for column, stmt in _BY.items()
    }
    months = [
        MonthCount(month=r.month, count=r.count)
        for r in await session.execute(_NEW_PER_MONTH, {"tz": time_zone})
    ]
    top_rows = await session.execute(_TOP_BY_REVENUE, {"limit": top})
    return CustomerStats(
        total=counts.total,
        archived=counts.archived,
        open_leads=counts.open_leads,
        by_status=by["status"],
        by_kind=by["kind"],
        new_per_month=months,
        top_by_revenue=[
            TopCustomer(id=r.id, number=r.number, name=r.name, revenue=r.revenue) for r in top_rows
        ],
    )


def today_in(time_zone: str) -> date:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(time_zone)).date()
