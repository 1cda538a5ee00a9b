"""The trigger-maintained statistics equal a plain recomputation from the invoices, whatever
happened: drafts edited, documents finalized, paid, partially paid, payments deleted, cancelled;
before and after compaction and after a rebuild."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import company_today, logged_in_as
from tests.invoices.helpers import draft, finalized, invoiceable_customer, line, setup_company
from workmate.core import aggregates
from workmate.models.stats import StatDelta, StatTotal

ORACLE = text(
    """
    SELECT d.metric, d.key, sum(d.count) AS n, sum(d.a) AS a, sum(d.b) AS b, sum(d.c) AS c,
           sum(d.d) AS d
    FROM invoices i, LATERAL workmate_invoice_stat_rows(i, 1) d
    GROUP BY d.metric, d.key
    UNION ALL
    SELECT d.metric, d.key, sum(d.count), sum(d.a), sum(d.b), sum(d.c), sum(d.d)
    FROM customers c, LATERAL workmate_customer_stat_rows(c, 1) d
    GROUP BY d.metric, d.key
    """
)
PLAIN_OVERDUE = text(
    """
    SELECT count(*), coalesce(sum(gross_total - paid_amount - skonto_granted), 0),
           coalesce(sum(net_total), 0), coalesce(sum(gross_total), 0), coalesce(sum(paid_amount), 0)
    FROM invoices
    WHERE kind = 'invoice' AND status IN ('finalized', 'sent', 'partially_paid')
      AND due_date < :today AND gross_total - paid_amount - skonto_granted > 0
    """
)
PLAIN_OPEN = text(
    """
    SELECT coalesce(sum(gross_total - paid_amount - skonto_granted), 0) FROM invoices
    WHERE kind = 'invoice' AND status IN ('finalized', 'sent', 'partially_paid')
    """
)


async def _maintained(
    session: AsyncSession,
) -> dict[tuple[str, str], tuple[int, Decimal, Decimal, Decimal, Decimal]]:
    out = {}
    for metric in ("status", "revenue", "customer", "paid_days", "customers", "due"):
        for key, f in (await aggregates.figures(session, metric)).items():
            if f.count or f.a or f.b:
                out[(metric, key)] = (f.count, f.a, f.b, f.c, f.d)
    return out


async def _oracle(
    session: AsyncSession,
) -> dict[tuple[str, str], tuple[int, Decimal, Decimal, Decimal, Decimal]]:
    rows = (await session.execute(ORACLE)).all()
    return {
        (r.metric, r.key): (int(r.n), Decimal(r.a), Decimal(r.b), Decimal(r.c), Decimal(r.d))
        for r in rows
    }


async def _overdue_matches_plain_sql(
    client: AsyncClient, session: AsyncSession, stats: dict[str, Any]
) -> None:
    today = company_today()  # the app's today: the company's date
    n, outstanding, net, gross, paid = (
        await session.execute(PLAIN_OVERDUE, {"today": today})
    ).one()
    assert n > 0, "the scenario should leave something overdue"
    assert (stats["overdue_count"], Decimal(stats["overdue_amount"])) == (n, outstanding)
    listed = (await client.get("/api/v1/invoices", params={"status": "overdue"})).json()
    assert listed["total"] == n == len(listed["items"])
    totals = listed["totals"]
    assert totals["count"] == n
    assert (Decimal(totals["net_total"]), Decimal(totals["gross_total"])) == (net, gross)
    assert (Decimal(totals["paid_amount"]), Decimal(totals["outstanding"])) == (paid, outstanding)


@pytest.mark.date_sensitive
async def test_aggregates_match_a_recomputation(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    alpha = await invoiceable_customer(session)
    beta = await invoiceable_customer(session, name="Beta AG")
    docs: list[dict[str, Any]] = []
    # Oldest first: numbers follow issue dates. docs[0] is today's, docs[4] 160 days old.
    for i, customer in reversed(list(enumerate([alpha, beta, alpha, beta, alpha]))):
        issued = (company_today() - timedelta(days=40 * i)).isoformat()
        docs.insert(
            0,
            await finalized(client, customer.id, [line(quantity=str(i + 1), price="99.99")],
                            issue_date=issued),
        )  # fmt: skip
    pending = await draft(client, alpha.id)
    await client.post(f"/api/v1/invoices/{pending['id']}/lines", json=line("Extra", "2", "10"))
    pay = f"/api/v1/invoices/{docs[0]['id']}/payments"
    first = (
        await client.post(pay, json={"amount": "50.00", "paid_on": docs[0]["issue_date"]})
    ).json()
    await client.post(pay, json={"amount": str(Decimal(docs[0]["gross_total"]) - 50),
                                 "paid_on": docs[0]["issue_date"]})  # fmt: skip
    await client.post(f"/api/v1/invoices/{docs[1]['id']}/payments",
                      json={"amount": docs[1]["gross_total"], "paid_on": company_today().isoformat()})  # fmt: skip
    await client.post(f"/api/v1/invoices/{docs[2]['id']}/cancel", json={})
    await client.post(f"/api/v1/invoices/{docs[4]['id']}/payments",
                      json={"amount": "10.00", "paid_on": company_today().isoformat()})  # fmt: skip
    cancelled = await client.post(f"/api/v1/invoices/{docs[4]['id']}/cancel", json={})
    assert cancelled.status_code == 201, cancelled.text  # a partly paid invoice
    await client.post(f"/api/v1/invoices/{docs[3]['id']}/mark-sent")
    await client.delete(f"/api/v1/payments/{first['id']}")
    await client.patch(f"/api/v1/customers/{beta.id}", json={"status": "inactive"})
    await client.post(f"/api/v1/customers/{beta.id}/archive")

    assert await _maintained(session) == await _oracle(session)
    stats = (await client.get("/api/v1/invoices/stats")).json()
    assert Decimal(stats["open_receivables"]) == await session.scalar(PLAIN_OPEN)
    await _overdue_matches_plain_sql(client, session, stats)

    assert await aggregates.compact(session) > 0
    await session.commit()
    assert await session.scalar(text("SELECT count(*) FROM stat_deltas")) == 0
    assert await _maintained(session) == await _oracle(session)

    await session.execute(text("SELECT workmate_rebuild_stats()"))
    await session.commit()
    assert await _maintained(session) == await _oracle(session)
    crm = (await client.get("/api/v1/customers/stats")).json()
    assert crm["archived"] == 1 and crm["total"] == 1
    assert crm["top_by_revenue"][0]["name"] in (alpha.name, beta.name)


async def _top_fixture(session: AsyncSession) -> None:
    # Totals k00 (100) ... k29 (71); pending deltas drop two leaders and lift k25 to the top.
    session.add_all(
        StatTotal(metric="t_top", key=f"k{i:02}", count=1, a=100 - i) for i in range(30)
    )
    session.add_all(
        StatDelta(metric="t_top", key=key, count=0, a=delta)
        for key, delta in (("k00", -50), ("k01", -60), ("k25", 40))
    )
    await session.flush()


EXPECTED_TOP = [("k25", Decimal(115)), ("k02", Decimal(98)), ("k03", Decimal(97)),
                ("k04", Decimal(96)), ("k05", Decimal(95))]  # fmt: skip


async def test_top_counts_pending_deltas_of_leaders_and_outsiders(session: AsyncSession) -> None:
    await _top_fixture(session)
    top = await aggregates.top(session, "t_top", 5)
    assert [(key, f.a) for key, f in top] == EXPECTED_TOP


async def test_top_widens_when_deltas_arrive_between_its_statements(
    session: AsyncSession, monkeypatch: Any
) -> None:
    # As if the keys with deltas were counted before other transactions added theirs.
    await _top_fixture(session)
    monkeypatch.setattr(aggregates, "_PENDING_KEYS", text("SELECT 0 WHERE :metric = :metric"))
    top = await aggregates.top(session, "t_top", 5)
    assert [(key, f.a) for key, f in top] == EXPECTED_TOP
