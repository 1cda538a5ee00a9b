"""invoices, credit notes, quotes, payments, products and the append-only audit log

Also: company letterhead and invoice settings, customer document language, time entries linked
to invoice lines. The audit log refuses UPDATE and DELETE by trigger (GoBD).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 21:19:56.456901
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY_FUNCTION = """
CREATE FUNCTION workmate_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (GoBD): % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column(
            "occurred_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("actor_id", sa.UUID(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=True),
        sa.Column("entity_type", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.UUID(), nullable=False),
        sa.Column("invoice_id", sa.UUID(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column(
            "changes", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_invoice_id_id", "audit_log", ["invoice_id", "id"], unique=False)
    op.create_table(
        "products",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("unit_code", sa.String(length=3), server_default="HUR", nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("vat_category", sa.String(length=16), server_default="standard", nullable=False),
        sa.Column(
            "vat_rate", sa.Numeric(precision=5, scale=2), server_default="19", nullable=False
        ),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "unit_code IN ('HUR','DAY','H87','MON','KMT','LS')", name=op.f("ck_products_unit_code")
        ),
        sa.CheckConstraint(
            "vat_category IN ('standard','zero','exempt','reverse_charge','intra_eu','export','small_business')",
            name=op.f("ck_products_vat_category"),
        ),
        sa.CheckConstraint("unit_price >= 0", name=op.f("ck_products_price_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
    )
    op.create_index("uq_products_name", "products", [sa.literal_column("lower(name)")], unique=True)
    op.create_table(
        "invoices",
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="draft", nullable=False),
        sa.Column("number", sa.String(length=40), nullable=True),
        sa.Column("customer_id", sa.UUID(), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=True),
        sa.Column("contact_id", sa.UUID(), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("service_date", sa.Date(), nullable=True),
        sa.Column("service_from", sa.Date(), nullable=True),
        sa.Column("service_to", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("payment_terms_days", sa.Integer(), server_default="14", nullable=False),
        sa.Column("skonto_percent", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("skonto_days", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), server_default="EUR", nullable=False),
        sa.Column("language", sa.String(length=2), server_default="de", nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("intro_text", sa.Text(), nullable=True),
        sa.Column("closing_text", sa.Text(), nullable=True),
        sa.Column("buyer_reference", sa.String(length=100), nullable=True),
        sa.Column("order_reference", sa.String(length=100), nullable=True),
        sa.Column("internal_note", sa.Text(), nullable=True),
        sa.Column("with_timesheet", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column(
            "net_total", sa.Numeric(precision=14, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "vat_total", sa.Numeric(precision=14, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "gross_total", sa.Numeric(precision=14, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "paid_amount", sa.Numeric(precision=14, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "skonto_granted", sa.Numeric(precision=14, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "vat_breakdown",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="[]",
            nullable=False,
        ),
        sa.Column("cancels_invoice_id", sa.UUID(), nullable=True),
        sa.Column("quote_id", sa.UUID(), nullable=True),
        sa.Column("seller_snapshot", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("buyer_snapshot", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("einvoice_format", sa.String(length=12), nullable=True),
        sa.Column("render_status", sa.String(length=8), server_default="none", nullable=False),
        sa.Column("render_error", sa.Text(), nullable=True),
        sa.Column("pdf_sha", sa.String(length=64), nullable=True),
        sa.Column("xml_sha", sa.String(length=64), nullable=True),
        sa.Column("timesheet_sha", sa.String(length=64), nullable=True),
        sa.Column("finalized_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finalized_by_id", sa.UUID(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paid_at", sa.Date(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.UUID(), nullable=True),
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(status = 'draft') = (number IS NULL)", name=op.f("ck_invoices_number_iff_final")
        ),
        sa.CheckConstraint(
            "kind IN ('invoice','credit_note','quote')", name=op.f("ck_invoices_kind")
        ),
        sa.CheckConstraint("language IN ('de','en')", name=op.f("ck_invoices_language")),
        sa.CheckConstraint(
            "render_status IN ('none','pending','done','failed')",
            name=op.f("ck_invoices_render_status"),
        ),
        sa.CheckConstraint(
            "status IN ('draft','finalized','sent','partially_paid','paid','cancelled','accepted','declined','expired')",
            name=op.f("ck_invoices_status"),
        ),
        sa.CheckConstraint("paid_amount >= 0", name=op.f("ck_invoices_paid_not_negative")),
        sa.CheckConstraint(
            "payment_terms_days BETWEEN 0 AND 365", name=op.f("ck_invoices_payment_terms")
        ),
        sa.CheckConstraint(
            "service_to IS NULL OR service_from <= service_to",
            name=op.f("ck_invoices_service_period"),
        ),
        sa.CheckConstraint(
            "skonto_percent IS NULL OR (skonto_percent > 0 AND skonto_percent < 100 AND skonto_days IS NOT NULL AND skonto_days >= 0)",
            name=op.f("ck_invoices_skonto"),
        ),
        sa.ForeignKeyConstraint(
            ["cancels_invoice_id"],
            ["invoices.id"],
            name=op.f("fk_invoices_cancels_invoice_id_invoices"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_invoices_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["employees.id"],
            name=op.f("fk_invoices_created_by_id_employees"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_invoices_customer_id_customers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["finalized_by_id"],
            ["employees.id"],
            name=op.f("fk_invoices_finalized_by_id_employees"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_invoices_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["quote_id"],
            ["invoices.id"],
            name=op.f("fk_invoices_quote_id_invoices"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
    )
    op.create_index(
        "ix_invoices_customer_id_issue_date",
        "invoices",
        ["customer_id", "issue_date"],
        unique=False,
    )
    op.create_index("ix_invoices_kind_issue_date", "invoices", ["kind", "issue_date"], unique=False)
    op.create_index(
        "ix_invoices_number_trgm",
        "invoices",
        ["number"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"number": "gin_trgm_ops"},
    )
    op.create_index("ix_invoices_project_id", "invoices", ["project_id"], unique=False)
    op.create_index(op.f("ix_invoices_quote_id"), "invoices", ["quote_id"], unique=False)
    op.create_index("ix_invoices_status_due_date", "invoices", ["status", "due_date"], unique=False)
    op.create_index(
        "uq_invoices_cancels_invoice_id",
        "invoices",
        ["cancels_invoice_id"],
        unique=True,
        postgresql_where=sa.text("cancels_invoice_id IS NOT NULL"),
    )
    op.create_table(
        "invoice_lines",
        sa.Column("invoice_id", sa.UUID(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("unit_code", sa.String(length=3), server_default="HUR", nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("discount_percent", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("vat_category", sa.String(length=16), server_default="standard", nullable=False),
        sa.Column(
            "vat_rate", sa.Numeric(precision=5, scale=2), server_default="19", nullable=False
        ),
        sa.Column("service_from", sa.Date(), nullable=True),
        sa.Column("service_to", sa.Date(), nullable=True),
        sa.Column(
            "gross_amount", sa.Numeric(precision=14, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "discount_amount", sa.Numeric(precision=14, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "net_amount", sa.Numeric(precision=14, scale=2), server_default="0", nullable=False
        ),
        sa.Column("product_id", sa.UUID(), nullable=True),
        sa.Column("timesheet", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.CheckConstraint(
            "unit_code IN ('HUR','DAY','H87','MON','KMT','LS')",
            name=op.f("ck_invoice_lines_unit_code"),
        ),
        sa.CheckConstraint(
            "vat_category IN ('standard','zero','exempt','reverse_charge','intra_eu','export','small_business')",
            name=op.f("ck_invoice_lines_vat_category"),
        ),
        sa.CheckConstraint(
            "discount_percent IS NULL OR (discount_percent > 0 AND discount_percent <= 100)",
            name=op.f("ck_invoice_lines_discount"),
        ),
        sa.CheckConstraint("position >= 1", name=op.f("ck_invoice_lines_position")),
        sa.CheckConstraint(
            "service_to IS NULL OR service_from <= service_to",
            name=op.f("ck_invoice_lines_service_period"),
        ),
        sa.CheckConstraint(
            "vat_rate >= 0 AND vat_rate < 100", name=op.f("ck_invoice_lines_vat_rate")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_invoice_lines_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_invoice_lines_product_id_products"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_lines")),
        sa.UniqueConstraint(
            "invoice_id",
            "position",
            deferrable=True,
            initially="DEFERRED",
            name="uq_invoice_lines_invoice_id_position",
        ),
    )
    op.create_table(
        "payments",
        sa.Column("invoice_id", sa.UUID(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column(
            "skonto_amount", sa.Numeric(precision=14, scale=2), server_default="0", nullable=False
        ),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=20), server_default="bank_transfer", nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by_id", sa.UUID(), nullable=True),
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "method IN ('bank_transfer','sepa_direct_debit','card','paypal','cash','other')",
            name=op.f("ck_payments_method"),
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payments_amount_positive")),
        sa.CheckConstraint("skonto_amount >= 0", name=op.f("ck_payments_skonto_not_negative")),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["employees.id"],
            name=op.f("fk_payments_created_by_id_employees"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_payments_invoice_id_invoices"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    op.create_index(
        "ix_payments_invoice_id_paid_on", "payments", ["invoice_id", "paid_on"], unique=False
    )
    op.create_index("ix_payments_paid_on", "payments", ["paid_on"], unique=False)
    op.add_column(
        "company_settings",
        sa.Column(
            "invoice_number_pattern",
            sa.String(length=40),
            server_default="RE-{year}-{seq:5}",
            nullable=False,
        ),
    )
    op.add_column(
        "company_settings",
        sa.Column(
            "credit_note_number_pattern",
            sa.String(length=40),
            server_default="GS-{year}-{seq:5}",
            nullable=False,
        ),
    )
    op.add_column(
        "company_settings",
        sa.Column(
            "quote_number_pattern",
            sa.String(length=40),
            server_default="AN-{year}-{seq:5}",
            nullable=False,
        ),
    )
    op.add_column(
        "company_settings", sa.Column("company_name", sa.String(length=200), nullable=True)
    )
    op.add_column("company_settings", sa.Column("street", sa.String(length=200), nullable=True))
    op.add_column("company_settings", sa.Column("postcode", sa.String(length=20), nullable=True))
    op.add_column("company_settings", sa.Column("city", sa.String(length=100), nullable=True))
    op.add_column(
        "company_settings",
        sa.Column("country", sa.String(length=2), server_default="DE", nullable=False),
    )
    op.add_column("company_settings", sa.Column("vat_id", sa.String(length=20), nullable=True))
    op.add_column("company_settings", sa.Column("tax_number", sa.String(length=30), nullable=True))
    op.add_column(
        "company_settings", sa.Column("register_court", sa.String(length=100), nullable=True)
    )
    op.add_column(
        "company_settings", sa.Column("register_number", sa.String(length=40), nullable=True)
    )
    op.add_column(
        "company_settings", sa.Column("managing_directors", sa.String(length=300), nullable=True)
    )
    op.add_column("company_settings", sa.Column("email", sa.String(length=254), nullable=True))
    op.add_column("company_settings", sa.Column("phone", sa.String(length=50), nullable=True))
    op.add_column("company_settings", sa.Column("website", sa.String(length=200), nullable=True))
    op.add_column(
        "company_settings", sa.Column("bank_holder", sa.String(length=200), nullable=True)
    )
    op.add_column("company_settings", sa.Column("iban", sa.String(length=34), nullable=True))
    op.add_column("company_settings", sa.Column("bic", sa.String(length=11), nullable=True))
    op.add_column("company_settings", sa.Column("bank_name", sa.String(length=100), nullable=True))
    op.add_column("company_settings", sa.Column("logo_png", sa.LargeBinary(), nullable=True))
    op.add_column(
        "company_settings",
        sa.Column("small_business", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    )
    op.add_column(
        "company_settings",
        sa.Column(
            "default_vat_rate",
            sa.Numeric(precision=5, scale=2),
            server_default="19",
            nullable=False,
        ),
    )
    op.add_column(
        "company_settings",
        sa.Column("skonto_percent", sa.Numeric(precision=5, scale=2), nullable=True),
    )
    op.add_column("company_settings", sa.Column("skonto_days", sa.Integer(), nullable=True))
    op.add_column(
        "company_settings",
        sa.Column("quote_validity_days", sa.Integer(), server_default="30", nullable=False),
    )
    op.add_column("company_settings", sa.Column("invoice_intro_text", sa.Text(), nullable=True))
    op.add_column("company_settings", sa.Column("invoice_closing_text", sa.Text(), nullable=True))
    op.add_column(
        "customers", sa.Column("language", sa.String(length=2), server_default="de", nullable=False)
    )
    op.add_column("time_entries", sa.Column("invoice_line_id", sa.UUID(), nullable=True))
    op.create_index(
        op.f("ix_time_entries_invoice_line_id"), "time_entries", ["invoice_line_id"], unique=False
    )
    op.create_foreign_key(
        op.f("fk_time_entries_invoice_id_invoices"),
        "time_entries",
        "invoices",
        ["invoice_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.create_foreign_key(
        op.f("fk_time_entries_invoice_line_id_invoice_lines"),
        "time_entries",
        "invoice_lines",
        ["invoice_line_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.execute(APPEND_ONLY_FUNCTION)
    op.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION workmate_audit_log_append_only()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
    op.execute("DROP FUNCTION IF EXISTS workmate_audit_log_append_only()")
    op.drop_constraint(
        op.f("fk_time_entries_invoice_line_id_invoice_lines"), "time_entries", type_="foreignkey"
    )
    op.drop_constraint(
        op.f("fk_time_entries_invoice_id_invoices"), "time_entries", type_="foreignkey"
    )
    op.drop_index(op.f("ix_time_entries_invoice_line_id"), table_name="time_entries")
    op.drop_column("time_entries", "invoice_line_id")
    op.drop_column("customers", "language")
    op.drop_column("company_settings", "invoice_closing_text")
    op.drop_column("company_settings", "invoice_intro_text")
    op.drop_column("company_settings", "quote_validity_days")
    op.drop_column("company_settings", "skonto_days")
    op.drop_column("company_settings", "skonto_percent")
    op.drop_column("company_settings", "default_vat_rate")
    op.drop_column("company_settings", "small_business")
    op.drop_column("company_settings", "logo_png")
    op.drop_column("company_settings", "bank_name")
    op.drop_column("company_settings", "bic")
    op.drop_column("company_settings", "iban")
    op.drop_column("company_settings", "bank_holder")
    op.drop_column("company_settings", "website")
    op.drop_column("company_settings", "phone")
    op.drop_column("company_settings", "email")
    op.drop_column("company_settings", "managing_directors")
    op.drop_column("company_settings", "register_number")
    op.drop_column("company_settings", "register_court")
    op.drop_column("company_settings", "tax_number")
    op.drop_column("company_settings", "vat_id")
    op.drop_column("company_settings", "country")
    op.drop_column("company_settings", "city")
    op.drop_column("company_settings", "postcode")
    op.drop_column("company_settings", "street")
    op.drop_column("company_settings", "company_name")
    op.drop_column("company_settings", "quote_number_pattern")
    op.drop_column("company_settings", "credit_note_number_pattern")
    op.drop_column("company_settings", "invoice_number_pattern")
    op.drop_index("ix_payments_paid_on", table_name="payments")
    op.drop_index("ix_payments_invoice_id_paid_on", table_name="payments")
    op.drop_table("payments")
    op.drop_table("invoice_lines")
    op.drop_index(
        "uq_invoices_cancels_invoice_id",
        table_name="invoices",
        postgresql_where=sa.text("cancels_invoice_id IS NOT NULL"),
    )
    op.drop_index("ix_invoices_status_due_date", table_name="invoices")
    op.drop_index(op.f("ix_invoices_quote_id"), table_name="invoices")
    op.drop_index("ix_invoices_project_id", table_name="invoices")
    op.drop_index(
        "ix_invoices_number_trgm",
        table_name="invoices",
        postgresql_using="gin",
        postgresql_ops={"number": "gin_trgm_ops"},
    )
    op.drop_index("ix_invoices_kind_issue_date", table_name="invoices")
    op.drop_index("ix_invoices_customer_id_issue_date", table_name="invoices")
    op.drop_table("invoices")
    op.drop_index("uq_products_name", table_name="products")
    op.drop_table("products")
    op.drop_index("ix_audit_log_invoice_id_id", table_name="audit_log")
    op.drop_table("audit_log")
