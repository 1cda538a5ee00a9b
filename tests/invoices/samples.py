"""Sample ``Document``s for every case the renderers must handle.

Plain builder functions, no database: reuse them in service or router tests. All amounts come
from ``workmate.invoices.calculation.calculate``, exactly as the invoice service computes them.
``SAMPLES`` maps a stable name (also the golden-file name) to a zero-argument builder.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from workmate.invoices.calculation import (
    VAT_CATEGORY_CODES,
    LineInput,
    calculate,
    skonto_amount,
)
from workmate.invoices.document import (
    Address,
    BankAccount,
    Buyer,
    CashDiscount,
    Document,
    DocumentKind,
    Line,
    Seller,
    TimesheetEntry,
    VatBreakdown,
)

ISSUE_DATE = date(2026, 11, 23)
NOTE_13B_DE = "Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG)."
NOTE_19_DE = "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmerregelung)."
NOTE_INTRA_EU_DE = "Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1b UStG)."
NOTE_EXPORT_DE = "Steuerfreie Ausfuhrlieferung (§ 4 Nr. 1a UStG)."
NOTE_EXEMPT_DE = "Steuerfreie Leistung gemäß § 4 Nr. 21 UStG."
NOTE_13B_EN = "Reverse charge: the recipient of the service is liable for VAT (§ 13b UStG)."

EXEMPTION_REASONS: dict[str, str] = {
    "exempt": "Steuerfrei gemäß § 4 Nr. 21 UStG",
    "reverse_charge": "Steuerschuldnerschaft des Leistungsempfängers",
    "intra_eu": "Steuerfreie innergemeinschaftliche Lieferung",
    "export": "Steuerfreie Ausfuhrlieferung",
    "small_business": "Kein Ausweis von Umsatzsteuer, da Kleinunternehmer gemäß § 19 UStG",
}


def seller(**overrides: Any) -> Seller:
    values: dict[str, Any] = {
        "address": Address(
            name="Brandl Haustechnik GmbH",
            street="Landsberger Straße 155",
            postcode="80687",
            city="München",
            country="DE",
        ),
        "vat_id": "DE123456789",
        "tax_number": "143/123/45678",
        "email": "rechnung@brandl-haustechnik.de",
        "phone": "+49 89 1234567",
        "website": "www.brandl-haustechnik.de",
        "register_court": "Amtsgericht München",
        "register_number": "HRB 123456",
        "managing_directors": "Maria Brandl, Thomas Huber",
        "contact_name": "Maria Brandl",
        "small_business": False,
    }
    values.update(overrides)
    return Seller(**values)


def small_business_seller() -> Seller:
    return seller(
        address=Address(
            name="Lena Vogel Grafikdesign",
            street="Schellingstraße 12",
            postcode="80799",
            city="München",
            country="DE",
        ),
        vat_id=None,
        tax_number="144/987/65432",
        email="hallo@lenavogel.de",
        phone="+49 176 1234567",
        website=None,
        register_court=None,
        register_number=None,
        managing_directors=None,
        contact_name="Lena Vogel",
        small_business=True,
    )


def bank() -> BankAccount:
    return BankAccount(
        holder="Brandl Haustechnik GmbH",
        iban="DE02120300000000202051",
        bic="BYLADEM1001",
        bank_name="Deutsche Kreditbank Berlin",
    )


def business_buyer(**overrides: Any) -> Buyer:
    values: dict[str, Any] = {
        "address": Address(
            name="Kanzlei Weber & Partner mbB",
            street="Maximilianstraße 31",
            postcode="80539",
            city="München",
            country="DE",
            additional="z. Hd. Frau Dr. Weber",
        ),
        "customer_number": "K-10042",
        "vat_id": "DE987654321",
        "email": "buchhaltung@weber-partner.de",
        "contact_name": "Anna Weber",
        "contact_email": "a.weber@weber-partner.de",
        "leitweg_id": None,
        "contact_salutation": "ms",
        "contact_title": "Dr.",
    }
    values.update(overrides)
    return Buyer(**values)


def authority_buyer() -> Buyer:
    # Leitweg-ID 04011000-12345-03: check digits by ISO 7064 MOD 97-10 (KoSIT spec).
    return Buyer(
        address=Address(
            name="Freie Hansestadt Bremen, Senator für Finanzen",
            street="Rudolf-Hilferding-Platz 1",
            postcode="28195",
            city="Bremen",
            country="DE",
            additional="Referat 21",
        ),
        customer_number="K-20001",
        vat_id=None,
        email="rechnungseingang@finanzen.bremen.de",
        contact_name="Herr Jansen",
        contact_email=None,
        leitweg_id="04011000-12345-03",
    )


def austrian_buyer() -> Buyer:
    return Buyer(
        address=Address(
            name="Alpenblick Hotelbetriebs GmbH",
            street="Mariahilfer Straße 88",
            postcode="1070",
            city="Wien",
            country="AT",
        ),
        customer_number="K-30007",
        vat_id="ATU12345678",
        email="office@alpenblick.at",
        contact_name=None,
        contact_email=None,
        leitweg_id=None,
    )


def swiss_buyer() -> Buyer:
    return Buyer(
        address=Address(
            name="Seeblick Immobilien AG",
            street="Bahnhofstrasse 10",
            postcode="8001",
            city="Zürich",
            country="CH",
        ),
        customer_number="K-40003",
        vat_id=None,
        email="finance@seeblick.ch",
        contact_name=None,
        contact_email=None,
        leitweg_id=None,
    )


@dataclass(frozen=True)
class LineSpec:
    """What a user types for a line; the amounts are computed by ``calculate``."""

    description: str
    quantity: Decimal | str
    unit_code: str
    unit_price: Decimal | str
    vat_category: str = "standard"
    vat_rate: Decimal | str = "19.00"
    discount_percent: Decimal | str | None = None
    service_from: date | None = None
    service_to: date | None = None
    timesheet: tuple[TimesheetEntry, ...] = ()


def _dec(value: Decimal | str) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def build_document(
    specs: Sequence[LineSpec],
    *,
    kind: DocumentKind = "invoice",
    number: str | None = "RE-2026-0042",
    paid_amount: Decimal = Decimal("0.00"),
    skonto: tuple[Decimal, int] | None = None,
    exemption_reasons: dict[str, str] | None = None,
    **fields: Any,
) -> Document:
    """Compute the numbers like the invoice service does and build the frozen Document.

    Credit notes get negated quantities (signed accounting, see calculation.py).
    """
    sign = Decimal(-1) if kind == "credit_note" else Decimal(1)
    inputs = [
        LineInput(
            quantity=sign * _dec(spec.quantity),
            unit_price=_dec(spec.unit_price),
            vat_category=spec.vat_category,
            vat_rate=_dec(spec.vat_rate),
            discount_percent=None if spec.discount_percent is None else _dec(spec.discount_percent),
        )
        for spec in specs
    ]
    totals = calculate(inputs, paid_amount=paid_amount)
    lines = tuple(
        Line(
            position=index,
            description=spec.description,
            quantity=line_input.quantity,
            unit_code=spec.unit_code,
            unit_price=line_input.unit_price,
            discount_percent=line_input.discount_percent,
            gross_amount=result.gross_amount,
            discount_amount=result.discount_amount,
            net_amount=result.net_amount,
            vat_category=spec.vat_category,
            vat_rate=line_input.vat_rate if spec.vat_category == "standard" else Decimal("0.00"),
            service_from=spec.service_from,
            service_to=spec.service_to,
            timesheet=spec.timesheet,
        )
        for index, (spec, line_input, result) in enumerate(
            zip(specs, inputs, totals.lines, strict=True), start=1
        )
    )
    reasons = EXEMPTION_REASONS | (exemption_reasons or {})
    breakdown = tuple(
        VatBreakdown(
            category=group.category,
            category_code=VAT_CATEGORY_CODES[group.category],
            rate=group.rate,
            taxable_amount=group.taxable_amount,
            tax_amount=group.tax_amount,
            exemption_reason=reasons.get(group.category),
        )
        for group in totals.vat_groups
    )
    values: dict[str, Any] = {
        "kind": kind,
        "number": number,
        "issue_date": ISSUE_DATE,
        "due_date": ISSUE_DATE + timedelta(days=14),
        "service_date": date(2026, 11, 18),
        "service_from": None,
        "service_to": None,
        "currency": "EUR",
        "language": "de",
        "seller": seller(),
        "buyer": business_buyer(),
        "bank": bank(),
        "payment_terms_days": 14,
        "title": None,
        "intro_text": "vielen Dank für Ihren Auftrag. Wir berechnen Ihnen folgende Leistungen:",
        "closing_text": "Mit freundlichen Grüßen\nBrandl Haustechnik GmbH",
        "buyer_reference": None,
        "order_reference": None,
        "project_reference": None,
        "preceding_number": None,
        "preceding_date": None,
    }
    values.update(fields)
    cash_discount = None
    if skonto is not None:
        percent, days = skonto
        amount = skonto_amount(totals.gross_total, percent)
        cash_discount = CashDiscount(
            percent=percent,
            days=days,
            until=values["issue_date"] + timedelta(days=days),
            amount=amount,
            payable=totals.gross_total - amount,
        )
    return Document(
        lines=lines,
        vat_breakdown=breakdown,
        net_total=totals.net_total,
        vat_total=totals.vat_total,
        gross_total=totals.gross_total,
        paid_amount=totals.paid_amount,
        amount_due=totals.amount_due,
        cash_discount=cash_discount,
        **values,
    )


def _timesheet(start: date, employee: str, hours: Sequence[str]) -> tuple[TimesheetEntry, ...]:
    return tuple(
        TimesheetEntry(
            day=start + timedelta(days=offset),
            employee=employee,
            description="Montage und Inbetriebnahme" if offset % 2 else "Rohinstallation",
            hours=Decimal(value),
        )
        for offset, value in enumerate(hours)
    )


def standard_lines() -> list[LineSpec]:
    return [
        LineSpec(
            "Wartung Gas-Brennwerttherme inkl. Abgasmessung",
            "1",
            "LS",
            "189.00",
        ),
        LineSpec(
            "Monteurstunden Heizungsinstallation",
            "12.5",
            "HUR",
            "68.50",
            service_from=date(2026, 11, 16),
            service_to=date(2026, 11, 18),
            timesheet=_timesheet(date(2026, 11, 16), "Lukas Maier", ["4.5", "5", "3"]),
        ),
        LineSpec("Anfahrtspauschale", "3", "H87", "35.00"),
        LineSpec("Fahrtkosten Materialtransport", "84", "KMT", "0.42"),
    ]


def standard_invoice() -> Document:
    return build_document(standard_lines())


def mixed_rates_invoice() -> Document:
    return build_document(
        [
            *standard_lines()[:2],
            LineSpec(
                "Fachbuch Heizungstechnik (ermäßigter Steuersatz)",
                "2",
                "H87",
                "39.90",
                vat_rate="7.00",
            ),
            LineSpec(
                "Kaffee und Gebäck Baustellenbesprechung", "1", "LS", "24.30", vat_rate="7.00"
            ),
        ]
    )


def line_discount_invoice() -> Document:
    return build_document(
        [
            LineSpec(
                "Heizkörper Typ 22, 600 x 1000 mm", "4", "H87", "212.40", discount_percent="10"
            ),
            LineSpec("Thermostatköpfe", "4", "H87", "18.9", discount_percent="12.5"),
            LineSpec("Montage Heizkörper", "6", "HUR", "68.50"),
        ],
        number="RE-2026-0043",
    )


def zero_rate_invoice() -> Document:
    # § 12 Abs. 3 UStG: photovoltaic systems at 0 % (category Z).
    return build_document(
        [
            LineSpec(
                "Photovoltaikanlage 9,8 kWp inkl. Speicher", "1", "LS", "14890.00", "zero", "0"
            ),
            LineSpec("Montage Photovoltaikanlage", "16", "HUR", "72.00", "zero", "0"),
        ],
        number="RE-2026-0044",
        legal_notes=("Nullsteuersatz für Photovoltaikanlagen gemäß § 12 Abs. 3 UStG.",),
    )


def exempt_invoice() -> Document:
    return build_document(
        [
            LineSpec(
                "Schulung Trinkwasserhygiene für Auszubildende", "2", "DAY", "480.00", "exempt", "0"
            )
        ],
        number="RE-2026-0045",
        legal_notes=(NOTE_EXEMPT_DE,),
    )


def reverse_charge_invoice() -> Document:
    return build_document(
        [
            LineSpec(
                "Installation Sanitäranlagen Bauabschnitt 2 (Subunternehmerleistung)",
                "38",
                "HUR",
                "64.00",
                "reverse_charge",
                "0",
            ),
            LineSpec("Material Sanitärinstallation", "1", "LS", "2650.00", "reverse_charge", "0"),
        ],
        number="RE-2026-0046",
        buyer=business_buyer(
            address=Address(
                name="Hochbau Schuster GmbH & Co. KG",
                street="Industriestraße 7",
                postcode="85748",
                city="Garching",
                country="DE",
            ),
            vat_id="DE811234567",
        ),
        legal_notes=(NOTE_13B_DE,),
        service_date=None,
        service_from=date(2026, 11, 2),
        service_to=date(2026, 11, 13),
    )


def intra_eu_invoice() -> Document:
    return build_document(
        [
            LineSpec("Wärmepumpe Luft/Wasser 12 kW", "1", "H87", "8450.00", "intra_eu", "0"),
            LineSpec("Pufferspeicher 500 l", "1", "H87", "1290.00", "intra_eu", "0"),
        ],
        number="RE-2026-0047",
        buyer=austrian_buyer(),
        legal_notes=(NOTE_INTRA_EU_DE,),
    )


def export_invoice() -> Document:
    return build_document(
        [LineSpec("Regelungstechnik-Modul RT-400", "3", "H87", "1240.00", "export", "0")],
        number="RE-2026-0048",
        buyer=swiss_buyer(),
        legal_notes=(NOTE_EXPORT_DE,),
    )


def small_business_invoice() -> Document:
    return build_document(
        [
            LineSpec(
                "Gestaltung Logo und Geschäftsausstattung",
                "1",
                "LS",
                "1200.00",
                "small_business",
                "0",
            ),
            LineSpec("Reinzeichnung Briefbogen", "3", "HUR", "55.00", "small_business", "0"),
        ],
        number="2026-017",
        seller=small_business_seller(),
        bank=BankAccount(
            holder="Lena Vogel",
            iban="DE89370400440532013000",
            bic="COBADEFFXXX",
            bank_name="Commerzbank",
        ),
        legal_notes=(NOTE_19_DE,),
        closing_text="Mit freundlichen Grüßen\nLena Vogel",
    )


def credit_note(refund: str = "0.00") -> Document:
    """The cancellation of the standard invoice; ``refund``: what had been paid on it."""
    return build_document(
        standard_lines(),
        kind="credit_note",
        number="GS-2026-0007",
        preceding_number="RE-2026-0042",
        preceding_date=ISSUE_DATE,
        issue_date=date(2026, 11, 30),
        due_date=date(2026, 12, 14),
        intro_text=None,
        refund_amount=Decimal(refund),
    )


def credit_note_paid() -> Document:
    return credit_note(refund="1410.78")


def credit_note_partly_paid() -> Document:
    return credit_note(refund="500.00")


def ten_lines_invoice() -> Document:
    """A typical invoice of ten lines, some with a service period: fits on one page."""
    specs = [
        LineSpec(
            description,
            quantity,
            unit,
            price,
            service_from=date(2026, 11, 2) if index % 3 == 0 else None,
            service_to=date(2026, 11, 13) if index % 3 == 0 else None,
        )
        for index, (description, quantity, unit, price) in enumerate(
            [
                ("Konzeption und Abstimmung Relaunch", "6.5", "HUR", "95.00"),
                ("Gestaltung Startseite und Unterseiten", "14.25", "HUR", "95.00"),
                ("Umsetzung Frontend (Vue, Tailwind)", "22", "HUR", "105.00"),
                ("Anbindung Warenwirtschaft über REST-Schnittstelle", "9.75", "HUR", "105.00"),
                ("Redaktionssystem: Einrichtung und Schulung", "1", "LS", "850.00"),
                ("Reisekosten Vor-Ort-Termin München", "286", "KMT", "0.30"),
                ("Projektmanagement", "2", "DAY", "780.00"),
                ("Lizenz Schriftfamilie (Web, 250.000 Aufrufe)", "1", "H87", "340.00"),
                ("Hosting und Wartung November", "1", "MON", "149.00"),
                ("Barrierefreiheitsprüfung nach BITV 2.0", "0.5", "DAY", "780.00"),
            ]
        )
    ]
    return build_document(
        specs,
        number="RE-2026-0051",
        service_date=None,
        service_from=date(2026, 11, 2),
        service_to=date(2026, 11, 27),
    )


def quote() -> Document:
    return build_document(
        standard_lines()[:3],
        kind="quote",
        number="AN-2026-0105",
        due_date=date(2026, 12, 23),
        service_date=None,
        payment_terms_days=None,
        intro_text="gerne bieten wir Ihnen die folgenden Leistungen an:",
        closing_text="Wir freuen uns auf Ihren Auftrag.\nMit freundlichen Grüßen",
    )


def multi_page_invoice() -> Document:
    specs = [
        LineSpec(
            f"Wartung Heizkreis {index:02d}, Wohneinheit {100 + index}"
            + (" \u2013 inkl. Spülung und Druckprobe nach DIN EN 14336" if index % 7 == 0 else ""),
            str(1 + index % 4),
            ["HUR", "H87", "LS", "DAY", "MON", "KMT"][index % 6],
            f"{25 + index * 3.25:.2f}",
            vat_rate="7.00" if index % 10 == 0 else "19.00",
            discount_percent="5" if index % 9 == 0 else None,
            service_from=date(2026, 10, 1) if index % 5 == 0 else None,
            service_to=date(2026, 10, 31) if index % 5 == 0 else None,
        )
        for index in range(1, 61)
    ]
    return build_document(
        specs,
        number="RE-2026-0049",
        buyer=authority_buyer(),
        buyer_reference="04011000-12345-03",
        xrechnung=True,
        order_reference="BE-2026-4711",
        project_reference="P-2026-018",
        service_date=None,
        service_from=date(2026, 10, 1),
        service_to=date(2026, 10, 31),
        payment_terms_days=30,
        due_date=ISSUE_DATE + timedelta(days=30),
    )


def skonto_invoice() -> Document:
    return build_document(
        standard_lines(),
        number="RE-2026-0050",
        skonto=(Decimal("2.00"), 10),
        payment_terms_days=30,
        due_date=ISSUE_DATE + timedelta(days=30),
    )


def partially_paid_invoice() -> Document:
    return build_document(standard_lines(), number="RE-2026-0051", paid_amount=Decimal("500.00"))


def english_invoice() -> Document:
    return build_document(
        [
            LineSpec(
                "Commissioning of heat pump control unit",
                "6",
                "HUR",
                "72.00",
                "reverse_charge",
                "0",
            ),
            LineSpec("Travel expenses (flat rate)", "1", "LS", "350.00", "reverse_charge", "0"),
        ],
        number="RE-2026-0052",
        language="en",
        buyer=austrian_buyer(),
        legal_notes=(NOTE_13B_EN,),
        intro_text="Thank you for your order. We invoice the following services:",
        closing_text="Kind regards\nBrandl Haustechnik GmbH",
        exemption_reasons={"reverse_charge": "Reverse charge"},
        order_reference="PO-88231",
    )


def authority_invoice() -> Document:
    return build_document(
        standard_lines(),
        number="RE-2026-0053",
        buyer=authority_buyer(),
        buyer_reference="04011000-12345-03",
        xrechnung=True,
        order_reference="BE-2026-4712",
    )


def preview_invoice() -> Document:
    return dataclasses.replace(standard_invoice(), number=None, preview=True)


NASTY_DESCRIPTION = (
    'Sonderzeichen #set text(red) $x^2$ *fett* _kursiv_ [Link](x) \\ "Anführung" '
    "'apostroph' <tag> & @ref // kein Kommentar /* auch nicht */ `code` ~ ä ö ü ß €\n"
    "zweite Zeile mit #{1 + 1} und ]]"
)


def nasty_invoice() -> Document:
    return build_document(
        [LineSpec(NASTY_DESCRIPTION, "1", "LS", "10.00")],
        number="RE-2026-#1",
        intro_text="#pagebreak() $ * _ [ ] \" ' \\",
        buyer=business_buyer(
            address=Address(
                name="Müller & Söhne [GmbH] *Test* #1",
                street="Straße_mit_Unterstrich 5 $",
                postcode="80331",
                city="München",
                country="DE",
            )
        ),
    )


SAMPLES: dict[str, Callable[[], Document]] = {
    "standard": standard_invoice,
    "mixed_rates": mixed_rates_invoice,
    "line_discount": line_discount_invoice,
    "zero_rate": zero_rate_invoice,
    "exempt": exempt_invoice,
    "reverse_charge": reverse_charge_invoice,
    "intra_eu": intra_eu_invoice,
    "export": export_invoice,
    "small_business": small_business_invoice,
    "credit_note": credit_note,
    "quote": quote,
    "multi_page": multi_page_invoice,
    "skonto": skonto_invoice,
    "partially_paid": partially_paid_invoice,
    "english": english_invoice,
    "authority": authority_invoice,
}

EINVOICE_SAMPLES = {name: build for name, build in SAMPLES.items() if name != "quote"}

# Only rendered as PDF (their XML equals a sample above but for the words on the page).
PDF_SAMPLES: dict[str, Callable[[], Document]] = SAMPLES | {
    "credit_note_paid": credit_note_paid,
    "credit_note_partly_paid": credit_note_partly_paid,
    "ten_lines": ten_lines_invoice,
}
