"""UN/CEFACT CII XML (EN 16931, Factur-X "EN 16931" / XRechnung 3.0) built with drafthorse.

Every amount is taken from the ``Document`` (``calculation.py`` computed it); nothing is summed
here. Credit notes are signed negative in the Document and written positive with type code 381
(EN 16931 expects positive amounts for a credit note).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from drafthorse.models.accounting import (  # type: ignore[import-untyped]
    ApplicableTradeTax,
    TradeAllowanceCharge,
)
from drafthorse.models.document import Document as CiiDocument  # type: ignore[import-untyped]
from drafthorse.models.note import IncludedNote  # type: ignore[import-untyped]
from drafthorse.models.party import TaxRegistration  # type: ignore[import-untyped]
from drafthorse.models.payment import (  # type: ignore[import-untyped]
    PaymentMeans,
    PaymentTerms,
)
from drafthorse.models.tradelines import LineItem  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]

from workmate.invoices.document import Address, Document, Line, VatBreakdown

EN16931_GUIDELINE = "urn:cen.eu:en16931:2017"
XRECHNUNG_GUIDELINE = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
PEPPOL_BILLING_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
TYPE_CODES = {"invoice": "380", "credit_note": "381"}
SMALL_BUSINESS_REASON = "Kein Ausweis von Umsatzsteuer, da Kleinunternehmer gemäß § 19 UStG"
# BT-121 (VATEX) for the categories where EN 16931 expects a reason; E carries only text.
VATEX_CODES = {"AE": "VATEX-EU-AE", "K": "VATEX-EU-IC", "G": "VATEX-EU-G"}
DEFAULT_REASONS = {
    "AE": "Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG)",
    "K": "Steuerfreie innergemeinschaftliche Lieferung",
    "G": "Steuerfreie Ausfuhrlieferung",
    "E": "Steuerbefreit",
}
CENT = Decimal("0.01")


def build_xml(doc: Document) -> bytes:
    """The CII XML of an invoice or credit note; quotes have no e-invoice (ValueError)."""
    if doc.kind == "quote":
        raise ValueError("quotes have no e-invoice")
    if doc.number is None:
        raise ValueError("an e-invoice needs a document number (finalize first)")
    cii = CiiDocument()
    cii.context.guideline_parameter.id = XRECHNUNG_GUIDELINE if doc.xrechnung else EN16931_GUIDELINE
    if doc.xrechnung:
        cii.context.business_parameter.id = PEPPOL_BILLING_PROCESS
    _header(cii, doc)
    _agreement(cii, doc)
    _delivery(cii, doc)
    for line in doc.lines:
        cii.trade.items.add(_line_item(doc, line))
    _settlement(cii, doc)
    raw = cii.serialize(schema=None)
    # Re-serialize with lxml: stable pretty-printing, no timestamps, byte-identical per Document.
    root = etree.fromstring(raw)
    xml: bytes = etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
    return xml


def _sign(doc: Document) -> Decimal:
    return Decimal(-1) if doc.kind == "credit_note" else Decimal(1)


def _money(doc: Document, amount: Decimal) -> Decimal:
    value = (amount * _sign(doc)).quantize(CENT)
    return value if value else Decimal("0.00")  # never "-0.00"


def _header(cii: Any, doc: Document) -> None:
    cii.header.id = doc.number
    cii.header.type_code = TYPE_CODES[doc.kind]
    cii.header.issue_date_time = doc.issue_date
    for text in doc.legal_notes:
        # Subject code REG: regulatory information (UNTDID 4451), e.g. the § 13b note.
        cii.header.notes.add(IncludedNote(content=text, subject_code="REG"))
    seller = doc.seller
    register = ", ".join(
        part
        for part in (
            seller.address.name,
            seller.register_court,
            seller.register_number,
            f"Geschäftsführung: {seller.managing_directors}" if seller.managing_directors else None,
        )
        if part
    )
    if seller.register_court or seller.managing_directors:
        # German company details (§ 35a GmbHG) as a note with subject code REG.
        cii.header.notes.add(IncludedNote(content=register, subject_code="REG"))


def _address(target: Any, address: Address) -> None:
    target.postcode = address.postcode
    target.line_one = address.street
    target.line_two = address.additional
    target.city_name = address.city
    target.country_id = address.country


def buyer_reference(doc: Document) -> str:
    """BT-10: Leitweg-ID for authorities, else the buyer's reference, else the customer number."""
    return doc.buyer.leitweg_id or doc.buyer_reference or doc.buyer.customer_number


def _agreement(cii: Any, doc: Document) -> None:
    agreement = cii.trade.agreement
    agreement.buyer_reference = buyer_reference(doc)
    seller, buyer = doc.seller, doc.buyer
    agreement.seller.name = seller.address.name
    if seller.register_number:
        agreement.seller.legal_organization.id = seller.register_number
    elif not seller.vat_id and seller.tax_number:
        # BR-CO-26 wants BT-29, BT-30 or BT-31: a sole trader without VAT ID or register
        # entry (typically § 19 UStG) is identified by the tax number.
        agreement.seller.id = seller.tax_number
    if seller.contact_name or seller.phone or seller.email:
        agreement.seller.contact.person_name = seller.contact_name or seller.address.name
        agreement.seller.contact.telephone.number = seller.phone
        agreement.seller.contact.email.address = seller.email
    _address(agreement.seller.address, seller.address)
    if seller.email:
        agreement.seller.electronic_address.uri_ID = ("EM", seller.email)
    if seller.vat_id:
        agreement.seller.tax_registrations.add(TaxRegistration(id=("VA", seller.vat_id)))
    if seller.tax_number:
        agreement.seller.tax_registrations.add(TaxRegistration(id=("FC", seller.tax_number)))

    agreement.buyer.id = buyer.customer_number
    agreement.buyer.name = buyer.address.name
    if buyer.contact_name or buyer.contact_email:
        agreement.buyer.contact.person_name = " ".join(
            part for part in (buyer.contact_title, buyer.contact_name) if part
        )
        agreement.buyer.contact.email.address = buyer.contact_email
    _address(agreement.buyer.address, buyer.address)
    buyer_email = buyer.email or buyer.contact_email
    if buyer_email:
        agreement.buyer.electronic_address.uri_ID = ("EM", buyer_email)
    if buyer.vat_id:
        agreement.buyer.tax_registrations.add(TaxRegistration(id=("VA", buyer.vat_id)))
    if doc.order_reference:
        agreement.buyer_order.issuer_assigned_id = doc.order_reference
    if doc.project_reference:
        agreement.procuring_project_type.id = doc.project_reference
        agreement.procuring_project_type.name = "Projekt"


def _delivery(cii: Any, doc: Document) -> None:
    delivery = cii.trade.delivery
    if any(group.category_code == "K" for group in doc.vat_breakdown):
        # BR-IC-12: intra-community supply needs the deliver-to country (BT-80).
        delivery.ship_to.name = doc.buyer.address.name
        _address(delivery.ship_to.address, doc.buyer.address)
    if doc.service_date and not (doc.service_from and doc.service_to):
        delivery.event.occurrence = doc.service_date


def _period(target: Any, start: date, end: date) -> None:
    target.start = start
    target.end = end


def _price(value: Decimal) -> Decimal:
    """BT-146 with at least two and at most four decimals, as entered."""
    return value.quantize(CENT) if value == value.quantize(CENT) else _plain(value)


def _quantity(value: Decimal) -> Decimal:
    # normalize() alone turns 10.0000 into 1E+1, which xs:decimal rejects.
    return value.quantize(Decimal(1)) if value == value.to_integral() else _plain(value)


def _plain(value: Decimal) -> Decimal:
    """Without trailing zeros and never in exponent notation."""
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    return normal if isinstance(exponent, int) and exponent < 0 else value.quantize(Decimal(1))


def _line_item(doc: Document, line: Line) -> Any:
    sign = _sign(doc)
    item = LineItem()
    item.document.line_id = str(line.position)
    item.product.name = _first_line(line.description)
    if "\n" in line.description or len(line.description) > 100:
        item.product.description = line.description
    item.agreement.net.amount = _price(line.unit_price)
    item.delivery.billed_quantity = (_quantity(line.quantity * sign), line.unit_code)
    item.settlement.trade_tax.type_code = "VAT"
    category_code = _category_code(doc, line)
    item.settlement.trade_tax.category_code = category_code
    item.settlement.trade_tax.rate_applicable_percent = _rate(line.vat_rate, category_code)
    if line.service_from and line.service_to:
        _period(item.settlement.period, line.service_from, line.service_to)
    if line.discount_amount:
        # BG-27 line allowance; reason code 95 = discount (UNTDID 5189).
        item.settlement.allowance_charge.add(
            TradeAllowanceCharge(
                indicator=False,
                calculation_percent=(line.discount_percent or Decimal(0)).quantize(CENT),
                basis_amount=_money(doc, line.gross_amount),
                actual_amount=_money(doc, line.discount_amount),
                reason_code="95",
                reason="Rabatt",
            )
        )
    item.settlement.monetary_summation.total_amount = _money(doc, line.net_amount)
    return item


def _first_line(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else "-"
    return first if len(first) <= 100 else first[:97] + "..."


def _category_code(doc: Document, line: Line) -> str:
    for group in doc.vat_breakdown:
        if group.category == line.vat_category:
            return group.category_code
    raise ValueError(f"line {line.position}: no VAT breakdown for category {line.vat_category}")


def _rate(rate: Decimal, category_code: str) -> Decimal:
    return rate.quantize(CENT) if category_code in {"S", "Z"} else Decimal("0.00")


def _trade_tax(doc: Document, group: VatBreakdown) -> Any:
    tax = ApplicableTradeTax()
    tax.calculated_amount = _money(doc, group.tax_amount)
    tax.type_code = "VAT"
    code = group.category_code
    if code in VATEX_CODES or code == "E":
        reason = group.exemption_reason
        if group.category == "small_business" or doc.seller.small_business:
            reason = SMALL_BUSINESS_REASON
        tax.exemption_reason = reason or DEFAULT_REASONS[code]
        if code in VATEX_CODES:
            tax.exemption_reason_code = VATEX_CODES[code]
    tax.basis_amount = _money(doc, group.taxable_amount)
    tax.category_code = code
    tax.rate_applicable_percent = _rate(group.rate, code)
    return tax


def _settlement(cii: Any, doc: Document) -> None:
    settlement = cii.trade.settlement
    settlement.payment_reference = doc.number
    settlement.currency_code = doc.currency
    if doc.bank is not None:
        means = PaymentMeans(type_code="58")
        means.information.add("SEPA-Überweisung")
        means.payee_account.iban = doc.bank.iban.replace(" ", "")
        means.payee_account.account_name = doc.bank.holder
        if doc.bank.bic:
            means.payee_institution.bic = doc.bank.bic
    else:
        means = PaymentMeans(type_code="1")
        means.information.add("Zahlungsart nicht festgelegt")
    settlement.payment_means.add(means)
    for group in doc.vat_breakdown:
        settlement.trade_tax.add(_trade_tax(doc, group))
    if doc.service_from and doc.service_to:
        _period(settlement.period, doc.service_from, doc.service_to)
    terms = payment_terms_text(doc)
    if terms or doc.due_date:
        payment_terms = PaymentTerms(description=terms or None)
        if doc.due_date:
            payment_terms.due = doc.due_date
        settlement.terms.add(payment_terms)
    summation = settlement.monetary_summation
    summation.line_total = _money(doc, doc.net_total)
    summation.charge_total = Decimal("0.00")
    summation.allowance_total = Decimal("0.00")
    summation.tax_basis_total = (_money(doc, doc.net_total), None)
    summation.tax_total = (_money(doc, doc.vat_total), doc.currency)
    summation.grand_total = (_money(doc, doc.gross_total), None)
    summation.prepaid_total = _money(doc, doc.paid_amount)
    summation.due_amount = _money(doc, doc.amount_due)
    if doc.kind == "credit_note" and doc.preceding_number:
        # BG-3: the invoice this credit note corrects.
        settlement.invoice_referenced_document.issuer_assigned_id = doc.preceding_number
        if doc.preceding_date:
            settlement.invoice_referenced_document.issue_date_time = doc.preceding_date


def payment_terms_text(doc: Document) -> str:
    """BT-20; Skonto first in XRechnung's machine-readable line (each such line ends in LF)."""
    parts: list[str] = []
    if doc.cash_discount is not None:
        discount = doc.cash_discount
        parts.append(f"#SKONTO#TAGE={discount.days}#PROZENT={discount.percent.quantize(CENT)}#\n")
    if doc.due_date and doc.amount_due > 0:
        parts.append(f"Zahlbar ohne Abzug bis {doc.due_date:%d.%m.%Y}.")
    return "".join(parts)
