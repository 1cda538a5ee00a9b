"""Every VAT case through the API: finalized, valid against EN 16931 (XSD + schematron), with the
required note; and the rules that stop a case from being finalized."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as
from tests.invoices.helpers import draft, finalized, invoiceable_customer, line, setup_company
from workmate.invoices.einvoice import validate

AT_BUYER = {"country": "AT", "vat_id": "ATU13585627", "city": "Wien", "postcode": "1010"}
CH_BUYER = {"country": "CH", "city": "Zürich", "postcode": "8001"}

CASES: list[tuple[str, str, dict[str, Any], str | None]] = [
    ("standard", "19", {}, None),
    ("standard", "7", {}, None),
    ("zero", "0", {}, "Nullsteuersatz"),
    ("exempt", "0", {}, "Steuerfreie Leistung"),
    ("reverse_charge", "0", AT_BUYER, "§ 13b UStG"),
    ("intra_eu", "0", AT_BUYER, "innergemeinschaftliche"),
    ("export", "0", CH_BUYER, "Ausfuhrlieferung"),
]


async def _pdf_text(client: AsyncClient, invoice_id: str) -> str:
    response = await client.get(f"/api/v1/invoices/{invoice_id}/pdf")
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(("category", "rate", "buyer", "note"), CASES)
async def test_vat_case_is_valid_einvoice(
    client: AsyncClient,
    session: AsyncSession,
    category: str,
    rate: str,
    buyer: dict[str, Any],
    note: str | None,
) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session, **buyer)
    doc = await finalized(
        client, customer.id, [line(quantity="2", price="100.00", vat_category=category,
                                   vat_rate=rate)]
    )  # fmt: skip
    expected_vat = {"19": "38.00", "7": "14.00"}.get(rate, "0.00")
    assert doc["vat_total"] == expected_vat
    xml = (await client.get(f"/api/v1/invoices/{doc['id']}/xml")).content
    assert [f for f in validate(xml) if f.severity == "error"] == []
    if note:
        assert any(note in n for n in doc["legal_notes"])
        assert note in (await _pdf_text(client, doc["id"])).replace("\n", " ")


async def test_small_business_invoice(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session, small_business=True, vat_id=None)
    customer = await invoiceable_customer(session)
    doc = await finalized(client, customer.id, [line(quantity="1", price="500")])
    assert doc["lines"][0]["vat_category"] == "small_business"
    assert doc["vat_total"] == "0.00" and doc["gross_total"] == "500.00"
    assert doc["legal_notes"] == ["Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."]
    xml = (await client.get(f"/api/v1/invoices/{doc['id']}/xml")).content
    assert [f for f in validate(xml) if f.severity == "error"] == []
    assert "§ 19 UStG" in await _pdf_text(client, doc["id"])


async def test_reverse_charge_needs_buyer_vat_id(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session, country="AT", city="Wien")
    doc = await draft(client, customer.id, [line(vat_category="reverse_charge")])
    response = await client.post(f"/api/v1/invoices/{doc['id']}/validate")
    assert response.status_code == 200
    report = response.json()
    assert report["ok"] is False
    assert "buyer_vat_id_missing" in {f["code"] for f in report["findings"]}


async def test_seller_needs_tax_id(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session, vat_id=None, tax_number=None)
    customer = await invoiceable_customer(session)
    doc = await draft(client, customer.id)
    response = await client.post(f"/api/v1/invoices/{doc['id']}/finalize")
    assert response.status_code == 422
    assert "seller_tax_id_missing" in {e["code"] for e in response.json()["errors"]}


async def test_xrechnung_for_leitweg_customer(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(
        session, kind="authority", name="Stadt Musterhausen", leitweg_id="04011000-1234512345-06"
    )
    doc = await finalized(client, customer.id)
    assert doc["einvoice_format"] == "xrechnung"
    xml = (await client.get(f"/api/v1/invoices/{doc['id']}/xml")).content
    assert b"xrechnung" in xml and b"04011000-1234512345-06" in xml
    assert [f for f in validate(xml) if f.severity == "error"] == []
    facturx = await client.get(f"/api/v1/invoices/{doc['id']}/xml", params={"flavor": "facturx"})
    assert facturx.status_code == 200 and b"xrechnung" not in facturx.content


async def test_pdf_embeds_facturx_xml(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    doc = await finalized(client, customer.id)
    response = await client.get(f"/api/v1/invoices/{doc['id']}/pdf")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    attachments = reader.attachments
    assert "factur-x.xml" in attachments
    embedded = attachments["factur-x.xml"][0]
    stored = (await client.get(f"/api/v1/invoices/{doc['id']}/xml")).content
    assert embedded == stored
    assert response.headers["content-disposition"].endswith(f'{doc["number"]}.pdf"')
