"""Finalizing: validate, number gaplessly, snapshot, freeze totals, store the e-invoice, lock.

Order matters (DESIGN.md 5): every check runs before the number is drawn, including the
e-invoice validation (XSD and EN 16931 schematron) of the XML generated with a placeholder
number. The number is then drawn from a row-locked range inside the request's transaction, so
a failure afterwards rolls the counter back and numbers stay gapless per kind and year.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import replace
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import anyio
from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.activities import events
from workmate.auth.service import Principal
from workmate.core import clock
from workmate.core.errors import BusinessRuleViolation, field_error
from workmate.invoices import audit, documents, printable, sequence, service, validation
from workmate.invoices.document import Document
from workmate.invoices.from_time import entry_hours
from workmate.invoices.rendering import preceding
from workmate.invoices.rules import ensure_draft
from workmate.invoices.schemas import Finding, ValidationReport
from workmate.models import CompanySettings, Contact, Customer, Employee, Invoice, TimeEntry
from workmate.numbering.service import next_unused
from workmate.settings import service as settings_service
from workmate.time_tracking.pricing import priced_entries

PLACEHOLDER_NUMBER = "DRAFT-0000"
KIND_LABELS = {"invoice": "Invoice", "credit_note": "Credit note", "quote": "Quote"}


def pattern_for(company: CompanySettings, kind: str) -> str:
    return {
        "invoice": company.invoice_number_pattern,
        "credit_note": company.credit_note_number_pattern,
        "quote": company.quote_number_pattern,
    }[kind]


async def snapshots(
    session: AsyncSession,
    invoice: Invoice,
    contact_name: str | None,
    company: CompanySettings | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    company = company or await settings_service.get(session)
    customer = await session.get(Customer, invoice.customer_id)
    assert customer is not None
    contact = await session.get(Contact, invoice.contact_id) if invoice.contact_id else None
    return documents.seller_snapshot(company, contact_name), documents.buyer_snapshot(
        customer, contact
    )


async def _xml_findings(doc: Any) -> list[Finding]:
    from workmate.invoices.einvoice import build_xml
    from workmate.invoices.einvoice.isolated import validate_isolated

    xml = await anyio.to_thread.run_sync(build_xml, doc)
    findings = [
        f
        for f in await validate_isolated(xml)
        # The CII schema requires ApplicableHeaderTradeDelivery even when there is nothing to
        # deliver (services billed by period); PEPPOL's "no empty elements" warning is noise.
        if not (
            f.rule_id == "PEPPOL-EN16931-R008"
            and (f.location or "").endswith("ApplicableHeaderTradeDelivery[1]")
        )
    ]
    return [
        Finding(
            code="einvoice_rule",
            field=f.location,
            message=f.message,
            params={"rule": f.rule_id, "text": f.message},
            source="xsd" if f.rule_id.startswith("XSD") else "schematron",
            severity=f.severity,
        )
        for f in findings
    ]


Timesheets = dict[uuid.UUID, list[dict[str, Any]]]


async def check(
    session: AsyncSession,
    invoice: Invoice,
    principal: Principal,
    zone: str,
    parties: tuple[dict[str, Any], dict[str, Any]] | None = None,
    timesheets: Timesheets | None = None,
) -> list[Finding]:
    """Every finding that would stop finalizing, without changing anything. ``parties``: the
    seller and buyer snapshots, ``timesheets`` the lines' time entries, if the caller has them.

    Our rules, then every text the PDF could not print (the timesheet annex included), then
    the e-invoice XML: all before a number is drawn."""
    seller, buyer = parties or await snapshots(session, invoice, principal.name)
    if timesheets is None:
        timesheets = await _timesheets(session, invoice)
    doc = documents.build(
        invoice,
        seller,
        buyer,
        number=PLACEHOLDER_NUMBER,
        today=clock.today(zone),
        include_paid=False,
        preceding=await preceding(session, invoice),
    )
    findings = validation.check(invoice, seller, buyer)
    findings += printable.findings(_with_timesheets(doc, invoice, timesheets))
    if findings or invoice.kind == "quote":
        return findings
    return await _xml_findings(doc)


def _with_timesheets(doc: Document, invoice: Invoice, timesheets: Timesheets) -> Document:
    """``doc`` with the entries its lines' timesheets will show once finalized."""
    by_position = {line.position: timesheets.get(line.id) for line in invoice.lines}
    lines = tuple(
        replace(line, timesheet=documents.timesheet_entries(entries))
        if (entries := by_position.get(line.position))
        else line
        for line in doc.lines
    )
    return replace(doc, lines=lines)


async def validate(
    session: AsyncSession, principal: Principal, invoice_id: uuid.UUID, zone: str
) -> ValidationReport:
    invoice = await service.get(session, invoice_id)
    ensure_draft(invoice)
    await service.recalculate(session, invoice)
    findings = await check(session, invoice, principal, zone)
    return ValidationReport(ok=not any(f.severity == "error" for f in findings), findings=findings)


def _refuse(findings: list[Finding]) -> None:
    errors = [f for f in findings if f.severity == "error"]
    if not errors:
        return
    raise BusinessRuleViolation(
        f"The document cannot be finalized yet: {errors[0].message}"
        + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""),
        code="invoice_invalid",
        params={"count": len(errors)},
        errors=[field_error(f.field or "document", f.message, f.code, f.params) for f in errors],
    )


@functools.cache
def _timesheet_statement() -> Select[Any]:
    priced = priced_entries().add_columns(TimeEntry.invoice_line_id, TimeEntry.description)
    sub = priced.where(TimeEntry.invoice_id == bindparam("invoice_id")).subquery()
    return (
        select(sub, Employee.name.label("employee_name"))
        .join(Employee, Employee.id == sub.c.employee_id)
        .order_by(sub.c.started_at)
    )


async def _timesheets(session: AsyncSession, invoice: Invoice) -> Timesheets:
    rows = (await session.execute(_timesheet_statement(), {"invoice_id": invoice.id})).all()
    out: Timesheets = {}
    for row in rows:
        local = row.started_at.astimezone(ZoneInfo(row.time_zone)).date()
        hours = entry_hours(int(row.billable_minutes or 0))
        out.setdefault(row.invoice_line_id, []).append(
            {
                "day": local.isoformat(),
                "employee": row.employee_name,
                "description": row.description,
                "hours": str(hours),
            }
        )
    return out


async def finalize(
    session: AsyncSession,
    principal: Principal,
    invoice_id: uuid.UUID,
    zone: str,
    *,
    audit_action: str = "finalized",
    backdate_reason: str | None = None,
) -> Invoice:
    """``backdate_reason``: why the issue date may be earlier than the newest document of the
    number range (``sequence``); written to the audit log."""
    invoice = await service.get(session, invoice_id, for_update=True, line_counts=True)
    ensure_draft(invoice)
    # Everything below is written in one flush at the end (one UPDATE of the invoice instead of
    # one per step); nothing read in between depends on this invoice's pending changes.
    with session.no_autoflush:
        backdated = await _finalize(session, principal, invoice, zone, backdate_reason)
    await session.flush()
    await _after_finalize(session, principal, invoice, audit_action, backdated)
    # Not read again: the flush returned what the database set (``updated_at``), and the lines,
    # their linked-entry counts, customer and project were loaded above. The number range stays
    # locked until commit, so the fewer round trips after the draw, the shorter the queue.
    return invoice


async def _finalize(
    session: AsyncSession,
    principal: Principal,
    invoice: Invoice,
    zone: str,
    backdate_reason: str | None,
) -> dict[str, Any] | None:
    today = clock.today(zone)
    if invoice.issue_date is None:
        invoice.issue_date = today
    if invoice.kind == "quote":
        invoice.due_date = invoice.issue_date + timedelta(days=invoice.payment_terms_days)
    elif invoice.kind == "invoice":
        invoice.due_date = service.due_date_for(invoice)
    await service.recalculate(session, invoice, flush=False)
    company = await settings_service.get(session)
    seller, buyer = await snapshots(session, invoice, principal.name, company)
    timesheets = await _timesheets(session, invoice)
    _refuse(await check(session, invoice, principal, zone, (seller, buyer), timesheets))

    invoice.seller_snapshot = seller
    invoice.buyer_snapshot = buyer
    invoice.finalized_at = clock.now()
    invoice.finalized_by_id = principal.id
    invoice.einvoice_format = (
        None if invoice.kind == "quote" else "xrechnung" if buyer.get("leitweg_id") else "facturx"
    )
    for line_id, entries in timesheets.items():
        for line in invoice.lines:
            if line.id == line_id:
                line.timesheet = entries
    # The XML with the final number and the PDF are built from this snapshot by the render job
    # (or by the first download): nothing slow happens while the number range is locked.
    invoice.render_status = "pending"
    await session.execute(
        update(TimeEntry).where(TimeEntry.invoice_id == invoice.id).values(invoiced_at=clock.now())
    )
    from workmate.jobs import enqueue

    await enqueue(session, "render_invoice_documents", invoice_id=str(invoice.id))
    # Gapless: drawn last; the range row stays locked until commit and a rollback returns it.
    pattern = pattern_for(company, invoice.kind)
    invoice.number = await next_unused(
        session, invoice.kind, pattern, invoice.issue_date, "invoices"
    )
    invoice.status = "finalized"
    # Under the range's lock: the documents numbered before this one are all committed.
    return await sequence.ensure_in_order(
        session, invoice, yearly="{year}" in pattern, reason=backdate_reason
    )


async def _after_finalize(
    session: AsyncSession,
    principal: Principal,
    invoice: Invoice,
    action: str,
    backdated: dict[str, Any] | None,
) -> None:
    audit.record(
        session,
        principal,
        action=action,
        entity_type="invoice",
        entity_id=invoice.id,
        invoice_id=invoice.id,
        changes={
            "number": invoice.number,
            "net_total": invoice.net_total,
            "vat_total": invoice.vat_total,
            "gross_total": invoice.gross_total,
            "issue_date": invoice.issue_date,
            "due_date": invoice.due_date,
            **({"backdated": backdated} if backdated else {}),
        },
    )
    await events.record_event(
        session,
        customer_id=invoice.customer_id,
        event=events.INVOICE_ISSUED,
        subject=f"{KIND_LABELS[invoice.kind]} {invoice.number} issued",
        author_id=principal.id,
        data={
            "invoice_id": str(invoice.id),
            "number": invoice.number,
            "kind": invoice.kind,
            "gross_total": str(invoice.gross_total),
            "currency": invoice.currency,
        },
    )
