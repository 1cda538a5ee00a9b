"""The generated data set at a tiny scale: the invariants the application relies on."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from httpx import AsyncClient
from stdnum import vatin
from stdnum.de import leitweg

from tests.factories import login
from workmate.core.database_url import libpq_url
from workmate.demo import DEMO_ADMIN_EMAIL, DEMO_PASSWORD
from workmate.demo_data import DemoDataExists, load
from workmate.invoices.calculation import LineInput, calculate

SCALE = 0.002  # 200 customers, 4,000 time entries, 500 invoices


async def _load(url: str) -> None:
    await asyncio.to_thread(load, url, SCALE)


def _rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(libpq_url(url)) as conn:
        return conn.execute(sql.encode()).fetchall()


@pytest.fixture
async def loaded(database_url: str) -> str:
    await _load(database_url)
    return database_url


def test_counts_follow_the_scale(loaded: str) -> None:
    counts = dict(
        _rows(
            loaded,
            "SELECT 'customers', count(*) FROM customers UNION ALL "
            "SELECT 'entries', count(*) FROM time_entries UNION ALL "
            "SELECT 'invoices', count(*) FROM invoices WHERE kind = 'invoice' AND number IS NOT NULL"
            " UNION ALL SELECT 'payments', count(*) FROM payments",
        )
    )
    assert counts["customers"] == 200
    assert 3_500 < counts["entries"] < 4_500
    assert counts["invoices"] == 500
    assert 400 < counts["payments"] < 800


def test_numbers_are_gapless_per_kind_and_year_in_issue_order(loaded: str) -> None:
    rows = _rows(
        loaded,
        "SELECT kind, extract(year FROM issue_date)::int, number, issue_date FROM invoices"
        " WHERE number IS NOT NULL ORDER BY kind, number",
    )
    sequences: dict[tuple[str, int], list[tuple[int, date]]] = {}
    for kind, year, number, issued in rows:
        prefix, number_year, seq = number.split("-")
        assert prefix == {"invoice": "RE", "credit_note": "GS", "quote": "AN"}[kind]
        assert int(number_year) == year
        sequences.setdefault((kind, year), []).append((int(seq), issued))
    assert {kind for kind, _ in sequences} == {"invoice", "credit_note", "quote"}
    ranges = dict(_rows(loaded, "SELECT key, next_value FROM number_ranges"))
    for (kind, year), items in sequences.items():
        assert [seq for seq, _ in items] == list(range(1, len(items) + 1))
        assert [d for _, d in items] == sorted(d for _, d in items)
        assert ranges[f"{kind}:{year}"] == len(items) + 1
    assert ranges["customer"] == 201
    top = _rows(loaded, "SELECT max(number) FROM customers")[0][0]
    assert top == "K-00200"


def test_payments_and_statuses_agree(loaded: str) -> None:
    bad = _rows(
        loaded,
        """
        SELECT i.number, i.status, i.paid_amount, i.gross_total, coalesce(sum(p.amount), 0)
        FROM invoices i LEFT JOIN payments p ON p.invoice_id = i.id
        GROUP BY i.id
        HAVING i.paid_amount <> coalesce(sum(p.amount), 0)
            OR (i.status = 'paid') <> (i.paid_amount = i.gross_total AND i.paid_amount > 0)
            OR (i.status = 'partially_paid')
               <> (i.paid_amount > 0 AND i.paid_amount < i.gross_total)
            OR (i.status = 'paid') <> (i.paid_at IS NOT NULL)
            OR (i.paid_at IS NOT NULL AND i.paid_at <> max(p.paid_on))
            OR (i.status IN ('sent', 'finalized', 'cancelled') AND i.paid_amount <> 0)
            OR (i.status <> 'draft' AND i.finalized_at IS NULL)
            OR (i.status = 'finalized' AND i.kind = 'invoice' AND i.sent_at IS NOT NULL)
            OR min(p.paid_on) < i.issue_date OR max(p.paid_on) > current_date
        """,
    )
    assert bad == []
    overdue = _rows(
        loaded,
        "SELECT count(*) FROM invoices WHERE status IN ('sent', 'partially_paid')"
        " AND due_date < current_date",
    )[0][0]
    assert overdue > 0


def test_cancelled_invoices_have_their_credit_note(loaded: str) -> None:
    rows = _rows(
        loaded,
        """
        SELECT i.status, c.kind, c.gross_total + i.gross_total, c.issue_date >= i.issue_date
        FROM invoices i LEFT JOIN invoices c ON c.cancels_invoice_id = i.id
        WHERE i.status = 'cancelled' OR c.id IS NOT NULL
        """,
    )
    assert rows
    for status, kind, balance, later in rows:
        assert (status, kind, balance, later) == ("cancelled", "credit_note", 0, True)


def test_totals_are_the_calculation_engines(loaded: str) -> None:
    invoices = _rows(
        loaded, "SELECT id, net_total, vat_total, gross_total, vat_breakdown FROM invoices"
    )
    lines: dict[Any, list[tuple[Any, ...]]] = {}
    for row in _rows(
        loaded,
        "SELECT invoice_id, quantity, unit_price, vat_category, vat_rate, discount_percent,"
        " gross_amount, discount_amount, net_amount FROM invoice_lines ORDER BY position",
    ):
        lines.setdefault(row[0], []).append(row[1:])
    assert len(invoices) > 500
    for invoice_id, net, vat, gross, breakdown in invoices:
        mine = lines[invoice_id]
        totals = calculate([LineInput(q, p, c, r, d) for q, p, c, r, d, *_ in mine])
        assert (totals.net_total, totals.vat_total, totals.gross_total) == (net, vat, gross)
        for result, (*_, line_gross, discount, line_net) in zip(totals.lines, mine, strict=True):
            assert (result.gross_amount, result.discount_amount, result.net_amount) == (
                line_gross,
                discount,
                line_net,
            )
        assert breakdown == [
            {
                "category": g.category,
                "rate": str(g.rate.quantize(Decimal("0.01"))),
                "taxable_amount": str(g.taxable_amount),
                "tax_amount": str(g.tax_amount),
            }
            for g in totals.vat_groups
        ]


def test_customers_identifiers_are_valid(loaded: str) -> None:
    rows = _rows(loaded, "SELECT vat_id, leitweg_id, country FROM customers")
    assert {country for *_, country in rows} >= {"DE"}
    vat_ids = [v for v, _, _ in rows if v]
    assert vat_ids and all(vatin.is_valid(v) for v in vat_ids)
    leitweg_ids = [lw for _, lw, _ in rows if lw]
    assert leitweg_ids and all(leitweg.is_valid(lw) for lw in leitweg_ids)
    snapshots = _rows(loaded, "SELECT buyer_snapshot, seller_snapshot FROM invoices LIMIT 5")
    for buyer, seller in snapshots:
        assert buyer is None or {"name", "customer_number", "leitweg_id"} <= set(buyer)
        assert seller is None or seller["name"] == "Workmate Demo GmbH"


def test_time_entries_are_in_the_past_and_reviewed_consistently(loaded: str) -> None:
    bad = _rows(
        loaded,
        "SELECT id FROM time_entries WHERE ended_at > now() OR ended_at IS NULL"
        " OR (status = 'approved') <> (reviewed_by_id IS NOT NULL)"
        " OR time_zone <> 'Europe/Berlin' OR duration_seconds <= 0",
    )
    assert bad == []
    statuses = {s for (s,) in _rows(loaded, "SELECT DISTINCT status FROM time_entries")}
    assert {"approved", "submitted"} <= statuses


CHECKSUM = """
SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
    SELECT id::text || coalesce(number, '') || gross_total::text || status AS x FROM invoices
    UNION ALL SELECT id::text || started_at::text || project_id::text FROM time_entries
    UNION ALL SELECT id::text || name || coalesce(vat_id, '') FROM customers
    UNION ALL SELECT id::text || amount::text || paid_on::text FROM payments
    UNION ALL SELECT id::text || current_sha256 || title FROM documents
    UNION ALL SELECT document_id::text || record_type || record_id::text FROM document_links
) t
"""


async def test_same_input_gives_the_same_data(database_url: str) -> None:
    await _load(database_url)
    first = _rows(database_url, CHECKSUM)
    tables = ", ".join(
        [
            "customers",
            "contacts",
            "activities",
            "projects",
            "project_members",
            "time_entries",
            "invoice_lines",
            "payments",
            "invoices",
            "products",
            "number_ranges",
            "departments",
            "employees",
            "stored_files",
        ]
    )
    with psycopg.connect(libpq_url(database_url)) as conn:
        conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE".encode())
    await _load(database_url)
    assert _rows(database_url, CHECKSUM) == first


async def test_refuses_a_database_with_data(loaded: str) -> None:
    with pytest.raises(DemoDataExists):
        await _load(loaded)


async def test_the_application_works_on_it(loaded: str, client: AsyncClient) -> None:
    await login(client, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
    name = _rows(loaded, "SELECT name FROM customers WHERE number = 'K-00001'")[0][0]
    for path in (
        "/api/v1/invoices",
        f"/api/v1/customers?q={name.split()[0]}",
        "/api/v1/invoices/stats",
        "/api/v1/projects",
        "/api/v1/time-entries",
    ):
        response = await client.get(path)
        assert response.status_code == 200, (path, response.text)
    found = (await client.get(f"/api/v1/customers?q={name.split()[0]}")).json()
    assert found["total"] >= 1
    assert json.dumps(found)


def test_statistics_aggregates_are_rebuilt(loaded: str) -> None:
    maintained = _rows(
        loaded,
        "SELECT metric, key, sum(count), sum(a), sum(b), sum(c), sum(d) FROM "
        "(SELECT metric, key, count, a, b, c, d FROM stat_totals UNION ALL "
        " SELECT metric, key, count, a, b, c, d FROM stat_deltas) x "
        "GROUP BY metric, key HAVING sum(count) <> 0 OR sum(a) <> 0 OR sum(b) <> 0 "
        "OR sum(c) <> 0 OR sum(d) <> 0",
    )
    recomputed = _rows(
        loaded,
        "SELECT d.metric, d.key, sum(d.count), sum(d.a), sum(d.b), sum(d.c), sum(d.d) "
        "FROM invoices i, LATERAL workmate_invoice_stat_rows(i, 1) d GROUP BY 1, 2 "
        "UNION ALL SELECT d.metric, d.key, sum(d.count), sum(d.a), sum(d.b), sum(d.c), sum(d.d) "
        "FROM customers c, LATERAL workmate_customer_stat_rows(c, 1) d GROUP BY 1, 2",
    )
    assert len(maintained) > 100
    assert sorted(maintained) == sorted(recomputed)


async def test_documents_are_linked_searchable_and_stored(
    loaded: str, client: AsyncClient, file_storage: Any
) -> None:
    import hashlib

    counts = dict(
        _rows(
            loaded,
            "SELECT 'documents', count(*) FROM documents UNION ALL "
            "SELECT 'versions', count(*) FROM document_versions UNION ALL "
            "SELECT 'unlinked', count(*) FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM document_links l WHERE l.document_id = d.id) UNION ALL "
            "SELECT 'dangling', count(*) FROM document_links l WHERE l.record_type = 'customer' "
            "AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = l.record_id)",
        )
    )
    assert counts == {"documents": 200, "versions": 200, "unlinked": 0, "dangling": 0}
    kinds = dict(_rows(loaded, "SELECT record_type, count(*) FROM document_links GROUP BY 1"))
    assert {"customer", "project", "invoice"} <= set(kinds)
    # Every file is stored under its checksum.
    for (sha,) in _rows(loaded, "SELECT sha256 FROM stored_files ORDER BY sha256 LIMIT 50"):
        assert hashlib.sha256(file_storage.path(sha).read_bytes()).hexdigest() == sha
    await login(client, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
    found = (await client.get("/api/v1/documents", params={"q": "Wartungsvertrag"})).json()
    assert found["total"] > 0
    assert found["items"][0]["snippet"]
    customer = _rows(
        loaded, "SELECT record_id FROM document_links WHERE record_type = 'customer' LIMIT 1"
    )[0][0]
    listed = await client.get(
        "/api/v1/documents", params={"record_type": "customer", "record_id": str(customer)}
    )
    assert listed.json()["total"] >= 1
    thumb = await client.get(f"/api/v1/documents/{listed.json()['items'][0]['id']}/thumbnail")
    assert thumb.status_code == 200
