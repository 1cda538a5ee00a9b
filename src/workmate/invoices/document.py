"""The frozen picture of a document that the PDF and the e-invoice XML are rendered from.

Built by the invoice service from the stored snapshot (finalized documents) or from the current
draft (previews). Renderers take only this: they never query the database, so a finalized
document renders the same bytes-for-content forever, and every amount comes from
``workmate.invoices.calculation`` (already computed here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

DocumentKind = Literal["invoice", "credit_note", "quote"]


@dataclass(frozen=True)
class Address:
    name: str
    street: str | None
    postcode: str | None
    city: str | None
    country: str  # ISO 3166-1 alpha-2
    additional: str | None = None  # e.g. department or "z. Hd. Frau Weber"


@dataclass(frozen=True)
class Seller:
    address: Address
    vat_id: str | None
    tax_number: str | None
    email: str | None
    phone: str | None
    website: str | None
    register_court: str | None  # "Amtsgericht München"
    register_number: str | None  # "HRB 123456"
    managing_directors: str | None
    contact_name: str | None
    small_business: bool  # § 19 UStG: no VAT shown, the required note is printed
    logo_png: bytes | None = None


@dataclass(frozen=True)
class Buyer:
    address: Address
    customer_number: str
    vat_id: str | None
    email: str | None
    contact_name: str | None
    contact_email: str | None
    leitweg_id: str | None
    contact_salutation: str | None = None  # ms / mr (Salutation): "Sehr geehrte Frau ..."
    contact_title: str | None = None  # academic title in the salutation ("Dr.")


@dataclass(frozen=True)
class BankAccount:
    holder: str
    iban: str
    bic: str | None
    bank_name: str | None


@dataclass(frozen=True)
class TimesheetEntry:
    day: date
    employee: str
    description: str | None
    hours: Decimal


@dataclass(frozen=True)
class Line:
    position: int
    description: str
    quantity: Decimal  # negative on credit notes
    unit_code: str  # UN/ECE rec. 20: HUR, DAY, H87 (piece), MON, KMT, LS (flat rate)
    unit_price: Decimal  # up to 4 decimals
    discount_percent: Decimal | None
    gross_amount: Decimal  # quantity x price, rounded
    discount_amount: Decimal  # line allowance BT-136
    net_amount: Decimal  # BT-131
    vat_category: str  # workmate category, see calculation.VAT_CATEGORY_CODES
    vat_rate: Decimal
    service_from: date | None
    service_to: date | None
    timesheet: tuple[TimesheetEntry, ...] = ()


@dataclass(frozen=True)
class VatBreakdown:
    category: str
    category_code: str  # UNCL 5305
    rate: Decimal
    taxable_amount: Decimal
    tax_amount: Decimal
    exemption_reason: str | None  # BT-120, required for E, AE, K, G, O and § 19


@dataclass(frozen=True)
class CashDiscount:
    """Skonto: ``percent`` off when paid within ``days`` of the issue date (until ``until``)."""

    percent: Decimal
    days: int
    until: date
    amount: Decimal  # discount on the gross total
    payable: Decimal  # gross total - amount


@dataclass(frozen=True)
class Document:
    kind: DocumentKind
    number: str | None  # None on draft previews
    issue_date: date
    due_date: date | None  # quotes: valid until
    service_date: date | None  # BT-72 (Lieferdatum) when there is no period
    service_from: date | None  # BG-14 invoicing period
    service_to: date | None
    currency: str
    language: Literal["de", "en"]
    seller: Seller
    buyer: Buyer
    bank: BankAccount | None
    lines: tuple[Line, ...]
    vat_breakdown: tuple[VatBreakdown, ...]
    net_total: Decimal
    vat_total: Decimal
    gross_total: Decimal
    paid_amount: Decimal
    amount_due: Decimal
    payment_terms_days: int | None
    cash_discount: CashDiscount | None
    title: str | None  # e.g. "Rechnung" override or project title line
    intro_text: str | None
    closing_text: str | None
    buyer_reference: str | None  # BT-10 (Leitweg-ID for authorities)
    order_reference: str | None  # BT-13 purchase order
    project_reference: str | None  # BT-11
    preceding_number: str | None  # credit notes: the invoice it corrects (BT-25)
    preceding_date: date | None  # BT-26
    refund_amount: Decimal = Decimal("0.00")  # credit notes: paid on the cancelled invoice
    legal_notes: tuple[str, ...] = ()  # § 13b, § 19, intra-EU, export notes, in document language
    preview: bool = False  # watermark "ENTWURF" / "DRAFT", no number
    xrechnung: bool = False  # buyer has a Leitweg-ID: XRechnung CIUS guideline
    extra: dict[str, str] = field(default_factory=dict)
