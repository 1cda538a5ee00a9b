"""Invoice, credit note and quote PDFs (PDF/A-3b via Typst), Factur-X embedding, timesheet annex."""

from workmate.invoices.pdf.render import (
    embed_facturx,
    render_invoice_pdf,
    render_pdf,
    render_timesheet,
)

__all__ = ["embed_facturx", "render_invoice_pdf", "render_pdf", "render_timesheet"]
