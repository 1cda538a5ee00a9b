"""Render a finalized document's files (PDF with embedded XML, XML, timesheet) and store them.

Used by the render job after finalizing and, if a download arrives before the job ran, by the
download itself. Rendering is a pure function of the stored snapshot, so both paths produce the
same content and storing twice is harmless (content-addressed storage).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import anyio
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core import clock
from workmate.core.db import Database
from workmate.invoices import documents, service
from workmate.invoices.document import Document
from workmate.models import Invoice
from workmate.storage.service import store

PDF = "application/pdf"
XML = "application/xml"


async def preceding(session: AsyncSession, invoice: Invoice) -> tuple[str, date | None] | None:
    if invoice.cancels_invoice_id is None:
        return None
    row = (
        await session.execute(
            select(Invoice.number, Invoice.issue_date).where(
                Invoice.id == invoice.cancels_invoice_id
            )
        )
    ).one()
    return (row.number or "", row.issue_date)


async def snapshot_document(session: AsyncSession, invoice: Invoice) -> Document:
    assert invoice.seller_snapshot is not None
    assert invoice.buyer_snapshot is not None
    return documents.build(
        invoice,
        invoice.seller_snapshot,
        invoice.buyer_snapshot,
        include_paid=False,
        preceding=await preceding(session, invoice),
    )


def _render(doc: Document, xml: bytes | None) -> tuple[bytes, bytes | None, bytes | None]:
    from workmate.invoices.einvoice import build_xml
    from workmate.invoices.pdf import render_invoice_pdf, render_timesheet

    if xml is None and doc.kind != "quote":
        xml = build_xml(doc)
    pdf = render_invoice_pdf(doc, xml)
    timesheet = render_timesheet(doc) if any(line.timesheet for line in doc.lines) else None
    return pdf, xml, timesheet


async def render_and_store(session: AsyncSession, invoice_id: uuid.UUID) -> Invoice:
    """Render and store the files of a finalized document (idempotent)."""
    invoice = await service.get(session, invoice_id, for_update=True)
    if invoice.status == "draft":
        return invoice
    if invoice.render_status == "done" and invoice.pdf_sha:
        return invoice
    doc = await snapshot_document(session, invoice)
    xml = await stored_xml(session, invoice)
    try:
        pdf, xml, timesheet = await anyio.to_thread.run_sync(_render, doc, xml)
    except Exception as exc:
        invoice.render_status = "failed"
        invoice.render_error = str(exc)[:2000]
        await session.flush()
        raise
    if xml is not None and invoice.xml_sha is None:
        invoice.xml_sha = (await store(session, xml, XML)).sha256
    invoice.pdf_sha = (await store(session, pdf, PDF)).sha256
    if timesheet is not None:
        invoice.timesheet_sha = (await store(session, timesheet, PDF)).sha256
    invoice.render_status = "done"
    invoice.render_error = None
    await session.flush()
    return invoice


@dataclass
class Rerendered:
    done: list[str]
    failed: list[tuple[str, str]]  # number, error


async def rerender(database: Database, numbers: list[str] | None) -> Rerendered:
    """Render the files of finalized documents again: the given numbers, or every document
    whose rendering failed (e.g. text the fonts could not print before finalizing refused it,
    which now shows a placeholder in the PDF). One transaction per document."""
    async with database.transaction() as session:
        query = select(Invoice.id, Invoice.number).where(Invoice.number.is_not(None))
        if numbers:
            query = query.where(Invoice.number.in_(numbers))
        else:
            query = query.where(Invoice.render_status == "failed")
        rows = (await session.execute(query.order_by(Invoice.number))).all()
    result = Rerendered(done=[], failed=[])
    for invoice_id, found in rows:
        number = str(found)
        try:
            async with database.transaction() as session:
                invoice = await service.get(session, invoice_id, for_update=True)
                invoice.render_status = "pending"  # render even if it was done
                await render_and_store(session, invoice_id)
            result.done.append(number)
        except Exception as exc:
            result.failed.append((number, str(exc)[:300]))
    missing = sorted(set(numbers or []) - {number for _, number in rows})
    result.failed += [(number, "no finalized document has this number") for number in missing]
    return result


async def stored_xml(session: AsyncSession, invoice: Invoice) -> bytes | None:
    if invoice.xml_sha is None:
        return None
    from workmate.storage.backend import get_storage

    return await get_storage().get(invoice.xml_sha)


def filename(invoice: Invoice, suffix: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in invoice.number or "draft")
    return f"{safe}{suffix}"


async def preview_pdf(session: AsyncSession, invoice: Invoice, zone: str) -> bytes:
    """A draft's watermarked PDF from the live company settings and customer (not stored)."""
    from workmate.invoices import finalize
    from workmate.invoices.pdf import render_pdf

    await service.recalculate(session, invoice)
    seller, buyer = await finalize.snapshots(session, invoice, None)
    doc = documents.build(
        invoice,
        seller,
        buyer,
        preview=True,
        today=clock.today(zone),
        include_paid=False,
        preceding=await preceding(session, invoice),
    )
    return await anyio.to_thread.run_sync(render_pdf, doc)
