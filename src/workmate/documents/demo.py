"""Demo documents for the small demo company: contracts, receipts, photos and letters linked
to its customers, projects, invoices and employees. Text and thumbnails come from the usual
jobs once the server (or a worker) runs."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core import clock
from workmate.core.records import RecordType
from workmate.documents.samples import pdf, png
from workmate.jobs.queue import enqueue
from workmate.models import (
    Customer,
    Document,
    DocumentCategory,
    DocumentLink,
    DocumentVersion,
    Employee,
    Invoice,
    Project,
)
from workmate.storage import store

# title, category, tags, lines of the page
PAPERS = [
    (
        "Rahmenvertrag IT-Dienstleistungen",
        "Vertrag",
        ["Vertrag", "IT"],
        [
            "Rahmenvertrag über IT-Dienstleistungen",
            "Laufzeit: 24 Monate ab Unterzeichnung, Kündigungsfrist drei Monate zum Quartalsende.",
            "Vergütung nach Aufwand gemäß Preisblatt; Reisekosten nach Vereinbarung.",
        ],
    ),
    (
        "Angebot Relaunch Website",
        "Angebot",
        ["Angebot", "Web"],
        [
            "Angebot für den Relaunch der Unternehmenswebsite",
            "Konzeption, Gestaltung und Umsetzung in drei Phasen.",
            "Gültig bis zum Ende des Folgemonats.",
        ],
    ),
    (
        "Abnahmeprotokoll Phase 1",
        "Korrespondenz",
        ["Abnahme"],
        [
            "Abnahmeprotokoll",
            "Die Leistungen der Phase 1 wurden am heutigen Tag ohne Mängel abgenommen.",
            "Unterschrift Auftraggeber und Auftragnehmer.",
        ],
    ),
    (
        "Eingangsrechnung Hosting",
        "Rechnung / Beleg",
        ["Hosting", "Beleg"],
        [
            "Rechnung Nr. H-2026-0815",
            "Webhosting Business, Abrechnungszeitraum Januar bis März.",
            "Rechnungsbetrag 178,50 EUR inkl. 19 % USt.",
        ],
    ),
    (
        "Lieferschein Notebooks",
        "Lieferschein",
        ["Hardware"],
        [
            "Lieferschein 4711",
            "3 x Notebook 14 Zoll, 3 x Dockingstation, geliefert frei Haus.",
        ],
    ),
]


async def _category_ids(session: AsyncSession) -> dict[str, object]:
    rows = await session.execute(select(DocumentCategory.name, DocumentCategory.id))
    return dict(rows.all())


async def _add(
    session: AsyncSession,
    *,
    title: str,
    file_name: str,
    data: bytes,
    content_type: str,
    category_id: object,
    tags: list[str],
    uploader: Employee,
    links: list[tuple[RecordType, object]],
    confidential: bool = False,
    document_date: date | None = None,
) -> None:
    stored = await store(session, data, content_type)
    now = clock.now()
    document = Document(
        title=title,
        category_id=category_id,
        tags=tags,
        confidential=confidential,
        uploaded_by_id=uploader.id,
        current_sha256=stored.sha256,
        file_name=file_name,
        content_type=content_type,
        size=stored.size,
        document_date=document_date,
        created_at=now,
        updated_at=now,
    )
    session.add(document)
    await session.flush()
    version = DocumentVersion(
        document_id=document.id,
        number=1,
        sha256=stored.sha256,
        size=stored.size,
        content_type=content_type,
        file_name=file_name,
        uploaded_by_id=uploader.id,
        uploaded_at=now,
    )
    session.add(version)
    for record_type, record_id in links:
        session.add(
            DocumentLink(
                document_id=document.id,
                record_type=record_type.value,
                record_id=record_id,
                created_by_id=uploader.id,
            )
        )
    await session.flush()
    await enqueue(session, "documents.process_version", version_id=str(version.id))


async def load(session: AsyncSession, people: dict[str, Employee]) -> int:
    """Create the demo documents; returns how many."""
    categories = await _category_ids(session)
    customers = list(
        (await session.scalars(select(Customer).order_by(Customer.number).limit(5))).all()
    )
    projects = list(
        (await session.scalars(select(Project).order_by(Project.number).limit(5))).all()
    )
    invoices = list(
        (
            await session.scalars(
                select(Invoice).where(Invoice.number.is_not(None)).order_by(Invoice.number).limit(3)
            )
        ).all()
    )
    uploader = next(iter(people.values()))
    today = clock.today("Europe/Berlin")
    count = 0
    for index, (title, category, tags, lines) in enumerate(PAPERS):
        customer = customers[index % len(customers)] if customers else None
        links: list[tuple[RecordType, object]] = []
        if customer is not None:
            links.append((RecordType.customer, customer.id))
            lines = [*lines, f"Kunde: {customer.name}"]
        if projects and index < len(projects):
            links.append((RecordType.project, projects[index].id))
        await _add(
            session,
            title=title,
            file_name=f"{title}.pdf",
            data=pdf(lines),
            content_type="application/pdf",
            category_id=categories.get(category),
            tags=tags,
            uploader=uploader,
            links=links,
            document_date=today,
        )
        count += 1
    for index, invoice in enumerate(invoices):
        await _add(
            session,
            title=f"Zahlungsbeleg {invoice.number}",
            file_name=f"Beleg {invoice.number}.png",
            data=png(480, 320, (40 + index * 60, 110, 160), index),
            content_type="image/png",
            category_id=categories.get("Rechnung / Beleg"),
            tags=["Beleg"],
            uploader=uploader,
            links=[(RecordType(invoice.kind), invoice.id)],
        )
        count += 1
    for person in list(people.values())[1:3]:
        await _add(
            session,
            title=f"Arbeitsvertrag {person.name}",
            file_name=f"Arbeitsvertrag {person.name}.pdf",
            data=pdf([f"Arbeitsvertrag {person.name}", "Beginn laut Anlage."]),
            content_type="application/pdf",
            category_id=categories.get("Personal"),
            tags=["Personal"],
            uploader=uploader,
            links=[(RecordType.employee, person.id)],
            confidential=True,
        )
        count += 1
    return count
