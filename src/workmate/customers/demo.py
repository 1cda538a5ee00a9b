"""Demo customers with contacts and a few logged activities (deterministic)."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.contacts import service as contact_service
from workmate.contacts.schemas import ContactFields
from workmate.core import clock
from workmate.customers import service
from workmate.customers.schemas import CustomerCreate
from workmate.models import Activity, Employee

# name, kind, status, street, postcode, city, vat id, rate, tags, contacts (name, position, e-mail)
CUSTOMERS: list[
    tuple[
        str, str, str, str, str, str, str | None, str | None, list[str], list[tuple[str, str, str]]
    ]
] = [
    (
        "Nordlicht Media GmbH",
        "business",
        "active",
        "Holstenstraße 12",
        "24103",
        "Kiel",
        "DE136695976",
        "110.00",
        ["agentur", "key account"],
        [
            ("Henrike Sommerfeld", "Geschäftsführerin", "h.sommerfeld@nordlicht-media.de"),
            ("Jan Petersen", "Projektleiter", "j.petersen@nordlicht-media.de"),
        ],
    ),
    (
        "Bäckerei Schulze OHG",
        "business",
        "active",
        "Brandenburger Str. 40",
        "14467",
        "Potsdam",
        None,
        None,
        ["handwerk"],
        [("Karl Schulze", "Inhaber", "karl@baeckerei-schulze.de")],
    ),
    (
        "Rheinwerk Logistik AG",
        "business",
        "active",
        "Hafenstraße 8",
        "50667",
        "Köln",
        None,
        "125.00",
        ["logistik", "key account"],
        [
            ("Dr. Ilse Wortmann", "CFO", "i.wortmann@rheinwerk-logistik.de"),
            ("Tobias Brandt", "IT-Leiter", "t.brandt@rheinwerk-logistik.de"),
            ("Aylin Demir", "Einkauf", "a.demir@rheinwerk-logistik.de"),
        ],
    ),
    (
        "Stadt Musterstadt",
        "authority",
        "active",
        "Rathausplatz 1",
        "12345",
        "Musterstadt",
        None,
        "98.00",
        ["öffentlich"],
        [("Frau Meyer-Lüdenscheidt", "Sachgebietsleitung IT", "it@musterstadt.de")],
    ),
    (
        "Praxis Dr. Albers",
        "business",
        "active",
        "Lindenallee 3",
        "80331",
        "München",
        None,
        None,
        ["gesundheit"],
        [("Dr. Friederike Albers", "Ärztin", "praxis@dr-albers.de")],
    ),
    (
        "Grünzeug Landschaftsbau",
        "business",
        "lead",
        "Am Feldrain 17",
        "01067",
        "Dresden",
        None,
        None,
        ["handwerk"],
        [("Uwe Grün", "Inhaber", "info@gruenzeug.de")],
    ),
    (
        "Kunsthalle Weserufer e.V.",
        "business",
        "lead",
        "Uferweg 2",
        "28195",
        "Bremen",
        None,
        None,
        ["kultur"],
        [("Mareike Oltmanns", "Vorstand", "vorstand@kunsthalle-weserufer.de")],
    ),
    (
        "Thomas Richter",
        "private",
        "active",
        "Gartenweg 9",
        "04109",
        "Leipzig",
        None,
        "85.00",
        [],
        [],
    ),
    (
        "Alpenblick Hotels GmbH",
        "business",
        "inactive",
        "Seestraße 21",
        "83471",
        "Berchtesgaden",
        None,
        None,
        ["tourismus"],
        [("Sebastian Huber", "Marketing", "s.huber@alpenblick-hotels.de")],
    ),
    (
        "Frankenstahl KG",
        "business",
        "active",
        "Industriestraße 55",
        "90402",
        "Nürnberg",
        None,
        "130.00",
        ["industrie", "key account"],
        [
            ("Gerd Hofmann", "Technischer Leiter", "g.hofmann@frankenstahl.de"),
            ("Lisa Wolf", "Assistenz GF", "l.wolf@frankenstahl.de"),
        ],
    ),
    (
        "Ostsee Fisch Manufaktur",
        "business",
        "blocked",
        "Am Hafen 4",
        "18055",
        "Rostock",
        None,
        None,
        [],
        [("Björn Jensen", "Inhaber", "bjoern@ostsee-fisch.de")],
    ),
    (
        "Lernwerk Akademie gGmbH",
        "business",
        "lead",
        "Bildungscampus 1",
        "69117",
        "Heidelberg",
        None,
        None,
        ["bildung"],
        [("Prof. Nina Roth", "Leitung", "n.roth@lernwerk-akademie.de")],
    ),
]

NOTES = [
    ("call", "Rückruf zum Angebot", "Budget für Q3 bestätigt, Entscheidung bis Monatsende."),
    ("meeting", "Kick-off vor Ort", "Ziele und Ansprechpartner festgelegt."),
    ("email", "Unterlagen geschickt", "Referenzen und Preisliste per E-Mail versendet."),
    ("note", "Interne Notiz", "Zahlt zuverlässig, bevorzugt Rechnungen per E-Mail."),
]


async def load(session: AsyncSession, people: dict[str, Employee], zone: str) -> None:
    rng = random.Random(20261123)
    authors = list(people.values())
    for name, kind, status, street, postcode, city, vat, rate, tags, contacts in CUSTOMERS:
        author = rng.choice(authors)
        customer = await service.create(
            session,
            CustomerCreate(
                name=name,
                kind=kind,
                status=status,
                street=street,
                postcode=postcode,
                city=city,
                vat_id=vat,
                hourly_rate=Decimal(rate) if rate else None,
                tags=tags,
                email=contacts[0][2] if contacts else None,
                payment_terms_days=14,
                leitweg_id="04011000-1234512345-06" if kind == "authority" else None,
            ),
            author.id,
            zone,
        )
        contact_ids = []
        for i, (contact_name, position, email) in enumerate(contacts):
            contact = await contact_service.create(
                session,
                customer.id,
                ContactFields(name=contact_name, position=position, email=email, is_primary=i == 0),
                author.id,
            )
            contact_ids.append(contact.id)
        for days_ago in sorted(rng.sample(range(2, 120), k=rng.randint(1, 4)), reverse=True):
            kind_, subject, body = rng.choice(NOTES)
            session.add(
                Activity(
                    customer_id=customer.id,
                    contact_id=rng.choice(contact_ids) if contact_ids else None,
                    author_id=rng.choice(authors).id,
                    type=kind_,
                    subject=subject,
                    body=body,
                    occurred_at=clock.now() - timedelta(days=days_ago, hours=rng.randint(0, 8)),
                )
            )
    await session.flush()
