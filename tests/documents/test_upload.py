"""Uploading: the checksum is over the stored bytes, the same bytes are stored once, the type is
decided by the content and must agree with the extension and the allow-list, bad input is 4xx."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.documents.helpers import URL, sample_pdf, sample_png, upload, uploaded
from tests.factories import logged_in_as, make_customer
from workmate.models import Document, DocumentVersion, StoredFile
from workmate.storage import LocalStorage


async def test_upload_stores_the_bytes_under_their_sha256(
    client: AsyncClient, session: AsyncSession, file_storage: LocalStorage
) -> None:
    await logged_in_as(client, session, "admin")
    data = sample_pdf("Mietvertrag", "Büro Berlin")
    body = (await upload(client, data, "Mietvertrag 2026.pdf")).json()
    document = body["document"]
    expected = hashlib.sha256(data).hexdigest()
    assert body["duplicate"] is False
    assert document["sha256"] == expected
    assert document["title"] == "Mietvertrag 2026"
    assert document["file_name"] == "Mietvertrag 2026.pdf"
    assert document["content_type"] == "application/pdf"
    assert document["size"] == len(data)
    stored = file_storage.path(expected)
    assert stored.read_bytes() == data
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == document["sha256"]
    # Nothing staged is left behind.
    assert not list((file_storage.root / ".staging").glob("*"))
    row = await session.get(StoredFile, expected)
    assert row is not None and row.size == len(data) and row.content_type == "application/pdf"

    download = await client.get(f"{URL}/{document['id']}/content")
    assert download.status_code == 200
    assert download.content == data
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert "filename*=UTF-8''Mietvertrag%202026.pdf" in download.headers["content-disposition"]
    inline = await client.get(f"{URL}/{document['id']}/content", params={"inline": "true"})
    assert inline.headers["content-disposition"].startswith("inline;")


async def test_the_same_bytes_twice_answer_with_the_existing_document(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    await session.commit()
    data = sample_pdf("Angebot 17")
    first = await uploaded(client, data, "angebot.pdf")
    again = await upload(
        client, data, "angebot-kopie.pdf", links=[f"customer:{customer.id}"], expect=200
    )
    body = again.json()
    assert body["duplicate"] is True
    assert body["duplicate_of_version"] == 1
    assert body["document"]["id"] == first["id"]
    # The second upload's link is added to the existing document.
    assert [link["id"] for link in body["document"]["links"]] == [str(customer.id)]
    assert await session.scalar(select(func.count()).select_from(Document)) == 1
    assert await session.scalar(select(func.count()).select_from(StoredFile)) == 1


async def test_a_duplicate_the_uploader_may_not_see_is_a_new_document_sharing_the_file(
    client: AsyncClient, session: AsyncSession, app
) -> None:  # type: ignore[no-untyped-def]
    await logged_in_as(client, session, "admin")
    data = sample_pdf("Geheim")
    hidden = await uploaded(client, data, "geheim.pdf", confidential="true")
    await logged_in_as(client, session, "employee")
    mine = await uploaded(client, data, "geheim.pdf")
    assert mine["id"] != hidden["id"]
    assert mine["sha256"] == hidden["sha256"]
    assert await session.scalar(select(func.count()).select_from(StoredFile)) == 1


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("rechnung.pdf", b"", "empty_file"),
        ("bild.pdf", sample_png(seed=701), "file_type_mismatch"),
        ("vertrag.png", sample_pdf("nur im Typtest 1"), "file_type_mismatch"),
        (
            "seite.html",
            b"<html><body><script>alert(1)</script></body></html>",
            "file_type_not_allowed",
        ),
        (
            "seite.pdf",
            b"<html><body><script>alert(1)</script></body></html>",
            "file_type_not_allowed",
        ),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
            "file_type_not_allowed",
        ),
        (
            "programm.exe",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200,
            "file_type_not_allowed",
        ),
        ("ohne-endung", sample_pdf("nur im Typtest 2"), "file_type_mismatch"),
    ],
)
async def test_type_is_decided_by_content_and_must_match_the_extension(
    client: AsyncClient,
    session: AsyncSession,
    file_storage: LocalStorage,
    name: str,
    data: bytes,
    code: str,
) -> None:
    await logged_in_as(client, session, "admin")
    response = await upload(client, data, name, expect=422)
    assert response.json()["code"] == code
    assert response.json()["errors"][0]["field"] == "file"
    assert await session.scalar(select(func.count()).select_from(Document)) == 0
    assert not list((file_storage.root / ".staging").glob("*"))
    assert not (file_storage.path(hashlib.sha256(data).hexdigest())).exists() or data == b""


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("scan.png", sample_png(), "image/png"),
        (
            "Kontoauszug.csv",
            "Datum;Betrag;Verwendung\n01.02.2026;12,50;Miete Büro\n".encode(),
            "text/csv",
        ),
        ("liste.csv", b"Name,Betrag\nA,1\nB,2\n", "text/csv"),
        ("notiz.txt", "Grüße aus Köln\n".encode(), "text/plain"),
        (
            "rechnung.xml",
            b'<?xml version="1.0"?><Invoice><ID>RE-1</ID></Invoice>',
            "application/xml",
        ),
        (
            "mail.eml",
            b"From: a@example.org\nTo: b@example.org\nSubject: Angebot\nDate: Mon, 1 Jan 2024 10:00:00 +0100\n"
            b"Message-ID: <1@example.org>\nMIME-Version: 1.0\n\nAnbei das Angebot.\n",
            "message/rfc822",
        ),
    ],
)
async def test_allowed_kinds_are_served_with_their_canonical_type(
    client: AsyncClient, session: AsyncSession, name: str, data: bytes, content_type: str
) -> None:
    await logged_in_as(client, session, "admin")
    document = await uploaded(client, data, name)
    assert document["content_type"] == content_type
    download = await client.get(f"{URL}/{document['id']}/content", params={"inline": "true"})
    assert download.content == data
    # Only PDFs and images show in the browser.
    inline = content_type in ("image/png",)
    assert download.headers["content-disposition"].startswith("inline" if inline else "attachment")


async def test_the_allow_list_is_a_setting(
    client: AsyncClient, session: AsyncSession, settings
) -> None:  # type: ignore[no-untyped-def]
    await logged_in_as(client, session, "admin")
    original = settings.documents_allowed_types
    settings.documents_allowed_types = "pdf"
    try:
        response = await upload(client, sample_png(), "bild.png", expect=422)
        assert response.json()["code"] == "file_type_not_allowed"
        await upload(client, sample_pdf(), "ok.pdf", expect=201)
    finally:
        settings.documents_allowed_types = original


async def test_oversize_files_are_refused_while_streaming(
    client: AsyncClient, session: AsyncSession, settings, file_storage: LocalStorage
) -> None:  # type: ignore[no-untyped-def]
    await logged_in_as(client, session, "admin")
    original = settings.documents_max_upload_mb
    settings.documents_max_upload_mb = 1
    try:
        big = sample_pdf("Groß") + b"%" + b"x" * 1_100_000
        response = await upload(client, big, "gross.pdf", expect=413)
        assert response.json()["code"] == "file_too_large"
        # Without Content-Length (chunked), counted as the bytes arrive.

        async def body() -> object:
            boundary = "xyz"
            yield (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="g.pdf"\r\n'
                "Content-Type: application/pdf\r\n\r\n"
            ).encode()
            for _ in range(12):
                yield big[:100_000]
            yield f"\r\n--{boundary}--\r\n".encode()

        chunked = await client.post(
            URL, content=body(), headers={"content-type": "multipart/form-data; boundary=xyz"}
        )
        assert chunked.status_code == 413, chunked.text
    finally:
        settings.documents_max_upload_mb = original
    assert await session.scalar(select(func.count()).select_from(Document)) == 0
    assert not list((file_storage.root / ".staging").glob("*"))


async def test_bad_forms_are_refused_with_a_code(
    client: AsyncClient, session: AsyncSession, file_storage: LocalStorage
) -> None:
    await logged_in_as(client, session, "admin")
    as_json = await client.post(URL, json={"title": "x"})
    assert as_json.status_code == 422 and as_json.json()["code"] == "multipart_required"
    no_file = await client.post(URL, data={"title": "x"}, files={"other": ("", b"", "text/plain")})
    assert no_file.status_code == 422, no_file.text
    two = await client.post(
        URL,
        files=[
            ("file", ("a.pdf", sample_pdf("a"), "application/pdf")),
            ("file", ("b.pdf", sample_pdf("b"), "application/pdf")),
        ],
    )
    assert two.status_code == 422 and two.json()["code"] == "one_file_per_request"
    broken = await client.post(
        URL, content=b"--b\r\nnonsense", headers={"content-type": "multipart/form-data; boundary=b"}
    )
    assert broken.status_code == 422
    cases = [
        ({"title": "x" * 301}, "title"),
        ({"title": "nul\x00byte"}, "title"),
        ({"document_date": "0001-01-01"}, "document_date"),
        ({"document_date": "not-a-date"}, "document_date"),
        ({"category_id": "nope"}, "category_id"),
        ({"tags": ["x" * 51]}, "tags.0"),
        ({"confidential": "maybe"}, "confidential"),
        ({"links": ["spaceship:" + str(uuid.uuid4())]}, "links.0.type"),
        ({"links": ["customer:not-a-uuid"]}, "links.0.id"),
        ({"unknown": "field"}, "unknown"),
    ]
    for fields, field in cases:
        response = await upload(client, sample_pdf("x"), "x.pdf", expect=422, **fields)
        assert field in [e["field"] for e in response.json()["errors"]], (fields, response.text)
    unknown_category = await upload(
        client, sample_pdf("x"), "x.pdf", expect=422, category_id=str(uuid.uuid4())
    )
    assert unknown_category.json()["code"] == "unknown_reference"
    unknown_link = await upload(
        client, sample_pdf("x"), "x.pdf", expect=404, links=[f"customer:{uuid.uuid4()}"]
    )
    assert unknown_link.json()["code"] == "record_not_found"
    assert await session.scalar(select(func.count()).select_from(Document)) == 0
    assert await session.scalar(select(func.count()).select_from(StoredFile)) == 0
    assert not list((file_storage.root / ".staging").glob("*"))


async def test_umlauts_and_emoji_in_names_and_titles(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    document = await uploaded(
        client,
        sample_pdf("Übergabe"),
        "Übergabeprotokoll 🚚 Köln.pdf",
        title="Übergabe 🚚",
        tags=["Köln", "Köln", "Straße"],
    )
    assert document["file_name"] == "Übergabeprotokoll 🚚 Köln.pdf"
    assert document["title"] == "Übergabe 🚚"
    assert document["tags"] == ["Köln", "Straße"]
    download = await client.get(f"{URL}/{document['id']}/content")
    assert (
        "filename*=UTF-8''%C3%9Cbergabeprotokoll%20%F0%9F%9A%9A%20K%C3%B6ln.pdf"
        in download.headers["content-disposition"]
    )


async def test_path_parts_of_a_file_name_are_dropped(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    document = await uploaded(client, sample_pdf("x"), "../../etc/passwd.pdf")
    assert document["file_name"] == "passwd.pdf"


def test_nothing_of_the_repository_is_left_staged(file_storage: LocalStorage) -> None:
    # (The fixtures' storage is per test session; a staged file left by any test above fails.)
    staging = Path(file_storage.root) / ".staging"
    assert not staging.exists() or not list(staging.iterdir())


async def test_versions_keep_the_old_file(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    first = await uploaded(client, sample_pdf("Entwurf"), "vertrag.pdf")
    second_data = sample_pdf("Unterschrieben")
    response = await client.post(
        f"{URL}/{first['id']}/versions",
        files={"file": ("vertrag-final.pdf", second_data, "application/pdf")},
    )
    assert response.status_code == 201, response.text
    document = response.json()
    assert document["version_count"] == 2
    assert document["file_name"] == "vertrag-final.pdf"
    assert [v["number"] for v in document["versions"]] == [2, 1]
    assert (await client.get(f"{URL}/{first['id']}/content")).content == second_data
    old = await client.get(f"{URL}/{first['id']}/content", params={"version": 1})
    assert old.content == sample_pdf("Entwurf")
    missing = await client.get(f"{URL}/{first['id']}/content", params={"version": 3})
    assert missing.status_code == 404 and missing.json()["code"] == "version_not_found"
    same = await client.post(
        f"{URL}/{first['id']}/versions",
        files={"file": ("again.pdf", second_data, "application/pdf")},
    )
    assert same.status_code == 409 and same.json()["code"] == "version_unchanged"
    assert await session.scalar(select(func.count()).select_from(DocumentVersion)) == 2
    listed = (await client.get(URL)).json()
    assert listed["total"] == 1 and listed["items"][0]["version_count"] == 2
