"""Full-text search in German: stems (Verträge -> Vertrag), umlauts in any spelling (Müller,
Mueller, Muller), compounds that start with the word (Rechnung -> Rechnungsnummer) in the text,
any part of a word in names and tags (Rechnung -> Stromrechnung), ranking, highlighted snippets.
Text comes from the extraction job (PDF text layer, text-like files)."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.documents.helpers import URL, sample_pdf, sample_png, uploaded
from tests.factories import logged_in_as
from workmate.models import DocumentVersion


async def _search(client: AsyncClient, q: str, **params: Any) -> list[dict[str, Any]]:
    response = await client.get(URL, params={"q": q, **params})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def _titles(client: AsyncClient, q: str) -> list[str]:
    return [item["title"] for item in await _search(client, q)]


async def test_german_full_text_search(
    client: AsyncClient, session: AsyncSession, run_jobs
) -> None:  # type: ignore[no-untyped-def]
    await logged_in_as(client, session, "admin")
    await uploaded(
        client,
        sample_pdf(
            "Schreiben", "Die Rechnungsnummer lautet 2026-17.", "Ansprechpartner: Jürgen Müller"
        ),
        "brief.pdf",
        title="Anschreiben Kunde",
    )
    await uploaded(
        client, sample_pdf("Verträge", "Alle Verträge der Straße"), "mappe.pdf", title="Mappe"
    )
    await uploaded(client, sample_pdf("Strom"), "strom.pdf", title="Stromrechnung Januar")
    await uploaded(client, "Grüße an Frau Mueller aus Köln".encode(), "notiz.txt", title="Notiz")
    await uploaded(client, sample_png(), "foto.png", title="Baustelle", tags=["Fassade"])
    await run_jobs()
    statuses = (await session.scalars(select(DocumentVersion.text_status))).all()
    assert sorted(statuses) == ["done", "done", "done", "done", "unsupported"]

    # A compound that starts with the word, found in the PDF's text.
    assert await _titles(client, "Rechnung") == ["Stromrechnung Januar", "Anschreiben Kunde"]
    # Plural and umlaut stem to the same word.
    assert await _titles(client, "Vertrag") == ["Mappe"]
    assert await _titles(client, "verträge") == ["Mappe"]
    # Umlauts in any spelling.
    for spelling in ("Müller", "Mueller", "muller", "MÜLLER"):
        assert sorted(await _titles(client, spelling)) == ["Anschreiben Kunde", "Notiz"], spelling
    # ß and ss.
    assert await _titles(client, "Strasse") == ["Mappe"]
    # All words must match.
    assert await _titles(client, "Müller Rechnung") == ["Anschreiben Kunde"]
    assert await _titles(client, "Müller Fassade") == []
    # Tags, and a part in the middle of a name.
    assert await _titles(client, "fassade") == ["Baustelle"]
    assert await _titles(client, "rechnung januar") == ["Stromrechnung Januar"]
    # Nothing found, and input that is no tsquery syntax.
    assert await _titles(client, "Kündigung") == []
    for odd in ("!!!", "a & | b", "':*", "(", "😀", "ab"):
        assert (await client.get(URL, params={"q": odd})).status_code == 200


async def test_snippets_mark_the_matches_as_plain_text(
    client: AsyncClient, session: AsyncSession, run_jobs
) -> None:  # type: ignore[no-untyped-def]
    await logged_in_as(client, session, "admin")
    await uploaded(
        client,
        b"Wenn 5 < 7 & 8 > 3 <b>gilt</b>: Die Rechnungsnummer steht oben.",
        "x.txt",
        title="Skript",
    )
    await run_jobs()
    [item] = await _search(client, "Rechnung")
    pieces = item["snippet"]
    assert {"text": "Rechnungsnummer", "match": True} in pieces
    text = "".join(p["text"] for p in pieces)
    assert "5 < 7 & 8 > 3" in text  # plain text for the UI, never HTML
    assert "\x02" not in text and "\x03" not in text


async def test_ranking_prefers_title_over_text(
    client: AsyncClient, session: AsyncSession, run_jobs
) -> None:  # type: ignore[no-untyped-def]
    await logged_in_as(client, session, "admin")
    await uploaded(
        client,
        sample_pdf("Anlage", "Hier steht das Wort Wartung im Text."),
        "a.pdf",
        title="Anlage",
    )
    await uploaded(client, sample_pdf("Plan"), "b.pdf", title="Wartungsplan 2026")
    await run_jobs()
    assert await _titles(client, "Wartung") == ["Wartungsplan 2026", "Anlage"]
    by_title = await _search(client, "Wartung", sort="title")
    assert [i["title"] for i in by_title] == ["Anlage", "Wartungsplan 2026"]


async def test_a_scanned_pdf_waits_for_ocr(
    client: AsyncClient, session: AsyncSession, run_jobs
) -> None:  # type: ignore[no-untyped-def]
    await logged_in_as(client, session, "admin")
    document = await uploaded(client, sample_pdf(), "scan.pdf")
    # A PDF page without text (what a scanner makes before OCR).
    from workmate.documents.samples import pdf

    scan = await uploaded(client, pdf([]), "leer.pdf")
    await run_jobs()
    read = (await client.get(f"{URL}/{scan['id']}")).json()
    assert read["text_status"] == "needs_ocr"
    assert read["versions"][0]["page_count"] == 1
    assert read["has_thumbnail"] is True
    thumbnail = await client.get(f"{URL}/{document['id']}/thumbnail")
    assert thumbnail.status_code == 200 and thumbnail.headers["content-type"] == "image/webp"
    assert thumbnail.content[:4] == b"RIFF"


async def test_the_command_palette_finds_documents(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    document = await uploaded(
        client, sample_pdf("P"), "p.pdf", title="Pachtvertrag Lager", tags=["Halle"]
    )
    hits = (await client.get("/api/v1/search", params={"q": "pacht"})).json()["items"]
    assert {"kind": "document", "id": document["id"], "title": "Pachtvertrag Lager",
            "subtitle": "p.pdf", "app": "documents", "window": "document",
            "status": None} in hits  # fmt: skip
    assert [
        h
        for h in (await client.get("/api/v1/search", params={"q": "halle"})).json()["items"]
        if h["kind"] == "document"
    ]
    await logged_in_as(client, session, "employee")
    hits = (await client.get("/api/v1/search", params={"q": "pacht"})).json()["items"]
    assert [h for h in hits if h["kind"] == "document"] == []


async def test_a_list_page_costs_the_same_statements_for_few_and_many_documents(
    client: AsyncClient, session: AsyncSession, count_statements: Any, run_jobs
) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import make_customer
    from tests.projects.helpers import make_project

    lead = await logged_in_as(client, session, "project_lead")
    customer = await make_customer(session)
    project = await make_project(session, customer_id=customer.id, lead=lead)
    await session.commit()

    async def grow(n: int, start: int) -> None:
        for i in range(start, start + n):
            links = [f"customer:{customer.id}", f"project:{project.id}"]
            await uploaded(client, sample_pdf(f"Vertrag {i}"), f"v{i}.pdf", links=links)
        await run_jobs()

    async def statements(**params: Any) -> int:
        with count_statements() as counter:
            response = await client.get(URL, params=params)
        assert response.status_code == 200, response.text
        return int(counter.count)

    shapes = [{}, {"q": "Vertrag"}, {"record_type": "customer", "record_id": str(customer.id)}]
    await grow(2, 0)
    few = [await statements(**p) for p in shapes]
    await grow(12, 2)
    many = [await statements(**p) for p in shapes]
    assert few == many
    assert max(many) <= 10, many


async def test_pdf_pages_are_shown_as_images(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    document = await uploaded(client, sample_pdf("Seite eins"), "seiten.pdf")
    image = await uploaded(client, sample_png(seed=5), "bild.png")
    first = await client.get(f"{URL}/{document['id']}/pages/1", params={"width": 400})
    assert first.status_code == 200 and first.headers["content-type"] == "image/webp"
    from io import BytesIO

    from PIL import Image

    assert Image.open(BytesIO(first.content)).size[0] == 400
    missing = await client.get(f"{URL}/{document['id']}/pages/2")
    assert missing.status_code == 404 and missing.json()["code"] == "page_not_found"
    not_pdf = await client.get(f"{URL}/{image['id']}/pages/1")
    assert not_pdf.status_code == 409 and not_pdf.json()["code"] == "not_a_pdf"
    too_wide = await client.get(f"{URL}/{document['id']}/pages/1", params={"width": 99999})
    assert too_wide.status_code == 422
