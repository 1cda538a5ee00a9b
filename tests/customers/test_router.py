from __future__ import annotations

import asyncio
import uuid

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import company_today, logged_in_as, make_contact, make_customer
from workmate.core import clock
from workmate.customers import repository as repo

URL = "/api/v1/customers"

VALID = {
    "name": "Muster Digital GmbH",
    "kind": "business",
    "street": "Hauptstraße 1",
    "postcode": "10115",
    "city": "Berlin",
    "country": "de",
    "email": "info@muster-digital.de",
    "website": "muster-digital.de",
    "vat_id": "DE 136 695 976",
    "tax_number": "21/815/08150",
    "payment_terms_days": 30,
    "hourly_rate": "120.00",
    "tags": ["agentur", "berlin", "agentur"],
}


async def test_create_customer_numbers_normalises_and_validates(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "project_lead")
    response = await client.post(URL, json=VALID)
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["number"] == "K-00001"
    assert data["country"] == "DE"
    assert data["vat_id"] == "DE136695976"
    assert data["website"] == "https://muster-digital.de"
    assert data["tags"] == ["agentur", "berlin"]
    assert data["hourly_rate"] == "120.00"
    assert data["created_by"]["name"]
    second = await client.post(URL, json={"name": "Zweite AG"})
    assert second.json()["number"] == "K-00002"


async def test_numbers_are_unique_under_concurrent_creation(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    results = await asyncio.gather(
        *(client.post(URL, json={"name": f"Race {i}"}) for i in range(8))
    )
    assert all(r.status_code == 201 for r in results), [r.text for r in results]
    numbers = sorted(r.json()["number"] for r in results)
    assert numbers == [f"K-{i:05d}" for i in range(1, 9)]


async def test_number_pattern_is_configurable_and_numbers_are_never_reused(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    first = (await client.post(URL, json={"name": "Eins"})).json()
    assert (await client.delete(f"{URL}/{first['id']}")).status_code == 204
    assert (await client.post(URL, json={"name": "Zwei"})).json()["number"] == "K-00002"
    bad = await client.patch("/api/v1/settings/company", json={"customer_number_pattern": "KD"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "customer_number_pattern"
    ok = await client.patch(
        "/api/v1/settings/company", json={"customer_number_pattern": "KD-{year}-{seq:4}"}
    )
    assert ok.status_code == 200
    number = (await client.post(URL, json={"name": "Drei"})).json()["number"]
    assert number.startswith("KD-20") and number.endswith("-0001")


async def test_invalid_identifiers_name_the_field(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    cases = {
        "vat_id": "DE123456789",
        "tax_number": "123",
        "leitweg_id": "04011000-1234512345-07",
        "country": "XX",
        "email": "kein-mail",
        "website": "not a site",
        "payment_terms_days": 400,
        "hourly_rate": "-5",
        "kind": "alien",
    }
    for field, value in cases.items():
        response = await client.post(URL, json={"name": "Prüfung", field: value})
        assert response.status_code == 422, (field, response.text)
        assert field in {e["field"] for e in response.json()["errors"]}, response.json()
    too_many_decimals = await client.post(URL, json={"name": "X", "hourly_rate": "1.005"})
    assert too_many_decimals.status_code == 422
    authority = await client.post(
        URL,
        json={
            "name": "Stadt Musterstadt",
            "kind": "authority",
            "leitweg_id": "04011000-1234512345-06",
        },
    )
    assert (
        authority.status_code == 201 and authority.json()["leitweg_id"] == "04011000-1234512345-06"
    )


async def test_update_checks_tax_number_against_country(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    created = (
        await client.post(
            URL, json={"name": "Alpen AG", "country": "AT", "tax_number": "12 345/6789"}
        )
    ).json()
    assert created["tax_number"] == "12 345/6789"
    moved = await client.patch(f"{URL}/{created['id']}", json={"country": "DE"})
    assert moved.status_code == 422 and moved.json()["errors"][0]["field"] == "tax_number"
    null_name = await client.patch(f"{URL}/{created['id']}", json={"name": None})
    assert null_name.status_code == 422


async def test_a_german_postcode_has_five_digits(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    short = await client.post(URL, json={"name": "Kurz GmbH", "postcode": "1234"})
    assert short.status_code == 422
    assert short.json()["errors"] == [
        {
            "field": "postcode",
            "message": "A postcode in DE looks like 12345.",
            "code": "invalid_postcode",
            "params": {"country": "DE", "example": "12345"},
        }
    ]
    vienna = (
        await client.post(URL, json={"name": "Wien AG", "country": "AT", "postcode": "1010"})
    ).json()
    assert vienna["postcode"] == "1010"
    moved = await client.patch(f"{URL}/{vienna['id']}", json={"country": "DE"})
    assert moved.status_code == 422 and moved.json()["code"] == "invalid_postcode"
    ok = await client.patch(f"{URL}/{vienna['id']}", json={"country": "DE", "postcode": "10115"})
    assert ok.status_code == 200 and ok.json()["postcode"] == "10115"


async def test_search_covers_name_number_email_city_and_contact_names(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "employee")
    a = await make_customer(
        session, name="Bäckerei Schulze", city="Potsdam", email="info@schulze.de"
    )
    b = await make_customer(session, name="Nordlicht Media", city="Kiel")
    await make_contact(session, b.id, name="Henrike Sommerfeld")
    await make_customer(session, name="Archiviert GmbH", city="Potsdam", archived_at=a.created_at)
    await session.commit()

    async def names(**params: object) -> list[str]:
        body = (await client.get(URL, params=params)).json()
        return [c["name"] for c in body["items"]]

    assert await names(q="schulze") == ["Bäckerei Schulze"]
    assert await names(q="POTSDAM") == ["Bäckerei Schulze"]
    assert await names(q="sommerf") == ["Nordlicht Media"]
    assert await names(q=a.number) == ["Bäckerei Schulze"]
    assert await names(q="potsdam", archived="true") == ["Archiviert GmbH"]
    assert await names(q="_") == []


async def test_search_pages_count_every_match_also_past_the_end(
    client: AsyncClient, session: AsyncSession
) -> None:
    # The search answers page and total in one statement (window count); a page past the end
    # has no row to carry the total, so it is counted separately.
    await logged_in_as(client, session, "employee")
    for name in ("Meyer Bau", "Meyer Druck", "Meyer Elektro", "Schulz IT"):
        await make_customer(session, name=name)
    await session.commit()

    async def page(**params: object) -> tuple[list[str], int]:
        body = (await client.get(URL, params={"q": "meyer", **params})).json()
        return [c["name"] for c in body["items"]], body["total"]

    assert await page(limit=2) == (["Meyer Bau", "Meyer Druck"], 3)
    assert await page(limit=2, offset=2) == (["Meyer Elektro"], 3)
    assert await page(limit=2, offset=10) == ([], 3)
    assert await page(q="nobody-has-this") == ([], 0)


@pytest.mark.parametrize("walk_factor", [0, 10**9], ids=["sort-matches", "walk-name-index"])
async def test_search_box_gives_the_general_lists_answer_on_both_strategies(
    client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch, walk_factor: int
) -> None:
    """The search box (name order, active, no other filter) has its own statement that either
    sorts the matches or walks the name index; both must page and count exactly like the
    general list (forced here by a filter on every kind, which changes nothing)."""
    monkeypatch.setattr(repo, "WALK_FACTOR", walk_factor)
    await logged_in_as(client, session, "employee")
    for i in range(40):
        # Names that collide after lower-casing, so the id decides the order among them.
        c = await make_customer(session, name=f"{'ABCD'[i % 4]}{'ab'[i % 2]} Lindner {i // 8}")
        if i % 3 == 0:
            await make_contact(session, c.id, name=f"Lindner Kontakt {i}")
        if i % 5 == 0:
            await make_contact(session, c.id, name=f"Anna Weiß {i}")
    gone = await make_customer(session, name="A Lindner archiviert")
    gone.archived_at = gone.created_at
    await session.commit()

    async def page(q: str, **params: object) -> tuple[list[str], int]:
        r = await client.get(URL, params={"q": q, **params})
        assert r.status_code == 200, r.text
        body = r.json()
        return [c["id"] for c in body["items"]], body["total"]

    every_kind = {"kind": ["business", "private", "authority"]}
    for q in ("lindner", "weiß", "kontakt", "B", "nobody"):
        for limit, offset in ((7, 0), (7, 7), (7, 35), (50, 0), (5, 100)):
            expected = await page(q, limit=limit, offset=offset, **every_kind)
            assert await page(q, limit=limit, offset=offset) == expected, (q, limit, offset)
    ids, total = await page("lindner", limit=50)
    assert total == 40 and len(ids) == 40 and str(gone.id) not in ids
    assert (await page("weiß", limit=3))[1] == 8


async def test_filters_sorting_and_pagination(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "employee")
    await make_customer(session, name="Anna Privat", kind="private", status="lead", tags=["vip"])
    await make_customer(
        session, name="Behörde X", kind="authority", status="active", tags=["vip", "öffentlich"]
    )
    await make_customer(session, name="Cäsar GmbH", status="blocked")
    await session.commit()
    leads = (await client.get(URL, params={"status": ["lead", "blocked"]})).json()
    assert {c["name"] for c in leads["items"]} == {"Anna Privat", "Cäsar GmbH"}
    tagged = (await client.get(URL, params={"tag": ["vip", "öffentlich"]})).json()
    assert [c["name"] for c in tagged["items"]] == ["Behörde X"]
    desc = (await client.get(URL, params={"sort": "-name", "limit": 1, "offset": 1})).json()
    assert desc["total"] == 3 and [c["name"] for c in desc["items"]] == ["Behörde X"]
    assert (await client.get(URL, params={"status": "nonsense"})).status_code == 422
    assert (await client.get(URL, params={"sort": "vat_id"})).status_code == 422


async def test_detail_has_primary_contact_and_count(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "employee")
    customer = await make_customer(session)
    await make_contact(session, customer.id, name="Erste", is_primary=True, email="e@x.de")
    await make_contact(session, customer.id, name="Zweite")
    await session.commit()
    data = (await client.get(f"{URL}/{customer.id}")).json()
    assert data["primary_contact"]["name"] == "Erste"
    assert data["contact_count"] == 2
    listed = (await client.get(URL)).json()["items"][0]
    assert listed["primary_contact_name"] == "Erste"


async def test_archive_restore_and_timeline_events(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    created = (await client.post(URL, json={"name": "Lebenslauf GmbH", "status": "lead"})).json()
    cid = created["id"]
    await client.patch(f"{URL}/{cid}", json={"status": "active"})
    archived = await client.post(f"{URL}/{cid}/archive")
    assert archived.json()["archived"] is True
    assert (await client.get(URL)).json()["total"] == 0
    assert (await client.post(f"{URL}/{cid}/restore")).json()["archived"] is False
    timeline = (await client.get(f"{URL}/{cid}/timeline")).json()
    events = [a["event"] for a in timeline["items"]]
    assert events == [
        "customer_restored",
        "customer_archived",
        "customer_status_changed",
        "customer_created",
    ]
    assert timeline["items"][2]["data"] == {"from": "lead", "to": "active"}


async def test_unknown_and_malformed_ids(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "employee")
    assert (await client.get(f"{URL}/{uuid.uuid4()}")).status_code == 404
    assert (await client.get(f"{URL}/nope")).status_code == 422


async def test_employee_role_reads_but_cannot_write(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "employee")
    assert (await client.get(URL)).status_code == 200
    assert (await client.post(URL, json={"name": "Nope"})).status_code == 403


@pytest.mark.date_sensitive
async def test_stats_are_sql_aggregates(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "employee")
    await make_customer(session, status="lead")
    await make_customer(session, status="lead", kind="private")
    await make_customer(session, status="active")
    await make_customer(session, status="active", archived_at=None)

    await make_customer(session, status="inactive", archived_at=clock.now())
    await session.commit()
    stats = (await client.get(f"{URL}/stats")).json()
    assert stats["total"] == 4 and stats["archived"] == 1 and stats["open_leads"] == 2
    assert {s["key"]: s["count"] for s in stats["by_status"]} == {"lead": 2, "active": 2}
    assert {s["key"]: s["count"] for s in stats["by_kind"]} == {"business": 3, "private": 1}
    assert len(stats["new_per_month"]) == 12
    # This month in the company's zone (at 23:30 UTC on 31 December: January in Berlin).
    assert stats["new_per_month"][-1]["month"] == company_today().strftime("%Y-%m")
    assert stats["new_per_month"][-1]["count"] == 5
    assert sum(m["count"] for m in stats["new_per_month"][:-1]) == 0
    assert all(t["revenue"] == "0.00" for t in stats["top_by_revenue"])
