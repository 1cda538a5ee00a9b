"""The letterhead and invoice settings reject bad input field by field and keep the old values."""

from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as

URL = "/api/v1/settings/company"


async def test_bad_letterhead_input_is_422_and_changes_nothing(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    good = await client.patch(
        URL, json={"iban": "DE02 1203 0000 0000 2020 51", "bic": "BYLADEM1001"}
    )
    assert good.status_code == 200 and good.json()["iban"] == "DE02120300000000202051"
    for body, field in [
        ({"iban": "DE00123"}, "iban"),
        ({"bic": "XX"}, "bic"),
        ({"vat_id": "DE123"}, "vat_id"),
        ({"email": "not-an-address"}, "email"),
        ({"country": "Germany"}, "country"),
        ({"default_vat_rate": "120"}, "default_vat_rate"),
        ({"quote_validity_days": 0}, "quote_validity_days"),
        ({"small_business": None}, "small_business"),
        ({"invoice_number_pattern": "RE-{x}"}, "invoice_number_pattern"),
        ({"company_name": "x" * 201}, "company_name"),
    ]:
        response = await client.patch(URL, json=body)
        assert response.status_code == 422, body
        assert field in {e["field"] for e in response.json()["errors"]}, response.json()
    half = await client.patch(URL, json={"skonto_percent": "2"})
    assert half.status_code == 422 and half.json()["code"] == "skonto_incomplete"
    after = (await client.get(URL)).json()
    assert after["iban"] == "DE02120300000000202051" and after["skonto_percent"] is None
    assert (
        await client.patch(URL, json={"skonto_percent": "2", "skonto_days": 10})
    ).status_code == 200
    await logged_in_as(client, session, "accounting")
    assert (await client.patch(URL, json={"company_name": "Nope"})).status_code == 403
