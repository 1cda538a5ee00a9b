from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import Depends, Path, Query, status

from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core import clock
from workmate.core.db import DbSession
from workmate.core.errors import (
    BusinessRuleViolation,
    Conflict,
    NotFound,
    WorkmateError,
    responses,
)
from workmate.core.inputs import Day
from workmate.core.pagination import PageParams, page_params, sort_clauses
from workmate.core.routing import Router
from workmate.core.settings_dep import SettingsDep
from workmate.invoices import (
    audit,
    finalize,
    from_time,
    lifecycle,
    lines,
    read,
    service,
)
from workmate.invoices import repository as repo
from workmate.invoices import stats as stats_service
from workmate.invoices.rules import ensure_draft
from workmate.invoices.schemas import (
    AuditEntry,
    BulkItemResult,
    BulkRequest,
    BulkResult,
    CancelRequest,
    DocumentKind,
    FinalizeRequest,
    FromTimeRequest,
    Invoice,
    InvoiceCreate,
    InvoicePage,
    InvoiceSort,
    InvoiceStats,
    InvoiceUpdate,
    JobAccepted,
    LineIn,
    LineOrder,
    LineUpdate,
    ListTotals,
    QuoteDecision,
    StatusFilter,
    TimePreview,
    ValidationReport,
)
from workmate.models import Invoice as InvoiceModel

router = Router(prefix="/invoices", tags=["invoices"])

Reader = Annotated[Principal, require(Permission.invoices_read)]
Writer = Annotated[Principal, require(Permission.invoices_write)]
EDIT = responses(NotFound, Conflict, BusinessRuleViolation)
PDF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "PDF"}
}


async def _today(settings: SettingsDep) -> date:
    return clock.today(settings.company_time_zone)


Today = Annotated[date, Depends(_today)]


async def _detail(session: DbSession, invoice_id: uuid.UUID, today: date) -> Invoice:
    invoice = await service.get(session, invoice_id, line_counts=True)
    return await read.detail(session, invoice, today)


@router.get("", response_model=InvoicePage)
async def list_invoices(
    _: Reader,
    session: DbSession,
    today: Today,
    paging: Annotated[PageParams, Depends(page_params)],
    kind: Annotated[list[DocumentKind] | None, Query(max_length=3)] = None,
    status: Annotated[list[StatusFilter] | None, Query(max_length=11)] = None,
    customer_id: uuid.UUID | None = None,
    project_id: uuid.UUID | None = None,
    issue_from: Day | None = None,
    issue_to: Day | None = None,
    due_from: Day | None = None,
    due_to: Day | None = None,
    amount_min: Annotated[Decimal | None, Query(ge=-1e12, le=1e12)] = None,
    amount_max: Annotated[Decimal | None, Query(ge=-1e12, le=1e12)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Number or customer")] = None,
    sort: InvoiceSort = InvoiceSort.created_at_desc,
) -> InvoicePage:
    """Documents with filters (status ``overdue`` and ``open`` are derived) and filter totals."""
    filters = repo.InvoiceFilter(
        kinds=list(kind) if kind else None,
        statuses=list(status) if status else None,
        customer_id=customer_id,
        project_id=project_id,
        issue_from=issue_from,
        issue_to=issue_to,
        due_from=due_from,
        due_to=due_to,
        amount_min=amount_min,
        amount_max=amount_max,
        q=q.strip() if q and q.strip() else None,
    )
    where = repo.conditions(filters, today)
    order = sort_clauses(sort.value, repo.SORTABLE, "-created_at", InvoiceModel.id)
    page = repo.page_statement(where).order_by(*order).limit(paging.limit).offset(paging.offset)
    rows = (await session.execute(page)).all()
    count, net, gross, paid, open_ = await repo.totals(session, filters, where, today)
    return InvoicePage(
        items=[read.summary(row, row.customer_name, today) for row in rows],
        total=count,
        limit=paging.limit,
        offset=paging.offset,
        totals=ListTotals(
            count=count, net_total=net, gross_total=gross, paid_amount=paid, outstanding=open_
        ),
    )


@router.post("", response_model=Invoice, status_code=status.HTTP_201_CREATED, responses=EDIT)
async def create_invoice(
    body: InvoiceCreate, principal: Writer, session: DbSession, today: Today
) -> Invoice:
    """A draft invoice, credit note or quote; defaults come from the customer and company."""
    invoice = await service.create(session, principal, body)
    return await read.detail(session, invoice, today)


@router.get("/stats", response_model=InvoiceStats)
async def invoice_stats(_: Reader, session: DbSession, today: Today) -> InvoiceStats:
    """Revenue by month (12 months), receivables, overdue, days to payment, top customers."""
    return await stats_service.stats(session, today)


@router.get("/by-number/{number}", response_model=Invoice, responses=responses(NotFound))
async def invoice_by_number(
    number: Annotated[str, Path(max_length=40)], _: Reader, session: DbSession, today: Today
) -> Invoice:
    from sqlalchemy import select

    found = await session.scalar(select(InvoiceModel.id).where(InvoiceModel.number == number))
    if found is None:
        raise NotFound(
            f"No document has the number {number}.",
            code="invoice_not_found",
            params={"number": number},
        )
    return await _detail(session, found, today)


@router.post(
    "/from-time/preview", response_model=TimePreview, responses=responses(BusinessRuleViolation)
)
async def preview_from_time(
    body: FromTimeRequest, _: Writer, session: DbSession, settings: SettingsDep
) -> TimePreview:
    """The lines a draft from time entries would get, without creating it."""
    return await from_time.preview(session, body, settings.company_time_zone)


@router.post(
    "/from-time", response_model=Invoice, status_code=status.HTTP_201_CREATED, responses=EDIT
)
async def create_from_time(
    body: FromTimeRequest,
    principal: Writer,
    session: DbSession,
    settings: SettingsDep,
    today: Today,
) -> Invoice:
    """A draft invoice from approved, billable, not yet invoiced time entries."""
    invoice = await from_time.create(session, principal, body, settings.company_time_zone)
    return await read.detail(session, invoice, today)


@router.post("/bulk/mark-sent", response_model=BulkResult)
async def bulk_mark_sent(body: BulkRequest, principal: Writer, session: DbSession) -> BulkResult:
    """Mark several documents as sent; each succeeds or fails on its own."""
    results = []
    for invoice_id in dict.fromkeys(body.ids):
        try:
            async with session.begin_nested():
                invoice = await lifecycle.mark_sent(session, principal, invoice_id)
            results.append(BulkItemResult(id=invoice_id, number=invoice.number, ok=True))
        except WorkmateError as exc:
            number = await _number(session, invoice_id)
            results.append(
                BulkItemResult(
                    id=invoice_id, number=number, ok=False, code=exc.code, message=exc.detail
                )
            )
    ok = sum(1 for r in results if r.ok)
    return BulkResult(succeeded=ok, failed=len(results) - ok, results=results)


async def _number(session: DbSession, invoice_id: uuid.UUID) -> str | None:
    from sqlalchemy import select

    return await session.scalar(select(InvoiceModel.number).where(InvoiceModel.id == invoice_id))


@router.post(
    "/bulk/pdf-zip",
    response_model=JobAccepted,
    status_code=status.HTTP_202_ACCEPTED,
)
async def bulk_pdf_zip(body: BulkRequest, principal: Reader, session: DbSession) -> JobAccepted:
    """Queue a ZIP of the documents' PDFs; poll the job for progress and per-document errors."""
    from workmate.jobs.service import submit

    ids = [str(i) for i in dict.fromkeys(body.ids)]
    job = await submit(
        session,
        "invoice_pdf_zip",
        kind="invoice_pdf_zip",
        owner_id=principal.id,
        total=len(ids),
        params={"invoice_ids": ids},
    )
    return JobAccepted(job_id=job.id, status_url=f"/api/v1/jobs/{job.id}")


@router.get("/{invoice_id}", response_model=Invoice, responses=responses(NotFound))
async def get_invoice(
    invoice_id: uuid.UUID, _: Reader, session: DbSession, today: Today
) -> Invoice:
    return await _detail(session, invoice_id, today)


@router.patch("/{invoice_id}", response_model=Invoice, responses=EDIT)
async def update_invoice(
    invoice_id: uuid.UUID, body: InvoiceUpdate, principal: Writer, session: DbSession, today: Today
) -> Invoice:
    """Change a draft's header; finalized documents are 409 ``document_locked``."""
    invoice = await service.update_header(session, principal, invoice_id, body)
    return await read.detail(session, invoice, today)


@router.delete("/{invoice_id}", status_code=status.HTTP_204_NO_CONTENT, responses=EDIT)
async def delete_invoice(invoice_id: uuid.UUID, principal: Writer, session: DbSession) -> None:
    """Delete a draft (its time entries become available again)."""
    await service.delete_draft(session, principal, invoice_id)


@router.post(
    "/{invoice_id}/lines",
    response_model=Invoice,
    status_code=status.HTTP_201_CREATED,
    responses=EDIT,
)
async def add_line(
    invoice_id: uuid.UUID, body: LineIn, principal: Writer, session: DbSession, today: Today
) -> Invoice:
    invoice = await lines.add_line(session, principal, invoice_id, body)
    return await read.detail(session, invoice, today)


@router.put("/{invoice_id}/lines/order", response_model=Invoice, responses=EDIT)
async def reorder_lines(
    invoice_id: uuid.UUID, body: LineOrder, principal: Writer, session: DbSession, today: Today
) -> Invoice:
    """Put the lines in this order; positions renumber 1..n."""
    invoice = await lines.reorder_lines(session, principal, invoice_id, body.line_ids)
    return await read.detail(session, invoice, today)


@router.patch("/{invoice_id}/lines/{line_id}", response_model=Invoice, responses=EDIT)
async def update_line(
    invoice_id: uuid.UUID,
    line_id: uuid.UUID,
    body: LineUpdate,
    principal: Writer,
    session: DbSession,
    today: Today,
) -> Invoice:
    invoice = await lines.update_line(session, principal, invoice_id, line_id, body)
    return await read.detail(session, invoice, today)


@router.delete("/{invoice_id}/lines/{line_id}", response_model=Invoice, responses=EDIT)
async def delete_line(
    invoice_id: uuid.UUID, line_id: uuid.UUID, principal: Writer, session: DbSession, today: Today
) -> Invoice:
    invoice = await lines.delete_line(session, principal, invoice_id, line_id)
    return await read.detail(session, invoice, today)


@router.post("/{invoice_id}/recalculate", response_model=Invoice, responses=EDIT)
async def recalculate(
    invoice_id: uuid.UUID, _: Writer, session: DbSession, today: Today
) -> Invoice:
    """Recompute a draft's totals; finalized documents keep their stored totals (409)."""
    invoice = await service.get(session, invoice_id, for_update=True)
    ensure_draft(invoice)
    await service.recalculate(session, invoice)
    return await _detail(session, invoice_id, today)


@router.post("/{invoice_id}/validate", response_model=ValidationReport, responses=EDIT)
async def validate_invoice(
    invoice_id: uuid.UUID, principal: Writer, session: DbSession, settings: SettingsDep
) -> ValidationReport:
    """What stands between this draft and finalizing (§ 14 UStG, EN 16931 XSD + schematron)."""
    return await finalize.validate(session, principal, invoice_id, settings.company_time_zone)


@router.post("/{invoice_id}/finalize", response_model=Invoice, responses=EDIT)
async def finalize_invoice(
    invoice_id: uuid.UUID,
    principal: Writer,
    session: DbSession,
    settings: SettingsDep,
    today: Today,
    body: FinalizeRequest | None = None,
) -> Invoice:
    """Validate, assign the next number gaplessly, snapshot, store the e-invoice and lock.

    Validation errors are a 422 ``invoice_invalid`` listing every finding; no number is used.
    An issue date before the newest document of the number range is 422
    ``issue_date_out_of_order`` unless ``backdate_reason`` says why (audited).
    """
    invoice = await finalize.finalize(
        session,
        principal,
        invoice_id,
        settings.company_time_zone,
        backdate_reason=body.backdate_reason if body else None,
    )
    return await read.detail(session, invoice, today)


@router.post("/{invoice_id}/mark-sent", response_model=Invoice, responses=EDIT)
async def mark_sent(
    invoice_id: uuid.UUID, principal: Writer, session: DbSession, today: Today
) -> Invoice:
    invoice = await lifecycle.mark_sent(session, principal, invoice_id)
    return await read.detail(session, invoice, today)


@router.post(
    "/{invoice_id}/cancel",
    response_model=Invoice,
    status_code=status.HTTP_201_CREATED,
    responses=EDIT,
)
async def cancel_invoice(
    invoice_id: uuid.UUID,
    body: CancelRequest,
    principal: Writer,
    session: DbSession,
    settings: SettingsDep,
    today: Today,
) -> Invoice:
    """Cancel an invoice with a credit note (its lines negated, own number); returns the note."""
    credit = await lifecycle.cancel(
        session,
        principal,
        invoice_id,
        settings.company_time_zone,
        body.reason,
        body.issue_date,
        backdate_reason=body.backdate_reason,
    )
    return await read.detail(session, credit, today)


@router.post("/{invoice_id}/decision", response_model=Invoice, responses=EDIT)
async def decide_quote(
    invoice_id: uuid.UUID,
    body: QuoteDecision,
    principal: Writer,
    session: DbSession,
    today: Today,
) -> Invoice:
    """Quotes: accepted, declined or expired."""
    quote = await lifecycle.decide_quote(session, principal, invoice_id, body.decision)
    return await read.detail(session, quote, today)


@router.post(
    "/{invoice_id}/convert",
    response_model=Invoice,
    status_code=status.HTTP_201_CREATED,
    responses=EDIT,
)
async def convert_quote(
    invoice_id: uuid.UUID, principal: Writer, session: DbSession, today: Today
) -> Invoice:
    """An accepted quote becomes a draft invoice (header and lines copied)."""
    draft = await lifecycle.convert_quote(session, principal, invoice_id)
    return await read.detail(session, draft, today)


@router.get("/{invoice_id}/history", response_model=list[AuditEntry], responses=responses(NotFound))
async def invoice_history(invoice_id: uuid.UUID, _: Reader, session: DbSession) -> list[AuditEntry]:
    """The append-only audit trail of the document and its payments, oldest first."""
    await service.get(session, invoice_id)
    return [AuditEntry.model_validate(e) for e in await audit.history(session, invoice_id)]
