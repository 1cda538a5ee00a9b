"""Exact, incrementally maintained statistics (issue "Scale"; DESIGN.md 3 "KPIs by SQL").

Triggers on ``invoices`` and ``customers`` append signed delta rows to ``stat_deltas`` in the
same transaction as the change (INSERT only: no hot counter rows, no lock contention, no
deadlocks). Readers add ``stat_totals`` (compacted) and ``stat_deltas``;
``workmate_compact_stats()`` folds the deltas into the totals now and then, and
``workmate_rebuild_stats()`` recomputes everything from the source tables (after bulk loads).
Metrics and keys:

- ``status``    key ``<kind>:<status>``: count, a = gross total, b = outstanding (receivables),
  c = net total, d = paid amount
- ``revenue``   key ``YYYY-MM`` (issue month) of finalized invoices and credit notes: a = net,
  b = gross
- ``customer``  key customer id: a = net revenue (finalized invoices and credit notes), b = gross
- ``paid_days`` key ``YYYY-MM`` (paid month) of paid invoices: count, a = sum of days to payment
- ``customers`` key ``<status>:<kind>:<archived>``: count of customers
- ``due``       key ``YYYY-MM-DD`` (due date) of open receivables with an outstanding amount: count,
  a = gross, b = outstanding, c = net, d = paid (overdue = the keys before today; migration 0007)
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger, Identity, Index, Numeric, String, text
from sqlalchemy.orm import Mapped, mapped_column

from workmate.models.base import Base


class StatTotal(Base):
    __tablename__ = "stat_totals"
    __table_args__ = (Index("ix_stat_totals_metric_a", "metric", text("a DESC")),)

    metric: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, server_default="0")
    a: Mapped[Decimal] = mapped_column(Numeric(18, 2), server_default="0")
    b: Mapped[Decimal] = mapped_column(Numeric(18, 2), server_default="0")
    c: Mapped[Decimal] = mapped_column(Numeric(18, 2), server_default="0")
    d: Mapped[Decimal] = mapped_column(Numeric(18, 2), server_default="0")


class StatDelta(Base):
    __tablename__ = "stat_deltas"
    __table_args__ = (Index("ix_stat_deltas_metric_key", "metric", "key"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    metric: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(60))
    count: Mapped[int] = mapped_column(BigInteger, server_default="0")
    a: Mapped[Decimal] = mapped_column(Numeric(18, 2), server_default="0")
    b: Mapped[Decimal] = mapped_column(Numeric(18, 2), server_default="0")
    c: Mapped[Decimal] = mapped_column(Numeric(18, 2), server_default="0")
    d: Mapped[Decimal] = mapped_column(Numeric(18, 2), server_default="0")
