"""PDF/A metadata of the embedded e-invoice PDFs: the XMP packet says what the info dictionary
says (ISO 19005-3 6.6.2.3.1: pdf:Keywords included), and names the profile of the XML inside
(XRechnung or EN 16931). Checked on real PDFs, parsed with pypdf."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from httpx import AsyncClient
from pypdf import PdfReader
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as
from tests.invoices.helpers import finalized, invoiceable_customer, setup_company


def _metadata(pdf: bytes) -> tuple[dict[str, Any], Any, str]:
    reader = PdfReader(io.BytesIO(pdf))
    packet = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    return dict(reader.metadata or {}), reader.xmp_metadata, packet


@pytest.mark.parametrize(
    ("leitweg_id", "level", "keywords"),
    [
        (None, "EN 16931", "Factur-X, EN 16931"),
        ("04011000-1234512345-06", "XRECHNUNG", "Factur-X, XRechnung"),
    ],
)
async def test_xmp_matches_the_info_dictionary_and_names_the_profile(
    client: AsyncClient,
    session: AsyncSession,
    leitweg_id: str | None,
    level: str,
    keywords: str,
) -> None:
    await logged_in_as(client, session, "accounting")
    await setup_company(session)
    customer = await invoiceable_customer(session, leitweg_id=leitweg_id)
    invoice = await finalized(client, customer.id)
    expected = "xrechnung" if leitweg_id else "facturx"
    assert invoice["einvoice_format"] == expected
    pdf = (await client.get(f"/api/v1/invoices/{invoice['id']}/pdf")).content
    info, xmp, packet = _metadata(pdf)
    assert info["/Keywords"] == keywords
    assert xmp.pdf_keywords == info["/Keywords"]
    assert xmp.dc_title == {"x-default": info["/Title"]}
    assert xmp.dc_creator == [info["/Author"]]
    assert xmp.dc_description == {"x-default": info["/Subject"]}
    assert re.findall(r"<fx:ConformanceLevel>(.*?)</fx:ConformanceLevel>", packet) == [level]
    assert re.findall(r"<fx:DocumentType>(.*?)</", packet) == ["INVOICE"]
    assert re.findall(r"<pdfaid:part>(.*?)</", packet) == ["3"]
    assert packet.startswith('<?xpacket begin="\ufeff"') and packet.rstrip().endswith("?>")
