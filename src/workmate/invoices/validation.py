"""What a document needs before it gets a number: § 14 Abs. 4 UStG and EN 16931.

Returns findings a person can act on ("line 3 has no service period"); the e-invoice check
(XSD and EN 16931 schematron) runs afterwards on the generated XML, see ``finalize``.
"""

from __future__ import annotations

from typing import Any

from workmate.core.errors import to_params
from workmate.invoices.schemas import Finding
from workmate.models import Invoice

EU = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
}  # fmt: skip


def _f(code: str, field: str | None, message: str, **params: object) -> Finding:
    return Finding(
        code=code, field=field, message=message, source="workmate", params=to_params(params)
    )


def check(invoice: Invoice, seller: dict[str, Any], buyer: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    findings += _seller(seller, xrechnung=bool(buyer.get("leitweg_id")))
    findings += _buyer(buyer)
    findings += _lines(invoice, seller, buyer)
    if invoice.kind == "invoice" and invoice.gross_total <= 0 and invoice.lines:
        findings.append(
            _f(
                "total_not_positive",
                "lines",
                "An invoice must total more than 0. Use a credit note to credit an amount.",
            )
        )
    if invoice.kind == "credit_note" and invoice.gross_total >= 0 and invoice.lines:
        findings.append(
            _f(
                "credit_note_not_negative",
                "lines",
                "A credit note credits money: enter the "
                "amounts as negative quantities so the total is below 0.",
            )
        )
    return findings


def _seller(seller: dict[str, Any], *, xrechnung: bool) -> list[Finding]:
    out = []
    where = "Administration → Company settings"
    if not seller.get("name"):
        out.append(
            _f("seller_name_missing", "seller.name", f"Your company name is missing ({where}).")
        )
    address = f"Your company address has no %s ({where})."
    for key, finding in (
        ("street", _f("seller_street_missing", "seller.street", address % "street")),
        ("postcode", _f("seller_postcode_missing", "seller.postcode", address % "postcode")),
        ("city", _f("seller_city_missing", "seller.city", address % "city")),
    ):
        if not seller.get(key):
            out.append(finding)
    if not seller.get("vat_id") and not seller.get("tax_number"):
        out.append(
            _f(
                "seller_tax_id_missing",
                "seller.vat_id",
                f"Enter your VAT ID or tax number (§ 14 Abs. 4 Nr. 2 UStG; {where}).",
            )
        )
    if xrechnung:
        # XRechnung BR-DE-2/3/5/6/7: seller contact with phone and e-mail.
        if not seller.get("email"):
            out.append(
                _f(
                    "seller_email_missing",
                    "seller.email",
                    f"XRechnung needs your company e-mail address ({where}).",
                )
            )
        if not seller.get("phone"):
            out.append(
                _f(
                    "seller_phone_missing",
                    "seller.phone",
                    f"XRechnung needs your company phone number ({where}).",
                )
            )
        if not seller.get("iban"):
            out.append(
                _f(
                    "seller_iban_missing",
                    "seller.iban",
                    f"XRechnung needs payment instructions: enter your IBAN ({where}).",
                )
            )
    return out


def _buyer(buyer: dict[str, Any]) -> list[Finding]:
    out = []
    name = buyer.get("name")
    address = f"The customer {name} has no %s in the address."
    for key, finding in (
        (
            "street",
            _f("buyer_street_missing", "customer.street", address % "street", customer=name),
        ),
        (
            "postcode",
            _f("buyer_postcode_missing", "customer.postcode", address % "postcode", customer=name),
        ),
        ("city", _f("buyer_city_missing", "customer.city", address % "city", customer=name)),
    ):
        if not buyer.get(key):
            out.append(finding)
    return out


def _lines(invoice: Invoice, seller: dict[str, Any], buyer: dict[str, Any]) -> list[Finding]:
    out = []
    if not invoice.lines:
        return [_f("no_lines", "lines", "Add at least one line.")]
    header_period = invoice.service_date is not None or invoice.service_from is not None
    categories = {line.vat_category for line in invoice.lines}
    small = bool(seller.get("small_business"))
    foreign_eu = buyer.get("country") in EU and buyer.get("country") != "DE"
    for line in sorted(invoice.lines, key=lambda line: line.position):
        n, field = line.position, f"lines[{line.position - 1}]"
        if invoice.kind != "quote" and not header_period and line.service_from is None:
            out.append(
                _f(
                    "line_service_period_missing",
                    f"{field}.service_from",
                    f"Line {n} has no service period, and the document has no service "
                    "date (§ 14 Abs. 4 Nr. 6 UStG).",
                    line=n,
                )
            )
        if line.vat_category == "standard" and line.vat_rate <= 0:
            out.append(
                _f(
                    "line_vat_rate_missing",
                    f"{field}.vat_rate",
                    f"Line {n} is taxed at the standard category but has no rate.",
                    line=n,
                )
            )
        if line.vat_category in ("reverse_charge", "intra_eu") and not buyer.get("vat_id"):
            out.append(
                _f(
                    "buyer_vat_id_missing",
                    "customer.vat_id",
                    f"Line {n} uses reverse charge / intra-EU: enter the customer's VAT ID "
                    "(EN 16931 BR-AE-02, BR-IC-02).",
                    line=n,
                )
            )
        if line.vat_category in ("reverse_charge", "intra_eu") and not seller.get("vat_id"):
            out.append(
                _f(
                    "seller_vat_id_missing",
                    "seller.vat_id",
                    f"Line {n} uses reverse charge / intra-EU: enter your own VAT ID.",
                    line=n,
                )
            )
        if line.vat_category == "intra_eu" and not foreign_eu:
            out.append(
                _f(
                    "intra_eu_buyer_not_eu",
                    f"{field}.vat_category",
                    f"Line {n} is an intra-EU supply, but the customer is not in another "
                    "EU country.",
                    line=n,
                )
            )
        if line.vat_category == "small_business" and not small:
            out.append(
                _f(
                    "small_business_not_enabled",
                    f"{field}.vat_category",
                    f"Line {n} uses § 19 UStG, but the company is not set up as a small "
                    "business (Company settings).",
                    line=n,
                )
            )
        if small and line.vat_category != "small_business":
            out.append(
                _f(
                    "small_business_charges_vat",
                    f"{field}.vat_category",
                    f"Line {n}: as a small business (§ 19 UStG) the company charges no "
                    "VAT; use the category 'small business'.",
                    line=n,
                )
            )
    if len(categories) > 1 and "small_business" in categories:
        out.append(
            _f(
                "small_business_mixed",
                "lines",
                "§ 19 UStG lines cannot be mixed with other VAT categories.",
            )
        )
    return out
