"""Customers, their contacts and timeline activities.

A customer and its contacts come from one generator per customer index, so the contact, project
and invoice passes rebuild a customer instead of keeping 100,000 of them in memory.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from psycopg.types.json import Jsonb
from stdnum.at import uid as at_uid
from stdnum.ch import uid as ch_uid
from stdnum.iso7064 import mod_11_10, mod_97_10
from stdnum.nl import btw as nl_btw

from workmate.demo_data.context import Context, entity_rng, new_uuid, utc_at
from workmate.demo_data.names import (
    ACTIVITY_SUBJECTS,
    AUTHORITY_PREFIXES,
    BRANCHES,
    CITIES,
    COMPANY_WORDS,
    CONTACT_DEPARTMENTS,
    FIRST_NAMES,
    FOREIGN_CITIES,
    LAST_NAMES,
    LEGAL_FORMS,
    POSITIONS,
    STREETS,
    TAGS,
    TITLES,
    slug,
)

SEED = 20270202
# Customers are created over twice the time span the activity data covers.
HISTORY_YEARS = 6


@dataclass(frozen=True, slots=True)
class Contact:
    id: uuid.UUID
    name: str
    position: str
    department: str | None
    email: str
    phone: str
    mobile: str | None
    is_primary: bool


@dataclass(frozen=True, slots=True)
class Customer:
    index: int
    id: uuid.UUID
    number: str
    kind: str
    status: str
    name: str
    street: str
    postcode: str
    city: str
    country: str
    email: str
    phone: str
    website: str | None
    vat_id: str | None
    leitweg_id: str | None
    payment_terms_days: int | None
    language: str
    hourly_rate: Decimal | None
    tags: list[str]
    created_at: datetime
    contacts: tuple[Contact, ...]

    @property
    def primary(self) -> Contact | None:
        return self.contacts[0] if self.contacts else None


def created_at(ctx: Context, index: int) -> datetime:
    """Customers are numbered in creation order, spread evenly over the history."""
    start = ctx.first_day - timedelta(days=365 * (HISTORY_YEARS - 3))
    span = (ctx.today - start).days - 1
    day = start + timedelta(days=span * index // ctx.counts.customers)
    return utc_at(day, 8 + index % 9, (index * 7) % 60)


def first_index_after(ctx: Context, moment: datetime) -> int:
    """How many customers exist at ``moment`` (binary search over ``created_at``)."""
    low, high = 0, ctx.counts.customers
    while low < high:
        middle = (low + high) // 2
        if created_at(ctx, middle) <= moment:
            low = middle + 1
        else:
            high = middle
    return low


def de_vat_id(rng: random.Random) -> str:
    digits = str(rng.randint(10_000_000, 99_999_999))
    return "DE" + digits + mod_11_10.calc_check_digit(digits)


def foreign_vat_id(rng: random.Random, country: str) -> str:
    while True:
        if country == "AT":
            digits = str(rng.randint(1_000_000, 9_999_999))
            candidate = "ATU" + digits + at_uid.calc_check_digit("U" + digits)
            valid = at_uid.is_valid(candidate)
        elif country == "CH":
            digits = str(rng.randint(10_000_000, 99_999_999))
            candidate = f"CHE{digits}{ch_uid.calc_check_digit(digits)}MWST"
            valid = ch_uid.is_valid(candidate[:-4])
        else:
            candidate = f"NL{rng.randint(100_000_000, 999_999_999)}B01"
            valid = nl_btw.is_valid(candidate)
        if valid:
            return candidate


def leitweg_id(rng: random.Random) -> str:
    """'<state><district>-<fine>-<check>' with ISO 7064 mod 97-10 check digits."""
    coarse = f"{rng.randint(1, 16):02d}{rng.randint(100, 999)}"
    fine = str(rng.randint(10_000_000, 99_999_999))
    return f"{coarse}-{fine}-{mod_97_10.calc_check_digits(coarse + fine)}"


def make_customer(ctx: Context, index: int) -> Customer:
    rng = entity_rng(SEED, index)
    roll = rng.random()
    kind = "business" if roll < 0.88 else "private" if roll < 0.95 else "authority"
    abroad = kind == "business" and rng.random() < 0.08
    if abroad:
        city, low, high, country = rng.choice(FOREIGN_CITIES)
        postcode = str(rng.randint(low, high)) + (
            f" {rng.choice('ABCDEFGH')}K" if country == "NL" else ""
        )
        area = {"AT": "+43 1", "CH": "+41 44", "NL": "+31 20"}[country]
    else:
        city, low, high, code = rng.choice(CITIES)
        country, postcode, area = "DE", f"{rng.randint(low, high):05d}", f"+49 {code}"
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    if kind == "private":
        name, domain = f"{first} {last}", rng.choice(("web.de", "gmx.de", "t-online.de"))
    elif kind == "authority":
        name = f"{rng.choice(AUTHORITY_PREFIXES)} {city}"
        domain = slug(city) + ".de"
    else:
        name = _company_name(rng, last)
        domain = slug(name.rsplit(" ", 1)[0])[:40] + (
            ".de" if country == "DE" else f".{country.lower()}"
        )
    status = _status(rng, index)
    contacts = _contacts(rng, kind, domain, first, last, area)
    return Customer(
        index=index,
        id=new_uuid(rng),
        number=f"K-{index + 1:05d}",
        kind=kind,
        status=status,
        name=name,
        street=f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
        postcode=postcode,
        city=city,
        country=country,
        email=f"{slug(first)}.{slug(last)}@{domain}" if kind == "private" else f"info@{domain}",
        phone=f"{area} {rng.randint(100000, 9999999)}",
        website=None if kind == "private" else f"https://www.{domain}",
        vat_id=_vat_id(rng, kind, country),
        leitweg_id=leitweg_id(rng) if kind == "authority" else None,
        payment_terms_days=rng.choice((None, None, 14, 30, 30, 45)) if kind != "authority" else 30,
        language="en" if (abroad and country == "NL") or rng.random() < 0.03 else "de",
        hourly_rate=rng.choice(
            (None, None, None, Decimal("95.00"), Decimal("110.00"), Decimal("125.00"))
        ),
        tags=rng.sample(TAGS, k=rng.choice((0, 0, 1, 1, 2))),
        created_at=created_at(ctx, index),
        contacts=contacts,
    )


def _company_name(rng: random.Random, last: str) -> str:
    form = rng.choice(LEGAL_FORMS)
    pattern = rng.random()
    if pattern < 0.45:
        return f"{rng.choice(COMPANY_WORDS)} {rng.choice(BRANCHES)} {form}"
    if pattern < 0.75:
        return f"{last} {rng.choice(BRANCHES)} {form}"
    if pattern < 0.9:
        return f"{last} & {rng.choice(LAST_NAMES)} {form}"
    return f"{rng.choice(COMPANY_WORDS)}{rng.choice(BRANCHES).lower()} {form}"


def _status(rng: random.Random, index: int) -> str:
    if index % 5 == 0:  # the customers projects are drawn from
        return "active"
    roll = rng.random()
    return (
        "active"
        if roll < 0.72
        else "lead"
        if roll < 0.85
        else "inactive"
        if roll < 0.98
        else "blocked"
    )


def _vat_id(rng: random.Random, kind: str, country: str) -> str | None:
    if kind != "business":
        return None
    if country != "DE":
        return foreign_vat_id(rng, country)
    return de_vat_id(rng) if rng.random() < 0.6 else None


def _contacts(
    rng: random.Random, kind: str, domain: str, first: str, last: str, area: str
) -> tuple[Contact, ...]:
    roll = rng.random()
    # 1.5 contacts per customer on average (150,000 for 100,000 customers).
    count = (
        0 if roll < 0.05 else 1 if roll < 0.62 else 2 if roll < 0.87 else 3 if roll < 0.97 else 4
    )
    contacts = []
    for position in range(count):
        if position:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        name = f"{rng.choice(TITLES)}{first} {last}"
        contacts.append(
            Contact(
                id=new_uuid(rng),
                name=name,
                position=rng.choice(POSITIONS) if kind != "private" else "Privat",
                department=rng.choice(CONTACT_DEPARTMENTS) if kind != "private" else None,
                email=f"{slug(first)[0]}.{slug(last)}@{domain}",
                phone=f"{area} {rng.randint(100000, 9999999)}",
                mobile=_mobile(rng) if rng.random() < 0.5 else None,
                is_primary=position == 0,
            )
        )
    return tuple(contacts)


def _mobile(rng: random.Random) -> str:
    return f"+49 1{rng.choice('567')}{rng.randint(10, 79)} {rng.randint(1000000, 9999999)}"


CUSTOMER_COLUMNS = [
    "id",
    "number",
    "kind",
    "status",
    "name",
    "street",
    "postcode",
    "city",
    "country",
    "email",
    "phone",
    "website",
    "vat_id",
    "leitweg_id",
    "payment_terms_days",
    "language",
    "hourly_rate",
    "tags",
    "created_by_id",
    "created_at",
    "updated_at",
]
CONTACT_COLUMNS = [
    "id",
    "customer_id",
    "name",
    "position",
    "department",
    "email",
    "phone",
    "mobile",
    "is_primary",
    "created_at",
    "updated_at",
]
ACTIVITY_COLUMNS = [
    "id",
    "customer_id",
    "contact_id",
    "author_id",
    "type",
    "event",
    "subject",
    "body",
    "data",
    "occurred_at",
    "created_at",
]


def customer_rows(ctx: Context) -> Iterator[Sequence[object]]:
    sales = ctx.staff_with("admin", "management", "project_lead") or [0]
    for index in range(ctx.counts.customers):
        c = make_customer(ctx, index)
        author = ctx.employee_ids[sales[index % len(sales)]]
        yield (
            c.id, c.number, c.kind, c.status, c.name, c.street, c.postcode, c.city, c.country,
            c.email, c.phone, c.website, c.vat_id, c.leitweg_id, c.payment_terms_days,
            c.language, c.hourly_rate, c.tags, author, c.created_at, c.created_at,
        )  # fmt: skip


def contact_rows(ctx: Context) -> Iterator[Sequence[object]]:
    for index in range(ctx.counts.customers):
        c = make_customer(ctx, index)
        for contact in c.contacts:
            yield (
                contact.id, c.id, contact.name, contact.position, contact.department,
                contact.email, contact.phone, contact.mobile, contact.is_primary,
                c.created_at, c.created_at,
            )  # fmt: skip


def activity_rows(ctx: Context) -> Iterator[Sequence[object]]:
    """'customer_created' for every customer and up to two notes, calls, e-mails, meetings."""
    rng = random.Random(SEED + 1)
    staff = ctx.staff_with("admin", "management", "project_lead", "employee") or [0]
    for index in range(ctx.counts.customers):
        c = make_customer(ctx, index)
        author = ctx.employee_ids[staff[index % len(staff)]]
        yield (
            new_uuid(rng), c.id, None, author, "event", "customer_created",
            f"Customer {c.number} created", None, Jsonb({"number": c.number}),
            c.created_at, c.created_at,
        )  # fmt: skip
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            kind = rng.choice(("call", "call", "email", "meeting", "note"))
            when = c.created_at + timedelta(days=rng.randint(1, 900), hours=rng.randint(0, 6))
            if when.date() >= ctx.today:
                continue
            contact = rng.choice(c.contacts) if c.contacts and kind != "note" else None
            yield (
                new_uuid(rng), c.id, contact.id if contact else None,
                ctx.employee_ids[rng.choice(staff)], kind, None,
                rng.choice(ACTIVITY_SUBJECTS[kind]), None, Jsonb({}), when, when,
            )  # fmt: skip
