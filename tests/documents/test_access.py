"""Who sees a document: through its links (per role, per record), as its uploader, with
documents.read_all; confidential ones only with documents.confidential. GoBD: a document of a
finalized invoice or a payment keeps its file and links; retention periods are kept."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.documents.helpers import URL, sample_pdf, upload, uploaded
from tests.factories import logged_in_as, login, make_customer, make_employee
from tests.invoices.helpers import draft, finalized, invoiceable_customer, setup_company
from tests.projects.helpers import make_project
from workmate.core.clock import FixedClock, set_clock
from workmate.models import AuditEntry, DocumentCategory


async def _ids(client: AsyncClient, **params: Any) -> set[str]:
    response = await client.get(URL, params=params)
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


async def test_visibility_follows_the_linked_records(
    client: AsyncClient, session: AsyncSession
) -> None:
    admin = await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    member = await make_employee(session)
    outsider = await make_employee(session)
    lead = await make_employee(session, role_key="project_lead")
    project = await make_project(session, customer_id=customer.id, members=[member])
    await session.commit()
    invoice = await draft(client, customer.id)

    on_customer = await uploaded(
        client, sample_pdf("Kunde"), "kunde.pdf", links=[f"customer:{customer.id}"]
    )
    on_project = await uploaded(
        client, sample_pdf("Projekt"), "projekt.pdf", links=[f"project:{project.id}"]
    )
    on_invoice = await uploaded(
        client, sample_pdf("Rechnung"), "rechnung.pdf", links=[f"invoice:{invoice['id']}"]
    )
    on_nothing = await uploaded(client, sample_pdf("Lose"), "lose.pdf")
    secret = await uploaded(
        client,
        sample_pdf("Geheim"),
        "geheim.pdf",
        links=[f"customer:{customer.id}"],
        confidential="true",
    )
    linked_doc = await uploaded(
        client, sample_pdf("Anlage"), "anlage.pdf", links=[f"document:{on_project['id']}"]
    )
    everything = {
        d["id"] for d in (on_customer, on_project, on_invoice, on_nothing, secret, linked_doc)
    }
    assert await _ids(client) == everything

    expectations = {
        # Employees see customers (company directory) and their own projects, not invoices.
        member.email: {on_customer["id"], on_project["id"], linked_doc["id"]},
        outsider.email: {on_customer["id"]},
        # Project leads read invoices and every project they lead or join: here none.
        lead.email: {on_customer["id"], on_invoice["id"]},
    }
    for email, expected in expectations.items():
        await login(client, email)
        assert await _ids(client) == expected, email
        for document in (on_invoice, on_nothing, secret):
            if document["id"] not in expected:
                for path in ("", "/content", "/history"):
                    hidden = await client.get(f"{URL}/{document['id']}{path}")
                    assert hidden.status_code == 404, (email, path)
                    assert hidden.json()["code"] == "document_not_found"
    # Accounting reads all documents but not confidential ones.
    await logged_in_as(client, session, "accounting")
    assert await _ids(client) == everything - {secret["id"]}
    await login(client, admin.email)
    assert await _ids(client, confidential="true") == {secret["id"]}


async def test_the_uploader_sees_their_unlinked_upload(
    client: AsyncClient, session: AsyncSession
) -> None:
    employee = await logged_in_as(client, session, "employee")
    mine = await uploaded(client, sample_pdf("Meins"), "meins.pdf")
    other = await make_employee(session)
    await session.commit()
    assert await _ids(client) == {mine["id"]}
    await login(client, other.email)
    assert await _ids(client) == set()
    await login(client, employee.email)
    # An employee cannot mark documents confidential (they would hide them from themselves).
    refused = await client.patch(f"{URL}/{mine['id']}", json={"confidential": True})
    assert refused.status_code == 403 and refused.json()["code"] == "confidential_not_allowed"
    refused_upload = await upload(client, sample_pdf("x"), "x.pdf", expect=403, confidential="true")
    assert refused_upload.json()["code"] == "confidential_not_allowed"


async def test_a_records_tab_lists_its_documents_for_whoever_sees_the_record(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    other = await make_customer(session)
    project = await make_project(session, customer_id=customer.id)
    await session.commit()
    first = await uploaded(client, sample_pdf("A"), "a.pdf", links=[f"customer:{customer.id}"])
    await uploaded(client, sample_pdf("B"), "b.pdf", links=[f"customer:{other.id}"])
    secret = await uploaded(
        client, sample_pdf("C"), "c.pdf", links=[f"customer:{customer.id}"], confidential="true"
    )
    params = {"record_type": "customer", "record_id": str(customer.id)}
    assert await _ids(client, **params) == {first["id"], secret["id"]}
    await logged_in_as(client, session, "employee")
    assert await _ids(client, **params) == {first["id"]}
    hidden_project = await client.get(
        URL, params={"record_type": "project", "record_id": str(project.id)}
    )
    assert hidden_project.status_code == 404 and hidden_project.json()["code"] == "record_not_found"
    unknown = await client.get(
        URL, params={"record_type": "customer", "record_id": str(uuid.uuid4())}
    )
    assert unknown.status_code == 404
    half = await client.get(URL, params={"record_type": "customer"})
    assert half.status_code == 422 and half.json()["code"] == "record_incomplete"


async def test_link_and_unlink(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    await session.commit()
    document = await uploaded(client, sample_pdf("L"), "l.pdf")
    path = f"{URL}/{document['id']}/links"
    linked = await client.post(path, json={"type": "customer", "id": str(customer.id)})
    assert linked.status_code == 200, linked.text
    assert linked.json()["links"][0]["title"] == customer.name
    again = await client.post(path, json={"type": "customer", "id": str(customer.id)})
    assert len(again.json()["links"]) == 1
    itself = await client.post(path, json={"type": "document", "id": document["id"]})
    assert itself.status_code == 409 and itself.json()["code"] == "self_link"
    unknown = await client.post(path, json={"type": "project", "id": str(uuid.uuid4())})
    assert unknown.status_code == 404 and unknown.json()["code"] == "record_not_found"
    bad_type = await client.post(path, json={"type": "spaceship", "id": str(uuid.uuid4())})
    assert bad_type.status_code == 422
    removed = await client.delete(f"{path}/customer/{customer.id}")
    assert removed.status_code == 204
    gone = await client.delete(f"{path}/customer/{customer.id}")
    assert gone.status_code == 404 and gone.json()["code"] == "link_not_found"
    history = (await client.get(f"{URL}/{document['id']}/history")).json()
    assert [h["action"] for h in history] == ["unlinked", "linked", "uploaded"]


async def test_deleting_a_record_removes_its_links(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    await session.commit()
    document = await uploaded(client, sample_pdf("K"), "k.pdf", links=[f"customer:{customer.id}"])
    assert (await client.delete(f"/api/v1/customers/{customer.id}")).status_code == 204
    assert (await client.get(f"{URL}/{document['id']}")).json()["links"] == []


async def test_gobd_keeps_documents_of_finalized_invoices_and_payments(
    client: AsyncClient, session: AsyncSession
) -> None:
    await logged_in_as(client, session, "admin")
    await setup_company(session)
    customer = await invoiceable_customer(session)
    await session.commit()
    invoice = await finalized(client, customer.id)
    paid = await client.post(
        f"/api/v1/invoices/{invoice['id']}/payments",
        json={"amount": "10.00", "paid_on": invoice["issue_date"]},
    )
    payment_id = paid.json()["id"]
    for record in (f"invoice:{invoice['id']}", f"payment:{payment_id}"):
        document = await uploaded(
            client, sample_pdf(record), "beleg.pdf", links=[record, f"customer:{customer.id}"]
        )
        assert document["locked"] is True and document["can_delete"] is False
        assert any(link["locked"] for link in document["links"])
        deleted = await client.delete(f"{URL}/{document['id']}")
        assert deleted.status_code == 409 and deleted.json()["code"] == "document_file_locked"
        assert invoice["number"] in deleted.json()["detail"]
        replaced = await client.post(
            f"{URL}/{document['id']}/versions",
            files={"file": ("neu.pdf", sample_pdf("neu", record), "application/pdf")},
        )
        assert replaced.status_code == 409 and replaced.json()["code"] == "document_file_locked"
        record_type, record_id = record.split(":")
        unlinked = await client.delete(f"{URL}/{document['id']}/links/{record_type}/{record_id}")
        assert unlinked.status_code == 409 and unlinked.json()["code"] == "document_file_locked"
        # Other links and the metadata may change.
        assert (
            await client.delete(f"{URL}/{document['id']}/links/customer/{customer.id}")
        ).status_code == 204
        assert (
            await client.patch(f"{URL}/{document['id']}", json={"tags": ["Beleg"]})
        ).status_code == 200
    # A draft does not lock.
    open_draft = await draft(client, customer.id)
    free = await uploaded(
        client, sample_pdf("Entwurf"), "e.pdf", links=[f"invoice:{open_draft['id']}"]
    )
    assert free["locked"] is False
    assert (await client.delete(f"{URL}/{free['id']}")).status_code == 204


async def test_retention_period_refuses_early_deletion(
    client: AsyncClient, session: AsyncSession, run_jobs
) -> None:  # type: ignore[no-untyped-def]
    category = DocumentCategory(name="Beleg", retention_years=8)
    session.add(category)
    await session.commit()
    set_clock(FixedClock(datetime(2026, 12, 31, 22, 30, tzinfo=UTC)))  # 23:30 in Berlin
    try:
        admin = await logged_in_as(client, session, "admin")
        document = await uploaded(
            client,
            sample_pdf("Beleg"),
            "beleg.pdf",
            category_id=str(category.id),
            document_date="2026-03-01",
        )
        assert document["retention_until"] == "2034-12-31"
        refused = await client.delete(f"{URL}/{document['id']}")
        assert refused.status_code == 409 and refused.json()["code"] == "retention_period"
        set_clock(FixedClock(datetime(2034, 12, 31, 22, 59, tzinfo=UTC)))  # still 2034 in Berlin
        await login(client, admin.email)
        assert (await client.delete(f"{URL}/{document['id']}")).status_code == 409
        set_clock(FixedClock(datetime(2034, 12, 31, 23, 0, tzinfo=UTC)))  # 1 Jan 2035 in Berlin
        await login(client, admin.email)
        assert (await client.delete(f"{URL}/{document['id']}")).status_code == 204
    finally:
        set_clock(None)
    # The deletion is in the audit log and the file is purged by a job.
    entries = (
        await session.scalars(select(AuditEntry.action).where(AuditEntry.entity_type == "document"))
    ).all()
    assert "deleted" in entries
    await run_jobs()


@pytest.mark.parametrize("role", ["employee", "project_lead", "accounting"])
async def test_deleting_others_uploads_needs_documents_delete(
    client: AsyncClient, session: AsyncSession, role: str
) -> None:
    admin = await logged_in_as(client, session, "admin")
    customer = await make_customer(session)
    await session.commit()
    document = await uploaded(
        client, sample_pdf("Fremd"), "fremd.pdf", links=[f"customer:{customer.id}"]
    )
    await logged_in_as(client, session, role)
    response = await client.delete(f"{URL}/{document['id']}")
    if role == "employee":
        assert (
            response.status_code == 403 and response.json()["code"] == "document_delete_not_allowed"
        )
        mine = await uploaded(
            client, sample_pdf("Eigen"), "eigen.pdf", links=[f"customer:{customer.id}"]
        )
        assert (await client.delete(f"{URL}/{mine['id']}")).status_code == 204
    else:
        assert response.status_code == 204
    await login(client, admin.email)


async def test_categories_are_managed_by_admins(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    created = await client.post(
        f"{URL}/categories", json={"name": "Verträge", "retention_years": 10}
    )
    assert created.status_code == 201
    duplicate = await client.post(f"{URL}/categories", json={"name": "verträge"})
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "category_name_taken"
    category_id = created.json()["id"]
    await uploaded(client, sample_pdf("V"), "v.pdf", category_id=category_id)
    in_use = await client.delete(f"{URL}/categories/{category_id}")
    assert in_use.status_code == 409 and in_use.json()["code"] == "category_in_use"
    listed = (await client.get(f"{URL}/categories")).json()
    assert [(c["name"], c["document_count"]) for c in listed] == [("Verträge", 1)]
    too_long = await client.patch(f"{URL}/categories/{category_id}", json={"retention_years": 31})
    assert too_long.status_code == 422
    await logged_in_as(client, session, "management")
    assert (await client.post(f"{URL}/categories", json={"name": "X"})).status_code == 403
    assert (await client.get(f"{URL}/categories")).status_code == 200


async def test_tags_of_visible_documents(client: AsyncClient, session: AsyncSession) -> None:
    await logged_in_as(client, session, "admin")
    await uploaded(client, sample_pdf("1"), "1.pdf", tags=["Miete", "Büro"])
    await uploaded(client, sample_pdf("2"), "2.pdf", tags=["Miete"])
    tags = (await client.get(f"{URL}/tags")).json()
    assert tags == [{"tag": "Miete", "count": 2}, {"tag": "Büro", "count": 1}]
    assert await session.scalar(select(func.count()).select_from(AuditEntry)) >= 2
