"""The demo company gets invoices in every state, made by the real services."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.demo import load_demo
from workmate.models import Invoice, Payment, TimeEntry


async def test_demo_invoices(session: AsyncSession) -> None:
    await load_demo(session)
    await session.commit()
    rows = await session.execute(
        select(Invoice.kind, Invoice.status, func.count()).group_by(Invoice.kind, Invoice.status)
    )
    counts = {(kind, status): n for kind, status, n in rows}
    assert counts.get(("invoice", "paid"), 0) >= 3, counts
    assert counts.get(("invoice", "cancelled")) == 1
    assert counts.get(("credit_note", "finalized")) == 1
    assert counts.get(("quote", "finalized")) == 1
    assert counts.get(("invoice", "draft")) == 1
    assert any(status in ("sent", "partially_paid") for kind, status in counts if kind == "invoice")
    numbers = (
        await session.scalars(
            select(Invoice.number).where(Invoice.kind == "invoice", Invoice.number.is_not(None))
        )
    ).all()
    by_year: dict[str, list[int]] = {}
    for number in numbers:
        match = re.fullmatch(r"RE-(\d{4})-(\d{5})", number)
        assert match, number
        by_year.setdefault(match[1], []).append(int(match[2]))
    for sequence in by_year.values():
        assert sorted(sequence) == list(range(1, len(sequence) + 1))
    mismatched = await session.scalar(
        select(func.count())
        .select_from(Invoice)
        .where(
            Invoice.paid_amount
            != select(func.coalesce(func.sum(Payment.amount), 0))
            .where(Payment.invoice_id == Invoice.id)
            .scalar_subquery()
        )
    )
    assert mismatched == 0
    invoiced = await session.scalar(
        select(func.count()).select_from(TimeEntry).where(TimeEntry.invoiced_at.is_not(None))
    )
    assert invoiced and invoiced > 100
