"""PDF/A-3b rendering with Typst, and Factur-X embedding of the CII XML.

The template and fonts ship inside the package; system fonts are ignored and nothing is fetched
(no ``@preview`` packages), so the same Document renders the same PDF on every machine. One
Typst compiler per thread keeps fonts and the parsed template warm between documents.
"""

from __future__ import annotations

import json
import tempfile
import threading
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import typst
from facturx import generate_from_file  # type: ignore[import-untyped]

from workmate.invoices.document import Document
from workmate.invoices.pdf import glyphs, xmp
from workmate.invoices.pdf.data import Json, invoice_data, timesheet_data

PACKAGE_DIR = Path(__file__).parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
TEMPLATE = TEMPLATE_DIR / "document.typ"
FONT_DIR = PACKAGE_DIR / "fonts"
_local = threading.local()
xmp.install()  # factur-x's XMP packet: pdf:Keywords and the XRechnung level (see xmp.py)


def _compiler() -> typst.Compiler:
    compiler: typst.Compiler | None = getattr(_local, "compiler", None)
    if compiler is None:
        compiler = typst.Compiler(
            input=str(TEMPLATE),
            root=str(TEMPLATE_DIR),
            font_paths=[str(FONT_DIR)],
            ignore_system_fonts=True,
        )
        _local.compiler = compiler
    return compiler


def _printable(value: Any) -> Any:
    """Finalizing refuses text the fonts cannot print (``invoices.printable``); documents
    finalized before that check show a placeholder for such a character instead of never
    getting a PDF (their e-invoice XML keeps the exact text)."""
    if isinstance(value, str):
        return glyphs.substitute(value)
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_printable(item) for item in value]
    return value


def _compile(data: Json, doc: Document) -> bytes:
    return typeset(_printable(data), doc)


def typeset(data: Json, doc: Document) -> bytes:
    """The PDF of ``data`` exactly as given (``_compile`` makes its text printable first)."""
    # The PDF's creation date is the document date: re-rendering gives the same bytes.
    timestamp = datetime.combine(doc.issue_date, time(12), tzinfo=UTC)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    result = _compiler().compile(
        format="pdf",
        sys_inputs={"data": payload},
        pdf_standards="a-3b",
        timestamp=timestamp,
    )
    if not isinstance(result, bytes):
        raise TypeError("Typst returned no single PDF")
    return result


def render_pdf(doc: Document) -> bytes:
    """The invoice, credit note or quote as PDF/A-3b (no XML attached)."""
    return _compile(invoice_data(doc), doc)


def render_timesheet(doc: Document) -> bytes:
    """The timesheet annex: the time entries behind each line, with sums, as PDF/A-3b."""
    return _compile(timesheet_data(doc), doc)


def render_invoice_pdf(doc: Document, xml: bytes | None) -> bytes:
    """``render_pdf``, with the CII XML embedded as Factur-X (profile EN 16931) when given."""
    pdf = render_pdf(doc)
    if xml is None:
        return pdf
    data = invoice_data(doc)
    metadata = {
        "author": doc.seller.address.name,
        "title": data["document_title"],
        "subject": data["document_title"],
        "keywords": "Factur-X, XRechnung" if doc.xrechnung else "Factur-X, EN 16931",
    }
    if doc.xrechnung:
        metadata[xmp.LEVEL_KEY] = xmp.XRECHNUNG_LEVEL
    return embed_facturx(pdf, xml, metadata)


def embed_facturx(pdf: bytes, xml: bytes, metadata: dict[str, Any] | None = None) -> bytes:
    """Attach factur-x.xml (PDF/A-3 associated file) and the Factur-X XMP metadata.

    ``generate_from_file`` with ``output_pdf_file``: ``generate_from_binary`` returns the old
    PDF followed by the new one (akretion/factur-x#24). The XML was validated by the caller;
    factur-x's own XSD check is skipped so XRechnung's guideline ID is accepted as well.
    """
    with tempfile.TemporaryDirectory(prefix="workmate-facturx-") as tmp:
        source = Path(tmp) / "in.pdf"
        target = Path(tmp) / "out.pdf"
        source.write_bytes(pdf)
        generate_from_file(
            str(source),
            xml,
            flavor="factur-x",
            level="en16931",
            check_xsd=False,
            check_schematron=False,
            pdf_metadata=metadata,
            # ZUGFeRD 2 / Factur-X: "Alternative" for the EN 16931 profile (the XML is the invoice).
            afrelationship="alternative",
            output_pdf_file=str(target),
        )
        return target.read_bytes()
