from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import logged_in_as, make_contact, make_customer
from workmate.models import Contact, Customer

IMPORT = "/api/v1/customers/import"

GOOD = (
    "Firma;Art;Straße;PLZ;Ort;Land;E-Mail;USt-IdNr;Stundensatz;Tags;Lieblingsfarbe\r\n"
    "Müller & Söhne GmbH;Firma;Königsallee 5;40212;Düsseldorf;DE;info@mueller.de;DE136695976;1.234,50;a, b;blau\r\n"
    "Anna Privat;Privat;;;Köln;;;;95,00;;\r\n"
)


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_dry_run_previews_windows_1252_and_writes_nothing(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    files = {"file": ("kunden.csv", GOOD.encode("cp1252"), "text/csv")}
    response = await client.post(IMPORT, params={"dry_run": "true"}, files=files)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["encoding"] == "windows-1252" and body["delimiter"] == ";"
    assert body["rows_total"] == 2 and body["rows_valid"] == 2 and body["errors"] == []
    assert body["unknown_columns"] == ["Lieblingsfarbe"]
    first = body["preview"][0]
    assert first["name"] == "Müller & Söhne GmbH" and first["city"] == "Düsseldorf"
    assert first["hourly_rate"] == "1234.50" and first["tags"] == ["a", "b"]
    assert body["preview"][1]["kind"] == "private"
    assert await _count(session, Customer) == 0


async def test_real_import_creates_all_rows(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    data = ("\ufeff" + GOOD).encode("utf-8")
    response = await client.post(
        IMPORT, params={"dry_run": "false"}, files={"file": ("k.csv", data)}
    )
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 2 and response.json()["encoding"] == "utf-8"
    names = (await client.get("/api/v1/customers", params={"sort": "name"})).json()["items"]
    assert [c["name"] for c in names] == ["Anna Privat", "Müller & Söhne GmbH"]
    assert all(c["number"].startswith("K-") for c in names)


async def test_row_errors_are_reported_and_nothing_is_written(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    bad = (
        "Name;E-Mail;USt-IdNr;Stundensatz\n"
        "Gut GmbH;gut@example.de;;10\n"
        ";leer@example.de;;\n"
        "Schlecht AG;kein-mail;DE123456789;zehn\n"
    )
    files = {"file": ("k.csv", bad.encode())}
    dry = (await client.post(IMPORT, files=files)).json()
    assert dry["rows_valid"] == 1
    problems = {(e["row"], e["field"]) for e in dry["errors"]}
    assert problems == {(3, "name"), (4, "email"), (4, "vat_id"), (4, "hourly_rate")}
    assert next(e for e in dry["errors"] if e["field"] == "name")["code"] == "missing"
    real = await client.post(IMPORT, params={"dry_run": "false"}, files=files)
    assert real.status_code == 422 and real.json()["code"] == "import_has_errors"
    assert "row 3: name" in {e["field"] for e in real.json()["errors"]}
    assert await _count(session, Customer) == 0


async def test_file_level_problems(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    for content, expected in [
        (b"", "empty"),
        (b"Ort;PLZ\nBerlin;10115\n", "Required column"),
        (b"\x00\x01\x02binary", "Required column"),
    ]:
        response = await client.post(IMPORT, files={"file": ("k.csv", content)})
        assert response.status_code == 422, response.text
        assert expected in response.json()["detail"]
    assert (await client.post(IMPORT)).status_code == 422  # no file at all
    assert (
        await client.post(IMPORT, params={"entity": "invoices"}, files={"file": ("k.csv", b"x")})
    ).status_code == 422


async def test_contact_import_resolves_customer_numbers(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    customer = await make_customer(session, number="K-00042")
    await session.commit()
    content = (
        b"Kundennummer,Anrede,Titel,Name,E-Mail,Hauptkontakt\n"
        b"K-00042,Frau,Dr.,Petra Schmidt,petra@kunde.de,ja\n"
        b"K-99999,,,Niemand,,nein\n"
    )
    dry = (
        await client.post(IMPORT, params={"entity": "contacts"}, files={"file": ("c.csv", content)})
    ).json()
    assert dry["delimiter"] == ","
    assert [(e["row"], e["field"]) for e in dry["errors"]] == [(3, "customer_number")]
    ok = content.decode().splitlines()[:2]
    real = await client.post(
        IMPORT,
        params={"entity": "contacts", "dry_run": "false"},
        files={"file": ("c.csv", ("\n".join(ok) + "\n").encode())},
    )
    assert real.status_code == 200 and real.json()["created"] == 1
    contact = (
        await session.scalars(select(Contact).where(Contact.customer_id == customer.id))
    ).one()
    assert contact.name == "Petra Schmidt" and contact.is_primary
    assert contact.salutation == "ms" and contact.academic_title == "Dr."


async def test_export_uses_the_list_filter_and_excel_format(
    client: AsyncClient, session: AsyncSession
) -> None:
    from decimal import Decimal

    await logged_in_as(client, session, "project_lead")  # exports rates (projects.financials)
    c = await make_customer(
        session,
        name="Export Ölmühle",
        status="active",
        hourly_rate=Decimal("1234.5"),
        tags=["x"],
        notes="=HYPERLINK(evil)",
    )
    await make_contact(session, c.id, name="Frau Haupt", is_primary=True)
    await make_customer(session, name="Nur Lead", status="lead")
    await session.commit()
    response = await client.get("/api/v1/customers/export.csv", params={"status": "active"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffKundennummer;Name;")
    lines = text.strip("\ufeff").strip().split("\r\n")
    assert len(lines) == 2
    row = lines[1].split(";")
    assert "Export Ölmühle" in row and "1234,50" in row and "Frau Haupt" in row
    assert "'=HYPERLINK(evil)" in lines[1]
    empty = await client.get("/api/v1/customers/export.csv", params={"q": "nothing-matches"})
    assert empty.content.decode("utf-8").count("\r\n") == 1


async def test_import_row_errors_carry_their_code_and_params(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    content = "Name;PLZ;Land;E-Mail;Stundensatz\nA GmbH;1234;DE;kaputt;-5\nB AG;1010;AT;;\n"
    dry = (await client.post(IMPORT, files={"file": ("k.csv", content.encode("utf-8"))})).json()
    errors = {(e["row"], e["field"]): (e["code"], e["params"]) for e in dry["errors"]}
    assert errors == {
        (2, "postcode"): ("invalid_postcode", {"country": "DE", "example": "12345"}),
        (2, "email"): ("invalid_email", {}),
        (2, "hourly_rate"): ("greater_than_equal", {"ge": "0"}),  # a decimal, as in the API
    }
    assert dry["rows_valid"] == 1  # an Austrian postcode has four digits
