"""Documents that could never be printed: a number is drawn only for a document whose PDF and
XML are known to build; text the shipped fonts cannot print is refused before finalizing, naming
the line and the character; documents that got stuck before are rendered again."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import anyio
import pytest
from httpx import AsyncClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_employee
from tests.invoices import samples
from tests.invoices.helpers import draft, finalized, invoiceable_customer, line, setup_company
from tests.projects.helpers import make_entry, make_project
from workmate.invoices.pdf import glyphs, render_pdf
from workmate.invoices.pdf.data import invoice_data
from workmate.invoices.pdf.render import typeset
from workmate.models import Invoice, InvoiceLine, NumberRange

UNPRINTABLE = ["😀", "王", "\x01", "\U0001f44d"]
SCRIPTS = "Grüße aus Köln · Ελληνικά · Кириллица · Ça coûte 12 € \u2013 „so“ ✓ → ẞ"
# Allowed without a glyph: layout whitespace and invisible marks.
EXTRAS = "\t\n\x0b\x0c\r\x85\u2028\u2029\u200b\u200d\ufe0f\ufeff"


def _document(text: str) -> Any:
    return samples.build_document(
        [samples.LineSpec(text, "1", "H87", "10.00")],
        seller=samples.seller(),
        buyer=samples.business_buyer(),
        issue_date=date(2026, 3, 2),
    )


def _render(text: str) -> bytes:
    """Typst itself, on the text as it is (no placeholder for what the fonts lack)."""
    doc = _document(text)
    return typeset(invoice_data(doc), doc)


def test_the_check_reads_the_shipped_fonts_and_agrees_with_the_renderer() -> None:
    printable = glyphs.printable_code_points()
    assert all(ord(c) in printable for c in SCRIPTS)
    assert glyphs.unprintable(SCRIPTS) == []
    assert _render(SCRIPTS).startswith(b"%PDF")
    assert glyphs.unprintable(EXTRAS) == []
    assert _render("a" + "b".join(EXTRAS) + "c").startswith(b"%PDF")
    for char in UNPRINTABLE:
        assert glyphs.unprintable(f"x{char}y") == [char]
        with pytest.raises(Exception, match="could not be displayed"):
            _render(f"Kaffee {char}")
        # What the renderer does with documents finalized before the check: a placeholder.
        assert render_pdf(_document(f"Kaffee {char}")).startswith(b"%PDF")


async def _range_value(session: AsyncSession) -> int | None:
    session.expire_all()
    rows = (await session.scalars(select(NumberRange.next_value))).all()
    return max(rows) if rows else None


@pytest.mark.parametrize(
    ("text", "char"), [("Kaffee-Flatrate 😀", "😀"), ("王小明 Beratung", "王")]
)
async def test_finalizing_refuses_unprintable_text_before_a_number_is_drawn(
    client: AsyncClient, session: AsyncSession, text: str, char: str
) -> None:
    await logged_in_as(client, session, "accounting")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    doc = await draft(client, customer.id, [line("Beratung"), line(text)])
    before = await _range_value(session)
    report = (await client.post(f"/api/v1/invoices/{doc['id']}/validate")).json()
    assert report["ok"] is False
    finding = next(f for f in report["findings"] if f["code"] == "unprintable_character")
    assert finding["field"] == "lines[1].description"
    assert finding["message"].startswith("Line 2 (description): “" + char)
    r = await client.post(f"/api/v1/invoices/{doc['id']}/finalize")
    assert r.status_code == 422 and r.json()["code"] == "invoice_invalid"
    assert any(e["code"] == "unprintable_character" for e in r.json()["errors"])
    assert await _range_value(session) == before  # no number used up
    # Once the line is printable, it finalizes and gets the first number.
    line_id = (await client.get(f"/api/v1/invoices/{doc['id']}")).json()["lines"][1]["id"]
    await client.patch(
        f"/api/v1/invoices/{doc['id']}/lines/{line_id}", json={"description": "Kaffee"}
    )
    done = (await client.post(f"/api/v1/invoices/{doc['id']}/finalize")).json()
    assert done["number"].endswith("-00001")
    assert (await client.get(f"/api/v1/invoices/{doc['id']}/pdf")).status_code == 200


async def test_a_cancellation_reason_the_pdf_cannot_print_is_refused_before_the_credit_note(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "accounting")
    await setup_company(session)
    invoice = await finalized(client, (await invoiceable_customer(session)).id)
    r = await client.post(f"/api/v1/invoices/{invoice['id']}/cancel", json={"reason": "Fehler 😀"})
    assert r.status_code == 422 and r.json()["code"] == "unprintable_character"
    assert r.json()["errors"][0]["field"] == "reason"
    assert (await client.get(f"/api/v1/invoices/{invoice['id']}")).json()["status"] == "finalized"
    count = await session.scalar(select(Invoice.id).where(Invoice.kind == "credit_note"))
    assert count is None


async def test_time_entries_behind_a_line_are_checked_for_the_timesheet_annex(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    anna = await make_employee(session, name="Anna Schmidt")
    project = await make_project(
        session, customer_id=customer.id, hourly_rate=Decimal("100.00"), members=[anna]
    )
    from datetime import UTC, datetime

    await make_entry(
        session, anna, project, datetime(2026, 10, 5, 8, tzinfo=UTC),
        datetime(2026, 10, 5, 10, tzinfo=UTC), status="approved", description="Workshop 🎉",
    )  # fmt: skip
    await session.commit()
    body = {
        "project_id": str(project.id),
        "date_from": "2026-10-01",
        "date_to": "2026-10-31",
        "with_timesheet": True,
    }
    doc = (await client.post("/api/v1/invoices/from-time", json=body)).json()
    r = await client.post(f"/api/v1/invoices/{doc['id']}/finalize")
    assert r.status_code == 422
    messages = [e["message"] for e in r.json()["errors"]]
    assert any(m.startswith("Line 1, timesheet entry 1 (description): “🎉”") for m in messages)


async def test_stuck_documents_render_again(
    client: AsyncClient, session: AsyncSession, database_url: str, storage_dir: Path
) -> None:
    """A document finalized before the check existed: its rendering failed for good. The
    download renders it now (a placeholder for the character), and so does the command."""
    await logged_in_as(client, session, "accounting")
    await setup_company(session)
    first = await finalized(client, (await invoiceable_customer(session)).id)
    second = await finalized(client, (await invoiceable_customer(session, name="Zwei")).id)
    for doc in (first, second):  # as it was stored before: unprintable text, failed rendering
        await session.execute(
            update(InvoiceLine)
            .where(InvoiceLine.invoice_id == doc["id"])
            .values(description="Kaffee-Flatrate 😀")
        )
        await session.execute(
            update(Invoice)
            .where(Invoice.id == doc["id"])
            .values(
                render_status="failed", render_error="PDF/A-3b error", pdf_sha=None, xml_sha=None
            )
        )
    await session.commit()
    pdf = await client.get(f"/api/v1/invoices/{first['id']}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xml = await client.get(f"/api/v1/invoices/{first['id']}/xml")
    assert xml.status_code == 200 and "Kaffee-Flatrate 😀" in xml.text  # the XML keeps the text
    env = {
        **os.environ,
        "WORKMATE_DATABASE_URL": database_url,
        "WORKMATE_STORAGE_DIR": str(storage_dir),
        "WORKMATE_LOG_LEVEL": "warning",
    }
    command = [sys.executable, "-m", "workmate.cli", "invoices", "rerender"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *args], env=env, capture_output=True, text=True, timeout=240
        )

    result = await anyio.to_thread.run_sync(run)
    assert result.returncode == 0, result.stderr
    assert f"{second['number']}: rendered" in result.stderr
    assert first["number"] not in result.stderr  # already rendered by its download
    session.expire_all()
    stored: Any = await session.get(Invoice, second["id"])
    assert stored.render_status == "done" and stored.pdf_sha
    result = await anyio.to_thread.run_sync(run, "NO-SUCH-NUMBER")
    assert result.returncode == 1 and "NO-SUCH-NUMBER" in result.stderr
