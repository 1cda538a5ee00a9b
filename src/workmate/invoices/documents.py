"""Turn a stored document into the renderers' ``Document``: from its snapshots when finalized,
from the live company settings and customer when it is a draft preview.
"""

from __future__ import annotations

import base64
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal, cast

from workmate.invoices.calculation import VAT_CATEGORY_CODES, skonto_amount
from workmate.invoices.document import (
    Address,
    BankAccount,
    Buyer,
    CashDiscount,
    Document,
    Line,
    Seller,
    TimesheetEntry,
    VatBreakdown,
)
from workmate.models import CompanySettings, Contact, Customer, Invoice

# Required notes per VAT category (§ 14a UStG), in the document's language.
LEGAL_NOTES: dict[str, dict[str, str]] = {
    "reverse_charge": {
        "de": "Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG).",
        "en": "Reverse charge: the recipient of the service is liable for the VAT (§ 13b UStG).",
    },
    "intra_eu": {
        "de": "Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1b, § 6a UStG).",
        "en": "Tax-exempt intra-Community supply (§ 4 No. 1b, § 6a UStG).",
    },
    "export": {
        "de": "Steuerfreie Ausfuhrlieferung (§ 4 Nr. 1a, § 6 UStG).",
        "en": "Tax-exempt export delivery (§ 4 No. 1a, § 6 UStG).",
    },
    "exempt": {
        "de": "Steuerfreie Leistung nach § 4 UStG.",
        "en": "Tax-exempt service according to § 4 UStG.",
    },
    "zero": {
        "de": "Nullsteuersatz nach § 12 Abs. 3 UStG.",
        "en": "Zero VAT rate according to § 12 (3) UStG.",
    },
    "small_business": {
        "de": "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.",
        "en": "No VAT is charged according to § 19 UStG (small business).",
    },
}


def seller_snapshot(company: CompanySettings, contact_name: str | None) -> dict[str, Any]:
    return {
        "name": company.company_name or "",
        "street": company.street,
        "postcode": company.postcode,
        "city": company.city,
        "country": company.country,
        "vat_id": company.vat_id,
        "tax_number": company.tax_number,
        "email": company.email,
        "phone": company.phone,
        "website": company.website,
        "register_court": company.register_court,
        "register_number": company.register_number,
        "managing_directors": company.managing_directors,
        "contact_name": contact_name,
        "small_business": company.small_business,
        "bank_holder": company.bank_holder,
        "iban": company.iban,
        "bic": company.bic,
        "bank_name": company.bank_name,
        "logo_png": base64.b64encode(company.logo_png).decode() if company.logo_png else None,
    }


def buyer_snapshot(customer: Customer, contact: Contact | None) -> dict[str, Any]:
    return {
        "name": customer.name,
        "customer_number": customer.number,
        "street": customer.street,
        "postcode": customer.postcode,
        "city": customer.city,
        "country": customer.country,
        "vat_id": customer.vat_id,
        "email": customer.email,
        "leitweg_id": customer.leitweg_id,
        "contact_name": contact.name if contact else None,
        "contact_salutation": contact.salutation if contact else None,
        "contact_title": contact.academic_title if contact else None,
        "contact_email": contact.email if contact else None,
        "department": contact.department if contact else None,
    }


def legal_notes(categories: set[str], language: str) -> list[str]:
    return [LEGAL_NOTES[c][language] for c in LEGAL_NOTES if c in categories]


def _seller(data: dict[str, Any]) -> Seller:
    logo = data.get("logo_png")
    return Seller(
        address=Address(
            name=data["name"],
            street=data.get("street"),
            postcode=data.get("postcode"),
            city=data.get("city"),
            country=data.get("country") or "DE",
        ),
        vat_id=data.get("vat_id"),
        tax_number=data.get("tax_number"),
        email=data.get("email"),
        phone=data.get("phone"),
        website=data.get("website"),
        register_court=data.get("register_court"),
        register_number=data.get("register_number"),
        managing_directors=data.get("managing_directors"),
        contact_name=data.get("contact_name"),
        small_business=bool(data.get("small_business")),
        logo_png=base64.b64decode(logo) if logo else None,
    )


def _buyer(data: dict[str, Any]) -> Buyer:
    contact = data.get("contact_name")
    return Buyer(
        address=Address(
            name=data["name"],
            street=data.get("street"),
            postcode=data.get("postcode"),
            city=data.get("city"),
            country=data.get("country") or "DE",
            additional=" ".join(p for p in (data.get("department"), contact) if p) or None,
        ),
        customer_number=data["customer_number"],
        vat_id=data.get("vat_id"),
        email=data.get("email"),
        contact_name=contact,
        contact_salutation=data.get("contact_salutation"),
        contact_title=data.get("contact_title"),
        contact_email=data.get("contact_email"),
        leitweg_id=data.get("leitweg_id"),
    )


def _bank(data: dict[str, Any]) -> BankAccount | None:
    if not data.get("iban"):
        return None
    return BankAccount(
        holder=data.get("bank_holder") or data["name"],
        iban=data["iban"],
        bic=data.get("bic"),
        bank_name=data.get("bank_name"),
    )


def timesheet_entries(raw: list[dict[str, Any]] | None) -> tuple[TimesheetEntry, ...]:
    """A line's stored timesheet (``Invoice.lines[].timesheet``) as the renderers read it."""
    return tuple(
        TimesheetEntry(
            day=date.fromisoformat(item["day"]),
            employee=item["employee"],
            description=item.get("description"),
            hours=Decimal(item["hours"]),
        )
        for item in raw or []
    )


def cash_discount(invoice: Invoice, issue_date: date) -> CashDiscount | None:
    if invoice.kind != "invoice" or invoice.skonto_percent is None or invoice.skonto_days is None:
        return None
    amount = skonto_amount(invoice.gross_total, invoice.skonto_percent)
    return CashDiscount(
        percent=invoice.skonto_percent,
        days=invoice.skonto_days,
        until=issue_date + timedelta(days=invoice.skonto_days),
        amount=amount,
        payable=invoice.gross_total - amount,
    )


def build(
    invoice: Invoice,
    seller: dict[str, Any],
    buyer: dict[str, Any],
    *,
    preview: bool = False,
    number: str | None = None,
    today: date | None = None,
    include_paid: bool = True,
    preceding: tuple[str, date | None] | None = None,
) -> Document:
    """The renderers' view of ``invoice``; totals must be current (``service.recalculate``)."""
    issue_date = invoice.issue_date or today
    if issue_date is None:
        raise ValueError("A document without an issue date needs `today` (company zone).")
    due_date = invoice.due_date or issue_date + timedelta(days=invoice.payment_terms_days)
    lines = tuple(
        Line(
            position=line.position,
            description=line.description,
            quantity=line.quantity,
            unit_code=line.unit_code,
            unit_price=line.unit_price,
            discount_percent=line.discount_percent,
            gross_amount=line.gross_amount,
            discount_amount=line.discount_amount,
            net_amount=line.net_amount,
            vat_category=line.vat_category,
            vat_rate=line.vat_rate,
            service_from=line.service_from,
            service_to=line.service_to,
            timesheet=timesheet_entries(line.timesheet),
        )
        for line in sorted(invoice.lines, key=lambda line: line.position)
    )
    language = cast(Literal["de", "en"], invoice.language)
    service_from, service_to = invoice.service_from, invoice.service_to
    if invoice.service_date is None and service_from is None:
        # No header date: the invoicing period (BG-14) spans the lines' periods (BR-IC-11).
        starts = [line.service_from for line in lines if line.service_from]
        ends = [line.service_to or line.service_from for line in lines if line.service_from]
        if starts and len(starts) == len(lines):
            service_from, service_to = min(starts), max(e for e in ends if e)
    breakdown = tuple(
        VatBreakdown(
            category=g["category"],
            category_code=VAT_CATEGORY_CODES[g["category"]],
            rate=Decimal(g["rate"]),
            taxable_amount=Decimal(g["taxable_amount"]),
            tax_amount=Decimal(g["tax_amount"]),
            exemption_reason=LEGAL_NOTES[g["category"]][language]
            if g["category"] in LEGAL_NOTES
            else None,
        )
        for g in invoice.vat_breakdown
    )
    paid = invoice.paid_amount + invoice.skonto_granted if include_paid else Decimal("0.00")
    return Document(
        kind=cast(Literal["invoice", "credit_note", "quote"], invoice.kind),
        number=None if preview else (number or invoice.number),
        issue_date=issue_date,
        due_date=due_date,
        service_date=invoice.service_date,
        service_from=service_from,
        service_to=service_to if service_from else None,
        currency=invoice.currency,
        language=language,
        seller=_seller(seller),
        buyer=_buyer(buyer),
        bank=_bank(seller),
        lines=lines,
        vat_breakdown=breakdown,
        net_total=invoice.net_total,
        vat_total=invoice.vat_total,
        gross_total=invoice.gross_total,
        paid_amount=paid,
        amount_due=invoice.gross_total - paid,
        payment_terms_days=invoice.payment_terms_days if invoice.kind == "invoice" else None,
        cash_discount=cash_discount(invoice, issue_date),
        title=invoice.title,
        intro_text=invoice.intro_text,
        closing_text=invoice.closing_text,
        buyer_reference=buyer.get("leitweg_id") or invoice.buyer_reference,
        order_reference=invoice.order_reference,
        project_reference=invoice.project.number if invoice.project else None,
        preceding_number=preceding[0] if preceding else None,
        preceding_date=preceding[1] if preceding else None,
        refund_amount=invoice.refund_amount,
        legal_notes=tuple(legal_notes({line.vat_category for line in lines}, language)),
        preview=preview,
        xrechnung=bool(buyer.get("leitweg_id")),
    )
