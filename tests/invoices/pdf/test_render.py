"""PDF rendering: PDF/A-3, Factur-X attachment, the texts a reader and an auditor look for."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from tests.invoices import samples
from workmate.invoices.document import Document
from workmate.invoices.einvoice import build_xml, render_document
from workmate.invoices.pdf import render_invoice_pdf, render_pdf, render_timesheet


def _text(pdf: bytes) -> str:
    if shutil.which("pdftotext"):
        result = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        )
        return result.stdout.decode("utf-8").replace("\xa0", " ")
    return _pypdf_text(pdf)


def _pypdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return text.replace("\xa0", " ")


def _xmp(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    metadata = reader.trailer["/Root"]["/Metadata"].get_object()
    return metadata.get_data().decode("utf-8")


@pytest.fixture(scope="module")
def standard_pdf() -> bytes:
    doc = samples.standard_invoice()
    return render_invoice_pdf(doc, build_xml(doc))


def test_pdf_is_pdfa3_with_facturx_attachment(standard_pdf: bytes) -> None:
    assert standard_pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(standard_pdf))
    assert "factur-x.xml" in reader.attachments
    (attached,) = reader.attachments["factur-x.xml"]
    assert attached == build_xml(samples.standard_invoice())
    xmp = _xmp(standard_pdf)
    assert "<pdfaid:part>3</pdfaid:part>" in xmp or 'pdfaid:part="3"' in xmp
    assert "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#" in xmp


def test_plain_pdf_is_pdfa3_and_embeds_fonts() -> None:
    pdf = render_pdf(samples.standard_invoice())
    xmp = _xmp(pdf)
    assert "pdfaid" in xmp
    assert "3" in xmp.split("pdfaid:part")[1][:5]
    reader = PdfReader(io.BytesIO(pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_standard_invoice_text(standard_pdf: bytes) -> None:
    text = _text(standard_pdf)
    for expected in (
        "Rechnung",
        "RE-2026-0042",
        "23.11.2026",
        "1.185,53 €",
        "225,25 €",
        "1.410,78 €",
        "USt 19 % auf 1.185,53 €",
        "Std.",
        "pauschal",
        "16.11.2026 \u2013 18.11.2026",
        "Amtsgericht München",
        "HRB 123456",
        "DE123456789",
        "IBAN DE02 1203 0000 0000 2020 51",
        "Seite 1 von 1",
        "GiroCode",
    ):
        assert expected in text, expected


def test_reverse_charge_note() -> None:
    text = _text(render_pdf(samples.reverse_charge_invoice()))
    assert "Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG)" in text
    assert "Leistungszeitraum" in text


def test_small_business_note_and_no_vat_line() -> None:
    text = _text(render_pdf(samples.small_business_invoice()))
    assert "§ 19 UStG" in text
    assert "USt 19" not in text
    assert "Gesamtbetrag" in text


def test_mixed_rates_show_both_groups() -> None:
    text = _text(render_pdf(samples.mixed_rates_invoice()))
    assert "USt 19 %" in text
    assert "USt 7 %" in text


def test_english_labels_and_formats() -> None:
    text = _text(render_pdf(samples.english_invoice()))
    for expected in (
        "Invoice",
        "Invoice date",
        "23 Nov 2026",
        "€782.00",
        "Unit price",
        "Page 1 of 1",
        "Reverse charge",
    ):
        assert expected in text, expected
    assert "Rechnungsdatum" not in text


def test_preview_watermark_and_no_number() -> None:
    pdf = render_pdf(samples.preview_invoice())
    assert "ENTWURF" in _pypdf_text(pdf)  # rotated: pdftotext leaves it out
    text = _text(pdf)
    assert "Entwurf" in text
    assert "GiroCode" not in text


def test_credit_note_is_negative_with_reference() -> None:
    text = _text(render_pdf(samples.credit_note()))
    assert "Stornorechnung" in text
    assert "zu Rechnung RE-2026-0042 vom 23.11.2026" in text
    assert "-1.410,78 €" in text and "Stornobetrag" in text
    assert "GiroCode" not in text


def test_quote_has_no_payment_request() -> None:
    text = _text(render_pdf(samples.quote()))
    assert "Angebot" in text
    assert "Gültig bis" in text
    assert "überweisen" not in text


def test_partially_paid_shows_open_amount() -> None:
    text = _text(render_pdf(samples.partially_paid_invoice()))
    assert "bereits bezahlt" in text
    assert "-500,00 €" in text
    assert "offener Betrag" in text
    assert "910,78 €" in text


def test_skonto_sentence() -> None:
    text = _text(render_pdf(samples.skonto_invoice()))
    assert "2 % Skonto" in text
    assert "03.12.2026" in text


def test_multi_page_repeats_header_and_numbers_pages() -> None:
    pdf = render_pdf(samples.multi_page_invoice())
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    pages = [page.extract_text() for page in reader.pages]
    assert all("Beschreibung" in page for page in pages[: len(pages) - 1])
    assert f"Seite 2 von {len(pages)}" in _text(pdf)
    assert "04011000-12345-03" in pages[0]


def test_user_text_is_never_markup() -> None:
    text = _text(render_pdf(samples.nasty_invoice()))
    compact = " ".join(text.split())
    for fragment in (
        "#set text(red)",
        "$x^2$",
        "*fett*",
        "_kursiv_",
        "[Link](x)",
        "#{1 + 1}",
        "@ref",
        "/* auch nicht */",
        "#pagebreak()",
        "Müller & Söhne [GmbH] *Test* #1",
        "RE-2026-#1",
    ):
        assert fragment in compact, fragment
    assert "zweite Zeile" in text


def test_logo_is_embedded() -> None:
    png = _tiny_png()
    doc = samples.standard_invoice()
    doc = dataclasses.replace(doc, seller=dataclasses.replace(doc.seller, logo_png=png))
    pdf = render_pdf(doc)
    assert pdf.startswith(b"%PDF")
    assert "Brandl Haustechnik GmbH" in _text(pdf)


def test_render_document_bundle() -> None:
    rendered = render_document(samples.authority_invoice())
    assert rendered.xml is not None
    assert [f for f in rendered.findings if f.severity == "error"] == []
    assert "factur-x.xml" in PdfReader(io.BytesIO(rendered.pdf)).attachments
    quote = render_document(samples.quote())
    assert quote.xml is None
    assert quote.findings == []


def test_timesheet_annex() -> None:
    text = _text(render_timesheet(samples.standard_invoice()))
    for expected in (
        "Stundennachweis",
        "Anlage zu Rechnung RE-2026-0042",
        "Lukas Maier",
        "16.11.2026",
        "4,50",
        "12,50",
        "Gesamtstunden",
    ):
        assert expected in text, expected
    english = dataclasses.replace(samples.standard_invoice(), language="en")
    assert "Timesheet" in _text(render_timesheet(english))


def test_same_document_same_pdf() -> None:
    doc: Document = samples.standard_invoice()
    assert render_pdf(doc) == render_pdf(doc)


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\x1f\x3a\x5f" * 40 for _ in range(12))
    header = struct.pack(">IIBBBBB", 40, 12, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
