"""Invoice lists and statistics as SQL (DESIGN.md 3): filters, totals for the filter, KPIs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, case, func, literal, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core.references import like_pattern
from workmate.models import Customer, Invoice
from workmate.models.invoice import RECEIVABLE_STATUSES

OUTSTANDING = case(
    (
        and_(Invoice.kind == "invoice", Invoice.status.in_(RECEIVABLE_STATUSES)),
        Invoice.gross_total - Invoice.paid_amount - Invoice.skonto_granted,
    ),
    else_=literal(Decimal("0.00")),
)

SORTABLE: dict[str, Any] = {
    "number": Invoice.number,
    "issue_date": Invoice.issue_date,
    "due_date": Invoice.due_date,
    "customer": Customer.name,
    "gross_total": Invoice.gross_total,
    "status": Invoice.status,
    "created_at": Invoice.created_at,
}


@dataclass
class InvoiceFilter:
    kinds: list[str] | None = None
    statuses: list[str] | None = None
    customer_id: uuid.UUID | None = None
    project_id: uuid.UUID | None = None
    issue_from: date | None = None
    issue_to: date | None = None
    due_from: date | None = None
    due_to: date | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    q: str | None = None


def overdue_clause(today: date) -> Any:
    return and_(
        Invoice.kind == "invoice",
        Invoice.status.in_(RECEIVABLE_STATUSES),
        Invoice.due_date < today,
        Invoice.gross_total - Invoice.paid_amount - Invoice.skonto_granted > 0,
    )


def filtered(f: InvoiceFilter, today: date) -> Select[Any]:
    stmt: Select[Any] = select(Invoice, Customer.name.label("customer_name")).join(  # type: ignore[assignment]
        Customer, Customer.id == Invoice.customer_id
    )
    if f.kinds:
        stmt = stmt.where(Invoice.kind.in_(f.kinds))
    if f.statuses:
        plain = [s for s in f.statuses if s not in ("overdue", "open")]
        clauses: list[Any] = [Invoice.status.in_(plain)] if plain else []
        if "overdue" in f.statuses:
            clauses.append(overdue_clause(today))
        if "open" in f.statuses:
            clauses.append(and_(Invoice.kind == "invoice", Invoice.status.in_(RECEIVABLE_STATUSES)))
        stmt = stmt.where(or_(*clauses))
    if f.customer_id:
        stmt = stmt.where(Invoice.customer_id == f.customer_id)
    if f.project_id:
        stmt = stmt.where(Invoice.project_id == f.project_id)
    if f.issue_from:
        stmt = stmt.where(Invoice.issue_date >= f.issue_from)
    if f.issue_to:
        stmt = stmt.where(Invoice.issue_date <= f.issue_to)
    if f.due_from:
        stmt = stmt.where(Invoice.due_date >= f.due_from)
    if f.due_to:
        stmt = stmt.where(Invoice.due_date <= f.due_to)
    if f.amount_min is not None:
        stmt = stmt.where(Invoice.gross_total >= f.amount_min)
    if f.amount_max is not None:
        stmt = stmt.where(Invoice.gross_total <= f.amount_max)
    if f.q:
        pattern = like_pattern(f.q)
        matching_customers = select(Customer.id).where(Customer.search_text.like(pattern))
        stmt = stmt.where(
            or_(
                func.lower(Invoice.number).like(pattern),
                Invoice.customer_id.in_(matching_customers),
            )
        )
    return stmt


async def totals(session: AsyncSession, stmt: Select[Any]) -> Any:
    sub = (
        stmt.order_by(None)
        .with_only_columns(
            Invoice.net_total, Invoice.gross_total, Invoice.paid_amount, OUTSTANDING.label("open")
        )
        .subquery()
    )
    return (
        await session.execute(
            select(
                func.count(),
                func.coalesce(func.sum(sub.c.net_total), 0),
                func.coalesce(func.sum(sub.c.gross_total), 0),
                func.coalesce(func.sum(sub.c.paid_amount), 0),
                func.coalesce(func.sum(sub.c.open), 0),
            )
        )
    ).one()


# Revenue: finalized invoices and credit notes by issue month (a cancelled invoice and its
# credit note cancel out); drafts and quotes never count.
REVENUE = text(
    """
    WITH months AS (
        SELECT generate_series(date_trunc('month', CAST(:today AS date)) - interval '11 months',
                               date_trunc('month', CAST(:today AS date)), interval '1 month')::date
               AS month
    )
    SELECT to_char(m.month, 'YYYY-MM') AS month,
           coalesce(sum(i.net_total), 0)::numeric(14, 2) AS net,
           coalesce(sum(i.gross_total), 0)::numeric(14, 2) AS gross
    FROM months m
    LEFT JOIN invoices i
      ON i.kind IN ('invoice', 'credit_note') AND i.status <> 'draft'
     AND i.issue_date >= m.month AND i.issue_date < m.month + interval '1 month'
    GROUP BY m.month ORDER BY m.month
    """
)

RECEIVABLES = text(
    """
    SELECT count(*) AS open_count,
           coalesce(sum(gross_total - paid_amount - skonto_granted), 0) AS open_amount,
           count(*) FILTER (WHERE due_date < :today) AS overdue_count,
           coalesce(sum(gross_total - paid_amount - skonto_granted)
                    FILTER (WHERE due_date < :today), 0) AS overdue_amount
    FROM invoices
    WHERE kind = 'invoice' AND status IN ('finalized', 'sent', 'partially_paid')
    """
)

DAYS_TO_PAY = text(
    """
    SELECT round(avg(paid_at - issue_date), 1) AS days
    FROM invoices
    WHERE kind = 'invoice' AND status = 'paid' AND paid_at >= CAST(:today AS date) - 365
    """
)

TOP = text(
    """
    SELECT c.id, c.name, r.net
    FROM (SELECT customer_id, sum(net_total) AS net FROM invoices
          WHERE kind IN ('invoice', 'credit_note') AND status <> 'draft'
            AND issue_date >= CAST(:today AS date) - 365
          GROUP BY customer_id) r
    JOIN customers c ON c.id = r.customer_id
    WHERE r.net > 0
    ORDER BY r.net DESC, c.name LIMIT 10
    """
)

BY_STATUS = text(
    """
    SELECT status, count(*) AS count, coalesce(sum(gross_total), 0) AS gross
    FROM invoices WHERE kind = 'invoice' GROUP BY status ORDER BY status
    """
)
