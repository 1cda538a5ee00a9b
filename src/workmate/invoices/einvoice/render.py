"""One call for the invoice service: PDF (with embedded XML) plus the validation findings."""

from __future__ import annotations

from dataclasses import dataclass

from workmate.invoices.document import Document
from workmate.invoices.einvoice.validation import Finding, validate
from workmate.invoices.einvoice.xml import build_xml


@dataclass(frozen=True)
class RenderedDocument:
    pdf: bytes
    xml: bytes | None  # None for quotes and for draft previews without a number
    findings: list[Finding]


def render_document(doc: Document) -> RenderedDocument:
    """Build and validate the XML, then render the PDF with the XML embedded (Factur-X).

    Quotes and previews get a plain PDF. With validation errors the PDF is still rendered (so a
    person can look at it) but without the XML; the caller refuses to finalize on errors.
    """
    from workmate.invoices.pdf import render_invoice_pdf

    if doc.kind == "quote" or doc.number is None:
        return RenderedDocument(pdf=render_invoice_pdf(doc, None), xml=None, findings=[])
    xml = build_xml(doc)
    findings = validate(xml)
    has_errors = any(finding.severity == "error" for finding in findings)
    pdf = render_invoice_pdf(doc, None if has_errors else xml)
    return RenderedDocument(pdf=pdf, xml=xml, findings=findings)
