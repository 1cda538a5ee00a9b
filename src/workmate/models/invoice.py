"""Invoices, credit notes and quotes with their lines, payments, products and the audit log.

DESIGN.md 5: a draft has no number and is freely editable; finalizing assigns a gapless number per
kind and year, snapshots seller and buyer, stores totals and locks the content. Amounts are
NUMERIC; credit notes carry negated quantities so their totals are negative.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from workmate.core import clock
from workmate.models.base import Base, Timestamps, UUIDPrimaryKey

if TYPE_CHECKING:
    from workmate.models.customer import Contact, Customer
    from workmate.models.project import Project

DOCUMENT_KINDS = ("invoice", "credit_note", "quote")
DOCUMENT_STATUSES = (
    "draft",
    "finalized",
    "sent",
    "partially_paid",
    "paid",
    "cancelled",
    "accepted",
    "declined",
    "expired",
)
# Statuses in which an invoice is a receivable (drafts and cancelled documents never are).
RECEIVABLE_STATUSES = ("finalized", "sent", "partially_paid")
UNIT_CODES = ("HUR", "DAY", "H87", "MON", "KMT", "LS")
VAT_CATEGORIES = (
    "standard",
    "zero",
    "exempt",
    "reverse_charge",
    "intra_eu",
    "export",
    "small_business",
)
PAYMENT_METHODS = ("bank_transfer", "sepa_direct_debit", "card", "paypal", "cash", "other")
RENDER_STATUSES = ("none", "pending", "done", "failed")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({','.join(repr(v) for v in values)})"


class Invoice(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "invoices"
    # An UPDATE returns the new ``updated_at`` instead of expiring it: a changed document can be
    # shown without reading it again (finalizing answers while the number range is locked).
    __mapper_args__ = {"eager_defaults": True}
    __table_args__ = (
        CheckConstraint(_in("kind", DOCUMENT_KINDS), name="kind"),
        CheckConstraint(_in("status", DOCUMENT_STATUSES), name="status"),
        CheckConstraint(_in("render_status", RENDER_STATUSES), name="render_status"),
        CheckConstraint("(status = 'draft') = (number IS NULL)", name="number_iff_final"),
        CheckConstraint("service_to IS NULL OR service_from <= service_to", name="service_period"),
        CheckConstraint("payment_terms_days BETWEEN 0 AND 365", name="payment_terms"),
        CheckConstraint(
            "skonto_percent IS NULL OR (skonto_percent > 0 AND skonto_percent < 100 "
            "AND skonto_days IS NOT NULL AND skonto_days >= 0)",
            name="skonto",
        ),
        CheckConstraint("paid_amount >= 0", name="paid_not_negative"),
        CheckConstraint("refund_amount >= 0", name="refund_not_negative"),
        CheckConstraint("language IN ('de','en')", name="language"),
        Index("ix_invoices_customer_id_issue_date", "customer_id", "issue_date"),
        # A customer's documents newest first, covering the list's totals (an index-only scan:
        # the biggest customer's 3,094 invoices summed in 0.8 ms instead of 1.4-2.9 ms).
        Index(
            "ix_invoices_customer_id_created_at",
            "customer_id",
            text("created_at DESC NULLS LAST"),
            postgresql_include=[
                "kind",
                "status",
                "net_total",
                "gross_total",
                "paid_amount",
                "skonto_granted",
            ],
        ),
        Index("ix_invoices_project_id", "project_id"),
        # Stored files are deleted only when nothing references them (RESTRICT); these keep
        # that check from scanning every invoice.
        *(
            Index(f"ix_invoices_{column}", column, postgresql_where=text(f"{column} IS NOT NULL"))
            for column in ("pdf_sha", "xml_sha", "timesheet_sha")
        ),
        Index("ix_invoices_status_due_date", "status", "due_date"),
        # Receivables by due date, covering what the overdue figures sum.
        Index(
            "ix_invoices_receivable_due_date",
            "due_date",
            postgresql_where=text(
                "kind = 'invoice' AND status IN ('finalized', 'sent', 'partially_paid')"
            ),
            postgresql_include=[
                "gross_total",
                "paid_amount",
                "skonto_granted",
                "net_total",
                "kind",
                "status",
            ],
        ),
        # The overdue list in its default order (newest first): the due date, a key column, is
        # checked in the index, so only overdue receivables are fetched (3 ms -> 0.4 ms; the
        # created_at index walked ~7,000 newer, not yet due or settled invoices).
        Index(
            "ix_invoices_receivable_created_at",
            text("created_at DESC NULLS LAST"),
            "due_date",
            postgresql_where=text(
                "kind = 'invoice' AND status IN ('finalized', 'sent', 'partially_paid')"
            ),
        ),
        Index("ix_invoices_kind_issue_date", "kind", "issue_date"),
        # The list's default order (newest first) and the issue-date sort read these.
        Index("ix_invoices_created_at", text("created_at DESC NULLS LAST")),
        Index("ix_invoices_issue_date", text("issue_date DESC NULLS LAST")),
        Index(
            "ix_invoices_number_trgm",
            "number",
            postgresql_using="gin",
            postgresql_ops={"number": "gin_trgm_ops"},
        ),
        # A document is cancelled by at most one credit note.
        Index(
            "uq_invoices_cancels_invoice_id",
            "cancels_invoice_id",
            unique=True,
            postgresql_where=text("cancels_invoice_id IS NOT NULL"),
        ),
    )

    kind: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(16), server_default="draft")
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id", ondelete="RESTRICT"))
    project_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("projects.id", ondelete="RESTRICT")
    )
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL")
    )
    issue_date: Mapped[date | None]
    service_date: Mapped[date | None]
    service_from: Mapped[date | None]
    service_to: Mapped[date | None]
    due_date: Mapped[date | None]
    payment_terms_days: Mapped[int] = mapped_column(Integer, server_default="14")
    skonto_percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    skonto_days: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), server_default="EUR")
    language: Mapped[str] = mapped_column(String(2), server_default="de")
    title: Mapped[str | None] = mapped_column(String(200))
    intro_text: Mapped[str | None] = mapped_column(Text)
    closing_text: Mapped[str | None] = mapped_column(Text)
    buyer_reference: Mapped[str | None] = mapped_column(String(100))
    order_reference: Mapped[str | None] = mapped_column(String(100))
    internal_note: Mapped[str | None] = mapped_column(Text)
    with_timesheet: Mapped[bool] = mapped_column(server_default=text("false"))

    net_total: Mapped[Decimal] = mapped_column(Numeric(14, 2), server_default="0")
    vat_total: Mapped[Decimal] = mapped_column(Numeric(14, 2), server_default="0")
    gross_total: Mapped[Decimal] = mapped_column(Numeric(14, 2), server_default="0")
    paid_amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), server_default="0")
    skonto_granted: Mapped[Decimal] = mapped_column(Numeric(14, 2), server_default="0")
    # Credit notes: what the customer had paid on the cancelled invoice and is owed back. The
    # payments stay on that invoice (they happened; GoBD), which is locked from then on.
    refund_amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), server_default="0")
    vat_breakdown: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default="[]")

    cancels_invoice_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("invoices.id", ondelete="RESTRICT")
    )
    quote_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("invoices.id", ondelete="SET NULL"), index=True
    )

    seller_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    buyer_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    einvoice_format: Mapped[str | None] = mapped_column(String(12))
    render_status: Mapped[str] = mapped_column(String(8), server_default="none")
    render_error: Mapped[str | None] = mapped_column(Text)
    pdf_sha: Mapped[str | None] = mapped_column(
        ForeignKey("stored_files.sha256", ondelete="RESTRICT")
    )
    xml_sha: Mapped[str | None] = mapped_column(
        ForeignKey("stored_files.sha256", ondelete="RESTRICT")
    )
    timesheet_sha: Mapped[str | None] = mapped_column(
        ForeignKey("stored_files.sha256", ondelete="RESTRICT")
    )

    finalized_at: Mapped[datetime | None]
    finalized_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL")
    )
    sent_at: Mapped[datetime | None]
    paid_at: Mapped[date | None]
    cancelled_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]  # quotes: accepted or declined
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL")
    )

    customer: Mapped[Customer] = relationship(lazy="raise")
    project: Mapped[Project | None] = relationship(lazy="raise")
    contact: Mapped[Contact | None] = relationship(lazy="raise")
    lines: Mapped[list[InvoiceLine]] = relationship(
        lazy="raise", order_by="InvoiceLine.position", cascade="all, delete-orphan"
    )


class InvoiceLine(UUIDPrimaryKey, Base):
    __tablename__ = "invoice_lines"
    __table_args__ = (
        UniqueConstraint(
            "invoice_id",
            "position",
            name="uq_invoice_lines_invoice_id_position",
            deferrable=True,
            initially="DEFERRED",
        ),
        CheckConstraint(_in("unit_code", UNIT_CODES), name="unit_code"),
        CheckConstraint(_in("vat_category", VAT_CATEGORIES), name="vat_category"),
        CheckConstraint("vat_rate >= 0 AND vat_rate < 100", name="vat_rate"),
        CheckConstraint(
            "discount_percent IS NULL OR (discount_percent > 0 AND discount_percent <= 100)",
            name="discount",
        ),
        CheckConstraint("position >= 1", name="position"),
        CheckConstraint("service_to IS NULL OR service_from <= service_to", name="service_period"),
    )

    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    unit_code: Mapped[str] = mapped_column(String(3), server_default="HUR")
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    discount_percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    vat_category: Mapped[str] = mapped_column(String(16), server_default="standard")
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default="19")
    service_from: Mapped[date | None]
    service_to: Mapped[date | None]
    gross_amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), server_default="0")
    discount_amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), server_default="0")
    net_amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), server_default="0")
    product_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL")
    )
    # The time entries behind a line (frozen at finalize for the timesheet annex).
    timesheet: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)
    # How many time entries are linked: filled only when a query asks for it
    # (``invoices.service.get(..., line_counts=True)``), else None. The API calls it
    # ``time_entry_count``.
    linked_entries: Mapped[int | None] = query_expression()


class Product(UUIDPrimaryKey, Timestamps, Base):
    """A catalogue item for the line picker: name, unit, price and VAT."""

    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint(_in("unit_code", UNIT_CODES), name="unit_code"),
        CheckConstraint(_in("vat_category", VAT_CATEGORIES), name="vat_category"),
        CheckConstraint("unit_price >= 0", name="price_not_negative"),
        Index("uq_products_name", func.lower(text("name")), unique=True),
    )

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    unit_code: Mapped[str] = mapped_column(String(3), server_default="HUR")
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    vat_category: Mapped[str] = mapped_column(String(16), server_default="standard")
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default="19")
    archived_at: Mapped[datetime | None]


class Payment(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("skonto_amount >= 0", name="skonto_not_negative"),
        CheckConstraint(_in("method", PAYMENT_METHODS), name="method"),
        Index("ix_payments_invoice_id_paid_on", "invoice_id", "paid_on"),
        Index("ix_payments_paid_on", "paid_on"),
    )

    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id", ondelete="RESTRICT"))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    # Cash discount settled with this payment (Skonto): counts towards the invoice as paid.
    skonto_amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), server_default="0")
    paid_on: Mapped[date]
    method: Mapped[str] = mapped_column(String(20), server_default="bank_transfer")
    reference: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL")
    )


class AuditEntry(Base):
    """Append-only (GoBD): a trigger refuses UPDATE and DELETE on this table."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_invoice_id_id", "invoice_id", "id"),
        # The history of one record of any other kind (a document).
        Index("ix_audit_log_entity_id_id", "entity_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=clock.now, server_default=func.now())
    # No foreign keys: an ON DELETE action would have to update this append-only table.
    actor_id: Mapped[uuid.UUID | None]
    actor_name: Mapped[str | None] = mapped_column(String(200))
    entity_type: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[uuid.UUID]
    # The document the change belongs to, kept when a draft is deleted.
    invoice_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
