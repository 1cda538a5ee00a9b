"""Invoice lists and details issue a bounded number of SQL statements, whatever the row count."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as
from tests.invoices.helpers import finalized, invoiceable_customer, line, setup_company


async def _count(client: AsyncClient, count_statements: Any, url: str) -> int:
    with count_statements() as counter:
        response = await client.get(url)
    assert response.status_code == 200, response.text
    return int(counter.count)


async def test_invoice_endpoints_do_not_grow_with_rows(
    client: AsyncClient, session: AsyncSession, count_statements: Any
) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)

    async def documents(n: int, lines: int) -> dict[str, Any]:
        last: dict[str, Any] = {}
        for _ in range(n):
            last = await finalized(client, customer.id, [line() for _ in range(lines)])
            for _ in range(lines):
                await client.post(
                    f"/api/v1/invoices/{last['id']}/payments",
                    json={"amount": "1.00", "paid_on": last["issue_date"]},
                )
        return last

    small_doc = await documents(2, 1)
    urls = ["/api/v1/invoices", "/api/v1/invoices/stats", "/api/v1/payments",
            "/api/v1/invoices?status=overdue&q=kunde"]  # fmt: skip
    small = {url: await _count(client, count_statements, url) for url in urls}
    small_detail = await _count(client, count_statements, f"/api/v1/invoices/{small_doc['id']}")
    large_doc = await documents(12, 8)
    large = {url: await _count(client, count_statements, url) for url in urls}
    large_detail = await _count(client, count_statements, f"/api/v1/invoices/{large_doc['id']}")
    assert large == small
    assert large_detail == small_detail
    assert max(small.values()) <= 12 and small_detail <= 12, (small, small_detail)
