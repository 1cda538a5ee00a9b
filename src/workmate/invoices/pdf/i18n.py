"""Labels and number/date formats for the documents, German and English.

Everything the template prints is formatted here, so the Typst template only lays out strings
(and never parses user text as markup).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Language = Literal["de", "en"]
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}

UNITS: dict[str, dict[Language, str]] = {
    "HUR": {"de": "Std.", "en": "h"},
    "DAY": {"de": "Tag(e)", "en": "day(s)"},
    "H87": {"de": "Stk.", "en": "pc(s)"},
    "C62": {"de": "Stk.", "en": "pc(s)"},
    "MON": {"de": "Monat(e)", "en": "month(s)"},
    "KMT": {"de": "km", "en": "km"},
    "LS": {"de": "pauschal", "en": "flat rate"},
    "MIN": {"de": "Min.", "en": "min"},
    "KGM": {"de": "kg", "en": "kg"},
    "MTR": {"de": "m", "en": "m"},
    "MTK": {"de": "m²", "en": "m²"},
    "LTR": {"de": "l", "en": "l"},
}

LABELS: dict[str, dict[Language, str]] = {
    "invoice": {"de": "Rechnung", "en": "Invoice"},
    "credit_note": {"de": "Stornorechnung", "en": "Credit note"},
    "quote": {"de": "Angebot", "en": "Quote"},
    "draft": {"de": "Entwurf", "en": "Draft"},
    "watermark": {"de": "ENTWURF", "en": "DRAFT"},
    "number_invoice": {"de": "Rechnungsnummer", "en": "Invoice no."},
    "number_credit_note": {"de": "Belegnummer", "en": "Credit note no."},
    "number_quote": {"de": "Angebotsnummer", "en": "Quote no."},
    "date_invoice": {"de": "Rechnungsdatum", "en": "Invoice date"},
    "date_credit_note": {"de": "Belegdatum", "en": "Date"},
    "date_quote": {"de": "Angebotsdatum", "en": "Date"},
    "service_date": {"de": "Leistungsdatum", "en": "Date of service"},
    "service_period": {"de": "Leistungszeitraum", "en": "Service period"},
    "customer_number": {"de": "Kundennummer", "en": "Customer no."},
    "due_date": {"de": "Fällig am", "en": "Due date"},
    "valid_until": {"de": "Gültig bis", "en": "Valid until"},
    "order_reference": {"de": "Ihre Bestellung", "en": "Your order"},
    "buyer_reference": {"de": "Ihre Referenz", "en": "Your reference"},
    "project_reference": {"de": "Projekt", "en": "Project"},
    "leitweg_id": {"de": "Leitweg-ID", "en": "Leitweg-ID"},
    "vat_id_buyer": {"de": "Ihre USt-IdNr.", "en": "Your VAT ID"},
    "contact": {"de": "Ansprechpartner", "en": "Contact"},
    "preceding": {"de": "zu Rechnung", "en": "for invoice"},
    "of": {"de": "vom", "en": "of"},
    "pos": {"de": "Pos.", "en": "Item"},
    "description": {"de": "Beschreibung", "en": "Description"},
    "quantity": {"de": "Menge", "en": "Qty"},
    "unit": {"de": "Einheit", "en": "Unit"},
    "unit_price": {"de": "Einzelpreis", "en": "Unit price"},
    "discount": {"de": "Rabatt", "en": "Discount"},
    "total": {"de": "Gesamt", "en": "Amount"},
    "net_total": {"de": "Nettobetrag", "en": "Net amount"},
    "gross_total_invoice": {"de": "Rechnungsbetrag", "en": "Invoice total"},
    "gross_total_credit_note": {"de": "Stornobetrag", "en": "Credit note total"},
    "gross_total_quote": {"de": "Angebotssumme", "en": "Quote total"},
    "total_small_business": {"de": "Gesamtbetrag", "en": "Total"},
    "paid": {"de": "bereits bezahlt", "en": "Already paid"},
    "amount_due": {"de": "offener Betrag", "en": "Amount due"},
    "refund": {"de": "bereits gezahlt, wird erstattet", "en": "Paid already, to be refunded"},
    "vat_on": {"de": "auf", "en": "on"},
    "page": {"de": "Seite", "en": "Page"},
    "page_of": {"de": "von", "en": "of"},
    "girocode": {
        "de": "Bequem bezahlen per Banking-App (GiroCode)",
        "en": "Pay with your banking app (EPC QR)",
    },
    "managing_directors": {"de": "Geschäftsführung", "en": "Managing directors"},
    "vat_id": {"de": "USt-IdNr.", "en": "VAT ID"},
    "tax_number": {"de": "Steuernummer", "en": "Tax number"},
    "phone": {"de": "Tel.", "en": "Phone"},
    "email": {"de": "E-Mail", "en": "Email"},
    "iban": {"de": "IBAN", "en": "IBAN"},
    "bic": {"de": "BIC", "en": "BIC"},
    "timesheet": {"de": "Stundennachweis", "en": "Timesheet"},
    "timesheet_to": {"de": "Anlage zu", "en": "Annex to"},
    "ts_date": {"de": "Datum", "en": "Date"},
    "ts_employee": {"de": "Mitarbeiter/in", "en": "Employee"},
    "ts_activity": {"de": "Tätigkeit", "en": "Activity"},
    "ts_hours": {"de": "Stunden", "en": "Hours"},
    "ts_sum": {"de": "Summe", "en": "Total"},
    "ts_total": {"de": "Gesamtstunden", "en": "Total hours"},
    "ts_empty": {"de": "Keine Zeiteinträge.", "en": "No time entries."},
}

VAT_CATEGORY_LABELS: dict[str, dict[Language, str]] = {
    "zero": {"de": "USt 0 %", "en": "VAT 0%"},
    "exempt": {"de": "Umsatzsteuerfrei", "en": "VAT exempt"},
    "reverse_charge": {
        "de": "Steuerschuldnerschaft des Leistungsempfängers",
        "en": "Reverse charge",
    },
    "intra_eu": {
        "de": "Steuerfreie innergemeinschaftliche Lieferung",
        "en": "Intra-community supply, VAT exempt",
    },
    "export": {"de": "Steuerfreie Ausfuhrlieferung", "en": "Export, VAT exempt"},
}


def label(key: str, language: Language) -> str:
    return LABELS[key][language]


def unit_label(code: str, language: Language) -> str:
    return UNITS.get(code, {}).get(language, code)


def format_date(value: date, language: Language) -> str:
    if language == "de":
        return f"{value:%d.%m.%Y}"
    return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"


def _group(integer: str, separator: str) -> str:
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    return separator.join(groups)


def format_decimal(
    value: Decimal, language: Language, min_places: int = 2, max_places: int = 2
) -> str:
    """1234.5 -> '1.234,50' (de) / '1,234.50' (en); trailing zeros beyond min_places dropped."""
    quantized = value.quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)
    sign = "-" if quantized < 0 else ""
    integer, _, fraction = f"{abs(quantized):f}".partition(".")
    fraction = fraction.rstrip("0")
    fraction = fraction.ljust(min_places, "0")
    thousands, decimal_mark = (".", ",") if language == "de" else (",", ".")
    grouped = _group(integer, thousands)
    return f"{sign}{grouped}{decimal_mark}{fraction}" if fraction else f"{sign}{grouped}"


def format_money(value: Decimal, currency: str, language: Language, max_places: int = 2) -> str:
    number = format_decimal(abs(value), language, 2, max_places)
    sign = "-" if value < 0 else ""
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    if language == "de":
        return f"{sign}{number}\u00a0{symbol}"
    separator = "" if symbol in CURRENCY_SYMBOLS.values() else "\u00a0"
    return f"{sign}{symbol}{separator}{number}"


# One rule per unit: how many decimals a quantity of that unit shows (more only when the value
# has them, up to 4, so nothing that was priced is hidden). Hours and days are decimal (1,50
# Std.), pieces and flat rates whole numbers.
QUANTITY_PLACES: dict[str, int] = {
    "HUR": 2,
    "DAY": 2,
    "MON": 2,
    "MIN": 0,
    "KMT": 1,
    "KGM": 2,
    "MTR": 2,
    "MTK": 2,
    "LTR": 2,
    "H87": 0,
    "C62": 0,
    "LS": 0,
}


def format_quantity(value: Decimal, language: Language, unit_code: str = "") -> str:
    return format_decimal(value, language, QUANTITY_PLACES.get(unit_code, 0), 4)


def format_percent(value: Decimal, language: Language) -> str:
    number = format_decimal(value, language, 0, 2)
    return f"{number}\u00a0%" if language == "de" else f"{number}%"


def format_period(start: date, end: date, language: Language) -> str:
    return f"{format_date(start, language)} \u2013 {format_date(end, language)}"
