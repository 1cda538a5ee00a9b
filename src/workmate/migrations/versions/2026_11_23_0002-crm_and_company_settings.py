"""crm and company settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 19:28:15.573517
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "company_settings",
        sa.Column("id", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column(
            "default_hourly_rate",
            sa.Numeric(precision=12, scale=2),
            server_default="0",
            nullable=False,
        ),
        sa.Column("default_payment_terms_days", sa.Integer(), server_default="14", nullable=False),
        sa.Column(
            "time_rounding_mode", sa.String(length=10), server_default="none", nullable=False
        ),
        sa.Column("time_rounding_minutes", sa.Integer(), server_default="15", nullable=False),
        sa.Column(
            "customer_number_pattern",
            sa.String(length=40),
            server_default="K-{seq:5}",
            nullable=False,
        ),
        sa.Column(
            "project_number_pattern",
            sa.String(length=40),
            server_default="P-{year}-{seq:3}",
            nullable=False,
        ),
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
            "time_rounding_mode IN ('none','up','nearest','down')",
            name=op.f("ck_company_settings_rounding_mode"),
        ),
        sa.CheckConstraint(
            "default_hourly_rate >= 0", name=op.f("ck_company_settings_rate_not_negative")
        ),
        sa.CheckConstraint(
            "default_payment_terms_days BETWEEN 0 AND 365",
            name=op.f("ck_company_settings_payment_terms"),
        ),
        sa.CheckConstraint("id = 1", name=op.f("ck_company_settings_single_row")),
        sa.CheckConstraint(
            "time_rounding_minutes IN (1,5,6,10,15,30)",
            name=op.f("ck_company_settings_rounding_minutes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company_settings")),
    )
    op.create_table(
        "number_ranges",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("next_value", sa.BigInteger(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_number_ranges")),
    )
    op.create_table(
        "customers",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=12), server_default="business", nullable=False),
        sa.Column("status", sa.String(length=10), server_default="active", nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("street", sa.String(length=200), nullable=True),
        sa.Column("postcode", sa.String(length=20), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("country", sa.String(length=2), server_default="DE", nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.Column("vat_id", sa.String(length=20), nullable=True),
        sa.Column("tax_number", sa.String(length=30), nullable=True),
        sa.Column("leitweg_id", sa.String(length=46), nullable=True),
        sa.Column("payment_terms_days", sa.Integer(), nullable=True),
        sa.Column("hourly_rate", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "tags", postgresql.ARRAY(sa.String(length=50)), server_default="{}", nullable=False
        ),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.UUID(), nullable=True),
        sa.Column(
            "search_text",
            sa.Text(),
            sa.Computed(
                "lower(name || ' ' || number || ' ' || coalesce(email, '') || ' ' || coalesce(city, ''))",
                persisted=True,
            ),
            nullable=False,
        ),
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
            "kind IN ('business','private','authority')", name=op.f("ck_customers_kind")
        ),
        sa.CheckConstraint(
            "status IN ('lead','active','inactive','blocked')", name=op.f("ck_customers_status")
        ),
        sa.CheckConstraint(
            "hourly_rate IS NULL OR hourly_rate >= 0", name=op.f("ck_customers_rate_not_negative")
        ),
        sa.CheckConstraint(
            "payment_terms_days IS NULL OR payment_terms_days BETWEEN 0 AND 365",
            name=op.f("ck_customers_payment_terms"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["employees.id"],
            name=op.f("fk_customers_created_by_id_employees"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("number", name=op.f("uq_customers_number")),
    )
    op.create_index("ix_customers_created_at", "customers", ["created_at"], unique=False)
    op.create_index(
        "ix_customers_search_text_trgm",
        "customers",
        ["search_text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.create_index("ix_customers_status_kind", "customers", ["status", "kind"], unique=False)
    op.create_index(
        "ix_customers_tags", "customers", ["tags"], unique=False, postgresql_using="gin"
    )
    op.create_table(
        "contacts",
        sa.Column("customer_id", sa.UUID(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=100), nullable=True),
        sa.Column("department", sa.String(length=100), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("mobile", sa.String(length=50), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("is_primary", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column(
            "search_text",
            sa.Text(),
            sa.Computed("lower(name || ' ' || coalesce(email, ''))", persisted=True),
            nullable=False,
        ),
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
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_contacts_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
        sa.UniqueConstraint("id", "customer_id", name="uq_contacts_id_customer_id"),
    )
    op.create_index(op.f("ix_contacts_customer_id"), "contacts", ["customer_id"], unique=False)
    op.create_index(
        "ix_contacts_search_text_trgm",
        "contacts",
        ["search_text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.create_index(
        "uq_contacts_primary_per_customer",
        "contacts",
        ["customer_id"],
        unique=True,
        postgresql_where=sa.text("is_primary"),
    )
    op.create_table(
        "activities",
        sa.Column("customer_id", sa.UUID(), nullable=False),
        sa.Column("contact_id", sa.UUID(), nullable=True),
        sa.Column("author_id", sa.UUID(), nullable=True),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column(
            "data",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.CheckConstraint(
            "(type = 'event') = (event IS NOT NULL)",
            name=op.f("ck_activities_event_iff_type_event"),
        ),
        sa.CheckConstraint(
            "type IN ('call','email','meeting','note','event')", name=op.f("ck_activities_type")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["employees.id"],
            name=op.f("fk_activities_author_id_employees"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id", "customer_id"],
            ["contacts.id", "contacts.customer_id"],
            name="fk_activities_contact_of_customer",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_activities_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    op.execute("INSERT INTO company_settings (id) VALUES (1)")
    op.create_index(op.f("ix_activities_author_id"), "activities", ["author_id"], unique=False)
    op.create_index(op.f("ix_activities_contact_id"), "activities", ["contact_id"], unique=False)
    op.create_index(
        "ix_activities_customer_id_occurred_at",
        "activities",
        ["customer_id", sa.literal_column("occurred_at DESC"), sa.literal_column("id DESC")],
        unique=False,
    )
    op.create_index(
        "ix_activities_occurred_at",
        "activities",
        [sa.literal_column("occurred_at DESC")],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_activities_occurred_at", table_name="activities")
    op.drop_index("ix_activities_customer_id_occurred_at", table_name="activities")
    op.drop_index(op.f("ix_activities_contact_id"), table_name="activities")
    op.drop_index(op.f("ix_activities_author_id"), table_name="activities")
    op.drop_table("activities")
    op.drop_index(
        "uq_contacts_primary_per_customer",
        table_name="contacts",
        postgresql_where=sa.text("is_primary"),
    )
    op.drop_index(
        "ix_contacts_search_text_trgm",
        table_name="contacts",
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.drop_index(op.f("ix_contacts_customer_id"), table_name="contacts")
    op.drop_table("contacts")
    op.drop_index("ix_customers_tags", table_name="customers", postgresql_using="gin")
    op.drop_index("ix_customers_status_kind", table_name="customers")
    op.drop_index(
        "ix_customers_search_text_trgm",
        table_name="customers",
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.drop_index("ix_customers_created_at", table_name="customers")
    op.drop_table("customers")
    op.drop_table("number_ranges")
    op.drop_table("company_settings")
