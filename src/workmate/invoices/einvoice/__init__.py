"""E-invoices: CII XML (Factur-X EN 16931 / XRechnung 3.0), offline validation, rendering."""

from workmate.invoices.einvoice.render import RenderedDocument, render_document
from workmate.invoices.einvoice.validation import Finding, validate, warm_up
from workmate.invoices.einvoice.xml import build_xml

__all__ = ["Finding", "RenderedDocument", "build_xml", "render_document", "validate", "warm_up"]
