"""Factories for invoicing tests: a complete letterhead, customers that can be invoiced."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import make_customer
from workmate.models import CompanySettings, Customer

LETTERHEAD: dict[str, Any] = {
    "company_name": "Workmate Test GmbH",
    "street": "Leopoldstraße 12",
    "postcode": "80802",
    "city": "München",
    "country": "DE",
    "vat_id": "DE136695976",
    "tax_number": "143/123/45678",
    "register_court": "Amtsgericht München",
    "register_number": "HRB 123456",
    "managing_directors": "Anna Schmidt",
    "email": "rechnung@workmate-test.de",
    "phone": "+49 89 1234567",
    "bank_holder": "Workmate Test GmbH",
    "iban": "DE02120300000000202051",
    "bic": "BYLADEM1001",
    "bank_name": "Deutsche Kreditbank",
}


async def setup_company(session: AsyncSession, **overrides: Any) -> None:
    await session.execute(
        update(CompanySettings).where(CompanySettings.id == 1).values(**{**LETTERHEAD, **overrides})
    )
    await session.commit()


async def invoiceable_customer(session: AsyncSession, **overrides: Any) -> Customer:
    values: dict[str, Any] = {
        "name": "Kunde Beispiel AG",
        "street": "Hauptstraße 1",
        "postcode": "10115",
        "city": "Berlin",
        "country": "DE",
        "email": "buchhaltung@kunde.de",
    }
    values.update(overrides)
    customer = await make_customer(session, **values)
    await session.commit()
    return customer


def line(description: str = "Beratung", quantity: str = "10", price: str = "95.00",
         **extra: Any) -> dict[str, Any]:  # fmt: skip
    return {
        "description": description,
        "quantity": quantity,
        "unit_code": "HUR",
        "unit_price": price,
        "service_from": "2026-11-02",
        "service_to": "2026-11-20",
        **extra,
    }


async def draft(
    client: AsyncClient, customer_id: Any, lines: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/invoices",
        json={"customer_id": str(customer_id), "lines": lines or [line()], **extra},
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def finalized(
    client: AsyncClient, customer_id: Any, lines: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    doc = await draft(client, customer_id, lines, **extra)
    response = await client.post(f"/api/v1/invoices/{doc['id']}/finalize")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def money(value: str) -> Decimal:
    return Decimal(value)
