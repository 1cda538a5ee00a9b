"""Invoice lists and statistics as SQL (DESIGN.md 3): filters, totals for the filter, KPIs."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, case, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core import aggregates
from workmate.core.references import ids_among, labels_among, like_pattern
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
    # Kind and statuses as literals in the SQL (not parameters): a prepared statement's generic
    # plan can then still use the partial receivable indexes.
    return and_(
        Invoice.kind == literal("invoice", literal_execute=True),
        Invoice.status.in_([literal(s, literal_execute=True) for s in RECEIVABLE_STATUSES]),
        Invoice.due_date < today,
        Invoice.gross_total - Invoice.paid_amount - Invoice.skonto_granted > 0,
    )


SUMMARY_COLUMNS = (
    Invoice.id,
    Invoice.kind,
    Invoice.status,
    Invoice.number,
    Invoice.customer_id,
    Invoice.project_id,
    Invoice.issue_date,
    Invoice.due_date,
    Invoice.currency,
    Invoice.net_total,
    Invoice.gross_total,
    Invoice.paid_amount,
    Invoice.skonto_granted,
    Invoice.created_at,
)


def conditions(f: InvoiceFilter, today: date) -> list[Any]:
    where: list[Any] = []
    if f.kinds:
        where.append(Invoice.kind.in_(f.kinds))
    if f.statuses:
        plain = [s for s in f.statuses if s not in ("overdue", "open")]
        clauses: list[Any] = [Invoice.status.in_(plain)] if plain else []
        if "overdue" in f.statuses:
            clauses.append(overdue_clause(today))
        if "open" in f.statuses:
            clauses.append(and_(Invoice.kind == "invoice", Invoice.status.in_(RECEIVABLE_STATUSES)))
        where.append(or_(*clauses))
    if f.customer_id:
        where.append(Invoice.customer_id == f.customer_id)
    if f.project_id:
        where.append(Invoice.project_id == f.project_id)
    if f.issue_from:
        where.append(Invoice.issue_date >= f.issue_from)
    if f.issue_to:
        where.append(Invoice.issue_date <= f.issue_to)
    if f.due_from:
        where.append(Invoice.due_date >= f.due_from)
    if f.due_to:
        where.append(Invoice.due_date <= f.due_to)
    if f.amount_min is not None:
        where.append(Invoice.gross_total >= f.amount_min)
    if f.amount_max is not None:
        where.append(Invoice.gross_total <= f.amount_max)
    if f.q:
        # Two index-served halves (trigram on the number, customer search then customer_id)
        # joined by UNION: an OR across them would scan every invoice.
        pattern = like_pattern(f.q)
        by_number = select(Invoice.id).where(Invoice.number.ilike(pattern))
        by_customer = select(Invoice.id).where(
            Invoice.customer_id.in_(select(Customer.id).where(Customer.search_text.like(pattern)))
        )
        where.append(Invoice.id.in_(by_number.union(by_customer)))
    return where


def page_statement(where: list[Any]) -> Select[Any]:
    """Only the summary columns, as plain rows (no ORM entities: a list page only reads them;
    the snapshots and breakdown are wide and not listed)."""
    stmt: Select[Any] = (
        select(*SUMMARY_COLUMNS, Customer.name.label("customer_name"))  # type: ignore[assignment]
        .join(Customer, Customer.id == Invoice.customer_id)
        .where(*where)
    )
    return stmt


def only_kinds_and_statuses(f: InvoiceFilter) -> bool:
    """Filters the statistics aggregates can answer (no dates, amounts, text or overdue)."""
    rest = (f.customer_id, f.project_id, f.issue_from, f.issue_to, f.due_from, f.due_to,
            f.amount_min, f.amount_max, f.q)  # fmt: skip
    return all(v is None for v in rest) and "overdue" not in (f.statuses or [])


def _wanted_keys(f: InvoiceFilter) -> set[str]:
    from workmate.models.invoice import DOCUMENT_KINDS, DOCUMENT_STATUSES

    kinds = f.kinds or list(DOCUMENT_KINDS)
    statuses = set(f.statuses or DOCUMENT_STATUSES) - {"open"}
    keys = {f"{k}:{s}" for k in kinds for s in statuses}
    if f.statuses and "open" in f.statuses and "invoice" in kinds:
        keys |= {f"invoice:{s}" for s in RECEIVABLE_STATUSES}
    return keys


def only_overdue(f: InvoiceFilter) -> bool:
    """Just "overdue" (of invoices): answered by the ``due`` aggregate."""
    rest = (f.customer_id, f.project_id, f.issue_from, f.issue_to, f.due_from, f.due_to,
            f.amount_min, f.amount_max, f.q)  # fmt: skip
    return (
        all(v is None for v in rest)
        and f.statuses == ["overdue"]
        and (not f.kinds or list(f.kinds) == ["invoice"])
    )


async def totals(session: AsyncSession, f: InvoiceFilter, where: list[Any], today: date) -> Any:
    """Count and sums of the filter: from the aggregates when they can answer, else in SQL."""
    if only_overdue(f):
        fig = await overdue_figure(session, today)
        return fig.count, fig.c, fig.a, fig.d, fig.b
    if only_kinds_and_statuses(f):
        figures = await aggregates.figures(session, "status")
        chosen = [fig for key, fig in figures.items() if key in _wanted_keys(f)]
        zero = Decimal("0.00")
        return (
            sum(fig.count for fig in chosen),
            sum((fig.c for fig in chosen), zero),
            sum((fig.a for fig in chosen), zero),
            sum((fig.d for fig in chosen), zero),
            sum((fig.b for fig in chosen), zero),
        )
    return (
        await session.execute(
            select(
                func.count(),
                func.coalesce(func.sum(Invoice.net_total), 0),
                func.coalesce(func.sum(Invoice.gross_total), 0),
                func.coalesce(func.sum(Invoice.paid_amount), 0),
                func.coalesce(func.sum(OUTSTANDING), 0),
            ).where(*where)
        )
    ).one()


async def overdue_figure(session: AsyncSession, today: date) -> aggregates.Figure:
    """Open receivables due before ``today``: the ``due`` aggregate keys before today's date
    (count, a = gross, b = outstanding, c = net, d = paid)."""
    yesterday = (today - timedelta(days=1)).isoformat()
    return await aggregates.total(session, "due", "", yesterday)


_CUSTOMER_NAME = select(Customer.name).where(Customer.id == Invoice.customer_id).scalar_subquery()


async def ids_of_kind(
    session: AsyncSession, kind: str, ids: Collection[uuid.UUID], *conditions: Any
) -> set[uuid.UUID]:
    """Ids among ``ids`` of documents of ``kind`` (an invoice id asked as a quote is unknown)."""
    return await ids_among(session, Invoice.id, ids, Invoice.kind == kind, *conditions)


async def labels_of_kind(
    session: AsyncSession, kind: str, ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, tuple[str | None, str]]:
    return await labels_among(
        session, Invoice.id, Invoice.number, _CUSTOMER_NAME, ids, Invoice.kind == kind
    )


async def finalized_of_kind(
    session: AsyncSession, kind: str, ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    return await ids_of_kind(session, kind, ids, Invoice.status != "draft")


async def newest_numbered(
    session: AsyncSession, kind: str, year: int | None, excluding: uuid.UUID
) -> tuple[str, date] | None:
    """Number and issue date of the newest numbered document of a number range (``kind``, and
    ``year`` for yearly ranges): a backward scan of ``ix_invoices_kind_issue_date``."""
    stmt = select(Invoice.number, Invoice.issue_date).where(
        Invoice.kind == kind, Invoice.number.is_not(None), Invoice.id != excluding
    )
    if year is not None:
        stmt = stmt.where(
            Invoice.issue_date >= date(year, 1, 1), Invoice.issue_date <= date(year, 12, 31)
        )
    row = (await session.execute(stmt.order_by(Invoice.issue_date.desc()).limit(1))).first()
    return (str(row.number), row.issue_date) if row and row.issue_date else None


async def search_numbers(session: AsyncSession, q: str, limit: int) -> list[Any]:
    """Finalized documents whose number contains ``q`` (the number's trigram index)."""
    stmt = (
        select(Invoice.id, Invoice.kind, Invoice.number, Invoice.status, Customer.name)
        .join(Customer, Customer.id == Invoice.customer_id)
        .where(Invoice.number.ilike(like_pattern(q)))
        .order_by(Invoice.number.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).all())
