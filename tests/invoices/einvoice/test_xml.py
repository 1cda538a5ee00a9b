"""CII XML: every sample validates (XSD + EN 16931 schematron) and matches its golden file.

Regenerate the golden files after an intended change with
``WORKMATE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/invoices/einvoice`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import os
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from tests.invoices import samples
from workmate.invoices.einvoice import build_xml, validate
from workmate.invoices.einvoice.validation import errors

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("WORKMATE_UPDATE_GOLDEN") == "1"
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}


def _xpath(xml: bytes, path: str) -> list[str]:
    return [str(v) for v in etree.fromstring(xml).xpath(path, namespaces=NS)]


@pytest.mark.parametrize("name", sorted(samples.EINVOICE_SAMPLES))
def test_sample_is_valid_en16931(name: str) -> None:
    findings = validate(build_xml(samples.EINVOICE_SAMPLES[name]()))
    assert errors(findings) == []


@pytest.mark.parametrize("name", sorted(samples.EINVOICE_SAMPLES))
def test_sample_matches_golden_file(name: str) -> None:
    xml = build_xml(samples.EINVOICE_SAMPLES[name]())
    golden = GOLDEN / f"{name}.xml"
    if UPDATE:
        golden.write_bytes(xml)
    assert golden.exists(), f"missing {golden}; run with WORKMATE_UPDATE_GOLDEN=1"
    assert xml == golden.read_bytes()


def test_xml_is_deterministic() -> None:
    assert build_xml(samples.standard_invoice()) == build_xml(samples.standard_invoice())


def test_quote_has_no_einvoice() -> None:
    with pytest.raises(ValueError, match="quote"):
        build_xml(samples.quote())


def test_preview_without_number_has_no_einvoice() -> None:
    with pytest.raises(ValueError, match="number"):
        build_xml(samples.preview_invoice())


def test_totals_are_taken_from_the_document() -> None:
    doc = samples.mixed_rates_invoice()
    xml = build_xml(doc)
    summation = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
    assert _xpath(xml, summation + "ram:LineTotalAmount/text()") == [str(doc.net_total)]
    assert _xpath(xml, summation + "ram:TaxTotalAmount/text()") == [str(doc.vat_total)]
    assert _xpath(xml, summation + "ram:GrandTotalAmount/text()") == [str(doc.gross_total)]
    assert _xpath(xml, summation + "ram:DuePayableAmount/text()") == [str(doc.amount_due)]
    rates = _xpath(
        xml,
        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent/text()",
    )
    assert rates == ["19.00", "7.00"]


def test_credit_note_is_381_positive_with_preceding_invoice() -> None:
    doc = samples.credit_note()
    assert doc.gross_total < 0
    xml = build_xml(doc)
    assert _xpath(xml, "//rsm:ExchangedDocument/ram:TypeCode/text()") == ["381"]
    assert _xpath(xml, "//ram:GrandTotalAmount/text()") == [str(-doc.gross_total)]
    assert all(Decimal(q) > 0 for q in _xpath(xml, "//ram:BilledQuantity/text()"))
    assert _xpath(xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID/text()") == [
        "RE-2026-0042"
    ]
    assert _xpath(
        xml, "//ram:InvoiceReferencedDocument//*[local-name()='DateTimeString']/text()"
    ) == ["20261123"]


def test_xrechnung_guideline_and_leitweg_id() -> None:
    xml = build_xml(samples.authority_invoice())
    assert _xpath(xml, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID/text()") == [
        "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
    ]
    assert _xpath(xml, "//ram:BuyerReference/text()") == ["04011000-12345-03"]
    contact = "//ram:SellerTradeParty/ram:DefinedTradeContact/"
    assert _xpath(xml, contact + "ram:EmailURIUniversalCommunication/ram:URIID/text()")
    assert _xpath(xml, contact + "ram:TelephoneUniversalCommunication/ram:CompleteNumber/text()")


def test_buyer_reference_falls_back_to_customer_number() -> None:
    xml = build_xml(samples.standard_invoice())
    assert _xpath(xml, "//ram:BuyerReference/text()") == ["K-10042"]
    doc = dataclasses.replace(samples.standard_invoice(), buyer_reference="Kostenstelle 4711")
    assert _xpath(build_xml(doc), "//ram:BuyerReference/text()") == ["Kostenstelle 4711"]


def test_seller_ids_and_electronic_address() -> None:
    xml = build_xml(samples.standard_invoice())
    seller = "//ram:SellerTradeParty/"
    assert _xpath(xml, seller + "ram:SpecifiedTaxRegistration/ram:ID/@schemeID") == ["VA", "FC"]
    assert _xpath(xml, seller + "ram:URIUniversalCommunication/ram:URIID/@schemeID") == ["EM"]
    assert _xpath(xml, "//ram:BuyerTradeParty/ram:URIUniversalCommunication/ram:URIID/text()") == [
        "buchhaltung@weber-partner.de"
    ]


@pytest.mark.parametrize(
    ("name", "code", "vatex"),
    [
        ("reverse_charge", "AE", "VATEX-EU-AE"),
        ("intra_eu", "K", "VATEX-EU-IC"),
        ("export", "G", "VATEX-EU-G"),
    ],
)
def test_exemption_reason_codes(name: str, code: str, vatex: str) -> None:
    xml = build_xml(samples.SAMPLES[name]())
    tax = "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/"
    assert _xpath(xml, tax + "ram:CategoryCode/text()") == [code]
    assert _xpath(xml, tax + "ram:ExemptionReasonCode/text()") == [vatex]
    assert _xpath(xml, tax + "ram:ExemptionReason/text()")


def test_small_business_reason_text() -> None:
    xml = build_xml(samples.small_business_invoice())
    assert _xpath(
        xml,
        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:ExemptionReason/text()",
    ) == ["Kein Ausweis von Umsatzsteuer, da Kleinunternehmer gemäß § 19 UStG"]


def test_line_discount_is_a_line_allowance_with_percent() -> None:
    xml = build_xml(samples.line_discount_invoice())
    allowance = "//ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/"
    assert _xpath(xml, allowance + "ram:CalculationPercent/text()") == ["10.00", "12.50"]
    assert _xpath(xml, allowance + "ram:ActualAmount/text()") == ["84.96", "9.45"]


def test_line_period_and_invoicing_period() -> None:
    xml = build_xml(samples.reverse_charge_invoice())
    period = "//ram:ApplicableHeaderTradeSettlement/ram:BillingSpecifiedPeriod//udt:DateTimeString/text()"
    assert _xpath(xml, period) == ["20261102", "20261113"]
    xml = build_xml(samples.standard_invoice())
    line_period = (
        "//ram:SpecifiedLineTradeSettlement/ram:BillingSpecifiedPeriod//udt:DateTimeString/text()"
    )
    assert _xpath(xml, line_period) == ["20261116", "20261118"]
    assert _xpath(xml, "//ram:ActualDeliverySupplyChainEvent//udt:DateTimeString/text()") == [
        "20261118"
    ]


def test_skonto_in_xrechnung_format() -> None:
    xml = build_xml(samples.skonto_invoice())
    (terms,) = _xpath(xml, "//ram:SpecifiedTradePaymentTerms/ram:Description/text()")
    assert terms.startswith("#SKONTO#TAGE=10#PROZENT=2.00#\n")
    assert _xpath(xml, "//ram:SpecifiedTradePaymentTerms//udt:DateTimeString/text()") == [
        "20261223"
    ]


def test_payment_means_without_bank() -> None:
    doc = dataclasses.replace(samples.standard_invoice(), bank=None)
    xml = build_xml(doc)
    assert _xpath(xml, "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode/text()") == ["1"]
    assert errors(validate(xml)) == []


def test_sepa_payment_means() -> None:
    xml = build_xml(samples.standard_invoice())
    means = "//ram:SpecifiedTradeSettlementPaymentMeans/"
    assert _xpath(xml, means + "ram:TypeCode/text()") == ["58"]
    assert _xpath(xml, means + "ram:PayeePartyCreditorFinancialAccount/ram:IBANID/text()") == [
        "DE02120300000000202051"
    ]


def test_partially_paid_amounts() -> None:
    xml = build_xml(samples.partially_paid_invoice())
    assert _xpath(xml, "//ram:TotalPrepaidAmount/text()") == ["500.00"]
    assert _xpath(xml, "//ram:DuePayableAmount/text()") == ["910.78"]
