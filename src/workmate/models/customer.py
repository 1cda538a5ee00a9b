from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    CheckConstraint,
    Computed,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workmate.core import clock
from workmate.models.base import Base, Timestamps, UUIDPrimaryKey

if TYPE_CHECKING:
    from workmate.models.employee import Employee

CUSTOMER_KINDS = ("business", "private", "authority")
CUSTOMER_STATUSES = ("lead", "active", "inactive", "blocked")
ACTIVITY_TYPES = ("call", "email", "meeting", "note", "event")


class Customer(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "customers"
    __table_args__ = (
        CheckConstraint("kind IN ('business','private','authority')", name="kind"),
        CheckConstraint("status IN ('lead','active','inactive','blocked')", name="status"),
        CheckConstraint(
            "payment_terms_days IS NULL OR payment_terms_days BETWEEN 0 AND 365",
            name="payment_terms",
        ),
        CheckConstraint("hourly_rate IS NULL OR hourly_rate >= 0", name="rate_not_negative"),
        CheckConstraint("language IN ('de','en')", name="language"),
        Index(
            "ix_customers_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
        Index("ix_customers_tags", "tags", postgresql_using="gin"),
        Index("ix_customers_status_kind", "status", "kind"),
        Index("ix_customers_created_at", "created_at"),
        # The list's default order (active customers by name): the first page reads 50 entries
        # instead of sorting every customer; ``name`` is included so that a search can walk it
        # index-only (customers.repository._search_template).
        Index(
            "ix_customers_active_name",
            func.lower(text("name")),
            "id",
            postgresql_include=["name"],
            postgresql_where=text("archived_at IS NULL"),
        ),
        # Archived customers are few: the search subtracts them from its match count.
        Index("ix_customers_archived", "id", postgresql_where=text("archived_at IS NOT NULL")),
    )

    number: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(12), server_default="business")
    status: Mapped[str] = mapped_column(String(10), server_default="active")
    name: Mapped[str] = mapped_column(String(200))
    street: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2), server_default="DE")
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    website: Mapped[str | None] = mapped_column(String(200))
    vat_id: Mapped[str | None] = mapped_column(String(20))
    tax_number: Mapped[str | None] = mapped_column(String(30))
    leitweg_id: Mapped[str | None] = mapped_column(String(46))
    payment_terms_days: Mapped[int | None] = mapped_column(Integer)
    # Language of documents sent to this customer (invoice PDF labels).
    language: Mapped[str] = mapped_column(String(2), server_default="de")
    hourly_rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    notes: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(50)), server_default="{}")
    archived_at: Mapped[datetime | None]
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL")
    )
    # Lower-cased haystack (name, number, e-mail, city) for LIKE '%...%' via a trigram index.
    search_text: Mapped[str] = mapped_column(
        Text,
        Computed(
            "lower(name || ' ' || number || ' ' || coalesce(email, '') || ' ' || "
            "coalesce(city, ''))",
            persisted=True,
        ),
    )

    created_by: Mapped[Employee | None] = relationship(lazy="raise")


class Salutation(StrEnum):
    """How a letter addresses a contact person (Frau / Herr); none: by full name."""

    ms = "ms"
    mr = "mr"


class Contact(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "contacts"
    __table_args__ = (
        CheckConstraint(
            "salutation IN (" + ",".join(f"'{s.value}'" for s in Salutation) + ")",
            name="salutation",
        ),
        # At most one primary contact per customer, enforced by the database.
        Index(
            "uq_contacts_primary_per_customer",
            "customer_id",
            unique=True,
            postgresql_where=text("is_primary"),
        ),
        # Lets activities reference (contact, customer) together: the contact must belong to it.
        UniqueConstraint("id", "customer_id", name="uq_contacts_id_customer_id"),
        Index(
            "ix_contacts_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
    )

    customer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    # How a letter addresses the contact: "Sehr geehrte Frau Dr. Weber," (ms/mr), or by full
    # name when not set ("Guten Tag Alex Weber,").
    salutation: Mapped[str | None] = mapped_column(String(2))
    academic_title: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    mobile: Mapped[str | None] = mapped_column(String(50))
    notes: Mapped[str | None] = mapped_column(Text)
    is_primary: Mapped[bool] = mapped_column(server_default=text("false"))
    search_text: Mapped[str] = mapped_column(
        Text, Computed("lower(name || ' ' || coalesce(email, ''))", persisted=True)
    )

    customer: Mapped[Customer] = relationship(lazy="raise")


class Activity(UUIDPrimaryKey, Base):
    """A timeline entry: typed by a person (call, e-mail, ...) or an event the system wrote."""

    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint("type IN ('call','email','meeting','note','event')", name="type"),
        CheckConstraint("(type = 'event') = (event IS NOT NULL)", name="event_iff_type_event"),
        ForeignKeyConstraint(
            ["contact_id", "customer_id"],
            ["contacts.id", "contacts.customer_id"],
            name="fk_activities_contact_of_customer",
            # Deleting a contact keeps the customer's history: only the contact is forgotten.
            ondelete="SET NULL (contact_id)",
        ),
        Index(
            "ix_activities_customer_id_occurred_at",
            "customer_id",
            text("occurred_at DESC"),
            text("id DESC"),
        ),
        Index("ix_activities_occurred_at", text("occurred_at DESC")),
    )

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    contact_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    author_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL"), index=True
    )
    type: Mapped[str] = mapped_column(String(10))
    event: Mapped[str | None] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    occurred_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=clock.now, server_default=text("now()"))

    customer: Mapped[Customer] = relationship(lazy="raise")
    contact: Mapped[Contact | None] = relationship(
        lazy="raise",
        foreign_keys=[contact_id],
        primaryjoin="Activity.contact_id == Contact.id",
        viewonly=True,
    )
    author: Mapped[Employee | None] = relationship(lazy="raise")
