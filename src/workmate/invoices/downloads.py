"""Files of a document: the PDF (stored, or a watermarked preview for drafts), the e-invoice
XML (Factur-X or XRechnung) and the timesheet annex."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

import anyio
from fastapi import Response

from workmate.auth.dependencies import require
from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.db import DbSession
from workmate.core.errors import Conflict, NotFound, responses
from workmate.core.routing import Router
from workmate.core.settings_dep import SettingsDep
from workmate.invoices import rendering, service
from workmate.storage.backend import get_storage

router = Router(prefix="/invoices", tags=["invoices"])
Reader = Annotated[Principal, require(Permission.invoices_read)]
EDIT = responses(NotFound, Conflict)
PDF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "PDF"}
}


def _file(data: bytes, filename: str, media_type: str, inline: bool) -> Response:
    disposition = "inline" if inline else "attachment"
    return Response(
        content=data,
        media_type=media_type,
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )


@router.get("/{invoice_id}/pdf", response_class=Response, responses={**PDF_RESPONSE, **EDIT})
async def invoice_pdf(
    invoice_id: uuid.UUID,
    _: Reader,
    session: DbSession,
    settings: SettingsDep,
    inline: bool = False,
) -> Response:
    """The PDF: stored for finalized documents (with embedded e-invoice), a watermarked
    preview for drafts."""
    invoice = await service.get(session, invoice_id)
    if invoice.status == "draft":
        pdf = await rendering.preview_pdf(session, invoice, settings.company_time_zone)
        return _file(pdf, f"preview-{str(invoice.id)[:8]}.pdf", "application/pdf", inline)
    if invoice.render_status != "done" or invoice.pdf_sha is None:
        invoice = await rendering.render_and_store(session, invoice.id)
    assert invoice.pdf_sha is not None
    data = await get_storage().get(invoice.pdf_sha)
    return _file(data, rendering.filename(invoice, ".pdf"), "application/pdf", inline)


@router.get(
    "/{invoice_id}/xml",
    response_class=Response,
    responses={200: {"content": {"application/xml": {}}, "description": "CII XML"}, **EDIT},
)
async def invoice_xml(
    invoice_id: uuid.UUID,
    _: Reader,
    session: DbSession,
    flavor: Literal["auto", "xrechnung", "facturx"] = "auto",
) -> Response:
    """The e-invoice (UN/CEFACT CII): XRechnung for customers with a Leitweg-ID, else the
    Factur-X EN 16931 XML that is also embedded in the PDF."""
    invoice = await service.get(session, invoice_id)
    if invoice.status != "draft" and invoice.kind != "quote" and invoice.xml_sha is None:
        invoice = await rendering.render_and_store(session, invoice.id)
    if invoice.status == "draft" or invoice.kind == "quote" or invoice.xml_sha is None:
        raise Conflict(
            "Only finalized invoices and credit notes have an e-invoice.", code="no_einvoice"
        )
    if flavor == "auto" or flavor == invoice.einvoice_format:
        data = await get_storage().get(invoice.xml_sha)
    else:
        from workmate.invoices.einvoice import build_xml

        doc = await rendering.snapshot_document(session, invoice)
        doc = doc.__class__(**{**doc.__dict__, "xrechnung": flavor == "xrechnung"})
        data = await anyio.to_thread.run_sync(build_xml, doc)
    suffix = (
        "-xrechnung.xml"
        if (flavor if flavor != "auto" else invoice.einvoice_format) == ("xrechnung")
        else "-facturx.xml"
    )
    return _file(data, rendering.filename(invoice, suffix), "application/xml", False)


@router.get(
    "/{invoice_id}/timesheet.pdf", response_class=Response, responses={**PDF_RESPONSE, **EDIT}
)
async def invoice_timesheet(invoice_id: uuid.UUID, _: Reader, session: DbSession) -> Response:
    """The timesheet annex: the time entries behind each line (finalized invoices)."""
    invoice = await service.get(session, invoice_id)
    if invoice.status == "draft":
        raise Conflict(
            "The timesheet annex exists once the invoice is finalized.", code="no_timesheet"
        )
    if invoice.render_status != "done":
        invoice = await rendering.render_and_store(session, invoice.id)
    if invoice.timesheet_sha is None:
        raise Conflict("This document has no time entries.", code="no_timesheet")
    data = await get_storage().get(invoice.timesheet_sha)
    return _file(data, rendering.filename(invoice, "-timesheet.pdf"), "application/pdf", False)
