"""The words on the page: each sample's PDF text (``pdftotext -layout``) matches its golden file.

Regenerate after an intended change with
``WORKMATE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/invoices/pdf`` and review the diff (and the PNG
renders in ``artifacts/pdf/``, ``python -m tests.invoices.pdf.render_samples``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from tests.invoices import samples
from workmate.invoices.document import Buyer
from workmate.invoices.einvoice import build_xml
from workmate.invoices.pdf import render_invoice_pdf
from workmate.invoices.pdf.data import family_name, salutation
from workmate.invoices.pdf.i18n import format_quantity

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("WORKMATE_UPDATE_GOLDEN") == "1"
NAMES = [
    "standard",
    "ten_lines",
    "multi_page",
    "credit_note",
    "credit_note_paid",
    "credit_note_partly_paid",
    "english",
]
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def _pages(name: str) -> list[str]:
    doc = samples.PDF_SAMPLES[name]()
    pdf = render_invoice_pdf(doc, build_xml(doc))
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [page.rstrip() for page in text.replace("\xa0", " ").split("\f") if page.strip()]


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_pdf_text_matches_golden_file(name: str) -> None:
    text = "\n\f\n".join(_pages(name)) + "\n"
    golden = GOLDEN / f"{name}.txt"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, "utf-8")
    assert golden.exists(), f"missing {golden}; run with WORKMATE_UPDATE_GOLDEN=1"
    assert text == golden.read_text("utf-8")


@needs_poppler
def test_a_typical_ten_line_invoice_fits_on_one_page() -> None:
    (page,) = _pages("ten_lines")
    assert "Mit freundlichen Grüßen" in page and "Seite 1 von 1" in page


@needs_poppler
def test_continuation_pages_repeat_a_compact_header_and_the_table_head() -> None:
    pages = _pages("multi_page")
    assert len(pages) >= 2
    for number, page in enumerate(pages[1:], start=2):
        first = next(line for line in page.splitlines() if line.strip())
        assert "Rechnung RE-2026-0049" in first and f"Seite {number} von {len(pages)}" in first
        assert "Pos." in page and "Einzelpreis" in page  # the table head, again


@needs_poppler
def test_the_cancellation_says_what_happens_to_what_was_paid() -> None:
    unpaid, paid, partly = (
        "\n".join(_pages(n)) for n in ("credit_note", "credit_note_paid", "credit_note_partly_paid")
    )
    for text in (unpaid, paid, partly):
        assert "Stornorechnung" in text and "Stornobetrag" in text
        assert "Gutschrift" not in text
    assert "nicht mehr zu zahlen" in unpaid and "erstatten" not in unpaid
    assert "Den bereits gezahlten Betrag von 1.410,78 € erstatten wir" in paid
    assert "Sie haben bereits 500,00 € gezahlt" in partly and "offene Rest" in partly


def test_quantities_follow_one_rule_per_unit() -> None:
    assert format_quantity(Decimal("12.5"), "de", "HUR") == "12,50"
    assert format_quantity(Decimal("1"), "de", "HUR") == "1,00"
    assert format_quantity(Decimal("1.125"), "de", "HUR") == "1,125"  # never hides a priced digit
    assert format_quantity(Decimal("3"), "de", "H87") == "3"
    assert format_quantity(Decimal("1"), "en", "LS") == "1"
    assert format_quantity(Decimal("0.5"), "de", "DAY") == "0,50"
    assert format_quantity(Decimal("84"), "de", "KMT") == "84,0"


def test_salutation_from_the_contact_person() -> None:
    def opening(lang: str = "de", **buyer: object) -> str | None:
        doc = samples.standard_invoice()
        values = {"contact_salutation": None, "contact_title": None, **buyer}
        return salutation(
            doc.__class__(**{**doc.__dict__, "buyer": samples.business_buyer(**values)}),
            lang,  # type: ignore[arg-type]
        )

    assert opening(contact_salutation="ms", contact_title="Dr.") == "Sehr geehrte Frau Dr. Weber,"
    assert opening(contact_salutation="mr", contact_name="Jan van der Berg") == (
        "Sehr geehrter Herr van der Berg,"
    )
    assert opening("en", contact_salutation="ms") == "Dear Ms Weber,"
    assert opening() == "Guten Tag Anna Weber,"
    assert opening(contact_name=None) == "Sehr geehrte Damen und Herren,"
    assert opening("en", contact_name=None) == "Dear Sir or Madam,"
    assert family_name("Ursula von der Leyen") == "von der Leyen"
    assert family_name("Hans-Peter Müller") == "Müller"
    assert isinstance(samples.business_buyer(), Buyer)
