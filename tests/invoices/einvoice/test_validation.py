"""Validation finds what a receiving system would reject, with the EN 16931 rule id."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from lxml import etree

from tests.invoices import samples
from workmate.invoices.einvoice import Finding, build_xml, validate
from workmate.invoices.einvoice.validation import errors

RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
NS = {"ram": RAM}


def _tamper(xml: bytes, path: str, value: str | None) -> bytes:
    root = etree.fromstring(xml)
    for node in root.xpath(path, namespaces=NS):
        if value is None:
            node.getparent().remove(node)
        else:
            node.text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _rule_ids(findings: list[Finding]) -> set[str]:
    return {finding.rule_id for finding in errors(findings)}


def test_wrong_grand_total_is_br_co_15() -> None:
    xml = _tamper(build_xml(samples.standard_invoice()), "//ram:GrandTotalAmount", "1410.79")
    findings = validate(xml)
    assert {"BR-CO-15", "BR-CO-16"} & _rule_ids(findings)
    finding = next(f for f in findings if f.rule_id in {"BR-CO-15", "BR-CO-16"})
    assert "Invoice total amount" in finding.message or "Amount due" in finding.message
    assert (
        finding.location and "SpecifiedTradeSettlementHeaderMonetarySummation" in finding.location
    )


def test_missing_seller_vat_id_and_tax_number() -> None:
    xml = _tamper(
        build_xml(samples.standard_invoice()),
        "//ram:SellerTradeParty/ram:SpecifiedTaxRegistration",
        None,
    )
    assert "BR-S-02" in _rule_ids(validate(xml))


def test_missing_buyer_vat_id_on_reverse_charge() -> None:
    xml = _tamper(
        build_xml(samples.reverse_charge_invoice()),
        "//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration",
        None,
    )
    assert "BR-AE-02" in _rule_ids(validate(xml))


def test_wrong_vat_amount_in_group() -> None:
    xml = _tamper(
        build_xml(samples.standard_invoice()),
        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CalculatedAmount",
        "199.99",
    )
    assert any(
        rule.startswith("BR-S-") or rule.startswith("BR-CO-") for rule in _rule_ids(validate(xml))
    )


def test_wrong_vat_rate_in_group() -> None:
    xml = _tamper(
        build_xml(samples.standard_invoice()),
        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent",
        "16.00",
    )
    assert any(rule.startswith("BR-S-") for rule in _rule_ids(validate(xml)))


def test_garbage_element_is_an_xsd_finding() -> None:
    root = etree.fromstring(build_xml(samples.standard_invoice()))
    etree.SubElement(
        root.find(f"{{{RAM}}}ExchangedDocument") or root[1], f"{{{RAM}}}Garbage"
    ).text = "x"
    findings = validate(etree.tostring(root))
    xsd = [f for f in findings if f.rule_id == "XSD"]
    assert xsd
    assert xsd[0].severity == "error"
    assert "Garbage" in xsd[0].message


def test_not_well_formed() -> None:
    (finding,) = validate(b"<rsm:CrossIndustryInvoice")
    assert finding.rule_id == "XML"
    assert finding.severity == "error"


def test_validation_from_many_threads() -> None:
    xmls = [build_xml(build()) for build in samples.EINVOICE_SAMPLES.values()]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(validate, xmls * 2))
    assert all(errors(findings) == [] for findings in results)
    tampered = _tamper(xmls[0], "//ram:GrandTotalAmount", "1.00")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(validate, [tampered, *xmls]))
    assert errors(results[0])
    assert all(errors(findings) == [] for findings in results[1:])


def test_code_list_rules_still_read_the_code_lists() -> None:
    """The code lists are parsed once and passed to the schematron as a parameter; the rules
    that look codes up in them (country: FX-SCH-A-000568, currency: FX-SCH-A-000595) must still
    accept listed codes and reject others, on every run."""
    xml = build_xml(samples.standard_invoice())
    assert not {"FX-SCH-A-000568", "FX-SCH-A-000595"} & _rule_ids(validate(xml))
    for _ in range(2):
        country = _tamper(xml, "//ram:BuyerTradeParty//ram:CountryID", "XQ")
        assert "FX-SCH-A-000568" in _rule_ids(validate(country))
        currency = _tamper(xml, "//ram:InvoiceCurrencyCode", "EUX")
        assert "FX-SCH-A-000595" in _rule_ids(validate(currency))
