"""Background jobs of invoicing: render a finalized document's files; ZIP many PDFs.

Jobs take ids, are idempotent and open their own short sessions (STYLE.md 10).
"""

from __future__ import annotations

import io
import uuid
import zipfile

from workmate.core.errors import WorkmateError
from workmate.invoices import rendering, service
from workmate.jobs import context
from workmate.jobs import service as jobs
from workmate.jobs.queue import task
from workmate.storage.backend import get_storage
from workmate.storage.service import store


@task(name="render_invoice_documents", retry=2)
async def render_invoice_documents(invoice_id: str) -> None:
    """PDF/A-3 with the embedded e-invoice (and the timesheet annex) of a finalized document."""
    async with context.transaction() as session:
        await rendering.render_and_store(session, uuid.UUID(invoice_id))


@task(name="invoice_pdf_zip")
async def invoice_pdf_zip(job_id: str, invoice_ids: list[str]) -> None:
    """A ZIP of the documents' PDFs (drafts as watermarked previews), with per-item progress."""
    await jobs.start(job_id)
    buffer = io.BytesIO()
    names: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for raw in invoice_ids:
            try:
                files = await _pdfs(uuid.UUID(raw))
            except WorkmateError as exc:
                await jobs.advance(job_id, ok=False, error={"id": raw, "message": exc.detail})
                continue
            except Exception as exc:
                await jobs.advance(job_id, ok=False, error={"id": raw, "message": str(exc)[:500]})
                continue
            for name, data in files:
                while name in names:
                    name = name.replace(".pdf", "-1.pdf")
                names.add(name)
                archive.writestr(name, data)
            await jobs.advance(job_id, ok=True)
    if not names:
        await jobs.fail(job_id, "None of the documents could be rendered.")
        return
    async with context.transaction() as session:
        stored = await store(session, buffer.getvalue(), "application/zip")
    await jobs.succeed(job_id, stored.sha256, "invoices.zip", "application/zip")


async def _pdfs(invoice_id: uuid.UUID) -> list[tuple[str, bytes]]:
    """The document's PDF, plus its timesheet annex when the invoice asks for one."""
    from workmate.config import get_settings

    async with context.transaction() as session:
        invoice = await service.get(session, invoice_id)
        if invoice.status == "draft":
            zone = get_settings().company_time_zone
            return [
                (
                    f"draft-{str(invoice.id)[:8]}.pdf",
                    await rendering.preview_pdf(session, invoice, zone),
                )
            ]
        if invoice.render_status != "done" or invoice.pdf_sha is None:
            invoice = await rendering.render_and_store(session, invoice.id)
        assert invoice.pdf_sha is not None
        files = [(rendering.filename(invoice, ".pdf"), await get_storage().get(invoice.pdf_sha))]
        if invoice.with_timesheet and invoice.timesheet_sha:
            sheet = await get_storage().get(invoice.timesheet_sha)
            files.append((rendering.filename(invoice, "-timesheet.pdf"), sheet))
        return files
